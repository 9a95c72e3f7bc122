import { ProtocolError, ValidationError } from '../core/errors.js';
import type { FortiManager } from './client.js';
import { type CallOptions, isRecord } from './options.js';
import type { RpcStatus } from './rpc.js';
import type { FmgRecord } from './typing.js';

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
  fmg: FortiManager,
  request: ProxyRequest,
  options: CallOptions = {},
): Promise<ProxyTargetResult[]> {
  if (!request.resource) throw new ValidationError('proxy needs resource', 'resource');
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
  if (request.timeout !== undefined) data.timeout = request.timeout;
  const reply = await fmg.exec('/sys/proxy/json', { ...options, data });
  if (!Array.isArray(reply)) {
    throw new ProtocolError('/sys/proxy/json did not return a list of targets', {
      status: 200,
      contentType: 'application/json',
    });
  }
  return reply.filter(isRecord).map(toTargetResult);
}

function targetPath(target: ProxyTarget): string {
  if (typeof target === 'string') return target;
  const adom = encodeURIComponent(target.adom);
  if ('device' in target) return `/adom/${adom}/device/${encodeURIComponent(target.device)}`;
  return `/adom/${adom}/group/${encodeURIComponent(target.group)}`;
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
