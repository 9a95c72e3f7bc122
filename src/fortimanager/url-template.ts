import { ValidationError } from '../core/errors.js';
import type { ParamValue } from './typing.js';

const PLACEHOLDER = /\{([^{}]+)\}/g;
/** Placeholders that carry a folder path (`folder/sub/pkg`): each folder is encoded, the slashes kept. */
const PATH_PARAM = /path/;

/** The placeholder names of a URL template, in order: `'/a/{x}/b/{y}'` -> `['x', 'y']`. */
export function placeholdersOf(template: string): string[] {
  return Array.from(template.matchAll(PLACEHOLDER), (m) => m[1]!);
}

/**
 * Fills the `{name}` placeholders of a URL template from `params` (the Octokit route idea). Each value
 * is URL-encoded, so a name with `/`, spaces or `%` stays one path segment; values of `*path*`
 * placeholders (`{pkg_path}`) keep their slashes. `{adom}` falls back to `defaultAdom`. A URL without
 * placeholders is returned as it is.
 *
 * @example
 * fillUrl('/pm/config/adom/{adom}/obj/firewall/address/{address}', { address: 'net 10/8' }, 'root');
 * // '/pm/config/adom/root/obj/firewall/address/net%2010%2F8'
 */
export function fillUrl(
  template: string,
  params: Readonly<Record<string, ParamValue | undefined>> | undefined,
  defaultAdom?: string,
): string {
  if (!template.includes('{')) {
    rejectUnused(template, params, []);
    return template;
  }
  const used: string[] = [];
  const url = template.replace(PLACEHOLDER, (_, name: string) => {
    used.push(name);
    const value = params?.[name] ?? (name === 'adom' ? defaultAdom : undefined);
    return encodeParam(template, name, value);
  });
  rejectUnused(template, params, used);
  return url;
}

function encodeParam(template: string, name: string, value: ParamValue | undefined): string {
  if (value === undefined) {
    const hint = name === 'adom' ? " or set the client's adom option" : '';
    throw new ValidationError(
      `URL ${template} needs {${name}}: pass params: { '${name}': ... }${hint}`,
      `params.${name}`,
    );
  }
  if (typeof value === 'number' ? !Number.isFinite(value) : typeof value !== 'string' || value === '') {
    throw new ValidationError(
      `params.${name} must be a non-empty string or a finite number, got ${JSON.stringify(value)}`,
      `params.${name}`,
    );
  }
  const text = String(value);
  return PATH_PARAM.test(name) ? text.split('/').map(encodeURIComponent).join('/') : encodeURIComponent(text);
}

function rejectUnused(
  template: string,
  params: Readonly<Record<string, unknown>> | undefined,
  used: readonly string[],
): void {
  if (!params) return;
  for (const key of Object.keys(params)) {
    if (!used.includes(key)) {
      const expected = used.length ? used.map((u) => `{${u}}`).join(', ') : 'no placeholders';
      throw new ValidationError(
        `params.${key} is not a placeholder of URL ${template} (it has ${expected})`,
        `params.${key}`,
      );
    }
  }
}
