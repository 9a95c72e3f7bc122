import { MockAgent } from 'undici';
import { FortiManager, type FortiManagerOptions } from '../../../src/fortimanager/client.js';

export const FAKE_URL = 'http://fmg.test';

/** A JSON-RPC request as the fake sees it. */
export interface FakeRequest {
  id: number;
  method: string;
  params: Array<Record<string, unknown> & { url: string }>;
  session?: string | null;
  verbose?: number;
}

export interface FakeCall {
  path: string;
  body: FakeRequest;
  headers: Record<string, string>;
}

type Handler = (request: FakeRequest, call: FakeCall) => unknown;

/** A reply with an HTTP status other than 200 (the body is sent as JSON). */
export class HttpReply {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {}
}

/** Status entry helpers for replies. */
export const OK = { code: 0, message: 'OK' };
export const DENIED = { code: -11, message: 'No permission for the resource' };

/** One result entry per params entry, from `entry(param, index)`. */
export function each(
  request: FakeRequest,
  entry: (param: FakeRequest['params'][number], index: number) => object,
) {
  return { id: request.id, result: request.params.map((p, i) => ({ url: p.url, ...entry(p, i) })) };
}

/**
 * A FortiManager stand-in on an undici MockAgent: every POST /jsonrpc goes to `handler`, which returns
 * the JSON reply. Records every call.
 */
export function fakeFmg(handler: Handler) {
  const agent = new MockAgent();
  agent.disableNetConnect();
  const calls: FakeCall[] = [];
  agent
    .get(FAKE_URL)
    .intercept({ path: (p) => p.startsWith('/jsonrpc'), method: 'POST' })
    .reply((opts) => {
      const headers = Object.fromEntries(
        Object.entries((opts.headers ?? {}) as Record<string, string>),
      ) as Record<string, string>;
      const body = JSON.parse(String(opts.body)) as FakeRequest;
      const call = { path: opts.path, body, headers };
      calls.push(call);
      const reply = handler(body, call);
      const [statusCode, data] = reply instanceof HttpReply ? [reply.status, reply.body] : [200, reply];
      return {
        statusCode,
        data: JSON.stringify(data),
        responseOptions: { headers: { 'content-type': 'application/json' } },
      };
    })
    .persist();
  return {
    dispatcher: agent,
    calls,
    /** The calls other than login/logout. */
    work: () => calls.filter((c) => !['sys/login/user', 'sys/logout'].includes(c.body.params[0]!.url)),
    logins: () => calls.filter((c) => c.body.params[0]!.url === 'sys/login/user').length,
    logouts: () => calls.filter((c) => c.body.params[0]!.url === 'sys/logout').length,
    close: () => agent.close(),
  };
}

/** A handler that logs in with sessions S1, S2, ... and answers everything else with `work`. */
export function withLogin(work: Handler): Handler {
  let sessions = 0;
  return (request, call) => {
    const url = request.params[0]!.url;
    if (url === 'sys/login/user')
      return { id: request.id, result: [{ url, status: OK }], session: `SESSION-${++sessions}` };
    if (url === 'sys/logout') return { id: request.id, result: [{ url, status: OK }] };
    return work(request, call);
  };
}

/**
 * A client on a fake FortiManager answering with `handler`: logged in as admin (unless `options`
 * give an API key or a Cloud login), no retries. What closes both goes into `cleanups`, for the
 * test file's `afterEach`.
 */
export function fakeClient(
  handler: Handler,
  cleanups: Array<() => Promise<unknown>>,
  options: Partial<FortiManagerOptions> = {},
) {
  const fake = fakeFmg(handler);
  const auth = options.apiKey || options.cloud ? {} : { username: 'admin', password: 'secret-pw' };
  const fmg = new FortiManager({
    url: FAKE_URL,
    dispatcher: fake.dispatcher,
    retry: false,
    ...auth,
    ...options,
  });
  cleanups.push(
    () => fake.close(),
    () => fmg.close(),
  );
  return { fake, fmg };
}
