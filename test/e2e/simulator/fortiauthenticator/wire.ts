import { request } from 'undici';
import { type Simulator, type SimulatorOptions, startSimulator } from '../../../../src/simulator/index.js';

export interface WireReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** The body parsed as JSON (undefined when empty or not JSON). */
  json: unknown;
}

export interface Wire {
  sim: Simulator;
  /** Basic auth of the default admin. */
  basic: string;
  call(
    method: string,
    path: string,
    options?: { body?: unknown; auth?: string | null; headers?: Record<string, string>; raw?: string },
  ): Promise<WireReply>;
}

/** A FortiAuthenticator simulator and raw HTTP calls to it, as any client would send them. */
export async function wire(options: SimulatorOptions = {}): Promise<Wire> {
  const sim = await startSimulator({ products: ['fortiauthenticator'], ...options });
  const { username, apiKey } = sim.fortiauthenticator.credentials;
  const basic = `Basic ${Buffer.from(`${username}:${apiKey}`).toString('base64')}`;
  return {
    sim,
    basic,
    async call(method, path, o = {}) {
      const auth = o.auth === undefined ? basic : o.auth;
      const body = o.raw ?? (o.body === undefined ? undefined : JSON.stringify(o.body));
      const res = await request(`${sim.fortiauthenticator.url}${path}`, {
        method: method as 'GET',
        headers: {
          ...(auth ? { authorization: auth } : {}),
          ...(body !== undefined && o.raw === undefined ? { 'content-type': 'application/json' } : {}),
          ...o.headers,
        },
        body,
      });
      const text = await res.body.text();
      let json: unknown;
      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        json = undefined;
      }
      return { status: res.statusCode, headers: res.headers, text, json };
    },
  };
}

export function basicOf(username: string, key: string): string {
  return `Basic ${Buffer.from(`${username}:${key}`).toString('base64')}`;
}
