/**
 * FortiManager's HTTP surface: `POST /jsonrpc` (the JSON-RPC envelope, params answered in order, HTTP
 * 200 with a status per param) and `POST /p/forticloud_jsonrpc_login/` (FortiManager Cloud: a
 * FortiCloud access token for a session).
 *
 * Authentication per request: the envelope `session`; or `Authorization: Bearer <API key>` (with an
 * optional `access_user` header naming the API user); an API key in the `access_token` query string
 * is refused, as FortiManager 7.4.7/7.6.2 and later do.
 */

import type { AnalyticsService } from '../analytics.js';
import { cloudLoginIdentity, type FortiCloudTokenVerifier } from '../forticloud/index.js';
import {
  CLOUD_LOGIN_PATHS,
  type Envelope,
  isJsonRpcPath,
  METHOD_NOT_ALLOWED,
  readEnvelope,
} from '../jsonrpc-envelope.js';
import { memoize } from '../memo.js';
import type { SimRequest, SimResponse } from '../types.js';
import type { Principal } from './access.js';
import { ParamAnswer } from './handlers/answer.js';
import type { Call } from './handlers/call.js';
import { dispatch } from './handlers/dispatch.js';
import { deeperThan, MAX_NESTING } from './nesting.js';
import { JsonRows, jsonBytes } from './query/json-rows.js';
import type { Session } from './sessions.js';
import type { FmgState } from './state.js';
import { FmgCode, FmgFailure, type FmgStatus, OK_STATUS } from './status.js';
import { simpleLine } from './tasks.js';
import { splitUrl } from './url.js';

const JSON_HEADERS = { 'content-type': 'application/json' };

type ParamResult = { data?: unknown; status: FmgStatus; url?: unknown; [key: string]: unknown };

/** Urls whose -11 answers carry no session number (a refused login, a refused proxy call). */
const NO_SESSION_NUMBER: ReadonlySet<string> = new Set(['sys/login/user', 'sys/proxy/json']);

export class FmgEndpoint {
  readonly #state: FmgState;
  readonly #cloud: FortiCloudTokenVerifier;
  readonly #analytics: () => AnalyticsService | undefined;

  /** `analytics`: the FortiAnalyzer features, when a FortiAnalyzer runs beside (looked up per request). */
  constructor(
    state: FmgState,
    cloud: FortiCloudTokenVerifier,
    analytics: () => AnalyticsService | undefined = () => undefined,
  ) {
    this.#state = state;
    this.#cloud = cloud;
    this.#analytics = analytics;
  }

  handles(path: string): boolean {
    return isJsonRpcPath(path);
  }

  handle(req: SimRequest): SimResponse {
    if (req.method !== 'POST') return METHOD_NOT_ALLOWED;
    if (CLOUD_LOGIN_PATHS.has(req.path)) return this.#cloudLogin(req);
    this.#state.requests++;
    const envelope = readEnvelope(req);
    if (typeof envelope === 'string') {
      const message =
        envelope === 'not json' ? 'the request is not valid JSON' : "the request has no 'params' list";
      return reply(null, [{ status: new FmgFailure(FmgCode.internal, message).status }]);
    }
    return this.#jsonrpc(req, envelope);
  }

  #jsonrpc(req: SimRequest, envelope: Envelope): SimResponse {
    const analytics = this.#analytics();
    if (analytics && envelope.params.every((param) => forAnalytics(analytics, param))) {
      // FortiAnalyzer features: the FortiManager's own session check, FortiAnalyzer's routes and dialects.
      const principal = this.#authenticate(req, envelope);
      if (principal) principal.session.calls++;
      return analytics.answer(envelope, principal);
    }
    const id = envelope.id ?? null;
    const method = typeof envelope.method === 'string' ? envelope.method : '';
    const verbose = envelope.verbose === 1 || envelope.verbose === true || envelope.verbose === '1';
    let principal = this.#authenticate(req, envelope);
    const cid = principal ? ++principal.session.calls : undefined;
    let newSession: Session | undefined;
    let refusedSession: number | undefined;
    const results: ParamResult[] = [];
    for (const raw of envelope.params) {
      const param = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
      const url = param.url;
      const { segments, path } = typeof url === 'string' ? routeOf(url) : NO_ROUTE;
      try {
        if (method === 'exec' && path === 'sys/login/user') {
          newSession = this.#login(param);
          principal = this.#state.admins.principal(newSession);
          results.push(result(url, undefined));
        } else if (method === 'exec' && path === 'sys/logout') {
          if (principal && principal.session.kind !== 'apikey')
            this.#state.sessions.end(principal.session.id);
          principal = undefined;
          results.push(result(url, undefined));
        } else {
          if (!principal) throw new FmgFailure(FmgCode.noPermission);
          if (typeof url !== 'string') throw new FmgFailure(FmgCode.invalidUrl);
          if (deeperThan(param, MAX_NESTING))
            throw new FmgFailure(FmgCode.invalidData, `the request nests deeper than ${MAX_NESTING} levels`);
          const call: Call = { state: this.#state, principal, verbose, method, url, param };
          results.push(answer(url, dispatch(call, segments)));
        }
      } catch (caught) {
        // A recursion the depth check did not foresee is still a JSON-RPC refusal, not an HTTP 500.
        const error =
          caught instanceof RangeError
            ? new FmgFailure(FmgCode.invalidData, 'the request is too complex')
            : caught;
        if (!(error instanceof FmgFailure)) throw error;
        results.push(url === undefined ? { status: error.status } : { status: error.status, url });
        // FortiManager names the (numeric) session that a database refusal was for.
        if (error.code === FmgCode.noPermission && !NO_SESSION_NUMBER.has(path))
          refusedSession = principal?.session.sid ?? 0;
      }
    }
    const task = envelope['create task'];
    const answered =
      task === undefined || principal === undefined
        ? results
        : asTask(this.#state, principal, method, results);
    return reply(id, answered, newSession?.id ?? refusedSession, cid);
  }

  #authenticate(req: SimRequest, envelope: Envelope): Principal | undefined {
    if (req.query.has('access_token')) return undefined;
    const state = this.#state;
    const authorization = req.headers.authorization;
    const token =
      typeof authorization === 'string' && /^bearer /i.test(authorization)
        ? authorization.slice(7).trim()
        : undefined;
    const sessionId = typeof envelope.session === 'string' ? envelope.session : undefined;
    if (token === undefined && sessionId === undefined) return undefined;
    const stale = state.ctx.faults.take(req, 'fortimanager', ['stale-session']);
    if (token !== undefined) {
      const user = state.apiKeys.get(token);
      const accessUser = req.headers.access_user;
      if (stale || !user || (typeof accessUser === 'string' && accessUser !== user)) return undefined;
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
    const outcome = this.#state.admins.checkLogin(user, String(credentials.passwd ?? ''));
    if (outcome === 'denied') throw new FmgFailure(FmgCode.noPermission);
    if (outcome === 'failed') throw new FmgFailure(FmgCode.loginFail);
    return this.#state.sessions.create(user, 'login');
  }

  #cloudLogin(req: SimRequest): SimResponse {
    const identity = cloudLoginIdentity(req, this.#cloud, 'FortiManager');
    if (!identity) {
      return {
        status: 401,
        headers: JSON_HEADERS,
        body: { status: new FmgFailure(FmgCode.noPermission).status },
      };
    }
    const session = this.#state.sessions.create(identity.username, 'cloud');
    return { status: 200, headers: JSON_HEADERS, body: { session: session.id } };
  }
}

function forAnalytics(analytics: AnalyticsService, param: unknown): boolean {
  const url =
    typeof param === 'object' && param !== null ? (param as Record<string, unknown>).url : undefined;
  return typeof url === 'string' && analytics.serves(url);
}

interface Route {
  readonly segments: readonly string[];
  readonly path: string;
}

const NO_ROUTE: Route = { segments: [], path: '' };

/** Decoded segments of a param url; a multiplexed request repeats one url thousands of times. */
const routeOf = memoize((url: string): Route => {
  const segments = Object.freeze(splitUrl(url));
  return { segments, path: segments.join('/') };
});

function result(url: unknown, data: unknown): ParamResult {
  const out: ParamResult = data === undefined ? { status: OK_STATUS } : { data, status: OK_STATUS };
  if (url !== undefined) out.url = url;
  return out;
}

/** A handler's outcome as a result entry: its data, or a result with keys of its own (see ParamAnswer). */
function answer(url: unknown, outcome: unknown): ParamResult {
  if (!(outcome instanceof ParamAnswer)) return result(url, outcome);
  const out: ParamResult =
    outcome.data === undefined ? { status: OK_STATUS } : { data: outcome.data, status: OK_STATUS };
  Object.assign(out, outcome.extra);
  out.url = url;
  return out;
}

/**
 * `create task` on the envelope: the params run, and each answers the task that ran them (as
 * FortiManager does, without the url).
 */
function asTask(
  state: FmgState,
  principal: Principal,
  method: string,
  results: ParamResult[],
): ParamResult[] {
  const lines = results.map((entry, index) =>
    simpleLine(`${method} ${String(entry.url ?? index)}`, [
      [0, `start to ${method}`],
      [100, entry.status.code === 0 ? 'done' : entry.status.message],
    ]),
  );
  const task = state.tasks.create({
    title: `${method} objects`,
    src: 'json api',
    user: principal.user,
    adomOid: 0,
    lines,
  });
  return results.map((entry) => (entry.status.code === 0 ? { data: { task }, status: entry.status } : entry));
}

function reply(id: unknown, results: ParamResult[], session?: string | number, cid?: number): SimResponse {
  if (results.some((entry) => entry.data instanceof JsonRows))
    return { status: 200, headers: JSON_HEADERS, body: replyBytes(id, results, session, cid) };
  const body: Record<string, unknown> = { id, result: results };
  if (session !== undefined) body.session = session;
  if (cid !== undefined) body.cid = cid;
  return { status: 200, headers: JSON_HEADERS, body };
}

/** The reply as `JSON.stringify` writes it, with rows already serialized ({@link JsonRows}) copied in. */
function replyBytes(id: unknown, results: ParamResult[], session?: string | number, cid?: number): Buffer {
  const pieces: Array<string | JsonRows> = [`{"id":${JSON.stringify(id)},"result":[`];
  results.forEach((entry, i) => {
    const comma = i > 0 ? ',' : '';
    if (!(entry.data instanceof JsonRows)) {
      pieces.push(comma + JSON.stringify(entry));
      return;
    }
    // `data` stays the first key; the rest (status, url, ...) follow in their order.
    pieces.push(`${comma}{"data":`, entry.data, `,${JSON.stringify({ ...entry, data: undefined }).slice(1)}`);
  });
  let tail = ']';
  if (session !== undefined) tail += `,"session":${JSON.stringify(session)}`;
  if (cid !== undefined) tail += `,"cid":${cid}`;
  pieces.push(`${tail}}`);
  return jsonBytes(pieces);
}
