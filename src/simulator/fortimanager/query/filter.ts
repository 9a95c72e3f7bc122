/**
 * FortiManager's filter expressions, compiled once per request into a row predicate.
 *
 * Forms accepted (as FortiManager nests them):
 * - `["name", "==", "h1"]`, with `==`, `!=`, `<`, `<=`, `>`, `>=`, `like` / `!like` (`%` any run, `_` one
 *   character, case-insensitive), `in` / `!in` (values as further items or one list), `contain` / `!contain`
 *   (a list attribute holds the value, or a text contains it);
 * - `[cond, "&&", cond, "||", cond]` (`&&` binds tighter than `||`; conditions side by side mean `&&`);
 * - `["!", cond]` or `["!", "name", "==", "h1"]`.
 */
import type { NodeSchema } from '../schema.js';
import { FmgCode, fail } from '../status.js';
import type { Row } from '../store/table.js';
import { normalizeOperand } from '../values.js';
import { attrValue, compareValues, textOf } from './value.js';

export type RowPredicate = (row: Row) => boolean;

export function compileFilter(filter: unknown, node: NodeSchema): RowPredicate {
  if (!Array.isArray(filter) || filter.length === 0) return invalid();
  if (filter[0] === '!') {
    const inner = compileFilter(
      filter.length === 2 && Array.isArray(filter[1]) ? filter[1] : filter.slice(1),
      node,
    );
    return (row) => !inner(row);
  }
  if (Array.isArray(filter[0])) return compileCompound(filter, node);
  if (typeof filter[0] === 'string') return compileCondition(filter, node);
  return invalid();
}

function compileCompound(items: readonly unknown[], node: NodeSchema): RowPredicate {
  // An OR of AND-groups.
  const groups: RowPredicate[][] = [[]];
  for (const item of items) {
    if (item === '||') groups.push([]);
    else if (item === '&&') continue;
    else groups[groups.length - 1]!.push(compileFilter(item, node));
  }
  if (groups.some((group) => group.length === 0)) return invalid();
  const ands = groups.map((group) =>
    group.length === 1 ? group[0]! : (row: Row) => group.every((p) => p(row)),
  );
  return ands.length === 1 ? ands[0]! : (row) => ands.some((p) => p(row));
}

function compileCondition(items: readonly unknown[], node: NodeSchema): RowPredicate {
  const [name, rawOp, ...rest] = items as [string, unknown, ...unknown[]];
  if (typeof rawOp !== 'string') return invalid();
  const attr = node.attributes?.[name];
  const negate = rawOp.startsWith('!') && rawOp !== '!=';
  const op = negate ? rawOp.slice(1) : rawOp;
  const operands = (rest.length === 1 && Array.isArray(rest[0]) && op === 'in' ? rest[0] : rest).map((v) =>
    normalizeOperand(attr, v),
  );
  const test = comparator(op, operands);
  const get = (row: Row) => attrValue(row, name, node);
  return negate ? (row) => !test(get(row)) : (row) => test(get(row));
}

function comparator(op: string, operands: readonly unknown[]): (value: unknown) => boolean {
  const first = operands[0];
  switch (op) {
    case '==':
      return (value) => equals(value, first);
    case '!=':
      return (value) => !equals(value, first);
    case '<':
      return (value) => compareValues(value, first) < 0;
    case '<=':
      return (value) => compareValues(value, first) <= 0;
    case '>':
      return (value) => value !== undefined && value !== null && compareValues(value, first) > 0;
    case '>=':
      return (value) => value !== undefined && value !== null && compareValues(value, first) >= 0;
    case 'in':
      return (value) => operands.some((operand) => equals(value, operand));
    case 'like': {
      const pattern = likePattern(first);
      return (value) => (Array.isArray(value) ? value : [value]).some((v) => pattern.test(textOf(v ?? '')));
    }
    case 'contain':
      return (value) =>
        Array.isArray(value)
          ? value.some((item) => equals(item, first))
          : typeof value === 'string' && value.includes(textOf(first));
    default:
      return invalid();
  }
}

/** Equality as FortiManager applies it: a list equals a scalar it holds; numbers match numeric text. */
function equals(value: unknown, operand: unknown): boolean {
  if (Array.isArray(value)) {
    if (Array.isArray(operand))
      return value.length === operand.length && value.every((v, i) => equals(v, operand[i]));
    return value.some((item) => equals(item, operand));
  }
  if (value === operand) return true;
  if (typeof value === 'number' || typeof operand === 'number') return Number(value) === Number(operand);
  return false;
}

function likePattern(operand: unknown): RegExp {
  let source = '';
  for (const ch of textOf(operand)) {
    if (ch === '%') source += '.*';
    else if (ch === '_') source += '.';
    else source += ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 'is');
}

function invalid(): never {
  return fail(FmgCode.invalidData, "attribute 'filter' is malformed");
}
