import type { Clock } from '../../../src/core/clock.js';
import { FortiCare, type FortiCareOptions } from '../../../src/forticare/index.js';
import { type Simulator, type SimulatorOptions, startSimulator } from '../../../src/simulator/index.js';

/** A FortiCare simulator and clients against it, all closed by `close()`. */
export interface Harness {
  sim: Simulator;
  client(options?: Partial<FortiCareOptions>): FortiCare;
  close(): Promise<void>;
}

export async function harness(options: SimulatorOptions & { clock?: Clock } = {}): Promise<Harness> {
  const sim = await startSimulator({ products: ['forticare'], ...options });
  const clients: FortiCare[] = [];
  return {
    sim,
    client(extra = {}) {
      const { username, password } = sim.forticloud.defaultUser;
      const fc = new FortiCare({
        url: sim.forticare.url,
        authUrl: sim.forticloud.url,
        username,
        password,
        clock: options.clock,
        ...extra,
      });
      clients.push(fc);
      return fc;
    },
    async close() {
      await Promise.all(clients.map((c) => c.close()));
      await sim.close();
    },
  };
}

export { recordingLogger, rejection } from '../helpers.js';
