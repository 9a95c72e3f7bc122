import { allowsAdom, type Principal } from '../access.js';
import type { FmgState } from '../state.js';
import { FmgCode, fail } from '../status.js';

/** One JSON-RPC param being handled. */
export interface Call {
  readonly state: FmgState;
  readonly principal: Principal;
  readonly verbose: boolean;
  readonly method: string;
  readonly url: string;
  readonly param: Readonly<Record<string, unknown>>;
}

/** -11 unless the caller may write (rpc-permit read-write). */
export function requireWrite(call: Call): void {
  if (call.principal.permit !== 'read-write') fail(FmgCode.noPermission);
}

/** -11 unless the caller may use this ADOM. */
export function requireAdom(call: Call, adom: string | undefined): void {
  if (!allowsAdom(call.principal, adom)) fail(FmgCode.noPermission);
}

/** The `data` of a param as an object (the first one when a list is given). */
export function dataObject(param: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const data = Array.isArray(param.data) ? param.data[0] : param.data;
  return typeof data === 'object' && data !== null && !Array.isArray(data)
    ? (data as Record<string, unknown>)
    : {};
}
