import { ValidationError } from '../core/errors.js';

/** Comparison operators of FortiManager's `filter` (`like` takes SQL wildcards: `%` and `_`). */
export type FilterOperator = '==' | '!=' | '<' | '<=' | '>' | '>=' | 'like' | 'in' | 'contain';

/** A scalar a condition compares against. */
export type FilterValue = string | number | boolean | null;

/** `[field, operator, value...]`, e.g. `['name', 'like', 'host_%']` or `['type', 'in', 'ipmask', 'iprange']`. */
export type FilterCondition = readonly [field: string, op: FilterOperator, ...values: FilterValue[]];

/**
 * FortiManager's nested array form: a condition, two filters joined by `'&&'` / `'||'`, or `['!', filter]`.
 * Anything else the product understands can be passed as a raw array (`RawFilter`).
 */
export type Filter =
  | FilterCondition
  | readonly [Filter, '&&' | '||', Filter]
  | readonly ['!', Filter]
  | RawFilter;

/** An array in FortiManager's filter syntax that the builder does not produce; sent as it is. */
export type RawFilter = readonly unknown[];

function condition(op: FilterOperator) {
  return <F extends string>(field: F, value: FilterValue): FilterCondition => {
    if (typeof field !== 'string' || field === '') {
      throw new ValidationError(`filter ${op}: the field must be a non-empty string`, 'filter');
    }
    return [field, op, value];
  };
}

function join(op: '&&' | '||') {
  return (...filters: Filter[]): Filter => {
    const [first, ...rest] = filters;
    if (first === undefined) throw new ValidationError(`filter ${op}: needs at least one filter`, 'filter');
    // Binary nesting is the form every FortiManager version reads.
    return rest.reduce<Filter>((acc, next) => [acc, op, next], first);
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
  in<F extends string>(field: F, ...values: FilterValue[]): FilterCondition {
    if (values.length === 0)
      throw new ValidationError(`filter in: '${field}' needs at least one value`, 'filter');
    return [field, 'in', ...values];
  },
  and: join('&&'),
  or: join('||'),
  not(filter: Filter): Filter {
    return ['!', filter];
  },
} as const;
