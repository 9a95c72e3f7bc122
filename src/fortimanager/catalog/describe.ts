/** Human- and machine-readable facts about a URL's fields (for `fmg.describe(url)` and the CLI). */
import { EXTRA_SUB_ATTRIBUTES, shapeOverrideAt, type WireShape } from './overrides.js';
import { attributesOf, compareText } from './rules.js';
import type { FmgAttributeFacts, FmgObjectFacts, VersionRange } from './schema.js';
import { formatRanges } from './versions.js';

export interface FieldDescription {
  /** Wire name, e.g. `'allow-routing'`. */
  readonly name: string;
  /** `'str'`, `'int'`, `'raw'`, `'dict'`, `'list<str>'`, `'list<dict>'`, or an override shape (`'ip-mask'`). */
  readonly type: string;
  readonly choices?: readonly string[];
  /** Versions the field exists in, e.g. `'6.2.2+'`; undefined when the facts record none. */
  readonly versions?: string;
  readonly ranges?: readonly VersionRange[];
  readonly required: boolean;
  readonly sensitive: boolean;
  /** True when the type comes from the catalog overrides rather than the facts. */
  readonly overridden: boolean;
  readonly fields?: readonly FieldDescription[];
}

/** Fields of an object, sorted by name, with effective version ranges and overrides applied. */
export function describeFields(object: FmgObjectFacts): FieldDescription[] {
  return fieldsOf(object, attributesOf(object), {}, [], object.vRange);
}

function fieldsOf(
  object: FmgObjectFacts,
  attrs: Readonly<Record<string, FmgAttributeFacts>>,
  extras: Readonly<Record<string, WireShape>>,
  path: readonly string[],
  inherited: readonly VersionRange[] | null,
): FieldDescription[] {
  const fields = Object.keys(attrs).map((name) => {
    const attr = attrs[name] as FmgAttributeFacts;
    const ranges = attr.vRange ?? inherited;
    const override = shapeOverrideAt(object.name, [...path, name].join('.'));
    const nested =
      attr.sub === undefined || override !== undefined
        ? undefined
        : fieldsOf(object, attr.sub, EXTRA_SUB_ATTRIBUTES[name] ?? {}, [...path, name], ranges);
    return {
      name,
      type: override ?? (attr.type === 'list' ? `list<${attr.elements ?? 'str'}>` : attr.type),
      ...(attr.choices !== undefined && override === undefined ? { choices: attr.choices } : {}),
      ...(ranges !== null ? { versions: formatRanges(ranges), ranges } : {}),
      required: attr.required === true,
      sensitive: attr.sensitive === true,
      overridden: override !== undefined,
      ...(nested !== undefined ? { fields: nested } : {}),
    };
  });
  for (const [name, shape] of Object.entries(extras)) {
    if (attrs[name] === undefined) {
      fields.push({ name, type: shape, required: false, sensitive: false, overridden: true });
    }
  }
  return fields.sort((a, b) => compareText(a.name, b.name));
}
