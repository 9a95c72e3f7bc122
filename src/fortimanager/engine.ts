import { type AuthRequest, type AuthStrategy, type Credential, sendWithAuth } from '../core/auth.js';
import { TransportError } from '../core/errors.js';
import type { RpcAuth } from './auth/rpc-auth.js';
import { nextCheckPhase } from './check-phase.js';
import { looksStale, type RpcWire, type SendGate, Superseded } from './rpc.js';
import { ignore } from './tracker.js';
import type { RpcReply, WireParams } from './types.js';

export interface SendOptions {
  verbose: boolean;
  signal?: AbortSignal | undefined;
  timeoutMs?: number | undefined;
  /** The JSON-RPC 2.0 dialect (FortiAnalyzer apiver 3); see `PostOptions.jsonrpc2`. */
  jsonrpc2?: boolean | undefined;
  /** `params` already serialized; see `PostOptions.paramsText`. */
  paramsText?: string | undefined;
  /** See `PostOptions.received` (a batch's next request goes out before this reply is parsed). */
  received?: (() => void) | undefined;
}

/** What a JSON-RPC request is to the auth strategy (the credential does not depend on the body). */
const RPC_REQUEST: AuthRequest = { method: 'POST', path: '/jsonrpc', body: undefined };

/** The first send of a call that did not leave: its credential was replaced while it queued. */
const SUPERSEDED: RpcReply = { id: 0, items: [], session: undefined };

/**
 * The JSON-RPC part of the runtime: sends each request with the current credential through the
 * core "refused -> renew once -> replay" (`sendWithAuth`). FortiManager refuses a session it no
 * longer knows with -11 on every entry without running the request, so replaying is safe for every
 * method. Requests beyond the client's `connections` queue for a slot; when one leaves while a
 * refused reply still awaits its renew decision, it waits for that decision, and when its credential
 * was replaced meanwhile it does not go out at all (it is sent on the new session instead): calls
 * queued behind a re-login wait for it rather than go out on the session known to be dead.
 */
export class RpcEngine {
  readonly #wire: RpcWire;
  readonly #auth: RpcAuth;
  /** `#auth` as `sendWithAuth` sees it: each renew ends one pending decision. */
  readonly #deciding: AuthStrategy;
  /** How first sends meet a pending renew decision when their slot is free. */
  readonly #gate: SendGate;
  readonly #label: string;
  readonly #inflight = new Set<Promise<unknown>>();
  /** Refused (or superseded) first sends whose renew decision is pending. */
  #undecided = 0;
  #decided: Array<() => void> = [];
  #closed = false;
  /** A login started ahead of the first send (see `openEarly`), which the next send waits for. */
  #early: Promise<void> | undefined;

  constructor(wire: RpcWire, auth: RpcAuth, label: string) {
    this.#wire = wire;
    this.#auth = auth;
    this.#label = label;
    this.#deciding = {
      get user() {
        return auth.user;
      },
      authorize: (request, signal) => auth.authorize(request, signal),
      // A live session goes straight to the send, without a promise (see AuthStrategy.current).
      current: (request) => auth.current?.(request),
      accepted: (used: Credential) => auth.accepted?.(used),
      renew: (used, signal) => auth.renew(used, signal).finally(() => this.#decide()),
      close: () => auth.close(),
    };
    this.#gate = {
      settled: () => this.#settled(),
      stillValid: (credential) => credential !== undefined && auth.isCurrent(credential),
      // Counted before the slot is given back, so that the next queued call waits for the decision.
      replied: (sent) => {
        if (looksStale(sent.items)) this.#undecided++;
      },
    };
  }

  send(method: string, params: readonly WireParams[], options: SendOptions): Promise<RpcReply> {
    if (this.#closed) return Promise.reject(this.#closedError(method));
    const call = this.#send(method, params, options);
    this.#inflight.add(call);
    const forget = () => this.#inflight.delete(call);
    call.then(forget, forget);
    return call;
  }

  /**
   * Starts the login now when no credential is at hand, so that what the caller prepares before its
   * first request (a batch's first chunk, a burst of coalesced calls) overlaps the login; a send
   * while it is under way waits for it, and fails with its error, instead of starting another.
   * Returns the login while it is under way (undefined when there is none to wait for).
   */
  openEarly(): Promise<void> | undefined {
    if (this.#closed) return undefined;
    if (this.#early) return this.#early;
    if (this.#auth.current?.(RPC_REQUEST) !== undefined) return undefined;
    const early = this.#auth.authorize(RPC_REQUEST).then(ignore);
    this.#early = early;
    // Once it has succeeded a send goes out in its caller's turn again (a credential at hand);
    // registered first, so that it runs before the reactions of whoever else waits for this login.
    // A failed one is the answer of the sends that come until the next check phase (a batch lets
    // its login be written before it sends, see batch-run.ts), a later send logs in anew.
    const over = () => {
      if (this.#early === early) this.#early = undefined;
    };
    early.then(over, () => nextCheckPhase().then(over));
    return early;
  }

  /** Refuses new requests and waits for those in flight (each is bounded by its timeout). */
  async drain(): Promise<void> {
    this.#closed = true;
    while (this.#inflight.size > 0) await Promise.allSettled([...this.#inflight]);
  }

  async #send(method: string, params: readonly WireParams[], options: SendOptions): Promise<RpcReply> {
    const early = this.#early;
    if (early) {
      this.#early = undefined;
      await early;
    }
    const idempotent = method === 'get';
    const auth = this.#auth;
    let sends = 0;
    let refused = 0;
    /** Whether the reply just received was refused (-11 everywhere) or the send superseded. */
    let rejected = false;
    // Every rejected first send (refused or superseded) is a pending decision until its renew ends.
    const reply = await sendWithAuth(
      this.#deciding,
      RPC_REQUEST,
      async (credential) => {
        // Only the first send can be superseded: the replay goes out on the credential it was given.
        const first = sends++ === 0;
        rejected = false;
        try {
          const sent = await this.#wire.post(method, params, {
            ...options,
            credential,
            idempotent,
            queued: this.#gate,
            first,
          });
          rejected = looksStale(sent.items);
          if (rejected) refused++;
          return sent;
        } catch (error) {
          if (!(error instanceof Superseded)) throw error;
          this.#undecided++;
          rejected = true;
          return SUPERSEDED;
        }
      },
      () => rejected,
      // The call's timeoutMs covers waiting for the login too.
      { signal: options.signal, timeoutMs: options.timeoutMs },
    );
    if (refused === 2) auth.refusedAgain();
    if (reply === SUPERSEDED) throw this.#closedError(method);
    return reply;
  }

  #settled(): Promise<void> | undefined {
    if (this.#undecided === 0) return undefined;
    return new Promise<void>((resolve) => this.#decided.push(resolve));
  }

  #decide(): void {
    if (--this.#undecided > 0) return;
    for (const resolve of this.#decided.splice(0)) resolve();
  }

  #closedError(method: string): TransportError {
    return new TransportError(
      `${this.#label} ${method}: the client is closed; create a new client`,
      'closed',
      {
        requestSent: false,
      },
    );
  }
}
