/**
 * FortiAuthenticator on the core REST caller: endpoints are built from the resource table (one
 * template per resource and operation), error replies map into the shared error tree, and a refused
 * OAuth token is renewed once. Credential checks (`/auth/`, `/pushauth/`, ...) answer 401 for the
 * *user's* credentials, so for them a 401 never renews the admin's token.
 */
import { type AuthStrategy, sendWithAuth } from '../core/auth.js';
import type { CallOptions } from '../core/client-options.js';
import { AuthError, ProtocolError } from '../core/errors.js';
import { RestCaller, type RestEndpoint, type RestHooks, type RestRequest } from '../core/rest.js';
import type { Runtime } from '../core/runtime.js';
import type { HttpMethod } from '../core/transport.js';
import { FacCredentialsRejectedError, toFacError } from './errors.js';
import type { FacResourceFacts } from './facts.js';
import { type FacReply, withoutOrigin } from './replies.js';

export type { FacReply } from './replies.js';

export type FacOperation = 'collection' | 'item';

/** A successful reply: status, headers, and the JSON body (undefined when empty). */
export interface FacRequest extends CallOptions {
  readonly params?: Readonly<Record<string, string | number>>;
  readonly query?: RestRequest['query'];
  readonly json?: unknown;
  readonly body?: RestRequest['body'];
}

const API_PREFIX = '/api/v1';

export class FacCaller {
  readonly runtime: Runtime;
  readonly #auth: AuthStrategy;
  readonly #rest: RestCaller;
  readonly #checks: RestCaller;
  readonly #endpoints = new Map<FacResourceFacts, Map<string, RestEndpoint>>();

  constructor(runtime: Runtime, auth: AuthStrategy) {
    this.runtime = runtime;
    this.#auth = auth;
    this.#rest = new RestCaller({ runtime, auth, hooks: hooks(true) });
    this.#checks = new RestCaller({ runtime, auth, hooks: hooks(false) });
  }

  /**
   * The endpoint of a resource operation: the collection path, or an object below it (`{id}`);
   * a sub-resource's parent object is `{parent}`.
   */
  endpoint(facts: FacResourceFacts, method: HttpMethod, op: FacOperation, suffix = ''): RestEndpoint {
    let known = this.#endpoints.get(facts);
    if (!known) {
      known = new Map();
      this.#endpoints.set(facts, known);
    }
    const key = suffix ? `${method} ${op} ${suffix}` : method + op;
    let endpoint = known.get(key);
    if (!endpoint) {
      const base = `/${facts.path.replace('{id}', '{parent}')}`;
      endpoint = {
        method,
        path: `${base}${op === 'item' ? '{id}/' : ''}${suffix ? `${suffix}/` : ''}`,
        idempotent: method !== 'POST',
      };
      known.set(key, endpoint);
    }
    return endpoint;
  }

  call(endpoint: RestEndpoint, request: FacRequest = {}): Promise<FacReply> {
    return this.#rest.call<FacReply>(endpoint, request);
  }

  /**
   * A credential check: its 401 is the answer about the credentials it was sent (wrong password,
   * push denied), not a refusal of the client's own, so it renews nothing and is a
   * FacCredentialsRejectedError, whatever the body (often a short HTML page).
   */
  async check(endpoint: RestEndpoint, request: FacRequest = {}): Promise<FacReply> {
    try {
      return await this.#checks.call<FacReply>(endpoint, request);
    } catch (error) {
      const status =
        error instanceof ProtocolError || error instanceof AuthError
          ? (error.details.status ?? (error as ProtocolError).status)
          : undefined;
      if (status !== 401) throw error;
      throw new FacCredentialsRejectedError(
        `FortiAuthenticator rejected the credentials sent to ${endpoint.path}`,
        {
          product: 'fortiauthenticator',
          apiCode: 401,
          url: `${endpoint.method} ${endpoint.path}`,
          status: 401,
        },
      );
    }
  }

  /** A GET of a path the server gave (`meta.next`, `Location`, `resource_uri`). */
  follow(link: string, options: CallOptions = {}): Promise<FacReply> {
    return this.call({ method: 'GET', path: this.pathOfLink(link), idempotent: true }, options);
  }

  /** `/api/v1/x/?a=1` or `https://host/api/v1/x/` -> `/x/?a=1`, relative to the client's URL. */
  pathOfLink(link: string): string {
    const path = withoutOrigin(link);
    return path.startsWith(`${API_PREFIX}/`) ? path.slice(API_PREFIX.length) : path;
  }

  /**
   * A call whose reply is not JSON (file downloads, PEM, the text of a restore): the body as bytes.
   * Never retried after sending (a restore must not run twice).
   */
  async bytes(
    method: HttpMethod,
    path: string,
    options: CallOptions & { body?: { data: Uint8Array; contentType: string } } = {},
  ): Promise<Buffer> {
    const { transport } = this.runtime;
    const { body } = options;
    const reply = await sendWithAuth(
      this.#auth,
      { method, path, body: body?.data, replayable: body === undefined },
      (credential) =>
        transport.request({
          method,
          path,
          body: body?.data,
          headers: { ...(body ? { 'content-type': body.contentType } : {}), ...credential.headers },
          signal: options.signal,
          timeoutMs: options.timeoutMs,
        }),
      (r) => r.status === 401,
      { signal: options.signal },
    );
    if (reply.status >= 400) {
      const text = reply.body.toString('utf8');
      let data: unknown = text;
      try {
        data = JSON.parse(text);
      } catch {
        // not JSON: the text is the message
      }
      throw toFacError(reply.status, data, `${method} ${path}`, reply.headers);
    }
    return reply.body;
  }
}

function hooks(renewOn401: boolean): RestHooks {
  return {
    authRejected: (reply) => renewOn401 && reply.status === 401,
    result(reply, endpoint, path): FacReply {
      if (reply.status >= 400)
        throw toFacError(reply.status, reply.data, `${endpoint.method} ${path}`, reply.headers);
      return { status: reply.status, headers: reply.headers, data: reply.data };
    },
  };
}
