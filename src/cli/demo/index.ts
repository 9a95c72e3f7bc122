import type { Command } from 'commander';
import { startSimulator } from '../../simulator/index.js';
import { fortiAnalyzerDemo } from './fortianalyzer.js';
import { fortiAuthenticatorDemo } from './fortiauthenticator.js';
import { fortiCareDemo } from './forticare.js';
import { fortiManagerDemo } from './fortimanager.js';
import { fortiSoarDemo } from './fortisoar.js';
import { fact, step, summary } from './say.js';
import type { DemoStep } from './step.js';

/** The products the demo walks through, in order; each step returns its summary line. */
const STEPS: ReadonlyArray<[product: string, run: DemoStep]> = [
  ['FortiManager', fortiManagerDemo],
  ['FortiCare', fortiCareDemo],
  ['FortiAnalyzer', fortiAnalyzerDemo],
  ['FortiSOAR', fortiSoarDemo],
  ['FortiAuthenticator', fortiAuthenticatorDemo],
];

/** `fortix demo`: starts the embedded simulators and walks through every product's main jobs. */
export function register(demo: Command): void {
  demo.action(async () => {
    const started = performance.now();
    await using sim = await startSimulator({
      https: true,
      fortimanager: { taskStepMs: 50 },
      fortisoar: { stepMs: 20 },
    });
    const done: Array<{ product: string; result: string; ms: number }> = [];
    for (const [product, run] of STEPS) {
      const begun = performance.now();
      const result = await run(sim);
      done.push({ product, result, ms: Math.round(performance.now() - begun) });
    }
    step('Clean-up check');
    const stats = sim.fortimanager.stats();
    const tokens = sim.forticloud.stats();
    fact(`FortiManager sessions left open: ${stats.sessions}, locks still held: ${stats.locks}`);
    fact(`FortiCloud OAuth tokens still active: ${tokens.active}`);
    const soar = sim.fortisoar.stats();
    fact(`FortiSOAR logins: ${soar.logins}, logouts: ${soar.logouts}`);
    if (stats.sessions !== 0 || stats.locks !== 0 || tokens.active !== 0 || soar.logins !== soar.logouts) {
      throw new Error('the demo leaked a session, a lock or a token');
    }
    summary(done, sim.requests, Math.round(performance.now() - started));
  });
}
