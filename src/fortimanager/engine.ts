import { TransportError } from '../core/errors.js';
import type { WireParams } from './options.js';
import { looksStale, type RpcReply, type RpcWire } from './rpc.js';
import type { Auth } from './session/auth.js';

export interface SendOptions {
  verbose: boolean;
  signal?: AbortSignal | undefined;
  timeoutMs?: number | undefined;
}

/**
 * Sends JSON-RPC requests on the current session: logs in on first use, and when a session that
 * worked comes back stale (-11 on every entry) logs in again once and replays the request once.
 * Replaying is safe for every method: FortiManager refused the request without running it.
 */
export class RpcEngine {
  readonly #wire: RpcWire;
  readonly #auth: Auth;
  readonly #inflight = new Set<Promise<unknown>>();
  #closed = false;

  constructor(wire: RpcWire, auth: Auth) {
    this.#wire = wire;
    this.#auth = auth;
  }

  send(method: string, params: readonly WireParams[], options: SendOptions): Promise<RpcReply> {
    if (this.#closed) {
      return Promise.reject(
        new TransportError(`FortiManager ${method}: the client is closed; create a new client`, 'closed', {
          requestSent: false,
        }),
      );
    }
    const call = this.#send(method, params, options);
    this.#inflight.add(call);
    const forget = () => this.#inflight.delete(call);
    call.then(forget, forget);
    return call;
  }

  /** Refuses new requests and waits for those in flight (each is bounded by its timeout). */
  async drain(): Promise<void> {
    this.#closed = true;
    while (this.#inflight.size > 0) await Promise.allSettled([...this.#inflight]);
  }

  async #send(method: string, params: readonly WireParams[], options: SendOptions): Promise<RpcReply> {
    const idempotent = method === 'get';
    const session = await this.#auth.session(options.signal);
    const reply = await this.#wire.post(method, params, { ...options, session, idempotent });
    if (session === undefined || !looksStale(reply.items)) {
      this.#auth.confirm(session);
      return reply;
    }
    if (!(await this.#auth.renew(session, options.signal))) return reply;
    const fresh = await this.#auth.session(options.signal);
    const replay = await this.#wire.post(method, params, { ...options, session: fresh, idempotent });
    if (!looksStale(replay.items)) this.#auth.confirm(fresh);
    return replay;
  }
}
