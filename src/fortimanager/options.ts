import { ValidationError } from '../core/errors.js';
import { isRecord } from '../core/guards.js';
import { checkSignal, checkTimeoutMs } from '../core/timeouts.js';
import { booleanOf } from './checks.js';
import type { ParamValue, RpcMethod, WireParams, WriteMethod } from './types.js';

/** The options of one call that steer it rather than go on the wire, checked. */
export interface CallControls {
  readonly params: Readonly<Record<string, ParamValue>> | undefined;
  readonly signal: AbortSignal | undefined;
  readonly timeoutMs: number | undefined;
  readonly okCodes: readonly number[] | undefined;
  readonly verbose: boolean | undefined;
}

/**
 * Reads and checks the steering options of a call (`params`, `signal`, `timeoutMs`, `okCodes`,
 * `verbose`): a ValidationError before anything is sent or armed.
 */
export function callControls(options: Readonly<Record<string, unknown>> | undefined): CallControls {
  if (options === undefined) return NO_CONTROLS;
  const { params, okCodes } = options;
  // Most calls steer nothing: no object for them.
  if (
    params === undefined &&
    okCodes === undefined &&
    options.signal === undefined &&
    options.timeoutMs === undefined &&
    options.verbose === undefined
  )
    return NO_CONTROLS;
  if (params !== undefined && !isRecord(params))
    throw new ValidationError('params must be an object', 'params');
  if (
    okCodes !== undefined &&
    (!Array.isArray(okCodes) || !okCodes.every((code) => Number.isSafeInteger(code)))
  ) {
    throw new ValidationError('okCodes must be a list of status codes, e.g. [-2]', 'okCodes');
  }
  return {
    params: params as Readonly<Record<string, ParamValue>> | undefined,
    signal: checkSignal(options.signal),
    timeoutMs: checkTimeoutMs(options.timeoutMs),
    okCodes: okCodes as readonly number[] | undefined,
    verbose: booleanOf(options.verbose, 'verbose'),
  };
}

const NO_CONTROLS: CallControls = {
  params: undefined,
  signal: undefined,
  timeoutMs: undefined,
  okCodes: undefined,
  verbose: undefined,
};

/** Keys that steer the call rather than go on the wire. */
const CALL_KEYS: ReadonlySet<string> = new Set([
  'params',
  'signal',
  'timeoutMs',
  'okCodes',
  'verbose',
  'extraParams',
]);
/** The same for a batch item, which also names its method and url. */
export const BATCH_ITEM_KEYS: ReadonlySet<string> = new Set([...CALL_KEYS, 'method', 'url']);

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
 * otherwise be silently ignored by FortiManager); `extraParams` carries anything else. `steering`:
 * the keys that are not wire keys (a batch item's `method` and `url` besides the call's own).
 *
 * @example
 * toWireParams('get', '/dvmdb/device', { fields: ['name'], subFetch: { vdom: { hidden: true } } });
 * // { url: '/dvmdb/device', fields: ['name'], 'sub fetch': { vdom: { 'subfetch hidden': 1 } } }
 */
export function toWireParams(
  method: RpcMethod,
  url: string,
  options: Readonly<Record<string, unknown>> | undefined,
  steering: ReadonlySet<string> = CALL_KEYS,
): WireParams {
  if (!options) return { url };
  // `data` goes into the literal: a write nearly always carries it, and an object built whole keeps
  // its properties in place (a property added later costs a second allocation per entry).
  const { data } = options;
  const out: WireParams = data === undefined ? { url } : { url, data };
  const allowed = method === 'get' ? GET_KEYS : WRITE_KEYS[method];
  let unsetAttrs: unknown;
  // Whether `data` is one of the options read (not if it is not enumerable, like any other key).
  let dataRead = false;
  for (const key in options) {
    const value = key === 'data' ? data : options[key];
    if (value === undefined || steering.has(key)) continue;
    const wire = WIRE_NAMES[key] ?? key;
    if (!allowed.has(wire) && !allowed.has(key)) {
      throw new ValidationError(
        `${method} does not take the option '${key}' (it takes ${[...allowed].join(', ')}; use extraParams for other wire keys)`,
        key,
      );
    }
    // Already in place: only checked.
    if (key === 'data') {
      checkData(value);
      dataRead = true;
    } else if (key === 'unsetAttrs') unsetAttrs = value;
    else {
      if (wire !== key && options[wire] !== undefined) {
        throw new ValidationError(`Give either ${key} or '${wire}', not both`, key);
      }
      out[wire] = convert(method, wire, value);
    }
  }
  if (!dataRead && data !== undefined) delete out.data;
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
    case 'target':
      if (typeof value !== 'string' && typeof value !== 'number') {
        throw new ValidationError('target must be the key of the object to move next to', 'target');
      }
      return value;
    default:
      return value;
  }
}

/** Whether `value` can be a call's `data`: an object or a list of objects (what `checkData` lets through). */
export function isData(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

function checkData(value: unknown): void {
  if (!isData(value)) {
    throw new ValidationError(`data must be an object or a list of objects, got ${typeof value}`, 'data');
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

/** How deep `sub fetch` may nest (real ones nest two or three levels). */
const MAX_SUB_FETCH_DEPTH = 64;

/** `{ vdom: { hidden: true, fields: [...] } }` -> `{ vdom: { 'subfetch hidden': 1, fields: [...] } }`, recursively. */
function subFetch(value: unknown, path: string, depth = 0): unknown {
  if (typeof value === 'boolean' || value === 0 || value === 1)
    return value === true ? 1 : value === false ? 0 : value;
  if (!isRecord(value)) throw new ValidationError(`${path} must be { subTable: { ... } } or a boolean`, path);
  // The one option walked here: a cyclic or absurdly deep one must not overflow the stack.
  if (depth > MAX_SUB_FETCH_DEPTH) {
    throw new ValidationError(
      `${path} nests more than ${MAX_SUB_FETCH_DEPTH} levels (or refers to itself)`,
      path,
    );
  }
  const out: Record<string, unknown> = {};
  for (const table in value) {
    const spec = value[table];
    out[table] = isRecord(spec) ? subFetchSpec(spec, `${path}.${table}`, depth + 1) : spec;
  }
  return out;
}

function subFetchSpec(
  spec: Readonly<Record<string, unknown>>,
  path: string,
  depth: number,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key in spec) {
    const value = spec[key];
    if (value === undefined) continue;
    const wire = key === 'hidden' ? 'subfetch hidden' : (WIRE_NAMES[key] ?? key);
    if (wire !== key && spec[wire] !== undefined) {
      throw new ValidationError(`Give either ${key} or '${wire}', not both`, `${path}.${key}`);
    }
    if (wire === 'subfetch hidden') out[wire] = flag(value, `${path}.${key}`);
    else if (wire === 'sub fetch') out[wire] = subFetch(value, `${path}.${key}`, depth + 1);
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
