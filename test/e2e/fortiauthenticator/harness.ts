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

export { recordingLogger, rejection } from '../helpers.js';
