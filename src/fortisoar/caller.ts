/**
 * FortiSOAR on the core REST caller: JSON in and out, a refused credential renewed once (a new
 * login, or a new signature when the server found one expired), errors mapped into the shared tree,
 * and the raw and binary calls that bypass the JSON mapping.
 */
import { type AuthStrategy, sendWithAuth } from '../core/auth.js';
import type { CallOptions } from '../core/client-options.js';
import { isRecord } from '../core/guards.js';
import {
  RestCaller,
  type RestEndpoint,
  type RestHooks,
  type RestReply,
  type RestRequest,
} from '../core/rest.js';
import type { Runtime } from '../core/runtime.js';
import type { HttpResponse } from '../core/transport.js';
import { HmacAuth } from './auth/hmac.js';
import { toFortiSoarError } from './errors.js';

export type { CallOptions } from '../core/client-options.js';

/** Just the call options (signal, timeout) of a method's options. */
export function callOptions(options: CallOptions): CallOptions {
  return { signal: options.signal, timeoutMs: options.timeoutMs };
}

const SIGNATURE_EXPIRED = /expired/i;

export class SoarCaller {
  readonly #rest: RestCaller;
  readonly #raw: RestCaller;
  readonly #hooks: RestHooks;

  constructor(
    readonly runtime: Runtime,
    readonly auth: AuthStrategy,
  ) {
    this.#hooks = soarHooks(auth);
    this.#rest = new RestCaller({ runtime, auth, hooks: this.#hooks });
    this.#raw = new RestCaller({ runtime, auth, hooks: { ...this.#hooks, result: (reply) => reply } });
  }

  call<T>(endpoint: RestEndpoint, request: RestRequest = {}): Promise<T> {
    return this.#rest.call<T>(endpoint, request);
  }

  /** Any request; the reply (status, headers, JSON) is returned whatever its status. */
  raw(endpoint: RestEndpoint, request: RestRequest = {}): Promise<RestReply> {
    return this.#raw.call<RestReply>(endpoint, request);
  }

  /** Like `call`, with the HTTP status of a successful reply (201 created vs 200 updated). */
  async callWithStatus<T>(
    endpoint: RestEndpoint,
    request: RestRequest = {},
  ): Promise<{ status: number; data: T }> {
    const reply = await this.raw(endpoint, request);
    const data = this.#hooks.result(reply, endpoint, this.#rest.pathOf(endpoint, request)) as T;
    return { status: reply.status, data };
  }

  /** A binary reply (a file download), with auth and the same error mapping. */
  async bytes(endpoint: RestEndpoint, request: RestRequest & CallOptions): Promise<HttpResponse> {
    const path = this.#rest.pathOf(endpoint, request);
    const reply = await sendWithAuth<HttpResponse>(
      this.auth,
      { method: endpoint.method, path, body: undefined },
      (credential) =>
        this.runtime.transport.request({
          method: endpoint.method,
          path,
          headers: { accept: '*/*', ...credential.headers },
          signal: request.signal,
          timeoutMs: request.timeoutMs,
        }),
      (response) =>
        this.#hooks.authRejected({
          status: response.status,
          headers: response.headers,
          data: jsonOf(response),
        }),
      { signal: request.signal },
    );
    if (reply.status >= 400)
      throw toFortiSoarError(reply.status, jsonOf(reply), `${endpoint.method} ${path}`);
    return reply;
  }
}

function soarHooks(auth: AuthStrategy): RestHooks {
  return {
    authRejected(reply) {
      if (reply.status !== 401) return false;
      if (!(auth instanceof HmacAuth)) return true;
      // A signature is only worth making again when it was refused as too old (clock skew, a long wait).
      const message = isRecord(reply.data)
        ? String(reply.data.message ?? reply.data['hydra:description'] ?? '')
        : '';
      if (!SIGNATURE_EXPIRED.test(message)) return false;
      const date = reply.headers.date;
      auth.expired(Array.isArray(date) ? date[0] : date);
      return true;
    },
    result(reply, endpoint, path) {
      if (reply.status < 400) return reply.data;
      throw toFortiSoarError(reply.status, reply.data, `${endpoint.method} ${path.split('?')[0]}`);
    },
  };
}

function jsonOf(response: HttpResponse): unknown {
  try {
    return JSON.parse(response.body.toString('utf8'));
  } catch {
    return undefined;
  }
}
