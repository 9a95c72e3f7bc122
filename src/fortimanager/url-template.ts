import { ValidationError } from '../core/errors.js';
import { hasControlCharacter } from '../core/guards.js';
import type { ParamValue } from './types.js';
import { escapeName, escapePath, isPathParam } from './url-escape.js';

const PLACEHOLDER = /\{([^{}]+)\}/g;

/** The placeholder names of a URL template, in order: `'/a/{x}/b/{y}'` -> `['x', 'y']`. */
export function placeholdersOf(template: string): string[] {
  return Array.from(template.matchAll(PLACEHOLDER), (m) => m[1]!);
}

/**
 * Fills the `{name}` placeholders of a URL template from `params` (the Octokit route idea), escaped
 * the way FortiManager reads them (see `url-escape.ts`): a `/` inside a name is `\/`, a `\` is `\\`,
 * everything else (spaces, `%`, `#`, quotes, non-ASCII) goes as it is; folder-path placeholders
 * (`{pkg_path}`) keep their `/` between folders. `{adom}` falls back to `defaultAdom`. A URL without
 * placeholders is returned as it is. Values FortiManager cannot read as a name (`''`, `.`, `..`,
 * control characters) are a ValidationError.
 *
 * @example
 * fillUrl('/pm/config/adom/{adom}/obj/firewall/address/{address}', { address: 'net 10/8' }, 'root');
 * // '/pm/config/adom/root/obj/firewall/address/net 10\/8'
 */
export function fillUrl(
  template: string,
  params: Readonly<Record<string, ParamValue | undefined>> | undefined,
  defaultAdom?: string,
): string {
  const cut = compiled(template);
  const { texts, names, bare } = cut;
  if (!params && bare !== undefined && bare.adom === defaultAdom) return bare.url;
  let url = texts[0]!;
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    const value = params?.[name] ?? (name === 'adom' ? defaultAdom : undefined);
    url += encodeParam(template, name, value) + texts[i + 1]!;
  }
  if (params) rejectUnused(template, params, names);
  else cut.bare = { adom: defaultAdom, url };
  return url;
}

/** A template cut at its placeholders: `texts[0] {names[0]} texts[1] ...`. */
interface CompiledTemplate {
  texts: readonly string[];
  names: readonly string[];
  /** The last URL filled without params (only `{adom}` from the default can vary). */
  bare?: { adom: string | undefined; url: string };
}

/** Templates seen so far: a client uses a few, each many times. Bounded so that literal URLs cannot grow it. */
const COMPILED = new Map<string, CompiledTemplate>();
const MAX_COMPILED = 1_000;

function compiled(template: string): CompiledTemplate {
  const known = COMPILED.get(template);
  if (known) return known;
  if (hasControlCharacter(template)) {
    throw new ValidationError('The URL contains a control character, which FortiManager cannot read', 'url');
  }
  const texts: string[] = [];
  const names: string[] = [];
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    texts.push(template.slice(last, match.index));
    names.push(match[1]!);
    last = match.index + match[0].length;
  }
  texts.push(template.slice(last));
  const result = { texts, names };
  if (COMPILED.size >= MAX_COMPILED) COMPILED.clear();
  COMPILED.set(template, result);
  return result;
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
  const field = `params.${name}`;
  return isPathParam(name) ? escapePath(text, field) : escapeName(text, field);
}

function rejectUnused(
  template: string,
  params: Readonly<Record<string, unknown>>,
  used: readonly string[],
): void {
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
