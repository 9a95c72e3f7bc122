import { ValidationError } from '../core/errors.js';
import type { Filter } from './filter.js';
import type { ParamsField, ParamValue, RpcMethod, WriteData, WriteMethod } from './typing.js';

/** Options every call takes. */
export interface CallOptions {
  /** Aborts the call (a `TransportError` of kind `abort`). */
  signal?: AbortSignal;
  /** Limit for this call, overriding the client's `timeoutMs`. */
  timeoutMs?: number;
  /** Status codes to treat as success, e.g. `[-2]` to accept "already exists". */
  okCodes?: readonly number[];
  /** Symbolic values (`"type": "ipmask"`) instead of numbers; default: the client's `verbose`. */
  verbose?: boolean;
  /** Any other wire keys, sent in the params entry as they are (e.g. `{ 'object template': 1 }`). */
  extraParams?: Readonly<Record<string, unknown>>;
}

/** A device (`{ name, vdom }`) or a device group (`{ name }`, or `{ name, 'is group': true }`). */
export interface ScopeMember {
  name: string;
  vdom?: string;
  'is group'?: boolean;
}

/** Per-sub-table options of `subFetch` (camelCase or FortiManager's own keys). */
export interface SubFetchSpec {
  fields?: readonly string[];
  filter?: Filter;
  /** Leave this sub-table out of the reply (`"subfetch hidden": 1`). */
  hidden?: boolean;
  'subfetch hidden'?: boolean | 0 | 1;
  scopeMember?: readonly ScopeMember[];
  'scope member'?: readonly ScopeMember[];
  subFetch?: SubFetch;
  'sub fetch'?: SubFetch;
  [wireKey: string]: unknown;
}

/** `{ subTable: spec }`, or `true`/`1` to fetch every sub-table. */
export type SubFetch = Readonly<Record<string, SubFetchSpec | unknown>> | boolean | 0 | 1;

/** One entry of `expand datasrc`: `{ name: 'wtp-profile', datasrc: [{ 'obj type': ..., ... }] }`. */
export type ExpandDatasrc = Readonly<Record<string, unknown>>;

/** What a `get` can ask for. Each option with a space in its wire name has a camelCase twin. */
export interface GetQuery<F> {
  /** Attributes to return (the key and `oid` always come back). */
  fields?: F;
  /** A filter: use the `f` builder or the raw nested array form. */
  filter?: Filter;
  /** `[offset, count]`: a page of the table. */
  range?: readonly [offset: number, count: number];
  /** `[{ name: 1 }]` ascending, `[{ name: -1 }]` descending. */
  sortings?: readonly Readonly<Record<string, 1 | -1>>[];
  /** `false`/`0` leaves every sub-table out. */
  loadsub?: boolean | 0 | 1;
  /** E.g. `'count'`, `'object member'`, `'datasrc'`, `['get flags', 'extra info']`. */
  option?: string | readonly string[];
  metaFields?: readonly string[];
  'meta fields'?: readonly string[];
  subFetch?: SubFetch;
  'sub fetch'?: SubFetch;
  /** Only return entries whose sub-fetched tables are not empty. */
  subfetchFilter?: boolean;
  'subfetch filter'?: boolean | 0 | 1;
  expandDatasrc?: readonly ExpandDatasrc[];
  'expand datasrc'?: readonly ExpandDatasrc[];
  scopeMember?: readonly ScopeMember[];
  'scope member'?: readonly ScopeMember[];
}

/** Methods whose `data` is required. */
type DataMethod = 'add' | 'set' | 'update' | 'replace' | 'clone';

/** Options of a write method `M` (`add`, `set`, ...). */
export type WriteOptions<U extends string, M extends WriteMethod> = CallOptions &
  ParamsField<U> &
  (M extends DataMethod
    ? { data: WriteData<U, M>; unsetAttrs?: readonly string[] }
    : M extends 'move'
      ? { option: 'before' | 'after'; target: ParamValue }
      : M extends 'delete'
        ? { data?: WriteData<U, M>; filter?: Filter }
        : M extends 'unset'
          ? { data?: WriteData<U, M>; unsetAttrs?: readonly string[] }
          : { data?: WriteData<U, M> });

/** One entry of the JSON-RPC `params` list. */
export type WireParams = { url: string } & Record<string, unknown>;

/** Keys that steer the call rather than go on the wire. */
const CALL_KEYS = new Set(['params', 'signal', 'timeoutMs', 'okCodes', 'verbose', 'extraParams']);

/** camelCase option -> FortiManager's wire key. */
const WIRE_NAMES: Readonly<Record<string, string>> = {
  metaFields: 'meta fields',
  subFetch: 'sub fetch',
  subfetchFilter: 'subfetch filter',
  expandDatasrc: 'expand datasrc',
  scopeMember: 'scope member',
};

const GET_KEYS = new Set([
  'fields',
  'filter',
  'range',
  'sortings',
  'loadsub',
  'option',
  'meta fields',
  'sub fetch',
  'subfetch filter',
  'expand datasrc',
  'scope member',
]);

const WRITE_KEYS: Readonly<Record<WriteMethod, ReadonlySet<string>>> = {
  add: new Set(['data', 'unsetAttrs']),
  set: new Set(['data', 'unsetAttrs']),
  update: new Set(['data', 'unsetAttrs']),
  replace: new Set(['data', 'unsetAttrs']),
  unset: new Set(['data', 'unsetAttrs']),
  clone: new Set(['data']),
  move: new Set(['option', 'target']),
  delete: new Set(['data', 'filter']),
  exec: new Set(['data']),
};

/**
 * Turns the options of one call into its JSON-RPC params entry: camelCase options get their wire
 * names, booleans become 0/1, shapes are checked. Unknown keys are a ValidationError (a typo would
 * otherwise be silently ignored by FortiManager); `extraParams` carries anything else.
 *
 * @example
 * toWireParams('get', '/dvmdb/device', { fields: ['name'], subFetch: { vdom: { hidden: true } } });
 * // { url: '/dvmdb/device', fields: ['name'], 'sub fetch': { vdom: { 'subfetch hidden': 1 } } }
 */
export function toWireParams(
  method: RpcMethod,
  url: string,
  options: Readonly<Record<string, unknown>> | undefined,
): WireParams {
  const out: WireParams = { url };
  if (!options) return out;
  const allowed = method === 'get' ? GET_KEYS : WRITE_KEYS[method];
  let unsetAttrs: unknown;
  for (const key in options) {
    const value = options[key];
    if (value === undefined || CALL_KEYS.has(key)) continue;
    const wire = WIRE_NAMES[key] ?? key;
    if (!allowed.has(wire) && !allowed.has(key)) {
      throw new ValidationError(
        `${method} does not take the option '${key}' (it takes ${[...allowed].join(', ')}; use extraParams for other wire keys)`,
        key,
      );
    }
    if (key === 'unsetAttrs') {
      unsetAttrs = value;
      continue;
    }
    if (wire !== key && options[wire] !== undefined) {
      throw new ValidationError(`Give either ${key} or '${wire}', not both`, key);
    }
    out[wire] = convert(method, wire, value);
  }
  if (unsetAttrs !== undefined) out.data = withUnsetAttrs(out.data, unsetAttrs);
  const extra = options.extraParams;
  if (extra !== undefined) {
    if (!isRecord(extra)) throw new ValidationError('extraParams must be an object', 'extraParams');
    for (const key in extra) {
      if (key === 'url') throw new ValidationError('extraParams cannot replace url', 'extraParams.url');
      out[key] = extra[key];
    }
  }
  return out;
}

function convert(method: RpcMethod, key: string, value: unknown): unknown {
  switch (key) {
    case 'fields':
    case 'meta fields':
      return stringList(value, key);
    case 'filter':
      if (!Array.isArray(value))
        throw new ValidationError(`${key} must be an array (use the f builder)`, key);
      return value;
    case 'range':
      return range(value);
    case 'sortings':
      if (!Array.isArray(value) || !value.every(isRecord)) {
        throw new ValidationError("sortings must be a list like [{ name: 1 }, { 'start-ip': -1 }]", key);
      }
      return value;
    case 'loadsub':
    case 'subfetch filter':
      return flag(value, key);
    case 'option':
      if (method === 'move') return moveOption(value);
      if (typeof value === 'string') return value;
      return stringList(value, key);
    case 'sub fetch':
      return subFetch(value, key);
    case 'expand datasrc':
    case 'scope member':
      if (!Array.isArray(value) || !value.every(isRecord))
        throw new ValidationError(`${key} must be a list of objects`, key);
      return value;
    case 'data':
      if (!isRecord(value) && !Array.isArray(value)) {
        throw new ValidationError(`data must be an object or a list of objects, got ${typeof value}`, 'data');
      }
      return value;
    case 'target':
      if (typeof value !== 'string' && typeof value !== 'number') {
        throw new ValidationError('target must be the key of the object to move next to', 'target');
      }
      return value;
    default:
      return value;
  }
}

function stringList(value: unknown, key: string): readonly string[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' && v !== '')) {
    throw new ValidationError(`${key} must be a list of non-empty strings`, key);
  }
  return value;
}

function range(value: unknown): readonly [number, number] {
  if (
    !Array.isArray(value) ||
    value.length !== 2 ||
    !Number.isInteger(value[0]) ||
    !Number.isInteger(value[1]) ||
    value[0] < 0 ||
    value[1] < 1
  ) {
    throw new ValidationError('range must be [offset, count] with offset >= 0 and count >= 1', 'range');
  }
  return value as [number, number];
}

function flag(value: unknown, key: string): 0 | 1 {
  if (value === true || value === 1) return 1;
  if (value === false || value === 0) return 0;
  throw new ValidationError(`${key} must be a boolean (or 0/1)`, key);
}

function moveOption(value: unknown): string {
  if (value !== 'before' && value !== 'after')
    throw new ValidationError("move option must be 'before' or 'after'", 'option');
  return value;
}

/** `{ vdom: { hidden: true, fields: [...] } }` -> `{ vdom: { 'subfetch hidden': 1, fields: [...] } }`, recursively. */
function subFetch(value: unknown, path: string): unknown {
  if (typeof value === 'boolean' || value === 0 || value === 1)
    return value === true ? 1 : value === false ? 0 : value;
  if (!isRecord(value)) throw new ValidationError(`${path} must be { subTable: { ... } } or a boolean`, path);
  const out: Record<string, unknown> = {};
  for (const table in value) {
    const spec = value[table];
    out[table] = isRecord(spec) ? subFetchSpec(spec, `${path}.${table}`) : spec;
  }
  return out;
}

function subFetchSpec(spec: Readonly<Record<string, unknown>>, path: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key in spec) {
    const value = spec[key];
    if (value === undefined) continue;
    const wire = key === 'hidden' ? 'subfetch hidden' : (WIRE_NAMES[key] ?? key);
    if (wire !== key && spec[wire] !== undefined) {
      throw new ValidationError(`Give either ${key} or '${wire}', not both`, `${path}.${key}`);
    }
    if (wire === 'subfetch hidden') out[wire] = flag(value, `${path}.${key}`);
    else if (wire === 'sub fetch') out[wire] = subFetch(value, `${path}.${key}`);
    else if (wire === 'fields') out[wire] = stringList(value, `${path}.fields`);
    else out[wire] = value;
  }
  return out;
}

function withUnsetAttrs(data: unknown, attrs: unknown): Record<string, unknown> {
  const list = stringList(attrs, 'unsetAttrs');
  if (data !== undefined && !isRecord(data)) {
    throw new ValidationError('unsetAttrs needs data to be one object (or no data)', 'unsetAttrs');
  }
  return { ...data, 'unset attrs': list };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
