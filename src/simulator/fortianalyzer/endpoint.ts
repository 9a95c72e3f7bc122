/**
 * FortiAnalyzer's HTTP surface: `POST /jsonrpc` in both envelope dialects, and `POST
 * /p/forticloud_jsonrpc_login/` (a FortiCloud access token issued to client id `FortiAnalyzer` for a
 * session).
 *
 * - Legacy dialect (no `jsonrpc` key): `{id, result: [{status, url, data}]}`, one entry per param.
 * - JSON-RPC 2.0 (`jsonrpc: '2.0'`, used with `apiver: 3`): `{jsonrpc, id, result}` with the
 *   endpoint's own keys (a list of `{status, url, data}` when several params were sent), or
 *   `{jsonrpc, id, error: {code, message}}`; no `result` key when there is nothing to answer.
 *
 * Authentication per request: the envelope `session`, or `Authorization: Bearer <API key>`. With an
 * API key the envelope must not carry a session (FortiAnalyzer refuses the request). A value of the
 * wrong JSON shape answers HTTP 503, as the appliance does.
 */

import type { AnalyticsCaller } from '../analytics.js';
import { cloudLoginIdentity, type FortiCloudTokenVerifier } from '../forticloud/index.js';
import type { Session } from '../fortimanager/sessions.js';
import { splitUrl } from '../fortimanager/url.js';
import {
  CLOUD_LOGIN_PATHS,
  type Envelope,
  isJsonRpcPath,
  METHOD_NOT_ALLOWED,
  readEnvelope,
} from '../jsonrpc-envelope.js';
import { memoize } from '../memo.js';
import type { SimRequest, SimResponse } from '../types.js';
import type { Principal } from './admins.js';
import { dispatch, type FazCall, NO_RESULT } from './handlers/routes.js';
import type { LogFacts } from './logs/facts.js';
import type { FazState } from './state.js';
import { FazCode, FazFailure, type FazStatus, MalformedRequest, OK_STATUS } from './status.js';

const JSON_HEADERS = { 'content-type': 'application/json' };

/** One param's outcome: data (or nothing), or a failure. */
type Outcome = { ok: true; url: unknown; data: unknown } | { ok: false; url: unknown; status: FazStatus };

/** The decoded segments of a param url (memoized: searches repeat a few urls many times). */
export const segmentsOf = memoize((url: string) => Object.freeze(splitUrl(url)));

export class FazEndpoint {
  readonly #state: FazState;
  readonly #facts: LogFacts;
  readonly #cloud: FortiCloudTokenVerifier;

  constructor(state: FazState, facts: LogFacts, cloud: FortiCloudTokenVerifier) {
    this.#state = state;
    this.#facts = facts;
    this.#cloud = cloud;
  }

  handles(path: string): boolean {
    return isJsonRpcPath(path);
  }

  handle(req: SimRequest): SimResponse {
    if (req.method !== 'POST') return METHOD_NOT_ALLOWED;
    if (CLOUD_LOGIN_PATHS.has(req.path)) return this.#cloudLogin(req);
    this.#state.requests++;
    const envelope = readEnvelope(req);
    // FortiAnalyzer answers a body it cannot read with its web server's error page.
    if (typeof envelope === 'string') return unavailable();
    return this.#answer(envelope, this.#authenticate(req, envelope));
  }

  /**
   * Answers an envelope for a caller a FortiManager authenticated (its FortiAnalyzer features):
   * the same routes, state and dialects as a request of FortiAnalyzer's own.
   */
  answerFor(envelope: Envelope, caller: AnalyticsCaller | undefined): SimResponse {
    return this.#answer(
      envelope,
      caller && { user: caller.user, permit: caller.permit, adoms: caller.adoms },
    );
  }

  #answer(envelope: Envelope, principal: Principal | undefined): SimResponse {
    try {
      return this.#jsonrpc(envelope, principal);
    } catch (error) {
      if (error instanceof MalformedRequest) return unavailable();
      throw error;
    }
  }

  #jsonrpc(envelope: Envelope, caller: Principal | undefined): SimResponse {
    const v2 = envelope.jsonrpc === '2.0';
    const method = typeof envelope.method === 'string' ? envelope.method : '';
    let principal = caller;
    let newSession: Session | undefined;
    const outcomes: Outcome[] = [];
    for (const raw of envelope.params) {
      const param = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
      const url = param.url;
      const segments = typeof url === 'string' ? segmentsOf(url) : [];
      const path = segments.join('/');
      try {
        if (method === 'exec' && path === 'sys/login/user') {
          newSession = this.#login(param);
          principal = this.#state.admins.principal(newSession);
          outcomes.push({ ok: true, url, data: undefined });
        } else if (method === 'exec' && path === 'sys/logout') {
          if (principal?.session && principal.session.kind !== 'apikey')
            this.#state.sessions.end(principal.session.id);
          principal = undefined;
          outcomes.push({ ok: true, url, data: undefined });
        } else {
          if (!principal) throw new FazFailure(FazCode.noPermission);
          if (typeof url !== 'string') throw new FazFailure(FazCode.invalidUrl);
          const call: FazCall = { state: this.#state, facts: this.#facts, principal, method, param };
          outcomes.push({ ok: true, url, data: dispatch(call, segments) });
        }
      } catch (error) {
        if (!(error instanceof FazFailure)) throw error;
        outcomes.push({ ok: false, url, status: error.status });
      }
    }
    const body = v2 ? v2Reply(envelope.id ?? null, outcomes) : legacyReply(envelope.id ?? null, outcomes);
    if (newSession) body.session = newSession.id;
    return { status: 200, headers: JSON_HEADERS, body };
  }

  #authenticate(req: SimRequest, envelope: Envelope): Principal | undefined {
    const state = this.#state;
    const authorization = req.headers.authorization;
    const token =
      typeof authorization === 'string' && /^bearer /i.test(authorization)
        ? authorization.slice(7).trim()
        : undefined;
    const sessionId = typeof envelope.session === 'string' ? envelope.session : undefined;
    if (token === undefined && sessionId === undefined) return undefined;
    const stale = state.ctx.faults.take(req, 'fortianalyzer', ['stale-session']);
    if (token !== undefined) {
      const user = state.apiKeys.get(token);
      if (stale || !user || sessionId !== undefined) return undefined;
      return state.admins.principal(state.sessions.apiSession(user));
    }
    if (stale) {
      state.sessions.end(sessionId!);
      return undefined;
    }
    const session = state.sessions.touch(sessionId!);
    return session && state.admins.principal(session);
  }

  #login(param: Record<string, unknown>): Session {
    const data = Array.isArray(param.data) ? param.data[0] : param.data;
    const credentials = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
    const user = String(credentials.user ?? '');
    if (!this.#state.admins.checkLogin(user, String(credentials.passwd ?? ''))) {
      throw new FazFailure(FazCode.loginFail);
    }
    return this.#state.sessions.create(user, 'login');
  }

  #cloudLogin(req: SimRequest): SimResponse {
    const identity = cloudLoginIdentity(req, this.#cloud, 'FortiAnalyzer');
    if (!identity) {
      return {
        status: 401,
        headers: JSON_HEADERS,
        body: { status: new FazFailure(FazCode.noPermission).status },
      };
    }
    const session = this.#state.sessions.create(identity.username, 'cloud');
    return { status: 200, headers: JSON_HEADERS, body: { session: session.id } };
  }
}

function legacyReply(id: unknown, outcomes: readonly Outcome[]): Record<string, unknown> {
  return { id, result: outcomes.map(legacyItem) };
}

function legacyItem(outcome: Outcome): Record<string, unknown> {
  if (!outcome.ok) return { status: outcome.status, url: outcome.url };
  const own = statusOf(outcome.data);
  const item: Record<string, unknown> = { status: own ?? OK_STATUS, url: outcome.url };
  // A handler's bare `{status}` is the entry's status, not its data.
  const bare = own !== undefined && Object.keys(outcome.data as object).length === 1;
  if (outcome.data !== undefined && outcome.data !== NO_RESULT && !bare) item.data = outcome.data;
  return item;
}

function v2Reply(id: unknown, outcomes: readonly Outcome[]): Record<string, unknown> {
  const body: Record<string, unknown> = { jsonrpc: '2.0', id };
  if (outcomes.length !== 1) {
    body.result = outcomes.map(legacyItem);
    return body;
  }
  const [only] = outcomes as [Outcome];
  if (!only.ok) body.error = only.status;
  else if (only.data !== NO_RESULT) body.result = only.data ?? { status: OK_STATUS };
  return body;
}

/** A handler's own per-result status (e.g. alerts that do not exist), if it answered one. */
function statusOf(data: unknown): FazStatus | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const status = (data as { status?: unknown }).status;
  return typeof status === 'object' && status !== null && typeof (status as FazStatus).code === 'number'
    ? (status as FazStatus)
    : undefined;
}

function unavailable(): SimResponse {
  return {
    status: 503,
    headers: { 'content-type': 'text/html' },
    body: '<html><body>503 Service Unavailable</body></html>',
  };
}
