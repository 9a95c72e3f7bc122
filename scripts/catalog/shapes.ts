/**
 * Builds the type model: one shape (an interface body) per object and per nested `sub`, in two
 * modes (rows as read back, rows as accepted in `data`; they differ only where overrides say so).
 * Shapes are identified by their content, so identical bodies in one file become one interface.
 */
import { createHash } from 'node:crypto';
import { EXTRA_SUB_ATTRIBUTES, shapeOverrideAt } from '../../src/fortimanager/catalog/overrides.js';
import { attributesOf, compareText, mkeyOf } from '../../src/fortimanager/catalog/rules.js';
import type {
  FmgAttributeFacts,
  FmgObjectFacts,
  VersionRange,
} from '../../src/fortimanager/catalog/schema.js';
import { formatRanges } from '../../src/fortimanager/catalog/versions.js';
import { leafType, type RawHint, SHAPE_TYPES } from './field-types.js';

export type Mode = 'read' | 'write';

export interface FieldModel {
  readonly wire: string;
  /** One-line JSDoc text, if any. */
  readonly doc: string | undefined;
  /** TypeScript type; references to nested shapes are written as `refToken(id)`. */
  readonly type: string;
}

export interface ShapeModel {
  readonly id: string;
  readonly group: string;
  readonly fields: readonly FieldModel[];
  /** Nested shapes in field order, with the attribute that holds them (used to name them). */
  readonly children: readonly { readonly attr: string; readonly shape: ShapeModel }[];
}

export interface ObjectModel {
  readonly facts: FmgObjectFacts;
  readonly group: string;
  /** Undefined when the facts list no attributes (the entry then uses a loose row type). */
  readonly read: ShapeModel | undefined;
  readonly write: ShapeModel | undefined;
}

/** Placeholder for a nested shape's name inside a type text; replaced when names are known. */
export const refToken = (id: string): string => `@ref(${id})`;

/** Replaces the `refToken`s of a type text with the shapes' names. */
export function resolveRefs(type: string, nameOf: (id: string) => string): string {
  return type.replace(/@ref\(([0-9a-f]+)\)/g, (_, id: string) => nameOf(id));
}

interface Context {
  readonly object: FmgObjectFacts;
  readonly group: string;
  readonly mode: Mode;
}

export class ShapeBuilder {
  readonly #shapes = new Map<string, ShapeModel>();
  readonly #hints: ReadonlyMap<string, RawHint>;

  constructor(hints: ReadonlyMap<string, RawHint>) {
    this.#hints = hints;
  }

  objectModel(object: FmgObjectFacts, group: string): ObjectModel {
    const attributes = attributesOf(object);
    if (Object.keys(attributes).length === 0)
      return { facts: object, group, read: undefined, write: undefined };
    const build = (mode: Mode): ShapeModel =>
      this.#shape({ object, group, mode }, attributes, [], object.vRange, undefined);
    return { facts: object, group, read: build('read'), write: build('write') };
  }

  #shape(
    ctx: Context,
    attrs: Readonly<Record<string, FmgAttributeFacts>>,
    path: readonly string[],
    inherited: readonly VersionRange[] | null,
    holder: string | undefined,
  ): ShapeModel {
    const fields: FieldModel[] = [];
    const children: { attr: string; shape: ShapeModel }[] = [];
    for (const wire of Object.keys(attrs).sort(compareText)) {
      const attr = attrs[wire] as FmgAttributeFacts;
      const range = attr.vRange ?? inherited;
      const isKey = path.length === 0 && (wire === mkeyOf(ctx.object) || attr.required === true);
      const override = shapeOverrideAt(ctx.object.name, [...path, wire].join('.'));
      let type = override === undefined ? undefined : SHAPE_TYPES[override][ctx.mode];
      type ??= leafType(wire, attr, this.#hints, isKey);
      if (type === undefined) {
        const child = this.#shape(ctx, attr.sub ?? {}, [...path, wire], range, wire);
        children.push({ attr: wire, shape: child });
        type = attr.type === 'dict' ? `${refToken(child.id)} | null` : `${refToken(child.id)}[] | null`;
      }
      fields.push({ wire, doc: fieldDoc(attr, range, isKey), type });
    }
    for (const [wire, shape] of Object.entries(EXTRA_SUB_ATTRIBUTES[holder ?? ''] ?? {})) {
      if (attrs[wire] === undefined) {
        fields.push({
          wire,
          doc: 'Not in the facts; accepted per the catalog overrides.',
          type: SHAPE_TYPES[shape][ctx.mode],
        });
      }
    }
    fields.sort((a, b) => compareText(a.wire, b.wire));
    const id = createHash('sha1')
      .update(ctx.group)
      .update(fields.map((f) => `\n${f.wire}\t${f.type}\t${f.doc ?? ''}`).join(''))
      .digest('hex');
    const known = this.#shapes.get(id);
    if (known !== undefined) return known;
    const shape: ShapeModel = { id, group: ctx.group, fields, children };
    this.#shapes.set(id, shape);
    return shape;
  }
}

function fieldDoc(
  attr: FmgAttributeFacts,
  range: readonly VersionRange[] | null,
  isKey: boolean,
): string | undefined {
  const parts: string[] = [];
  if (range !== null && range.length > 0) parts.push(`FortiManager ${formatRanges(range)}.`);
  if (isKey) parts.push('Key of the table.');
  if (attr.sensitive === true) parts.push('Sensitive: never logged.');
  return parts.length === 0 ? undefined : parts.join(' ');
}
