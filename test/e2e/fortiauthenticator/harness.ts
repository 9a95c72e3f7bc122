import type { Logger } from '../../../src/core/logging.js';
import { FortiAuthenticator, type FortiAuthenticatorOptions } from '../../../src/fortiauthenticator/index.js';
import { type Simulator, type SimulatorOptions, startSimulator } from '../../../src/simulator/index.js';

/** A FortiAuthenticator simulator and clients against it, all closed by `close()`. */
export interface Harness {
  sim: Simulator;
  /** A client with the default admin's access key (HTTP Basic), plus `extra` options. */
  client(extra?: Partial<FortiAuthenticatorOptions>): FortiAuthenticator;
  close(): Promise<void>;
}

export async function harness(options: SimulatorOptions = {}): Promise<Harness> {
  const sim = await startSimulator({ products: ['fortiauthenticator'], ...options });
  const clients: FortiAuthenticator[] = [];
  return {
    sim,
    client(extra = {}) {
      const { username, apiKey } = sim.fortiauthenticator.credentials;
      const fac = new FortiAuthenticator({
        url: sim.fortiauthenticator.url,
        username,
        apiKey,
        clock: options.clock,
        retry: { minDelayMs: 1, maxDelayMs: 5 },
        ...extra,
      });
      clients.push(fac);
      return fac;
    },
    async close() {
      await Promise.all(clients.map((c) => c.close()));
      await sim.close();
    },
  };
}

/** A logger that keeps every line (message + metadata) for inspection. */
export function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const record = (msg: string, meta?: Record<string, unknown>) => {
    lines.push(meta === undefined ? msg : `${msg} ${JSON.stringify(meta)}`);
  };
  return { lines, debug: record, info: record, warn: record, error: record };
}

/** The rejection of `promise`, or a failure when it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}
