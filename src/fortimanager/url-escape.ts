/**
 * How FortiManager reads the `url` of a JSON-RPC request: `/`-separated steps, nothing
 * percent-decoded (a space is a space, `%20` is three characters). Inside a step, `\/` is a slash
 * that belongs to a name and `\\` a backslash: `…/obj/firewall/address/Net_10.0.0.0\/18`. Folder
 * paths such as `{pkg_path}` (`emea/branch/pkg1`) keep their plain `/` between folders.
 *
 * The client writes URLs by these rules, and the catalog (and the simulator) read them by the same.
 */
import { ValidationError } from '../core/errors.js';
import { hasControlCharacter } from '../core/guards.js';

const NEEDS_ESCAPE = /[\\/]/g;

/** Placeholders whose value is a folder path (`folder/sub/pkg`), not one name. */
const PATH_PARAMS: ReadonlySet<string> = new Set([
  'pkg_path',
  'pkg_name_path',
  'package_path_name',
  'object_url_name',
]);

/** True when the placeholder takes a `/`-separated folder path (`{pkg_path}`, `{…_path}`), not one name. */
export function isPathParam(name: string): boolean {
  return PATH_PARAMS.has(name) || name.endsWith('_path');
}

/**
 * One name as one URL step: `\` -> `\\`, `/` -> `\/`, everything else as it is. A name FortiManager
 * cannot read as a name (empty, `.`, `..`, control characters) is a ValidationError naming `field`.
 *
 * @example
 * escapeName('Net_10.0.0.0/18', 'params.address'); // 'Net_10.0.0.0\\/18'
 */
export function escapeName(name: string, field: string): string {
  checkStep(name, field);
  return name.replace(NEEDS_ESCAPE, (ch) => `\\${ch}`);
}

/**
 * A folder path (`emea/branch/pkg 1`) as URL steps: its `/` stay separators, each folder is
 * escaped like a name; empty, `.` and `..` steps are refused (no climbing out of the ADOM).
 */
export function escapePath(path: string, field: string): string {
  return path
    .split('/')
    .map((step) => {
      checkStep(step, field, path);
      return step.replaceAll('\\', '\\\\');
    })
    .join('/');
}

function checkStep(step: string, field: string, whole: string = step): void {
  if (step === '' || step === '.' || step === '..') {
    throw new ValidationError(
      `${field} ${JSON.stringify(whole)} has ${step === '' ? 'an empty step' : `a '${step}' step`}; FortiManager would read it as another path`,
      field,
    );
  }
  // Control characters have no spelling in a FortiManager URL.
  if (hasControlCharacter(step)) {
    throw new ValidationError(
      `${field} contains a control character, which a FortiManager URL cannot carry`,
      field,
    );
  }
}

/**
 * The steps of a URL as FortiManager reads them, unescaped: `\/` and `\\` inside a step are a slash
 * and a backslash of the name; empty steps (leading, trailing or doubled `/`) are dropped.
 *
 * @example
 * splitUrl('/pm/config/adom/root/obj/firewall/address/a\\/b'); // ['pm', ..., 'address', 'a/b']
 */
export function splitUrl(url: string): string[] {
  const steps: string[] = [];
  let current = '';
  for (let i = 0; i < url.length; i++) {
    const ch = url[i]!;
    const next = url[i + 1];
    if (ch === '\\' && (next === '/' || next === '\\')) {
      current += next;
      i++;
    } else if (ch === '/') {
      if (current !== '') steps.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  if (current !== '') steps.push(current);
  return steps;
}
