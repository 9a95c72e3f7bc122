/**
 * Query strings of list calls: filters (`field`, `field__lookup`; a list value of `__in` repeats the
 * parameter), `order_by`, paging and the resource's own parameters. Filters are checked against the
 * resource's table before sending: the appliance silently ignores a parameter that names no field,
 * so a typo would otherwise return every object.
 */

import { Issues } from '../core/issues.js';
import type { QueryValue } from '../core/rest.js';
import type { FacLookup, FacResourceFacts } from './facts.js';

const LOOKUPS: ReadonlySet<string> = new Set<FacLookup>([
  'exact',
  'iexact',
  'contains',
  'icontains',
  'in',
  'startswith',
  'istartswith',
]);

export type Query = Record<string, QueryValue | readonly QueryValue[]>;

export interface QueryParts {
  readonly filter?: object | undefined;
  readonly orderBy?: string | readonly string[] | undefined;
  readonly query?: object | undefined;
  readonly limit?: number | undefined;
  readonly offset?: number | undefined;
}

/** The query of a list (or filtered delete) of `name`; throws a ValidationError naming every bad filter. */
export function listQuery(name: string, facts: FacResourceFacts, parts: QueryParts): Query {
  const issues = new Issues();
  const out: Query = {};
  for (const [key, value] of Object.entries(parts.filter ?? {})) {
    if (value === undefined) continue;
    const [field, lookup] = splitFilter(key);
    const allowed = facts.filters[field];
    if (!allowed) {
      const known = Object.keys(facts.filters);
      issues.add(
        `filter.${key}`,
        known.length > 0
          ? `'${field}' cannot be filtered on; filterable: ${known.join(', ')}`
          : `${name} has no filters`,
        'unknown-filter',
      );
      continue;
    }
    if (!allowed.includes(lookup)) {
      issues.add(
        `filter.${key}`,
        `'${field}' allows ${allowed.join(', ')}, not ${lookup}`,
        'lookup-not-allowed',
      );
      continue;
    }
    const list = Array.isArray(value);
    if (list !== (lookup === 'in')) {
      issues.add(`filter.${key}`, lookup === 'in' ? 'give a list of values' : 'give one value, not a list');
      continue;
    }
    out[key] = list ? (value as unknown[]).map(wire) : wire(value);
  }
  if (
    parts.limit !== undefined &&
    !(Number.isSafeInteger(parts.limit) && parts.limit >= 1 && parts.limit <= 1000)
  ) {
    issues.add(
      'limit',
      'must be an integer from 1 to 1000 (the appliance clamps larger values and 0 to 1000)',
    );
  }
  if (parts.offset !== undefined && !(Number.isSafeInteger(parts.offset) && parts.offset >= 0)) {
    issues.add('offset', 'must be an integer >= 0');
  }
  issues.throwIfAny(`${name} query`);
  if (parts.orderBy !== undefined)
    out.order_by = typeof parts.orderBy === 'string' ? parts.orderBy : [...parts.orderBy];
  for (const [key, value] of Object.entries(parts.query ?? {}))
    if (value !== undefined) out[key] = wire(value);
  if (parts.limit !== undefined) out.limit = parts.limit;
  if (parts.offset !== undefined) out.offset = parts.offset;
  return out;
}

function splitFilter(key: string): [string, FacLookup] {
  const at = key.lastIndexOf('__');
  if (at > 0 && LOOKUPS.has(key.slice(at + 2))) return [key.slice(0, at), key.slice(at + 2) as FacLookup];
  return [key, 'exact'];
}

function wire(value: unknown): QueryValue {
  if (typeof value === 'string' || typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return String(value);
}
