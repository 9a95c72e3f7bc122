/** Raw JSON-RPC over loopback HTTP against the simulated FortiManager (no fortix client involved). */
import { VirtualClock } from '../../../../src/core/clock.js';
import { type Simulator, type SimulatorOptions, startSimulator } from '../../../../src/simulator/index.js';

export type Json = Record<string, unknown>;

export interface ParamResult {
  data?: unknown;
  status: { code: number; message: string };
  url?: string;
}

export interface RpcReply {
  id: unknown;
  result: ParamResult[];
  session?: string;
}

export interface FmgHarness {
  readonly sim: Simulator;
  readonly clock: VirtualClock;
  /** POSTs a raw body to `/jsonrpc` (or `path`) and parses the JSON answer. */
  post(
    body: unknown,
    init?: { headers?: Record<string, string>; path?: string },
  ): Promise<{ status: number; json: unknown }>;
  /** One JSON-RPC request; `session` is added when given. */
  rpc(
    method: string,
    params: Json[],
    options?: { session?: string; verbose?: 0 | 1; headers?: Record<string, string> },
  ): Promise<RpcReply>;
  /** Logs in and returns the session. */
  login(user?: string, password?: string): Promise<string>;
  /** Like `rpc` with one param; returns its result. */
  call(
    method: string,
    param: Json,
    options?: { session?: string; verbose?: 0 | 1; headers?: Record<string, string> },
  ): Promise<ParamResult>;
  close(): Promise<void>;
}

/** Starts a simulator with only FortiManager, on a virtual clock. */
export async function startFmg(options: SimulatorOptions['fortimanager'] = {}): Promise<FmgHarness> {
  const clock = new VirtualClock(Date.UTC(2026, 0, 1, 9));
  const sim = await startSimulator({ products: ['fortimanager'], clock, fortimanager: options });
  const post: FmgHarness['post'] = async (body, init = {}) => {
    const path = init.path ?? '/jsonrpc';
    const origin = path.startsWith('/api/v1/oauth/') ? sim.forticloud.url : sim.fortimanager.url;
    const response = await fetch(`${origin}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...init.headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, json: text ? JSON.parse(text) : undefined };
  };
  const rpc: FmgHarness['rpc'] = async (method, params, options = {}) => {
    const body: Json = { id: 1, method, params, verbose: options.verbose ?? 1 };
    if (options.session !== undefined) body.session = options.session;
    const { json } = await post(body, { headers: options.headers ?? {} });
    return json as RpcReply;
  };
  return {
    sim,
    clock,
    post,
    rpc,
    async login(user = 'admin', password = 'fortinet') {
      const reply = await rpc('exec', [{ url: 'sys/login/user', data: [{ user, passwd: password }] }]);
      if (reply.result[0]?.status.code !== 0 || !reply.session)
        throw new Error(`login ${user}: ${JSON.stringify(reply)}`);
      return reply.session;
    },
    async call(method, param, options) {
      const reply = await rpc(method, [param], options);
      return reply.result[0]!;
    },
    close: () => sim.close(),
  };
}

/** Names of the rows of a table answer. */
export function names(result: ParamResult, key = 'name'): unknown[] {
  return (result.data as Json[]).map((row) => row[key]);
}
