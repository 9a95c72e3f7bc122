import { ProtocolError, ValidationError } from '../core/errors.js';
import { isRecord } from '../core/guards.js';
import type { CallOptions } from './call-options.js';
import type { FortiManagerCalls } from './calls.js';
import { numberOf, optionsObject, stringOf } from './checks.js';
import type { FmgRecord, RpcStatus } from './types.js';
import { escapeName } from './url-escape.js';

/** A device or group to reach: `'/adom/dc_amer/device/fgt1'`, `{ adom, device }` or `{ adom, group }`. */
export type ProxyTarget = string | { adom: string; device: string } | { adom: string; group: string };

export interface ProxyRequest {
  /** HTTP method of the FortiOS REST call. */
  action: 'get' | 'post' | 'put' | 'delete';
  /** FortiOS REST path, e.g. `/api/v2/monitor/system/status`. */
  resource: string;
  target: ProxyTarget | readonly ProxyTarget[];
  /** Body of a post/put. */
  payload?: unknown;
  /** Seconds FortiManager waits for each device. */
  timeout?: number;
}

/** One device's answer. */
export interface ProxyTargetResult {
  /** The device name as FortiManager reports it. */
  target: string;
  /** FortiManager reached the device and the device answered with success. */
  ok: boolean;
  /** FortiManager's status for this target (e.g. unreachable). */
  status: RpcStatus;
  /** HTTP status of the device's reply, when it answered. */
  httpStatus?: number;
  /** The device's reply (`results`, `status`, `serial`, ...). */
  response?: FmgRecord;
  /** Why `ok` is false. */
  message?: string;
}

/** Runs `exec /sys/proxy/json` and returns one result per target; a failing target does not throw. */
export async function proxy(
  fmg: FortiManagerCalls,
  request: ProxyRequest,
  options: CallOptions = {},
): Promise<ProxyTargetResult[]> {
  if (optionsObject(request, 'request') === undefined)
    throw new ValidationError('proxy needs a request', 'request');
  const extra = optionsObject(options, 'options');
  if (!ACTIONS.has(request.action)) {
    throw new ValidationError(`proxy action must be one of ${[...ACTIONS].join(', ')}`, 'action');
  }
  if (stringOf(request.resource, 'resource') === undefined)
    throw new ValidationError('proxy needs resource', 'resource');
  const timeout = numberOf(request.timeout, 'timeout', 1, 3_600);
  const targets = (
    Array.isArray(request.target) ? request.target : [request.target]
  ) as readonly ProxyTarget[];
  if (targets.length === 0) throw new ValidationError('proxy needs at least one target', 'target');
  const data: Record<string, unknown> = {
    action: request.action,
    resource: request.resource,
    target: targets.map(targetPath),
  };
  if (request.payload !== undefined) data.payload = request.payload;
  if (timeout !== undefined) data.timeout = timeout;
  // The call's own options (signal, timeoutMs, ...) are checked by exec like any other.
  const reply = await fmg.exec('/sys/proxy/json', { ...extra, data });
  if (!Array.isArray(reply)) {
    throw new ProtocolError('/sys/proxy/json did not return a list of targets', {
      status: 200,
      contentType: 'application/json',
    });
  }
  return reply.filter(isRecord).map(toTargetResult);
}

const ACTIONS: ReadonlySet<unknown> = new Set(['get', 'post', 'put', 'delete']);

/** `/adom/<adom>/device/<name>` with the names escaped as FortiManager reads them (`\/` for a `/`). */
function targetPath(target: unknown): string {
  if (typeof target === 'string' && target !== '') return target;
  if (!isRecord(target) || typeof target.adom !== 'string') {
    throw new ValidationError('a proxy target is a path or { adom, device } / { adom, group }', 'target');
  }
  const adom = escapeName(target.adom, 'target.adom');
  if (typeof target.device === 'string')
    return `/adom/${adom}/device/${escapeName(target.device, 'target.device')}`;
  if (typeof target.group === 'string')
    return `/adom/${adom}/group/${escapeName(target.group, 'target.group')}`;
  throw new ValidationError('a proxy target needs a device or a group', 'target');
}

function toTargetResult(entry: FmgRecord): ProxyTargetResult {
  const status = isRecord(entry.status)
    ? { code: Number(entry.status.code), message: String(entry.status.message ?? '') }
    : { code: -1, message: 'no status' };
  const response = isRecord(entry.response) ? entry.response : undefined;
  const httpStatus = response && typeof response.http_status === 'number' ? response.http_status : undefined;
  const deviceFailed =
    response !== undefined &&
    (response.status === 'error' || (httpStatus !== undefined && httpStatus >= 400));
  const result: ProxyTargetResult = {
    target: String(entry.target ?? ''),
    ok: status.code === 0 && !deviceFailed,
    status,
  };
  if (httpStatus !== undefined) result.httpStatus = httpStatus;
  if (response) result.response = response;
  if (status.code !== 0) result.message = `${status.message} (code ${status.code})`;
  else if (deviceFailed)
    result.message = `the device answered HTTP ${httpStatus ?? '?'} (${String(response?.status ?? 'error')})`;
  return result;
}
