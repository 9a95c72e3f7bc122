/**
 * TypeScript text for attribute facts that have no nested attributes. How the facts map to types:
 *
 * - `str` -> `string`; with `choices` -> a union of string literals.
 * - `int` -> `number`.
 * - `list` of `str`/`int` -> `string[]`/`number[]`; with `choices` -> an array of the union.
 * - `dict` without `sub` -> `Record<string, unknown>`.
 * - `raw` (untyped in the source): with `choices` -> the union or an array of it. Otherwise the same
 *   wire name elsewhere in the facts decides (ignoring sub-objects/sub-tables of that name): only
 *   ever `str`/list of `str` -> `string | string[]`, only ever `int`/list of `int` ->
 *   `number | number[]`, else `unknown`.
 * - Nullable: FortiManager sends `null` for an empty string, an empty sub-table and an empty
 *   sub-object (seed 003: `"comment": null`, `"tagging": null`, `"ha_slave": null`), and accepts it
 *   back (seed 001). So plain strings, string-like raws, dicts and lists of dict get `| null`, except
 *   the table key. Enums, numbers and lists of scalars are never `null` in the seeds.
 */
import type { WireShape } from '../../src/fortimanager/catalog/overrides.js';
import type { FmgAttributeFacts, FmgObjectFacts } from '../../src/fortimanager/catalog/schema.js';
import { quote } from './naming.js';

export type RawHint = 'string' | 'number';

/** TypeScript text of each override shape, as read back and as accepted in `data`. */
export const SHAPE_TYPES: Readonly<Record<WireShape, { read: string; write: string }>> = {
  'ip-mask': {
    read: '[ip: string, mask: string]',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: TypeScript source of template literal types
    write: '`${string}/${number}` | `${string} ${string}` | readonly [ip: string, mask: string]',
  },
  'string-or-list': { read: 'string | string[] | null', write: 'string | readonly string[] | null' },
  boolean: { read: 'boolean', write: 'boolean' },
  text: { read: 'string | null', write: 'string | null' },
  integer: { read: 'number', write: 'number' },
  opaque: { read: 'unknown', write: 'unknown' },
};

/**
 * For every `raw` wire name, what the typed occurrences of the same name say (see the file comment).
 * Names with mixed or no typed occurrences are absent.
 */
export function rawHints(objects: readonly FmgObjectFacts[]): Map<string, RawHint> {
  const seen = new Map<string, Set<RawHint>>();
  const visit = (attrs: Readonly<Record<string, FmgAttributeFacts>>): void => {
    for (const [wire, attr] of Object.entries(attrs)) {
      const kind = attr.type === 'list' ? attr.elements : attr.type;
      // A raw has no nested schema, so name-mates that are sub-objects or sub-tables say nothing about it.
      if (kind === 'str' || kind === 'int') {
        const kinds = seen.get(wire) ?? new Set<RawHint>();
        kinds.add(kind === 'str' ? 'string' : 'number');
        seen.set(wire, kinds);
      }
      if (attr.sub !== undefined) visit(attr.sub);
    }
  };
  for (const object of objects) visit(object.attributes);
  const hints = new Map<string, RawHint>();
  for (const [wire, kinds] of seen) {
    const [only] = kinds;
    if (kinds.size === 1 && only !== undefined) hints.set(wire, only);
  }
  return hints;
}

const union = (choices: readonly string[]): string => choices.map(quote).join(' | ');

/** TypeScript text of a scalar attribute (no `sub`), or undefined when it has nested attributes. */
export function leafType(
  wire: string,
  attr: FmgAttributeFacts,
  hints: ReadonlyMap<string, RawHint>,
  isKey: boolean,
): string | undefined {
  const choices = attr.choices !== undefined && attr.choices.length > 0 ? attr.choices : undefined;
  switch (attr.type) {
    case 'str':
      if (choices !== undefined) return union(choices);
      return isKey ? 'string' : 'string | null';
    case 'int':
      return 'number';
    case 'raw': {
      if (choices !== undefined) return `${union(choices)} | (${union(choices)})[]`;
      const hint = hints.get(wire);
      if (hint === 'string') return 'string | string[] | null';
      if (hint === 'number') return 'number | number[]';
      return 'unknown';
    }
    case 'list':
      if (attr.elements === 'dict')
        return attr.sub === undefined ? 'Record<string, unknown>[] | null' : undefined;
      if (choices !== undefined) return `(${union(choices)})[]`;
      return attr.elements === 'int' ? 'number[]' : 'string[]';
    case 'dict':
      return attr.sub === undefined ? 'Record<string, unknown> | null' : undefined;
  }
}
