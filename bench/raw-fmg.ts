/** A raw undici FortiManager client for the benchmarks' floors: a session and JSON-RPC posts, nothing else. */
import { Agent, request } from 'undici';

export interface RawSession {
  readonly agent: Agent;
  readonly url: string;
  readonly session: string;
}

export async function rawPost(agent: Agent, url: string, body: unknown): Promise<unknown> {
  const reply = await request(`${url}/jsonrpc`, {
    dispatcher: agent,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return JSON.parse(await reply.body.text());
}

/** Logs in as admin over an agent of its own with `connections` sockets. */
export async function rawLogin(url: string, password: string, connections = 8): Promise<RawSession> {
  const agent = new Agent({ connections });
  const login = (await rawPost(agent, url, {
    id: 1,
    method: 'exec',
    params: [{ url: 'sys/login/user', data: { user: 'admin', passwd: password } }],
  })) as { session?: string };
  if (typeof login.session !== 'string') throw new Error('raw login failed');
  return { agent, url, session: login.session };
}

/** One verbose `get` of `params`; throws unless it answers code 0. */
export async function rawGet(raw: RawSession, params: Record<string, unknown>, id = 1): Promise<unknown> {
  const reply = (await rawPost(raw.agent, raw.url, {
    id,
    method: 'get',
    params: [params],
    session: raw.session,
    verbose: 1,
  })) as { result: Array<{ status: { code: number }; data?: unknown }> };
  const [entry] = reply.result;
  if (entry?.status.code !== 0) throw new Error(`raw get ${String(params.url)} failed`);
  return entry.data;
}

export async function rawLogout(raw: RawSession): Promise<void> {
  await rawPost(raw.agent, raw.url, {
    id: 0,
    method: 'exec',
    params: [{ url: 'sys/logout' }],
    session: raw.session,
  });
  await raw.agent.close();
}
