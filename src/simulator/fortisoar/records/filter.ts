/**
 * Filters of the query API (`POST /api/query/<module>`) and of list query strings, evaluated on
 * records. A field may be a path: `severity.itemValue` (a picklist's value), `assignedTo.name`
 * (a referenced record), `indicators.value` (any linked record). Every operator FortiSOAR
 * documents is supported: eq, neq, lt, lte, gt, gte, in, nin, like, notlike, contains, exists, isnull.
 */
import { type Picklists, picklistView } from './picklists.js';
import { type ModuleSchema, SYSTEM_FIELDS } from './schema.js';
import type { RecordStore, SoarRecord } from './store.js';

export type FilterNode =
  | { readonly field: string; readonly operator?: string; readonly value?: unknown; readonly type?: string }
  | { readonly logic: string; readonly filters: readonly FilterNode[] };

export type Predicate = (record: SoarRecord) => boolean;

export const OPERATORS = [
  'eq',
  'neq',
  'lt',
  'lte',
  'gt',
  'gte',
  'in',
  'nin',
  'like',
  'notlike',
  'contains',
  'exists',
  'isnull',
] as const;

/** A filter that cannot be evaluated: unknown field or operator, malformed node. */
export class FilterError extends Error {}

export class FieldResolver {
  constructor(
    private readonly store: RecordStore,
    private readonly picklists: Picklists,
  ) {}

  /** Checks that `path` names a field of `schema` (its first step; deeper steps are checked lazily). */
  assertField(schema: ModuleSchema, path: string): void {
    const [head] = path.split('.');
    if (head === undefined || !(head in schema.fields || head in SYSTEM_FIELDS || head === '@id'))
      throw new FilterError(`Unknown field "${path}" for ${schema.name}.`);
  }

  /** Every value `path` reaches from `record` (a to-many step fans out). */
  values(record: SoarRecord, path: string): unknown[] {
    return this.#walk(record, path.split('.'));
  }

  #walk(record: SoarRecord, steps: readonly string[]): unknown[] {
    const [head, ...rest] = steps as [string, ...string[]];
    const kind = record.schema.fields[head] ?? SYSTEM_FIELDS[head];
    const own = this.#own(record, head);
    if (rest.length === 0) return kind?.type === 'many' ? (own as unknown[]) : [own];
    if (kind?.type === 'picklist') {
      const item = typeof own === 'string' ? this.picklists.item(own) : undefined;
      return item ? [picklistView(item)[rest.join('.')] ?? null] : [null];
    }
    const targets = (kind?.type === 'many' ? (own as string[]) : [own]).map((iri) =>
      typeof iri === 'string' ? this.store.byIri(iri) : undefined,
    );
    return targets.flatMap((target) => (target ? this.#walk(target, rest) : [null]));
  }

  #own(record: SoarRecord, field: string): unknown {
    switch (field) {
      case '@id':
        return record.iri;
      case 'id':
        return record.id;
      case 'uuid':
        return record.uuid;
      case 'createDate':
        return record.createDate;
      case 'modifyDate':
        return record.modifyDate;
      case 'createUser':
        return record.createUser;
      case 'modifyUser':
        return record.modifyUser;
      default: {
        const kind = record.schema.fields[field];
        if (kind?.type === 'many') return [...(record.links.get(field) ?? [])];
        return record.values[field] ?? null;
      }
    }
  }
}

/** Compiles a filter tree (the top level joined by `logic`) into a predicate. */
export function compileFilters(
  resolver: FieldResolver,
  schema: ModuleSchema,
  filters: readonly FilterNode[],
  logic = 'AND',
): Predicate {
  const parts = filters.map((node) => compileNode(resolver, schema, node));
  return join(parts, logic);
}

function compileNode(resolver: FieldResolver, schema: ModuleSchema, node: FilterNode): Predicate {
  if (typeof node !== 'object' || node === null) throw new FilterError('A filter must be an object.');
  if ('filters' in node) {
    if (!Array.isArray(node.filters)) throw new FilterError('"filters" of a group must be a list.');
    return compileFilters(resolver, schema, node.filters, node.logic);
  }
  if (typeof node.field !== 'string') throw new FilterError('A filter needs a "field".');
  resolver.assertField(schema, node.field);
  const operator = node.operator ?? 'eq';
  const test = comparison(operator, node.value);
  return (record) => test(resolver.values(record, node.field));
}

function join(parts: Predicate[], logic: string): Predicate {
  const upper = String(logic).toUpperCase();
  if (upper !== 'AND' && upper !== 'OR')
    throw new FilterError(`Unsupported logic "${logic}"; use AND or OR.`);
  if (parts.length === 0) return () => true;
  return upper === 'AND' ? (r) => parts.every((p) => p(r)) : (r) => parts.some((p) => p(r));
}

/** A test over the values a field path reaches. */
function comparison(operator: string, value: unknown): (values: unknown[]) => boolean {
  const present = (values: unknown[]) => values.some((v) => v !== null && v !== undefined);
  switch (operator) {
    case 'eq':
      return (values) => (value === null ? !present(values) : values.some((v) => same(v, value)));
    case 'neq':
      return (values) => (value === null ? present(values) : !values.some((v) => same(v, value)));
    case 'lt':
      return (values) => values.some((v) => order(v, value) < 0);
    case 'lte':
      return (values) => values.some((v) => order(v, value) <= 0);
    case 'gt':
      return (values) => values.some((v) => order(v, value) > 0);
    case 'gte':
      return (values) => values.some((v) => order(v, value) >= 0);
    case 'in':
    case 'nin': {
      const set = listOf(value);
      const hit = (values: unknown[]) => values.some((v) => set.some((s) => same(v, s)));
      return operator === 'in' ? hit : (values) => !hit(values);
    }
    case 'like':
    case 'notlike': {
      const pattern = likePattern(value);
      const hit = (values: unknown[]) => values.some((v) => typeof v === 'string' && pattern.test(v));
      return operator === 'like' ? hit : (values) => !hit(values);
    }
    case 'contains': {
      const needle = String(value).toLowerCase();
      return (values) =>
        values.some((v) => (typeof v === 'string' ? v.toLowerCase().includes(needle) : same(v, value)));
    }
    case 'exists':
      return (values) => present(values) === truthy(value ?? true);
    case 'isnull':
      return (values) => !present(values) === truthy(value ?? true);
    default:
      throw new FilterError(`Unsupported operator "${operator}"; use one of ${OPERATORS.join(', ')}.`);
  }
}

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a === 'object' || typeof b === 'object') return false;
  return String(a) === String(b);
}

/** Negative, zero or positive; NaN (never true) when either side is missing. */
function order(a: unknown, b: unknown): number {
  if (a === null || a === undefined || b === null || b === undefined) return Number.NaN;
  if (typeof a === 'number') return a - Number(b);
  return String(a).localeCompare(String(b));
}

function listOf(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (typeof value === 'string') return value.split(',').map((s) => s.trim());
  return [value];
}

function truthy(value: unknown): boolean {
  return value === true || value === 'true' || value === 1 || value === '1';
}

/** SQL `LIKE` (`%` any run, `_` one character), case-insensitive as FortiSOAR's search is. */
function likePattern(value: unknown): RegExp {
  const source = String(value)
    .split('')
    .map((c) => (c === '%' ? '.*' : c === '_' ? '.' : c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, 'is');
}
