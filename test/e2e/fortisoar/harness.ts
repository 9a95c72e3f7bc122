/** A FortiSOAR simulator on a virtual clock, and clients of it in each auth mode. */
import { VirtualClock } from '../../../src/core/clock.js';
import { FortiSoar, type FortiSoarOptions } from '../../../src/fortisoar/index.js';
import type { FortiSoarSimOptions } from '../../../src/simulator/fortisoar/index.js';
import { type Simulator, startSimulator } from '../../../src/simulator/index.js';

export type AuthMode = 'jwt' | 'apikey' | 'hmac';

export interface SoarHarness {
  readonly sim: Simulator;
  readonly clock: VirtualClock;
  /** A client of the simulator (closed with the harness). */
  client(mode?: AuthMode, extra?: Partial<FortiSoarOptions>): FortiSoar;
  close(): Promise<void>;
}

export async function startSoar(options: FortiSoarSimOptions = {}): Promise<SoarHarness> {
  const clock = new VirtualClock(Date.UTC(2026, 0, 1, 9));
  const sim = await startSimulator({ products: ['fortisoar'], clock, fortisoar: options });
  const clients: FortiSoar[] = [];
  return {
    sim,
    clock,
    client(mode = 'apikey', extra = {}) {
      const { username, password, apiKey, publicKey, privateKey } = sim.fortisoar.credentials;
      const credentials =
        mode === 'jwt' ? { username, password } : mode === 'apikey' ? { apiKey } : { publicKey, privateKey };
      const client = new FortiSoar({ url: sim.fortisoar.url, clock, retry: false, ...credentials, ...extra });
      clients.push(client);
      return client;
    },
    async close() {
      await Promise.all(clients.map((c) => c.close()));
      await sim.close();
    },
  };
}

/** A fast poll for waits on the virtual clock. */
export const FAST = { pollInterval: 50 } as const;
