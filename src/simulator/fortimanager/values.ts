import type { AttrSchema } from './schema.js';
import { isSubTable } from './schema.js';
import { FmgCode, fail } from './status.js';

/**
 * Converts one written attribute value to its stored form: enums as symbols (numbers accepted),
 * `ipmask` values as `[ip, mask]`, integers as numbers, scalars given for lists wrapped in a list.
 * Throws -10 naming the attribute when the value does not fit.
 */
export function normalizeValue(name: string, attr: AttrSchema, value: unknown): unknown {
  if (value === null) return null;
  if (attr.format === 'ipmask') return parseIpMask(name, value);
  switch (attr.type) {
    case 'int':
      return toInt(name, value);
    case 'str':
      return attr.choices ? toChoice(name, attr.choices, value) : toStr(name, value);
    case 'list': {
      if (isSubTable(attr)) return value; // rows are normalized by the writer, with their own schema
      const items = Array.isArray(value) ? value : [value];
      if (attr.choices) return items.map((item) => toChoice(name, attr.choices!, item));
      if (attr.elements === 'int') return items.map((item) => toInt(name, item));
      if (attr.elements === 'str') return items.map((item) => toStr(name, item));
      return items;
    }
    case 'dict':
      if (typeof value !== 'object' || Array.isArray(value)) invalid(name, 'expects an object');
      return value;
    default:
      return value;
  }
}

/** Answer form of a stored value: the index of an enum symbol unless `verbose`. */
export function renderValue(attr: AttrSchema | undefined, value: unknown, verbose: boolean): unknown {
  if (verbose || !attr?.numeric || !attr.choices || typeof value !== 'string') return value;
  const index = attr.choices.indexOf(value);
  return index < 0 ? value : index;
}

/** Filter operand in stored form (so that `["type", "==", 0]` matches `ipmask`). */
export function normalizeOperand(attr: AttrSchema | undefined, value: unknown): unknown {
  if (!attr) return value;
  if (attr.choices && typeof value === 'number') return attr.choices[value] ?? value;
  if (attr.format === 'ipmask' && (typeof value === 'string' || Array.isArray(value))) {
    try {
      return parseIpMask('filter', value);
    } catch {
      return value;
    }
  }
  return value;
}

function toInt(name: string, value: unknown): number {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number)) invalid(name, 'expects an integer');
  return number;
}

function toStr(name: string, value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  // FortiManager answers single-valued string attributes as one-element lists; accept them back.
  if (Array.isArray(value) && value.length <= 1 && value.every((v) => typeof v === 'string')) {
    return value[0] ?? '';
  }
  return invalid(name, 'expects a string');
}

function toChoice(name: string, choices: readonly string[], value: unknown): string | number {
  if (typeof value === 'number' && Number.isInteger(value) && choices[value] !== undefined)
    return choices[value]!;
  // FortiManager's own code of a symbol the catalog does not number (`dhcp-server-access-list: 50`).
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
  if (typeof value === 'string' && choices.includes(value)) return value;
  return invalid(name, `expects one of ${choices.join(', ')}`);
}

function invalid(name: string, why: string): never {
  return fail(FmgCode.invalidData, `attribute '${name}' ${why}`);
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** `[ip, mask]` from `[ip, mask]`, `'ip/len'`, `'ip mask'` or a bare `'ip'` (a /32). */
function parseIpMask(name: string, value: unknown): [string, string] {
  // The usual form, `a.b.c.d/len`: one table lookup for the mask.
  if (typeof value === 'string') {
    const slash = value.indexOf('/');
    const mask = slash > 0 ? PREFIX_MASKS.get(value.slice(slash + 1)) : undefined;
    const ip = mask === undefined ? '' : value.slice(0, slash);
    if (mask !== undefined && IPV4.test(ip)) return [ip, mask];
  }
  let ip: unknown;
  let mask: unknown;
  if (Array.isArray(value) && value.length === 2) [ip, mask] = value;
  else if (typeof value === 'string') {
    const parts = value.trim().split(/[\s/]+/);
    if (parts.length > 2) invalid(name, 'expects an ip and a mask');
    [ip, mask = '255.255.255.255'] = parts;
  } else invalid(name, 'expects an ip and a mask');
  if (typeof ip !== 'string' || !IPV4.test(ip)) invalid(name, 'has an invalid ip address');
  if (typeof mask === 'string' && /^\d{1,2}$/.test(mask)) mask = prefixToMask(Number(mask));
  if (typeof mask !== 'string' || !IPV4.test(mask) || !isContiguous(mask))
    invalid(name, 'has an invalid netmask');
  return [ip, mask];
}

// The 33 valid netmasks, by prefix length: parsing an address is then two lookups.
const MASKS: readonly string[] = Array.from({ length: 33 }, (_, length) => {
  const bits = length === 0 ? 0 : (0xffffffff << (32 - length)) >>> 0;
  return [24, 16, 8, 0].map((shift) => (bits >>> shift) & 255).join('.');
});
const CONTIGUOUS = new Set(MASKS);
/** `'24'` -> `'255.255.255.0'`. */
const PREFIX_MASKS: ReadonlyMap<string, string> = new Map(
  MASKS.map((mask, length) => [String(length), mask]),
);

function prefixToMask(length: number): string | undefined {
  return MASKS[length];
}

function isContiguous(mask: string): boolean {
  return CONTIGUOUS.has(mask);
}

/** Prefix length of a dotted netmask (for the FortiGate-style answers of the proxy). */
export function maskToPrefix(mask: string): number {
  return mask.split('.').reduce((acc, octet) => acc + countBits(Number(octet)), 0);
}

function countBits(octet: number): number {
  let count = 0;
  for (let bits = octet; bits; bits &= bits - 1) count++;
  return count;
}
