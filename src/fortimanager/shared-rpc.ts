/**
 * What a FortiManager client lends to a client that sends through its session
 * (`FortiAnalyzer.through(fmg)`): the JSON-RPC engine (session, re-login, retries, request slots),
 * the runtime (clock, transport, close state) and the default ADOM. Kept in a side table, so that
 * none of it is part of the FortiManager's public type.
 */
import type { Runtime } from '../core/runtime.js';
import type { LoginSubject } from './auth/identity.js';
import type { RpcEngine } from './engine.js';

export interface SharedRpc {
  readonly engine: RpcEngine;
  readonly runtime: Runtime;
  readonly adom: string | undefined;
  /** Whose session it is (for `login()` of the borrowing client). */
  readonly who: LoginSubject;
}

const lent = new WeakMap<object, SharedRpc>();

/** Registers what `client` lends (called by the FortiManager constructor). */
export function lendRpc(client: object, rpc: SharedRpc): void {
  lent.set(client, rpc);
}

/** What a FortiManager client lends, or undefined when `client` is not one. */
export function borrowRpc(client: unknown): SharedRpc | undefined {
  return typeof client === 'object' && client !== null ? lent.get(client) : undefined;
}
