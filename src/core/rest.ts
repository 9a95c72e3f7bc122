import { type AuthStrategy, sendWithAuth } from './auth.js';
import type { CallOptions } from './client-options.js';
import { ProtocolError, RateLimitError, TransportError, ValidationError } from './errors.js';
import { isRecord } from './guards.js';
import { jsonBody } from './json.js';
import type { RateLimiter } from './rate-limit.js';
import { isFinalError, isRetryable, withRetry } from './retry.js';
import type { Runtime } from './runtime.js';
import { checkCallOptions, eitherSignal } from './timeouts.js';
import type { HttpMethod, JsonResponse } from './transport.js';

/**
 * One endpoint of a JSON-over-HTTPS API, as data.
 *
 * @example
 * const getAlert: RestEndpoint = { method: 'GET', path: '/api/3/alerts/{uuid}', idempotent: true };
 */
export interface RestEndpoint {
  readonly method: HttpMethod;
  /** Path template; `{name}` placeholders are filled from `params`, percent-encoded. */
  readonly path: string;
  /** Repeating it cannot change the outcome: transient failures after sending are retried. */
  readonly idempotent: boolean;
  /** It can fail on bad data and spend an error budget: refused before sending when the budget is nearly spent. */
  readonly risky?: boolean;
}

export type QueryValue = string | number | boolean;

/** One call of an endpoint. */
export interface RestRequest extends CallOptions {
  /** Values of the path's `{name}` placeholders. */
  readonly params?: Readonly<Record<string, string | number>> | undefined;
  /** Query parameters; a list repeats the parameter (`id=1&id=2`); undefined values are left out. */
  readonly query?: Readonly<Record<string, QueryValue | readonly QueryValue[] | undefined>> | undefined;
  /** A JSON body. */
  readonly json?: unknown;
  /** A raw body (multipart, form) with its content type; exclusive with `json`. */
  readonly body?: { readonly data: string | Uint8Array; readonly contentType: string } | undefined;
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /**
   * False when the body must not be sent twice (an upload read from a stream): such a call is never
   * retried after sending, and a rejected credential fails instead of replaying.
   */
  readonly replayable?: boolean | undefined;
}

/** A reply as the product hooks see it: JSON parsed (undefined for an empty body). */
export interface RestReply {
  readonly status: number;
  readonly headers: JsonResponse<unknown>['headers'];
  readonly data: unknown;
}

/** What a product tells the caller about its replies. */
export interface RestHooks {
  /** True when the server refused the credential (renew once, then replay). */
  authRejected(reply: RestReply): boolean;
  /**
   * The result of a reply, or throws the product's typed error. Called for every status; errors
   * map into the shared tree (NotFoundError, PermissionDeniedError, ...).
   */
  result(reply: RestReply, endpoint: RestEndpoint, path: string): unknown;
  /** True when the reply spends the error budget (default: status >= 400). */
  isFailure?(reply: RestReply): boolean;
  /** Turns the limiter's own refusal into the product's error (default: it is thrown as is). */
  refused?(error: RateLimitError, endpoint: RestEndpoint): Error;
  /** Overrides the retry rule (default: `isRetryable`, plus a server 429 for any call). */
  shouldRetry?(error: unknown, endpoint: RestEndpoint): boolean;
}

export interface RestCallerOptions {
  readonly runtime: Runtime;
  readonly auth: AuthStrategy;
  readonly hooks: RestHooks;
  /** Calls wait for it; failures count against its error budget. */
  readonly limiter?: RateLimiter | undefined;
}

const PLACEHOLDER = /\{([^{}]+)\}/g;

/**
 * The REST runtime of JSON-over-HTTPS products: fills the endpoint's path, waits for the limiter,
 * authorizes the request (renewing once on a rejected credential), retries only what is safe to
 * repeat, and hands the reply to the product's hooks.
 */
export class RestCaller {
  readonly #o: RestCallerOptions;

  constructor(options: RestCallerOptions) {
    this.#o = options;
  }

  /** The URL path of a call (placeholders filled, query encoded), as it is sent and signed. */
  pathOf(endpoint: RestEndpoint, request: RestRequest = {}): string {
    const template = templateOf(endpoint.path);
    let path = template[0]!;
    for (let i = 1; i < template.length; i += 2) {
      const name = template[i]!;
      const value = request.params?.[name];
      if (
        (typeof value !== 'string' && typeof value !== 'number') ||
        value === '' ||
        value === '.' ||
        value === '..'
      ) {
        throw new ValidationError(
          `${endpoint.method} ${endpoint.path}: params.${name} must be a non-empty string or number (not '.' or '..')`,
          `params.${name}`,
        );
      }
      path += encodeURIComponent(String(value)) + template[i + 1]!;
    }
    return path + queryString(request.query, path.includes('?'));
  }

  /**
   * Sends one call and returns what the product's `result` hook makes of the reply.
   *
   * @example
   * const alert = await caller.call<Alert>(getAlert, { params: { uuid } });
   */
  call<T>(endpoint: RestEndpoint, request: RestRequest = {}): Promise<T> {
    let path: string;
    let body: string | Uint8Array | undefined;
    try {
      checkEndpoint(endpoint);
      checkCallOptions(request, 'request');
      path = this.pathOf(endpoint, request);
      if (request.json !== undefined && request.body !== undefined) {
        throw new ValidationError('Give either json or body, not both', 'body');
      }
      body = request.json === undefined ? request.body?.data : jsonBody(request.json, 'json');
    } catch (error) {
      return Promise.reject(error);
    }
    const { runtime, hooks } = this.#o;
    const replayable = request.replayable !== false;
    return withRetry(() => this.#attempt<T>(endpoint, request, path, body, replayable), {
      idempotent: endpoint.idempotent && replayable,
      retry: runtime.retry,
      clock: runtime.clock,
      signal: request.signal,
      // A Retry-After longer than the call may take fails the call now, with the server's retryAfterMs.
      maxWaitMs: request.timeoutMs ?? runtime.timeoutMs,
      closing: runtime.closing,
      shouldRetry: (error) =>
        hooks.shouldRetry
          ? hooks.shouldRetry(error, endpoint)
          : defaultShouldRetry(error, endpoint, replayable),
      onRetry: (error, attempt, delayMs) =>
        runtime.log.debug(`${endpoint.method} ${path}: retry ${attempt} in ${delayMs} ms`, {
          error: error instanceof Error ? error.message : String(error),
        }),
    });
  }

  async #attempt<T>(
    endpoint: RestEndpoint,
    request: RestRequest,
    path: string,
    body: string | Uint8Array | undefined,
    replayable: boolean,
  ): Promise<T> {
    const { runtime, auth, hooks } = this.#o;
    const contentType =
      request.json !== undefined ? 'application/json' : (request.body?.contentType ?? undefined);
    const reply = await sendWithAuth<RestReply>(
      auth,
      { method: endpoint.method, path, body, replayable },
      async (credential) => {
        try {
          const response = await runtime.transport.requestJson({
            method: endpoint.method,
            path,
            body,
            contentType,
            headers:
              request.headers === undefined
                ? credential.headers
                : { ...request.headers, ...credential.headers },
            signal: request.signal,
            timeoutMs: request.timeoutMs,
            allowEmpty: true,
          });
          if (this.#isFailure(response)) this.#o.limiter?.recordError();
          return response;
        } catch (error) {
          // An error page or broken body may count as a failed call on the server: stay on the safe side.
          if (error instanceof ProtocolError || error instanceof RateLimitError)
            this.#o.limiter?.recordError();
          throw error;
        }
      },
      (response) => hooks.authRejected(response),
      {
        signal: request.signal,
        ready: () => this.#acquire(endpoint, request.signal),
        timeoutMs: request.timeoutMs ?? runtime.timeoutMs,
      },
    );
    return hooks.result(reply, endpoint, path) as T;
  }

  #isFailure(reply: RestReply): boolean {
    return this.#o.hooks.isFailure ? this.#o.hooks.isFailure(reply) : reply.status >= 400;
  }

  async #acquire(endpoint: RestEndpoint, signal: AbortSignal | undefined): Promise<void> {
    const limiter = this.#o.limiter;
    if (!limiter) return;
    const { closing } = this.#o.runtime;
    try {
      // An exhausted budget blocks the account for every call, not only the risky ones.
      await limiter.acquire({
        signal: eitherSignal(signal, closing),
        risky: endpoint.risky === true || limiter.errorsRemaining() <= 0,
      });
    } catch (error) {
      if (closing.aborted && !signal?.aborted) {
        throw new TransportError(
          `${endpoint.method} ${endpoint.path}: the client was closed while the call waited for the rate limiter; nothing was sent`,
          'closed',
          { cause: error, requestSent: false },
        );
      }
      if (error instanceof RateLimitError && this.#o.hooks.refused)
        throw this.#o.hooks.refused(error, endpoint);
      throw error;
    }
  }
}

/** Path templates cut once: literal, name, literal, name, ..., literal. */
const templates = new Map<string, readonly string[]>();

function templateOf(path: string): readonly string[] {
  // A path without placeholders (a link the server gave) is used as it is, and not cached.
  if (!path.includes('{')) return [path];
  let template = templates.get(path);
  if (!template) {
    // split() with a capture group keeps the names at the odd indices.
    template = path.split(PLACEHOLDER);
    if (templates.size < 1024) templates.set(path, template);
  }
  return template;
}

/** An endpoint given as data (by `raw`, say) must look like one: a method and a path template. */
function checkEndpoint(endpoint: unknown): asserts endpoint is RestEndpoint {
  if (
    !isRecord(endpoint) ||
    typeof endpoint.method !== 'string' ||
    typeof endpoint.path !== 'string' ||
    typeof endpoint.idempotent !== 'boolean'
  ) {
    throw new ValidationError(
      'endpoint must be an endpoint description ({ method, path, idempotent }), e.g. one of ENDPOINTS',
      'endpoint',
    );
  }
}

/** The core rule, plus a server 429 for any call (the server did not process it); never the client's own refusal. */
function defaultShouldRetry(error: unknown, endpoint: RestEndpoint, replayable: boolean): boolean {
  if (!replayable) return false;
  if (error instanceof RateLimitError && !isFinalError(error)) return error.details.status === 429;
  return isRetryable(error, endpoint.idempotent);
}

function queryString(query: RestRequest['query'], hasQuery: boolean): string {
  if (!query) return '';
  let out = '';
  for (const key in query) {
    const value = query[key];
    if (value === undefined) continue;
    const values = Array.isArray(value) ? value : [value as QueryValue];
    for (const item of values)
      out += `${out ? '&' : ''}${encodeURIComponent(key)}=${encodeURIComponent(String(item))}`;
  }
  if (!out) return '';
  return `${hasQuery ? '&' : '?'}${out}`;
}
