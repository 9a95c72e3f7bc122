import { isRecord } from '../../core/guards.js';

/** A value at a dotted path (`status.code`); the whole key wins when it exists (`meta fields`). */
export function valueAt(record: unknown, path: string): unknown {
  if (!isRecord(record)) return undefined;
  if (path in record) return record[path];
  let value: unknown = record;
  for (const part of path.split('.')) {
    if (!isRecord(value)) return undefined;
    value = value[part];
  }
  return value;
}

/** Only the chosen fields of a record, in the order given. */
export function pick(record: unknown, fields: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(fields.map((field) => [field, valueAt(record, field)]));
}

/** A cell: scalars as they are, lists of scalars joined, anything else as compact JSON. */
export function cellText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value !== 'object') return String(value);
  if (Array.isArray(value) && value.every((v) => v === null || typeof v !== 'object')) {
    return value.map((v) => String(v ?? '')).join(', ');
  }
  return JSON.stringify(value);
}

/** True for values that read well in a table cell (not a nested table). */
export function isFlat(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return true;
  return Array.isArray(value) && value.every((v) => v === null || typeof v !== 'object');
}

/** Column names of a list: the keys in order of first appearance, flat ones first. */
export function columnsOf(rows: readonly unknown[]): string[] {
  const flat: string[] = [];
  const nested = new Set<string>();
  const seen = new Set<string>();
  for (const row of rows) {
    if (!isRecord(row)) continue;
    for (const [key, value] of Object.entries(row)) {
      if (value === undefined) continue;
      if (!isFlat(value)) nested.add(key);
      if (seen.has(key)) continue;
      seen.add(key);
      flat.push(key);
    }
  }
  return [...flat.filter((k) => !nested.has(k)), ...flat.filter((k) => nested.has(k))];
}
