import type { Clock } from '../core/clock.js';
import { ProtocolError } from '../core/errors.js';
import type { Redactor, SafeLog } from '../core/logging.js';
import { type RetryOptions, withRetry } from '../core/retry.js';
import type { HttpTransport } from '../core/transport.js';
import { apiErrorFor } from './errors.js';
import { isRecord as isObject, type WireParams } from './options.js';

/** The status FortiManager reports for each params entry. */
export interface RpcStatus {
  code: number;
  message: string;
}

/** One entry of the reply's `result` list, in the order of the request's `params`. */
export interface RpcResultItem {
  status: RpcStatus;
  url?: string;
  data?: unknown;
}

/** The JSON-RPC request body. */
export interface RpcEnvelope {
  id: number;
  method: string;
  params: readonly WireParams[];
  session?: string | null;
  verbose?: 1;
}

export interface PostOptions {
  /** The session id; `null` for the login call; omitted with API-key auth. */
  session?: string | null | undefined;
  verbose: boolean;
  /** Safe to resend after a reset or timeout (gets). */
  idempotent: boolean;
  signal?: AbortSignal | undefined;
  timeoutMs?: number | undefined;
}

export interface RpcReply {
  id: number;
  items: RpcResultItem[];
  /** The envelope's `session` (set by the login call). */
  session: unknown;
}

export interface RpcWireOptions {
  transport: HttpTransport;
  /** Headers of every call (API key); read on each call. */
  headers: () => Record<string, string> | undefined;
  retry: RetryOptions | false;
  clock: Clock;
  log: SafeLog;
  redactor: Redactor;
}

const NO_RETRY: RetryOptions = { retries: 0 };
const JSONRPC_PATH = '/jsonrpc';

/** Posts JSON-RPC envelopes to `/jsonrpc` and checks the reply's shape; knows nothing about sessions. */
export class RpcWire {
  #id = 0;
  readonly #o: RpcWireOptions;
  readonly #retry: RetryOptions;

  constructor(options: RpcWireOptions) {
    this.#o = options;
    this.#retry = options.retry === false ? NO_RETRY : options.retry;
  }

  async post(method: string, params: readonly WireParams[], options: PostOptions): Promise<RpcReply> {
    const id = ++this.#id;
    const envelope: RpcEnvelope = { id, method, params };
    if (options.session !== undefined) envelope.session = options.session;
    if (options.verbose) envelope.verbose = 1;
    const { transport, log, clock } = this.#o;
    // The reply is checked inside the retry, so that a 5xx with a JSON body is retried like any 5xx.
    const { items, session } = await withRetry(
      async () => {
        const reply = await transport.requestJson({
          method: 'POST',
          path: JSONRPC_PATH,
          json: envelope,
          headers: this.#o.headers(),
          signal: options.signal,
          timeoutMs: options.timeoutMs,
        });
        const { data } = reply;
        return {
          items: this.#items(data, reply.status, reply.headers['content-type'], method, params),
          session: isObject(data) ? data.session : undefined,
        };
      },
      {
        retry: this.#retry,
        idempotent: options.idempotent,
        clock,
        signal: options.signal,
        onRetry: (error, attempt, delayMs) =>
          log.warn(`FortiManager ${method} #${id}: retry ${attempt} in ${delayMs} ms`, { error }),
      },
    );
    if (log.enabled) {
      log.debug(`FortiManager ${method} #${id}`, {
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
        `FortiManager ${method} ${params[0]?.url ?? ''} answered HTTP ${status} with ${what}; ` +
          'check that the URL points at a FortiManager JSON-RPC API',
        {
          status,
          contentType: Array.isArray(contentType) ? contentType[0] : contentType,
          snippet: this.#o.redactor.redactText(JSON.stringify(data) ?? '').slice(0, 200),
        },
      );
    if (status >= 500) throw fail('a server error');
    if (!isObject(data)) throw fail('a JSON value that is not a JSON-RPC reply');
    if (isObject(data.error)) {
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
      : isObject(data.result)
        ? [data.result]
        : undefined;
    if (!result) throw fail('no result list');
    if (result.length !== params.length) {
      throw fail(`${result.length} results for ${params.length} params`);
    }
    for (const item of result) {
      if (!isObject(item) || !isObject(item.status) || typeof item.status.code !== 'number') {
        throw fail('a result without a status code');
      }
    }
    return result as RpcResultItem[];
  }
}

/** True when every entry says -11: how FortiManager answers a session it no longer knows. */
export function looksStale(items: readonly RpcResultItem[]): boolean {
  return items.length > 0 && items.every((item) => item.status.code === -11);
}

/**
 * The data of one result entry, or its typed error.
 *
 * @example
 * settle(item, { method: 'add', url, okCodes: [-2] });
 */
export function settle(
  item: RpcResultItem,
  call: { method: string; url: string; okCodes?: readonly number[] | undefined; requestId?: number },
): unknown {
  const code = item.status.code;
  if (code === 0 || call.okCodes?.includes(code)) return item.data;
  throw apiErrorFor({
    code,
    message: String(item.status.message ?? ''),
    method: call.method,
    url: call.url,
    requestId: call.requestId,
  });
}

function summarize(items: readonly RpcResultItem[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[item.status.code] = (counts[item.status.code] ?? 0) + 1;
  return counts;
}
