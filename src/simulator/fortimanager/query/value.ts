import type { NodeSchema } from '../schema.js';
import type { Row } from '../store/table.js';

/** The value a row has for an attribute: the stored one, else the schema default. */
export function attrValue(row: Row, name: string, node: NodeSchema): unknown {
  const value = row[name];
  return value !== undefined ? value : node.defaults.get(name);
}

/** Orders two attribute values: numbers numerically, everything else as text; missing last. */
export function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === undefined || a === null) return 1;
  if (b === undefined || b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const left = textOf(a);
  const right = textOf(b);
  return left < right ? -1 : left > right ? 1 : 0;
}

export function textOf(value: unknown): string {
  if (Array.isArray(value)) return value.map(textOf).join(' ');
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
}
