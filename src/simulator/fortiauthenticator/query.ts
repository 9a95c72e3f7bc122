/**
 * List queries as Tastypie answers them: `<field>[__<lookup>]=<value>` filters, `order_by`, and
 * `limit`/`offset` paging with the `meta` envelope. A query parameter that names no field is ignored
 * (as the appliance does); a field that does not allow the filter is refused with 400.
 */
import type { FacLookup, FacResourceFacts } from '../../fortiauthenticator/facts.js';
import { badRequest } from './http.js';

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 1000;

/** Lookups Django knows; any of them that the field does not allow is refused. */
const QUERY_TERMS = new Set([
  'exact',
  'iexact',
  'contains',
  'icontains',
  'in',
  'gt',
  'gte',
  'lt',
  'lte',
  'startswith',
  'istartswith',
  'endswith',
  'iendswith',
  'range',
  'isnull',
  'regex',
  'iregex',
]);

interface Filter {
  readonly field: string;
  readonly lookup: FacLookup;
  readonly values: readonly string[];
}

export interface ListQuery {
  readonly filters: readonly Filter[];
  readonly order: readonly { field: string; descending: boolean }[];
  readonly limit: number;
  readonly offset: number;
}

/** Reads the query string; `known` are the names that are fields of the resource. */
export function parseListQuery(
  query: URLSearchParams,
  facts: FacResourceFacts,
  known: ReadonlySet<string>,
): ListQuery {
  const filters: Filter[] = [];
  const seen = new Set<string>();
  for (const key of query.keys()) {
    if (seen.has(key)) continue;
    seen.add(key);
    const bits = key.split('__');
    const field = bits.shift() as string;
    if (!known.has(field) && !(field in facts.filters)) continue;
    const term = bits.length > 0 ? (bits.pop() as string) : 'exact';
    if (bits.length > 0 || !QUERY_TERMS.has(term)) {
      throw badRequest(`'${[...bits, term].join('__')}' is not an allowed filter on the '${field}' field.`);
    }
    const allowed = facts.filters[field];
    if (!allowed) throw badRequest(`The '${field}' field does not allow filtering.`);
    if (!allowed.includes(term as FacLookup)) {
      throw badRequest(`'${term}' is not an allowed filter on the '${field}' field.`);
    }
    const raw = query.getAll(key);
    const values = term === 'in' ? raw.flatMap((v) => v.split(',')) : [raw[raw.length - 1] ?? ''];
    filters.push({ field, lookup: term as FacLookup, values });
  }
  const order = query.getAll('order_by').map((spec) => {
    const descending = spec.startsWith('-');
    const field = descending ? spec.slice(1) : spec;
    if (!known.has(field)) throw badRequest(`No matching '${field}' field for ordering on.`);
    return { field, descending };
  });
  return { filters, order, limit: limitOf(query.get('limit')), offset: offsetOf(query.get('offset')) };
}

function limitOf(text: string | null): number {
  if (text === null) return DEFAULT_LIMIT;
  const n = Number(text);
  if (!/^-?\d+$/.test(text.trim()) || !Number.isSafeInteger(n)) {
    throw badRequest(`Invalid limit '${text}' provided. Please provide a positive integer.`);
  }
  if (n < 0) throw badRequest(`Invalid limit '${text}' provided. Please provide a positive integer >= 0.`);
  // limit=0 does not mean "everything": it is clamped to the maximum.
  return n === 0 || n > MAX_LIMIT ? MAX_LIMIT : n;
}

function offsetOf(text: string | null): number {
  if (text === null) return 0;
  const n = Number(text);
  if (!/^-?\d+$/.test(text.trim()) || !Number.isSafeInteger(n)) {
    throw badRequest(`Invalid offset '${text}' provided. Please provide an integer.`);
  }
  if (n < 0) throw badRequest(`Invalid offset '${text}' provided. Please provide a positive integer >= 0.`);
  return n;
}

/** Whether a stored value passes a filter. Relation URIs also match by their id. */
export function matches(value: unknown, filter: Filter): boolean {
  const candidates = Array.isArray(value) ? value : [value];
  return candidates.some((one) => filter.values.some((wanted) => matchOne(one, filter.lookup, wanted)));
}

function matchOne(value: unknown, lookup: FacLookup, wanted: string): boolean {
  if (value === null || value === undefined) return wanted === 'None' || wanted === 'null';
  const text = typeof value === 'boolean' ? (value ? 'true' : 'false') : String(value);
  switch (lookup) {
    case 'exact':
    case 'in':
      return text === normaliseBoolean(value, wanted) || uriId(text) === wanted;
    case 'iexact':
      return text.toLowerCase() === wanted.toLowerCase();
    case 'contains':
      return text.includes(wanted);
    case 'icontains':
      return text.toLowerCase().includes(wanted.toLowerCase());
    case 'startswith':
      return text.startsWith(wanted);
    case 'istartswith':
      return text.toLowerCase().startsWith(wanted.toLowerCase());
  }
}

function normaliseBoolean(value: unknown, wanted: string): string {
  if (typeof value !== 'boolean') return wanted;
  const lower = wanted.toLowerCase();
  return lower === '1' ? 'true' : lower === '0' ? 'false' : lower;
}

/** `/api/v1/usergroups/3/` -> `3`. */
function uriId(text: string): string | undefined {
  return /^\/api\/v1\/[^?]+\/(\d+)\/$/.exec(text)?.[1];
}

export function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const [x, y] = [String(a), String(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The `meta` of one page; `next`/`previous` are paths with the caller's query, as the appliance links them. */
export function pageMeta(
  path: string,
  query: URLSearchParams,
  q: ListQuery,
  total: number,
): { limit: number; next: string | null; offset: number; previous: string | null; total_count: number } {
  const link = (offset: number) => {
    const params = new URLSearchParams();
    for (const [key, value] of query) if (key !== 'limit' && key !== 'offset') params.append(key, value);
    params.append('limit', String(q.limit));
    params.append('offset', String(offset));
    return `${path}?${params}`;
  };
  return {
    limit: q.limit,
    next: q.offset + q.limit < total ? link(q.offset + q.limit) : null,
    offset: q.offset,
    previous: q.offset - q.limit >= 0 ? link(q.offset - q.limit) : null,
    total_count: total,
  };
}
