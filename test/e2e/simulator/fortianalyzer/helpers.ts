/** Raw JSON-RPC over loopback HTTP against the simulated FortiAnalyzer (no fortix client involved). */
import { VirtualClock } from '../../../../src/core/clock.js';
import { unzip as readZip } from '../../../../src/fortianalyzer/zip.js';
import { type Simulator, type SimulatorOptions, startSimulator } from '../../../../src/simulator/index.js';

export type Json = Record<string, unknown>;
/** A parsed wire reply, read freely by the tests. */
// biome-ignore lint/suspicious/noExplicitAny: replies are checked by the assertions that read them
export type Wire = any;

/** 09:00 UTC on 1 January 2026: the simulators' start in these tests. */
export const START = Date.UTC(2026, 0, 1, 9);

export interface V2Reply {
  jsonrpc: '2.0';
  id: unknown;
  result?: Wire;
  error?: { code: number; message: string };
}

export interface FazHarness {
  readonly sim: Simulator;
  readonly clock: VirtualClock;
  readonly session: string;
  /** POSTs a body to `/jsonrpc` (or `path`) and answers the HTTP status and parsed JSON. */
  post(
    body: unknown,
    init?: { headers?: Record<string, string>; path?: string },
  ): Promise<{ status: number; json: Wire }>;
  /** A JSON-RPC 2.0 call with `apiver: 3` on the admin session. */
  v2(method: string, param: Json, options?: { session?: string | null }): Promise<V2Reply>;
  /** A legacy-dialect call on the admin session; answers `result[0]`. */
  legacy(method: string, param: Json, options?: { session?: string }): Promise<Wire>;
  login(user?: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

/** Starts a simulator with only FortiAnalyzer on a virtual clock, and logs `admin` in. */
export async function startFaz(options: SimulatorOptions['fortianalyzer'] = {}): Promise<FazHarness> {
  const clock = new VirtualClock(START);
  const sim = await startSimulator({ products: ['fortianalyzer'], clock, fortianalyzer: options });
  let id = 0;
  const post: FazHarness['post'] = async (body, init = {}) => {
    const response = await fetch(`${sim.fortianalyzer.url}${init.path ?? '/jsonrpc'}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...init.headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = text;
    }
    return { status: response.status, json };
  };
  const login = async (user = 'admin', password = 'fortinet') => {
    const { json } = await post({
      id: ++id,
      method: 'exec',
      params: [{ url: '/sys/login/user', data: { user, passwd: password } }],
    });
    if (json.result?.[0]?.status?.code !== 0) throw new Error(`login ${user}: ${JSON.stringify(json)}`);
    return json.session as string;
  };
  const session = await login();
  return {
    sim,
    clock,
    session,
    post,
    login,
    async v2(method, param, options = {}) {
      const body: Json = { jsonrpc: '2.0', id: ++id, method, params: [{ apiver: 3, ...param }] };
      const chosen = options.session === undefined ? session : options.session;
      if (chosen !== null) body.session = chosen;
      return (await post(body)).json as V2Reply;
    },
    async legacy(method, param, options = {}) {
      const { json } = await post({ id: ++id, method, params: [param], session: options.session ?? session });
      return json.result[0];
    },
    close: () => sim.close(),
  };
}

/**
 * A log search body for the root ADOM over 07:00-08:00 UTC: older than the longest indexing delay
 * (30 minutes), so its totals do not drift while a test runs.
 */
export function searchParams(overrides: Json = {}): Json {
  return {
    url: '/logview/adom/root/logsearch',
    logtype: 'traffic',
    device: [{ devid: 'All_FortiGate' }],
    'time-range': { start: '2026-01-01 07:00:00', end: '2026-01-01 07:59:59' },
    timezone: 'UTC',
    limit: 100,
    ...overrides,
  };
}

/** The entries of a ZIP archive, by name. */
export function unzip(archive: Buffer): Map<string, Buffer> {
  return new Map(readZip(archive).map((file) => [file.name, file.data]));
}
