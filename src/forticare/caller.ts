import type { AuthStrategy } from '../core/auth.js';
import type { CallOptions } from '../core/client-options.js';
import { ProtocolError, RateLimitError, ValidationError } from '../core/errors.js';
import { isRecord } from '../core/guards.js';
import type { RateLimiter } from '../core/rate-limit.js';
import { RestCaller, type RestEndpoint, type RestHooks, type RestReply } from '../core/rest.js';
import { isFinalError, isRetryable } from '../core/retry.js';
import type { Runtime } from '../core/runtime.js';
import { checkCallOptions } from '../core/timeouts.js';
import type { EndpointSpec } from './endpoints.js';
import { FORTICARE_ERROR_CODES, FortiCareErrorBudgetError, toFortiCareError } from './errors.js';
import type { Envelope } from './types.js';

export type { CallOptions } from '../core/client-options.js';

export interface CallerDeps {
  runtime: Runtime;
  auth: AuthStrategy;
  limiter: RateLimiter;
  accountId: number | undefined;
}

/**
 * FortiCare on the core REST caller: every endpoint is a POST of JSON; the V3 envelope becomes a
 * result or a typed error, failures count against the error budget, an invalid token is renewed
 * once, and only what is safe is retried.
 */
export class Caller {
  readonly #rest: RestCaller;
  readonly #accountId: number | undefined;

  constructor(deps: CallerDeps) {
    this.#accountId = deps.accountId;
    this.#rest = new RestCaller({
      runtime: deps.runtime,
      auth: deps.auth,
      limiter: deps.limiter,
      hooks: fortiCareHooks(deps.runtime),
    });
  }

  call<R extends Envelope>(spec: EndpointSpec, body: object, options: CallOptions = {}): Promise<R> {
    try {
      checkCallOptions(options);
      if (!isRecord(spec) || typeof spec.name !== 'string') {
        throw new ValidationError('spec must be one of ENDPOINTS (an endpoint description)', 'spec');
      }
      if (!isRecord(body)) throw new ValidationError('body must be a JSON object', 'body');
    } catch (error) {
      return Promise.reject(error);
    }
    const { signal, timeoutMs } = options;
    return this.#rest.call<R>(spec, { json: this.#withAccount(spec, body), signal, timeoutMs });
  }

  #withAccount(spec: EndpointSpec, body: object): object {
    const accountId = this.#accountId;
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

function fortiCareHooks(runtime: Runtime): RestHooks {
  return {
    // FortiCare refused the token before doing anything, so replaying once is safe for any call.
    authRejected: (reply) =>
      isEnvelope(reply.data) &&
      (reply.status === 401 || errorCode(reply.data) === FORTICARE_ERROR_CODES.invalidToken),
    isFailure: (reply) => !isEnvelope(reply.data) || reply.data.status !== 0 || reply.status >= 400,
    result(reply, endpoint) {
      return envelopeResult(reply, endpoint as EndpointSpec, runtime);
    },
    refused: (error, endpoint) =>
      new FortiCareErrorBudgetError(
        `FortiCare ${(endpoint as EndpointSpec).name} was not sent: ${error.message}`,
        error.retryAfterMs,
        { cause: error, details: error.details },
      ),
    shouldRetry: (error, endpoint) => shouldRetry(error, endpoint),
  };
}

function envelopeResult(reply: RestReply, spec: EndpointSpec, runtime: Runtime): Envelope {
  const { status: httpStatus, data } = reply;
  if (!isEnvelope(data)) {
    throw new ProtocolError(
      `FortiCare ${spec.name} replied HTTP ${httpStatus} with ${data === undefined ? 'an empty body' : 'JSON that is not a V3 envelope (no numeric status)'}; ` +
        'check that url points at .../ES/api/registration/v3',
      { status: httpStatus, contentType: 'application/json' },
    );
  }
  const envelope = withoutToken(data);
  if (envelope.status === 0 && httpStatus < 400) return envelope as unknown as Envelope;
  // A batch reply with per-unit results is an answer, not a failure: the caller sorts the units.
  if (spec.batch && Array.isArray(envelope.assets) && envelope.assets.length > 0) {
    return envelope as unknown as Envelope;
  }
  const error = toFortiCareError({ path: spec.name, httpStatus, envelope: envelope as unknown as Envelope });
  runtime.log.debug(error.message, {
    errorCode: error.errorCode,
    envelopeStatus: error.envelopeStatus,
    status: error.status,
  });
  throw error;
}

/**
 * Retry what is safe: the core rules, plus a server 429 for any call (FortiCare did not process it).
 * Never the client's own error-budget refusal: waiting an hour is the caller's decision.
 */
function shouldRetry(error: unknown, endpoint: RestEndpoint): boolean {
  if (error instanceof FortiCareErrorBudgetError || isFinalError(error)) return false;
  if (error instanceof RateLimitError) return true;
  return isRetryable(error, endpoint.idempotent);
}

function errorCode(envelope: Record<string, unknown>): unknown {
  return isRecord(envelope.error) ? envelope.error.errorCode : undefined;
}

function isEnvelope(data: unknown): data is Record<string, unknown> & { status: number } {
  return isRecord(data) && typeof data.status === 'number';
}

/** The server echoes the bearer token in every reply; it never leaves this module. */
function withoutToken(
  data: Record<string, unknown> & { status: number },
): Record<string, unknown> & { status: number } {
  if (!('token' in data)) return data;
  const { token: _, ...rest } = data;
  return rest;
}
