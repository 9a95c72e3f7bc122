import { ValidationError } from '../core/errors.js';

/** Comparison operators of FortiManager's `filter` (`like` takes SQL wildcards: `%` and `_`). */
export type FilterOperator = '==' | '!=' | '<' | '<=' | '>' | '>=' | 'like' | 'in' | 'contain';

/** A scalar a condition compares against. */
export type FilterValue = string | number | boolean | null;

declare const fieldNames: unique symbol;

/**
 * Type-only mark of a filter made by the builder: `N` are the attribute names it tests, so that
 * `get(url, { filter })` can check them against the URL's object. Nothing of it exists at run time.
 */
export interface Built<N extends string> {
  readonly [fieldNames]: N;
}

/** `[field, operator, value...]`, e.g. `['name', 'like', 'host_%']` or `['type', 'in', 'ipmask', 'iprange']`. */
export type FilterCondition<N extends string = string> = readonly [
  field: N,
  op: FilterOperator,
  ...values: FilterValue[],
] &
  Built<N>;

/**
 * FortiManager's nested array form: a condition, two filters joined by `'&&'` / `'||'`, or `['!', filter]`.
 * Anything else the product understands can be passed as a raw array (`RawFilter`).
 */
export type Filter<N extends string = string> =
  | FilterCondition<N>
  | (readonly [Filter, '&&' | '||', Filter] & Built<N>)
  | (readonly ['!', Filter] & Built<N>)
  | RawFilter;

/** What `and`, `or` and `not` return: a nested filter that records the attribute names inside it. */
export type BuiltFilter<N extends string> = RawFilter & Built<N>;

/** The attribute names a filter tests: those the builder recorded; none for raw arrays (checked where written). */
export type FieldsOf<T> = T extends Built<infer N> ? N : never;

/** An array in FortiManager's filter syntax that the builder does not produce; sent as it is. */
export type RawFilter = readonly unknown[];

function condition(op: FilterOperator) {
  return <F extends string>(field: F, value: FilterValue): FilterCondition<F> => {
    if (typeof field !== 'string' || field === '') {
      throw new ValidationError(`filter ${op}: the field must be a non-empty string`, 'filter');
    }
    return [field, op, value] as unknown as FilterCondition<F>;
  };
}

function join(op: '&&' | '||') {
  return <const T extends readonly Filter[]>(...filters: T): BuiltFilter<FieldsOf<T[number]>> => {
    const [first, ...rest] = filters;
    if (first === undefined) throw new ValidationError(`filter ${op}: needs at least one filter`, 'filter');
    // Binary nesting is the form every FortiManager version reads.
    return rest.reduce<Filter>((acc, next) => [acc, op, next] as unknown as Filter, first) as BuiltFilter<
      FieldsOf<T[number]>
    >;
  };
}

/**
 * Builds FortiManager filters in their nested array form.
 *
 * @example
 * import { f } from 'fortix/fortimanager';
 * await fmg.get('/pm/config/adom/{adom}/obj/firewall/address', {
 *   filter: f.and(f.like('name', 'web_%'), f.not(f.eq('type', 'fqdn'))),
 * });
 * // filter: [[['name', 'like', 'web_%'], '&&', ['!', ['type', '==', 'fqdn']]]
 */
export const f = {
  eq: condition('=='),
  ne: condition('!='),
  lt: condition('<'),
  le: condition('<='),
  gt: condition('>'),
  ge: condition('>='),
  /** SQL-style pattern: `%` matches any run of characters, `_` one character. */
  like: condition('like'),
  /** The attribute (a list) contains the value. */
  contain: condition('contain'),
  /** The attribute equals one of the values. */
  in<F extends string>(field: F, ...values: FilterValue[]): FilterCondition<F> {
    if (values.length === 0)
      throw new ValidationError(`filter in: '${field}' needs at least one value`, 'filter');
    return [field, 'in', ...values] as unknown as FilterCondition<F>;
  },
  and: join('&&'),
  or: join('||'),
  not<T extends Filter>(filter: T): BuiltFilter<FieldsOf<T>> {
    return ['!', filter] as unknown as BuiltFilter<FieldsOf<T>>;
  },
} as const;
