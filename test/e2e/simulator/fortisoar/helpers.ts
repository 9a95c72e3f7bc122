/** Raw HTTP against the simulated FortiSOAR, as a third-party client would speak it (no fortix client). */
import { createHash, createHmac } from 'node:crypto';
import { request } from 'undici';
import { VirtualClock } from '../../../../src/core/clock.js';
import type { FortiSoarSimOptions } from '../../../../src/simulator/fortisoar/index.js';
import { type Simulator, startSimulator } from '../../../../src/simulator/index.js';

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  // biome-ignore lint/suspicious/noExplicitAny: the tests read raw wire replies field by field
  json: any;
  text: string;
}

export interface RawSoar {
  readonly sim: Simulator;
  readonly clock: VirtualClock;
  /** One request; `body` objects are sent as JSON. */
  send(
    method: string,
    target: string,
    init?: { body?: unknown; headers?: Record<string, string> },
  ): Promise<Reply>;
  /** A bearer token from `/auth/authenticate`. */
  login(loginid?: string, password?: string): Promise<string>;
  bearer(token: string): Record<string, string>;
  apiKey(): Record<string, string>;
  close(): Promise<void>;
}

export async function startRawSoar(options: FortiSoarSimOptions = {}): Promise<RawSoar> {
  const clock = new VirtualClock(Date.UTC(2026, 0, 1, 9));
  const sim = await startSimulator({ products: ['fortisoar'], clock, fortisoar: options });
  const send: RawSoar['send'] = async (method, target, init = {}) => {
    const body =
      init.body === undefined || typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
    const res = await request(`${sim.fortisoar.url}${target}`, {
      method: method as 'GET',
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...init.headers },
      body: body as string | undefined,
    });
    const text = await res.body.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.statusCode, headers: res.headers, json, text };
  };
  return {
    sim,
    clock,
    send,
    async login(loginid = sim.fortisoar.admin.loginid, password = sim.fortisoar.admin.password) {
      const reply = await send('POST', '/auth/authenticate', {
        body: { credentials: { loginid, password } },
      });
      return reply.json.token as string;
    },
    bearer: (token) => ({ authorization: `Bearer ${token}` }),
    apiKey: () => ({ authorization: `API-KEY ${sim.fortisoar.apiKey}` }),
    close: () => sim.close(),
  };
}

/** FortiSOAR's HMAC signature, written out from its description (independent of the client). */
export function sign(
  method: string,
  fullUri: string,
  body: string,
  keys: { publicKey: string; privateKey: string },
  when: Date,
): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const timestamp = `${when.getUTCFullYear()}-${p(when.getUTCMonth() + 1)}-${p(when.getUTCDate())} ${p(when.getUTCHours())}:${p(when.getUTCMinutes())}:${p(when.getUTCSeconds())}`;
  const hashed = createHash('sha256')
    .update(method === 'GET' ? keys.publicKey : body)
    .digest('hex');
  const signature = createHmac('sha256', keys.privateKey)
    .update(`sha256.${method}.${timestamp}.${fullUri}.${hashed}`)
    .digest('hex');
  return `CS ${Buffer.from(`sha256;${timestamp};${keys.publicKey};${signature}`).toString('base64')}`;
}
