/**
 * The query API (`POST /api/query/<module>`) as a typed builder: filters with every FortiSOAR
 * operator, AND/OR groups nested at will, sort, aggregates, selected fields and relationships.
 *
 * @example
 * import { q } from 'fortix/fortisoar';
 * const open = q.and(q.eq('status.itemValue', 'Open'), q.or(q.like('name', '%phish%'), q.gte('createDate', since)));
 * for await (const alert of soar.alerts.iterate({ query: { filter: open, sort: ['-createDate'] } })) ...
 */
import { ValidationError } from '../core/errors.js';
import { Issues } from '../core/issues.js';

export type Operator =
  | 'eq'
  | 'neq'
  | 'lt'
  | 'lte'
  | 'gt'
  | 'gte'
  | 'in'
  | 'nin'
  | 'like'
  | 'notlike'
  | 'contains'
  | 'exists'
  | 'isnull';

export type Scalar = string | number | boolean | null;

/** One condition on a field; the field may be a path (`severity.itemValue`, `indicators.value`). */
export interface Condition {
  readonly field: string;
  readonly operator: Operator;
  readonly value: Scalar | readonly Scalar[];
}

/** Conditions and groups joined by AND or OR. */
export interface Group {
  readonly logic: 'AND' | 'OR';
  readonly filters: readonly Filter[];
}

export type Filter = Condition | Group;

const condition = (operator: Operator) => (field: string, value: Scalar) =>
  ({ field, operator, value }) as Condition;
const listCondition = (operator: Operator) => (field: string, values: readonly Scalar[]) =>
  ({ field, operator, value: values }) as Condition;

/** Filter builders. */
export const q = {
  eq: condition('eq'),
  neq: condition('neq'),
  lt: condition('lt'),
  lte: condition('lte'),
  gt: condition('gt'),
  gte: condition('gte'),
  in: listCondition('in'),
  nin: listCondition('nin'),
  /** SQL `LIKE`: `%` any run of characters, `_` one character. */
  like: (field: string, pattern: string): Condition => ({ field, operator: 'like', value: pattern }),
  notlike: (field: string, pattern: string): Condition => ({ field, operator: 'notlike', value: pattern }),
  /** A text field containing `value`, or a relationship containing an IRI. */
  contains: condition('contains'),
  /** The field has a value (`exists = false`: it has none). */
  exists: (field: string, exists = true): Condition => ({ field, operator: 'exists', value: exists }),
  isnull: (field: string, isNull = true): Condition => ({ field, operator: 'isnull', value: isNull }),
  and: (...filters: Filter[]): Group => ({ logic: 'AND', filters }),
  or: (...filters: Filter[]): Group => ({ logic: 'OR', filters }),
};

export type AggregateOperator =
  | 'count'
  | 'countdistinct'
  | 'groupby'
  | 'distinct'
  | 'sum'
  | 'max'
  | 'min'
  | 'avg'
  | 'median'
  | 'select';

export interface Aggregate {
  readonly operator: AggregateOperator;
  readonly field: string;
  readonly alias?: string;
}

const aggregateOf =
  (operator: AggregateOperator) =>
  (field: string, alias?: string): Aggregate =>
    alias === undefined ? { operator, field } : { operator, field, alias };

/** Aggregate builders: `agg.groupBy('severity.itemValue', 'severity'), agg.count('*', 'total')`. */
export const agg = {
  count: aggregateOf('count'),
  countDistinct: aggregateOf('countdistinct'),
  groupBy: aggregateOf('groupby'),
  distinct: aggregateOf('distinct'),
  sum: aggregateOf('sum'),
  max: aggregateOf('max'),
  min: aggregateOf('min'),
  avg: aggregateOf('avg'),
  median: aggregateOf('median'),
  select: aggregateOf('select'),
};

/** A query: what to match, in which order, with which fields. */
export interface Query {
  readonly filter?: Filter;
  /** `['-createDate', 'name']` (a leading `-` sorts descending) or `{ field, direction }` keys. */
  readonly sort?: ReadonlyArray<string | { readonly field: string; readonly direction: 'asc' | 'desc' }>;
  /** Only these fields (`__selectFields`). */
  readonly fields?: readonly string[];
  /** Leave these fields out (`__ignoreFields`). */
  readonly ignoreFields?: readonly string[];
  /** Include to-many relationships as IRI lists. */
  readonly relationships?: boolean;
}

/** Every filter operator of the query API. */
export const QUERY_OPERATORS: ReadonlySet<string> = new Set<string>([
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
]);
const AGGREGATES = new Set<string>([
  'count',
  'countdistinct',
  'groupby',
  'distinct',
  'sum',
  'max',
  'min',
  'avg',
  'median',
  'select',
  'fields',
]);

/** The wire body of a query, checked: a bad filter is a ValidationError before anything is sent. */
export function queryBody(query: Query, aggregates?: readonly Aggregate[]): Record<string, unknown> {
  const issues = new Issues();
  const top: Group =
    query.filter === undefined ? q.and() : 'logic' in query.filter ? query.filter : q.and(query.filter);
  checkFilter(top, 'filter', issues);
  const sort = (query.sort ?? []).map((key, i) => {
    if (typeof key === 'string') {
      const descending = key.startsWith('-');
      const field = descending ? key.slice(1) : key;
      if (field === '') issues.add(`sort[${i}]`, 'needs a field name');
      return { field, direction: descending ? 'DESC' : 'ASC' };
    }
    if (key.direction !== 'asc' && key.direction !== 'desc')
      issues.add(`sort[${i}].direction`, "must be 'asc' or 'desc'");
    return { field: key.field, direction: key.direction.toUpperCase() };
  });
  for (const [i, a] of (aggregates ?? []).entries()) {
    if (!AGGREGATES.has(a.operator))
      issues.add(`aggregates[${i}].operator`, `unknown aggregate '${a.operator}'`);
    if (typeof a.field !== 'string' || a.field === '')
      issues.add(`aggregates[${i}].field`, 'needs a field name');
  }
  issues.throwIfAny('FortiSOAR query');
  const body: Record<string, unknown> = { logic: top.logic, filters: top.filters };
  if (sort.length > 0) body.sort = sort;
  if (query.fields) body.__selectFields = query.fields;
  if (query.ignoreFields) body.__ignoreFields = query.ignoreFields;
  if (query.relationships) body.relationships = true;
  if (aggregates) body.aggregates = aggregates;
  return body;
}

function checkFilter(filter: Filter, path: string, issues: Issues): void {
  if (typeof filter !== 'object' || filter === null) {
    issues.add(path, 'must be a condition or a group');
    return;
  }
  if ('logic' in filter) {
    if (filter.logic !== 'AND' && filter.logic !== 'OR') issues.add(`${path}.logic`, "must be 'AND' or 'OR'");
    if (!Array.isArray(filter.filters)) issues.add(`${path}.filters`, 'must be a list');
    else for (const [i, f] of filter.filters.entries()) checkFilter(f, `${path}.filters[${i}]`, issues);
    return;
  }
  if (typeof filter.field !== 'string' || filter.field === '')
    issues.add(`${path}.field`, 'needs a field name');
  if (!QUERY_OPERATORS.has(filter.operator)) {
    issues.add(`${path}.operator`, `unknown operator '${String(filter.operator)}'`);
    return;
  }
  const isList = Array.isArray(filter.value);
  if ((filter.operator === 'in' || filter.operator === 'nin') && !isList)
    issues.add(`${path}.value`, `'${filter.operator}' needs a list of values`);
  if (filter.operator !== 'in' && filter.operator !== 'nin' && isList)
    issues.add(`${path}.value`, `'${filter.operator}' takes one value, not a list`);
  if ((filter.operator === 'exists' || filter.operator === 'isnull') && typeof filter.value !== 'boolean')
    issues.add(`${path}.value`, `'${filter.operator}' takes true or false`);
  if ((filter.operator === 'like' || filter.operator === 'notlike') && typeof filter.value !== 'string')
    issues.add(`${path}.value`, `'${filter.operator}' takes a pattern string`);
}

/** Checks a module name before it lands in a path. */
export function checkModule(module: string): string {
  if (typeof module !== 'string' || !/^[A-Za-z][A-Za-z0-9_]*$/.test(module))
    throw new ValidationError(
      `module must be a module name such as 'alerts', got ${JSON.stringify(module)}`,
      'module',
    );
  return module;
}
