import { afterAll, beforeAll } from 'vitest';
import { type Simulator, startSimulator } from '../../../src/simulator/index.js';
import { WireTap } from '../fault-matrix/wire-tap.js';

/** Every simulated product, started once for the file, with a tap on every request it receives. */
export function useTappedSimulator(): { readonly sim: Simulator; readonly tap: WireTap } {
  let sim: Simulator | undefined;
  let tap: WireTap | undefined;
  beforeAll(async () => {
    sim = await startSimulator({
      products: ['fortimanager', 'fortianalyzer', 'forticare', 'fortisoar', 'fortiauthenticator'],
    });
    tap = new WireTap(sim, []);
  });
  afterAll(() => sim?.close());
  return {
    get sim() {
      if (!sim) throw new Error('the simulator starts in beforeAll');
      return sim;
    },
    get tap() {
      if (!tap) throw new Error('the simulator starts in beforeAll');
      return tap;
    },
  };
}
