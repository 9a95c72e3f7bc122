import type { Clock } from '../core/clock.js';
import { ProtocolError, RateLimitError } from '../core/errors.js';
import type { SafeLog } from '../core/logging.js';
import type { RateLimiter } from '../core/rate-limit.js';
import { isRetryable, type RetryOptions, withRetry } from '../core/retry.js';
import type { HttpTransport, JsonResponse } from '../core/transport.js';
import type { FortiCloudAuth } from '../forticloud/auth.js';
import { isRecord } from '../forticloud/token-reply.js';
import type { EndpointSpec } from './endpoints.js';
import { FortiCareErrorBudgetError, FortiCareInvalidTokenError, toFortiCareError } from './errors.js';
import type { Envelope } from './types.js';

/** Per-call options, the same on every method. */
export interface CallOptions {
  signal?: AbortSignal;
  /** Overrides the client's timeoutMs for this call. */
  timeoutMs?: number;
}

export interface CallerDeps {
  transport: HttpTransport;
  auth: FortiCloudAuth;
  limiter: RateLimiter;
  clock: Clock;
  log: SafeLog;
  retry: RetryOptions | undefined;
  accountId: number | undefined;
}

/**
 * Sends one endpoint call: waits for the limiter, attaches a fresh bearer token, maps the envelope
 * to a result or a typed error, counts failures against the error budget, re-authenticates once on
 * an invalid token, and retries only what is safe to repeat.
 */
export class Caller {
  readonly #deps: CallerDeps;

  constructor(deps: CallerDeps) {
    this.#deps = deps;
  }

  async call<R extends Envelope>(spec: EndpointSpec, body: object, options: CallOptions = {}): Promise<R> {
    const payload = this.#withAccount(spec, body);
    return withRetry(() => this.#attempt<R>(spec, payload, options), {
      idempotent: spec.idempotent,
      retry: this.#deps.retry,
      clock: this.#deps.clock,
      signal: options.signal,
      shouldRetry: (error) => shouldRetry(error, spec.idempotent),
      onRetry: (error, attempt, delayMs) =>
        this.#deps.log.debug(`FortiCare ${spec.path}: retry ${attempt} in ${delayMs} ms`, {
          error: error instanceof Error ? error.message : String(error),
        }),
    });
  }

  async #attempt<R extends Envelope>(spec: EndpointSpec, payload: object, options: CallOptions): Promise<R> {
    const { auth } = this.#deps;
    for (let reauthenticated = false; ; reauthenticated = true) {
      await this.#acquire(spec, options.signal);
      const token = await auth.accessToken({ signal: options.signal });
      const reply = await this.#send(spec, payload, token, options);
      try {
        return this.#result<R>(spec, reply);
      } catch (error) {
        // FortiCare refused the token before doing anything, so replaying once is safe for any call.
        if (error instanceof FortiCareInvalidTokenError && !reauthenticated) {
          auth.invalidate(token);
          continue;
        }
        throw error;
      }
    }
  }

  async #acquire(spec: EndpointSpec, signal: AbortSignal | undefined): Promise<void> {
    const { limiter } = this.#deps;
    try {
      // An exhausted budget blocks the account for every call, not only the risky ones.
      const risky = spec.risky || limiter.errorsRemaining() <= 0;
      await limiter.acquire({ signal, risky });
    } catch (error) {
      if (!(error instanceof RateLimitError)) throw error;
      throw new FortiCareErrorBudgetError(
        `FortiCare ${spec.path} was not sent: ${error.message}`,
        error.retryAfterMs,
        { cause: error, details: error.details },
      );
    }
  }

  async #send(
    spec: EndpointSpec,
    payload: object,
    token: string,
    options: CallOptions,
  ): Promise<JsonResponse<unknown>> {
    try {
      return await this.#deps.transport.requestJson({
        method: 'POST',
        path: `/${spec.path}`,
        json: payload,
        headers: { authorization: `Bearer ${token}` },
        signal: options.signal,
        timeoutMs: options.timeoutMs,
      });
    } catch (error) {
      // An error page or broken body may count as a failed call on the server: stay on the safe side.
      if (error instanceof ProtocolError) this.#deps.limiter.recordError();
      throw error;
    }
  }

  #result<R extends Envelope>(spec: EndpointSpec, reply: JsonResponse<unknown>): R {
    const { status: httpStatus, data } = reply;
    if (!isEnvelope(data)) {
      this.#deps.limiter.recordError();
      throw new ProtocolError(
        `FortiCare ${spec.path} replied HTTP ${httpStatus} with JSON that is not a V3 envelope (no numeric status); ` +
          'check that baseUrl points at .../ES/api/registration/v3',
        { status: httpStatus, contentType: 'application/json' },
      );
    }
    const envelope = withoutToken(data);
    if (envelope.status === 0 && httpStatus < 400) return envelope as R;
    this.#deps.limiter.recordError();
    // A batch reply with per-unit results is an answer, not a failure: the caller sorts the units.
    if (spec.batch && Array.isArray(envelope.assets) && envelope.assets.length > 0) return envelope as R;
    const error = toFortiCareError({
      path: spec.path,
      httpStatus,
      envelope: envelope as unknown as Envelope,
    });
    this.#deps.log.debug(error.message, { errorCode: error.errorCode, status: error.status });
    throw error;
  }

  #withAccount(spec: EndpointSpec, body: object): object {
    const { accountId } = this.#deps;
    if (
      !spec.accountScoped ||
      accountId === undefined ||
      (body as { accountId?: unknown }).accountId !== undefined
    ) {
      return body;
    }
    return { ...body, accountId };
  }
}

/**
 * Retry what is safe: the core rules, plus a server 429 for any call (FortiCare did not process it).
 * Never the client's own error-budget refusal: waiting an hour is the caller's decision.
 */
function shouldRetry(error: unknown, idempotent: boolean): boolean {
  if (error instanceof FortiCareErrorBudgetError) return false;
  if (error instanceof RateLimitError) return true;
  return isRetryable(error, idempotent);
}

function isEnvelope(data: unknown): data is Record<string, unknown> & { status: number } {
  return isRecord(data) && typeof data.status === 'number';
}

/** The server echoes the bearer token in every reply; it never leaves this module. */
function withoutToken(
  data: Record<string, unknown> & { status: number },
): Record<string, unknown> & { status: number } {
  if (!('token' in data)) return data;
  const copy = { ...data };
  delete copy.token;
  return copy;
}
