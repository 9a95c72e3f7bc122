import type { Credential } from '../core/auth.js';
import { ProtocolError, ValidationError } from '../core/errors.js';
import { isRecord } from '../core/guards.js';
import { jsonBody } from '../core/json.js';
import { withRetry } from '../core/retry.js';
import type { Runtime } from '../core/runtime.js';
import { abortable } from '../core/timeouts.js';
import { nextCheckPhase } from './check-phase.js';
import { apiErrorFor } from './errors.js';
import { Slots } from './slots.js';
import type { RpcReply, RpcResultItem, WireParams } from './types.js';

/** The JSON-RPC request body (`params` goes last: see `envelopeText`). */
export interface RpcEnvelope {
  id: number;
  method: string;
  session?: string | null;
  verbose?: 1;
  jsonrpc?: '2.0';
  params: readonly WireParams[];
}

export interface PostOptions {
  /** Who sends it: a session id (placed in the envelope) and/or headers (an API key). */
  credential?: Credential | undefined;
  /** The login call itself: `"session": null` in the envelope. */
  login?: boolean;
  verbose: boolean;
  /** Safe to resend after a reset or timeout (gets). */
  idempotent: boolean;
  signal?: AbortSignal | undefined;
  timeoutMs?: number | undefined;
  /** Queue for a request slot (see {@link Slots}); logins, logouts and checks do not queue. */
  queued?: SendGate | undefined;
  /** The first send of a call (not its replay): it waits at the gate and may be superseded. */
  first?: boolean;
  /**
   * The JSON-RPC 2.0 dialect (FortiAnalyzer apiver 3): `jsonrpc: '2.0'` in the envelope; the reply's
   * `result` object becomes the entry's `data` (its `status`, when it has one, the entry's status), no
   * `result` an empty OK entry, and an `error: {code, message}` envelope the entry's status, so that
   * `settle` and the stale-session renew treat both dialects alike.
   */
  jsonrpc2?: boolean | undefined;
  /**
   * `params` already serialized by {@link paramsText} (a batch serializes its next chunk while the
   * one before is in flight, so that the request leaves as soon as its turn comes).
   */
  paramsText?: string | undefined;
  /**
   * Called once the whole reply is in, before it is parsed, when nothing in it can make this call
   * send again (HTTP 2xx and no `-11` anywhere in its text: neither a retry nor a session renew can
   * follow). A batch sends its next request then, and the parse waits until undici has written
   * that request, so that parsing overlaps FortiManager's work on it (see check-phase.ts).
   */
  received?: (() => void) | undefined;
}

/** How a queued first send meets the auth state when its slot is free (the engine, see `RpcEngine`). */
export interface SendGate {
  /** Resolves once no refused reply awaits its renew decision (undefined: none does). */
  settled(): Promise<void> | undefined;
  /** False when `credential` was replaced meanwhile: reject with {@link Superseded}, send nothing. */
  stillValid(credential: Credential | undefined): boolean;
  /** Called with the reply of a first send before its slot is given back. */
  replied(reply: RpcReply): void;
}

export interface RpcWireOptions {
  runtime: Runtime;
  /** In-flight requests at once (the client's `connections`). */
  slots: number;
  /** The product in messages (`FortiManager`). */
  label: string;
  /** Extra top-level keys of every envelope (FortiAnalyzer: `{ jsonrpc: '2.0' }`). */
  envelope?: Readonly<Record<string, unknown>> | undefined;
}

/** A queued request whose credential was replaced before it could leave: nothing was sent. */
export class Superseded extends Error {}

const JSONRPC_PATH = '/jsonrpc';
const JSON_HEADERS: Readonly<Record<string, string>> = { 'content-type': 'application/json' };

/**
 * The `params` of a request as JSON text. Serializing is the check: a value JSON cannot carry
 * (cyclic, nested deeper than the stack allows, a BigInt) is a ValidationError naming its field,
 * before anything is sent, and a valid request is walked once, by `JSON.stringify` itself.
 * `indexed`: the field names its entry (`params[2].data`; default when there are several).
 */
export function paramsText(params: readonly WireParams[], indexed = params.length > 1): string {
  try {
    return JSON.stringify(params);
  } catch {
    for (let i = 0; i < params.length; i++) checkWire(params[i]!, indexed ? `params[${i}].` : '');
    throw unsendableParams();
  }
}

/**
 * Refuses one params entry JSON cannot carry, before anything is sent: the ValidationError names the
 * entry's key (`data`), with `prefix` before it (`params[2].`).
 */
export function checkWire(wire: WireParams, prefix = ''): void {
  try {
    JSON.stringify(wire);
  } catch {
    // Each value alone: the first one JSON cannot carry is the error, from core's body check.
    for (const key in wire) jsonBody(wire[key], prefix + key);
    throw unsendableParams();
  }
}

/** Where no single value is at fault (the whole nests one level too deep). */
function unsendableParams(): ValidationError {
  return new ValidationError('params cannot be sent as JSON; nothing was sent', 'params');
}

/** The params of one request that can go, as JSON text (see {@link sendable}). */
export interface Sendable {
  text: string;
  /** The positions in the given params that the text carries, in order; undefined: all of them. */
  kept: readonly number[] | undefined;
}

/**
 * The JSON text of a group of params entries (a batch chunk, a coalesced request). Serializing is the
 * check, once for the whole: only when it fails is each entry tried alone, and each one JSON cannot
 * carry is handed to `refuse` (its position and ValidationError) and left out. Undefined when none is left.
 */
export function sendable(
  params: readonly WireParams[],
  refuse: (position: number, error: ValidationError) => void,
): Sendable | undefined {
  try {
    return { text: JSON.stringify(params), kept: undefined };
  } catch {
    const kept: number[] = [];
    for (let i = 0; i < params.length; i++) {
      try {
        checkWire(params[i]!);
        kept.push(i);
      } catch (error) {
        refuse(i, error as ValidationError);
      }
    }
    return kept.length === 0 ? undefined : { text: JSON.stringify(kept.map((i) => params[i])), kept };
  }
}

/** The request body: the flat head of the envelope, then its params (serialized once, maybe earlier). */
function envelopeText(head: Omit<RpcEnvelope, 'params'>, params: string): string {
  return `${JSON.stringify(head).slice(0, -1)},"params":${params}}`;
}

/** See `PostOptions.received`: the hook that tells it, and delays the parse past the next write. */
function parsedAfterNextWrite(
  received: () => void,
): (status: number, text: string) => Promise<void> | undefined {
  return (status, text) => {
    if (status < 200 || status > 299 || text.includes('-11')) return undefined;
    // Queued before the next request's write (made once `received`'s reactions ran): the second
    // hop is the check phase after that write.
    const written = nextCheckPhase().then(nextCheckPhase);
    received();
    return written;
  };
}

/** Posts JSON-RPC envelopes to `/jsonrpc` and checks the reply's shape; knows nothing about sessions. */
export class RpcWire {
  #id = 0;
  readonly #o: RpcWireOptions;
  readonly #slots: Slots;

  constructor(options: RpcWireOptions) {
    this.#o = options;
    this.#slots = new Slots(options.slots);
  }

  async post(method: string, params: readonly WireParams[], options: PostOptions): Promise<RpcReply> {
    const id = ++this.#id;
    const extra = this.#o.envelope;
    const head: Omit<RpcEnvelope, 'params'> = extra ? { ...extra, id, method } : { id, method };
    const { credential, queued, received } = options;
    const gated = queued !== undefined && options.first === true;
    if (options.login) head.session = null;
    else if (credential?.session !== undefined) head.session = credential.session;
    if (options.verbose) head.verbose = 1;
    if (options.jsonrpc2) head.jsonrpc = '2.0';
    const { transport, log, clock, retry } = this.#o.runtime;
    // Serialized once for every attempt.
    const body = envelopeText(head, options.paramsText ?? paramsText(params));
    const headers = credential?.headers ? { ...JSON_HEADERS, ...credential.headers } : JSON_HEADERS;
    // The reply is checked inside the retry, so that a 5xx with a JSON body is retried like any 5xx.
    const { items, session } = await withRetry<RpcReply>(
      async (attempt) => {
        const waiting = queued && this.#slots.acquire(options.signal);
        if (waiting) await waiting;
        try {
          if (gated && attempt === 0) {
            const settling = queued.settled();
            if (settling) await abortable(settling, options.signal);
            if (!queued.stillValid(credential)) throw new Superseded();
          }
          const reply = await transport.requestJson({
            method: 'POST',
            path: JSONRPC_PATH,
            body,
            headers,
            signal: options.signal,
            timeoutMs: options.timeoutMs,
            beforeParse: received && parsedAfterNextWrite(received),
          });
          const { data } = reply;
          const checked = {
            id,
            items: this.#items(
              options.jsonrpc2 ? jsonrpc2Entries(data, params.length) : data,
              reply.status,
              reply.headers['content-type'],
              method,
              params,
            ),
            session: isRecord(data) ? data.session : undefined,
          };
          if (gated) queued.replied(checked);
          return checked;
        } finally {
          if (queued) this.#slots.release();
        }
      },
      {
        retry,
        idempotent: options.idempotent,
        clock,
        signal: options.signal,
        // A Retry-After beyond the call's deadline fails at once; close() ends a retry sleep.
        maxWaitMs: options.timeoutMs ?? this.#o.runtime.timeoutMs,
        closing: this.#o.runtime.closing,
        onRetry: (error, attempt, delayMs) =>
          log.warn(`${this.#o.label} ${method} #${id}: retry ${attempt} in ${delayMs} ms`, { error }),
      },
    );
    if (log.enabled) {
      log.debug(`${this.#o.label} ${method} #${id}`, {
        urls: params.length > 3 ? `${params[0]!.url} (+${params.length - 1})` : params.map((p) => p.url),
        codes: items.length > 3 ? summarize(items) : items.map((i) => i.status.code),
      });
    }
    return { id, items, session };
  }

  #items(
    data: unknown,
    status: number,
    contentType: string | string[] | undefined,
    method: string,
    params: readonly WireParams[],
  ): RpcResultItem[] {
    const fail = (what: string) =>
      new ProtocolError(
        `${this.#o.label} ${method} ${params[0]?.url ?? ''} answered HTTP ${status} with ${what}; ` +
          'check that the URL points at a FortiManager JSON-RPC API',
        {
          status,
          contentType: Array.isArray(contentType) ? contentType[0] : contentType,
          snippet: this.#o.runtime.redactor.redactText(JSON.stringify(data) ?? '').slice(0, 200),
        },
      );
    if (status >= 500) throw fail('a server error');
    if (!isRecord(data)) throw fail('a JSON value that is not a JSON-RPC reply');
    if (isRecord(data.error)) {
      const code = Number(data.error.code);
      if (Number.isFinite(code)) {
        throw apiErrorFor({
          code,
          message: String(data.error.message ?? ''),
          method,
          url: params[0]?.url ?? '',
        });
      }
    }
    const result = Array.isArray(data.result)
      ? data.result
      : isRecord(data.result)
        ? [data.result]
        : undefined;
    if (!result) throw fail('no result list');
    if (result.length !== params.length) {
      throw fail(`${result.length} results for ${params.length} params`);
    }
    // A small function of its own for the one loop here that runs per entry: it is what gets hot.
    if (!result.every(hasStatusCode)) throw fail('a result without a status code');
    return result as RpcResultItem[];
  }
}

// No calls in it (it runs for every entry): optional chaining reads nothing from null or a
// primitive, and a JSON array has no `status` nor `code`.
function hasStatusCode(entry: unknown): boolean {
  return typeof (entry as { status?: { code?: unknown } } | null | undefined)?.status?.code === 'number';
}

const OK_STATUS = { code: 0, message: 'OK' };

/**
 * A JSON-RPC 2.0 reply in the legacy shape (`{result: [{status, data}]}`), see
 * `PostOptions.jsonrpc2`; anything else is left as it is for the shape checks.
 */
function jsonrpc2Entries(data: unknown, count: number): unknown {
  if (!isRecord(data) || Array.isArray(data.result)) return data;
  const { error: _error, ...rest } = data;
  const entries = (entry: RpcResultItem) => ({ ...rest, result: Array.from({ length: count }, () => entry) });
  if (isRecord(data.error) && Number.isFinite(Number(data.error.code))) {
    return entries({ status: { code: Number(data.error.code), message: String(data.error.message ?? '') } });
  }
  if (data.result === undefined) return entries({ status: OK_STATUS });
  if (!isRecord(data.result) || count !== 1) return data;
  const { status } = data.result;
  const code = isRecord(status) ? Number(status.code) : Number.NaN;
  return entries({
    status: Number.isFinite(code)
      ? { code, message: String((status as Record<string, unknown>).message ?? '') }
      : OK_STATUS,
    data: data.result,
  });
}

/** True when every entry says -11: how FortiManager answers a session (or API key) it does not accept. */
export function looksStale(items: readonly RpcResultItem[]): boolean {
  return items.length > 0 && items.every((item) => item.status.code === -11);
}

/**
 * The data of one result entry, or its typed error (naming `requestId`, the id of its request).
 *
 * @example
 * settle(item, { method: 'add', url, okCodes: [-2] }, reply.id);
 */
export function settle(
  item: RpcResultItem,
  call: { method: string; url: string; okCodes?: readonly number[] | undefined },
  requestId?: number,
): unknown {
  const code = item.status.code;
  if (code === 0 || call.okCodes?.includes(code)) return item.data;
  throw apiErrorFor({
    code,
    message: String(item.status.message ?? ''),
    method: call.method,
    url: call.url,
    requestId,
  });
}

function summarize(items: readonly RpcResultItem[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[item.status.code] = (counts[item.status.code] ?? 0) + 1;
  return counts;
}
