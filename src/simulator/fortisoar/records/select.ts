/** Sorting and aggregates of record lists and queries. */
import { type FieldResolver, FilterError } from './filter.js';
import type { SoarRecord } from './store.js';

export interface SortKey {
  readonly field: string;
  readonly direction: 'asc' | 'desc';
}

export interface Aggregate {
  readonly operator: string;
  readonly field: string;
  readonly alias?: string;
}

export const AGGREGATE_OPERATORS = [
  'fields',
  'select',
  'count',
  'countdistinct',
  'groupby',
  'distinct',
  'sum',
  'max',
  'min',
  'avg',
  'median',
] as const;

/** `$orderby=-createDate,name`: a leading `-` sorts descending. */
export function parseOrderBy(text: string): SortKey[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) =>
      part.startsWith('-') ? { field: part.slice(1), direction: 'desc' } : { field: part, direction: 'asc' },
    );
}

/** The query API's `sort: [{field, direction}]` (direction in any case). */
export function parseSort(sort: unknown): SortKey[] {
  if (sort === undefined) return [];
  if (!Array.isArray(sort)) throw new FilterError('"sort" must be a list of {field, direction}.');
  return sort.map((key: { field?: unknown; direction?: unknown }) => {
    const direction = String(key?.direction ?? 'asc').toLowerCase();
    if (typeof key?.field !== 'string' || (direction !== 'asc' && direction !== 'desc'))
      throw new FilterError('Each sort key needs a "field" and a "direction" of ASC or DESC.');
    return { field: key.field, direction };
  });
}

/** A sorted copy (stable: ties keep creation order); missing values sort last. */
export function sortRecords(
  resolver: FieldResolver,
  records: readonly SoarRecord[],
  keys: readonly SortKey[],
): SoarRecord[] {
  if (keys.length === 0) return [...records];
  const keyed = records.map((record) => ({
    record,
    values: keys.map((k) => resolver.values(record, k.field)[0]),
  }));
  keyed.sort((a, b) => {
    for (const [i, key] of keys.entries()) {
      const [x, y] = [a.values[i], b.values[i]];
      const diff = compare(x, y);
      if (diff === 0) continue;
      const missing = x === null || x === undefined || y === null || y === undefined;
      return missing || key.direction === 'asc' ? diff : -diff;
    }
    return a.record.id - b.record.id;
  });
  return keyed.map((k) => k.record);
}

/** Rows of aggregated values: one row, or one per group when `groupby` is among the aggregates. */
export function aggregate(
  resolver: FieldResolver,
  records: readonly SoarRecord[],
  aggregates: readonly Aggregate[],
): Record<string, unknown>[] {
  for (const a of aggregates) {
    if (!(AGGREGATE_OPERATORS as readonly string[]).includes(a.operator))
      throw new FilterError(
        `Unsupported aggregate "${a.operator}"; use one of ${AGGREGATE_OPERATORS.join(', ')}.`,
      );
  }
  const alias = (a: Aggregate) => a.alias ?? a.field;
  const keys = aggregates.filter((a) => a.operator === 'groupby' || a.operator === 'distinct');
  const groups = new Map<string, { key: unknown[]; records: SoarRecord[] }>();
  for (const record of records) {
    const key = keys.map((k) => resolver.values(record, k.field)[0] ?? null);
    const id = JSON.stringify(key);
    let group = groups.get(id);
    if (!group) {
      group = { key, records: [] };
      groups.set(id, group);
    }
    group.records.push(record);
  }
  if (keys.length === 0 && groups.size === 0) groups.set('[]', { key: [], records: [] });
  return [...groups.values()].map((group) => {
    const row: Record<string, unknown> = {};
    keys.forEach((k, i) => {
      row[alias(k)] = group.key[i];
    });
    for (const a of aggregates) {
      if (a.operator === 'groupby' || a.operator === 'distinct') continue;
      row[alias(a)] = reduce(resolver, group.records, a);
    }
    return row;
  });
}

function reduce(resolver: FieldResolver, records: readonly SoarRecord[], a: Aggregate): unknown {
  if (a.operator === 'count' && (a.field === '*' || a.field === 'uuid' || a.field === 'id'))
    return records.length;
  const values = records
    .map((r) => resolver.values(r, a.field)[0])
    .filter((v) => v !== null && v !== undefined);
  const numbers = values.map(Number).filter((n) => !Number.isNaN(n));
  switch (a.operator) {
    case 'count':
      return values.length;
    case 'countdistinct':
      return new Set(values.map((v) => JSON.stringify(v))).size;
    case 'sum':
      return numbers.reduce((s, n) => s + n, 0);
    case 'max':
      return values.length ? values.reduce((m, v) => (compare(v, m) > 0 ? v : m)) : null;
    case 'min':
      return values.length ? values.reduce((m, v) => (compare(v, m) < 0 ? v : m)) : null;
    case 'avg':
      return numbers.length ? numbers.reduce((s, n) => s + n, 0) / numbers.length : null;
    case 'median': {
      if (numbers.length === 0) return null;
      const sorted = [...numbers].sort((x, y) => x - y);
      const mid = Math.floor(sorted.length / 2);
      return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1]! + sorted[mid]!) / 2;
    }
    default:
      // fields / select: the value of the group's first record
      return values[0] ?? null;
  }
}

function compare(a: unknown, b: unknown): number {
  const missingA = a === null || a === undefined;
  const missingB = b === null || b === undefined;
  if (missingA || missingB) return missingA === missingB ? 0 : missingA ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b));
}
