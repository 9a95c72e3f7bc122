/**
 * FortiManager's filter expressions, compiled once per request into a row predicate.
 *
 * Forms accepted (as FortiManager nests them):
 * - `["name", "==", "h1"]`, with `==`, `!=`, `<`, `<=`, `>`, `>=`, `like` / `!like` (`%` any run, `_` one
 *   character, case-insensitive), `in` / `!in` (values as further items or one list), `contain` / `!contain`
 *   (a list attribute holds the value, or a text contains it), `&` (flags: `["flags", "&", mask]` holds
 *   every flag of the mask; `["flags", "&", mask, value]` holds exactly `value` of them); on an address
 *   (`[ip, mask]`), `<=` means "inside" and `>=` "contains";
 * - `[cond, "&&", cond, "||", cond]` (`&&` binds tighter than `||`; conditions side by side mean `&&`);
 * - `["!", cond]` or `["!", "name", "==", "h1"]`.
 */
import type { NodeSchema } from '../schema.js';
import { FmgCode, fail } from '../status.js';
import type { Row } from '../store/table.js';
import { normalizeOperand } from '../values.js';
import { attrValue, compareValues, textOf } from './value.js';

export type RowPredicate = (row: Row) => boolean;

/** Values of pseudo-attributes FortiManager computes (`object used`); undefined: a stored attribute. */
export type ComputedValue = (row: Row, name: string) => unknown;

export function compileFilter(filter: unknown, node: NodeSchema, computed?: ComputedValue): RowPredicate {
  if (!Array.isArray(filter) || filter.length === 0) return invalid();
  if (filter[0] === '!') {
    const inner = compileFilter(
      filter.length === 2 && Array.isArray(filter[1]) ? filter[1] : filter.slice(1),
      node,
      computed,
    );
    return (row) => !inner(row);
  }
  if (Array.isArray(filter[0])) return compileCompound(filter, node, computed);
  if (typeof filter[0] === 'string') return compileCondition(filter, node, computed);
  return invalid();
}

function compileCompound(
  items: readonly unknown[],
  node: NodeSchema,
  computed?: ComputedValue,
): RowPredicate {
  // An OR of AND-groups.
  const groups: RowPredicate[][] = [[]];
  for (const item of items) {
    if (item === '||') groups.push([]);
    else if (item === '&&') continue;
    else groups[groups.length - 1]!.push(compileFilter(item, node, computed));
  }
  if (groups.some((group) => group.length === 0)) return invalid();
  const ands = groups.map((group) =>
    group.length === 1 ? group[0]! : (row: Row) => group.every((p) => p(row)),
  );
  return ands.length === 1 ? ands[0]! : (row) => ands.some((p) => p(row));
}

function compileCondition(
  items: readonly unknown[],
  node: NodeSchema,
  computed?: ComputedValue,
): RowPredicate {
  const [name, rawOp, ...rest] = items as [string, unknown, ...unknown[]];
  if (typeof rawOp !== 'string') return invalid();
  const attr = node.attributes?.[name];
  const negate = rawOp.startsWith('!') && rawOp !== '!=';
  const op = negate ? rawOp.slice(1) : rawOp;
  const operands = (rest.length === 1 && Array.isArray(rest[0]) && op === 'in' ? rest[0] : rest).map((v) =>
    normalizeOperand(attr, v),
  );
  const test =
    attr?.format === 'ipmask' && (op === '<=' || op === '>=')
      ? subnetTest(op, operands[0])
      : comparator(op, operands);
  const get = (row: Row) => computed?.(row, name) ?? attrValue(row, name, node);
  return negate ? (row) => !test(get(row)) : (row) => test(get(row));
}

/** `<=`: the address lies inside the operand's network; `>=`: it contains the operand's network. */
function subnetTest(op: string, operand: unknown): (value: unknown) => boolean {
  const other = toRange(operand);
  return (value) => {
    const own = toRange(value);
    if (!own || !other) return false;
    const [inner, outer] = op === '<=' ? [own, other] : [other, own];
    return inner[0] >= outer[0] && inner[1] <= outer[1];
  };
}

/** `[first, last]` address of an `[ip, mask]` network, as numbers. */
function toRange(value: unknown): [number, number] | undefined {
  if (!Array.isArray(value) || value.length !== 2) return undefined;
  const [ip, mask] = value.map((part) =>
    String(part)
      .split('.')
      .reduce((acc, octet) => acc * 256 + Number(octet), 0),
  ) as [number, number];
  if (!Number.isFinite(ip) || !Number.isFinite(mask)) return undefined;
  const size = 2 ** 32 - mask;
  const first = ip - (ip % size);
  return [first, first + size - 1];
}

function comparator(op: string, operands: readonly unknown[]): (value: unknown) => boolean {
  const first = operands[0];
  switch (op) {
    case '&': {
      const mask = operands[0];
      const expected = operands.length > 1 ? operands[1] : undefined;
      return (value) => flagsTest(value, mask, expected);
    }
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

/** `value & mask` (flag lists or numbers): every flag of the mask, or exactly `expected` of them. */
function flagsTest(value: unknown, mask: unknown, expected: unknown): boolean {
  if (typeof value === 'number' && typeof mask === 'number')
    return expected === undefined ? (value & mask) !== 0 : (value & mask) === Number(expected);
  const flags = new Set((Array.isArray(value) ? value : [value]).map(String));
  const masked = (Array.isArray(mask) ? mask : [mask]).map(String).filter((flag) => flags.has(flag));
  if (expected === undefined) return masked.length > 0;
  const wanted = (Array.isArray(expected) ? expected : [expected]).map(String);
  return wanted.length === masked.length && wanted.every((flag) => masked.includes(flag));
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
