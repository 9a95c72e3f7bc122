import type { Command } from 'commander';
import { startSimulator } from '../../simulator/index.js';
import { fortiCareDemo } from '../demo/forticare.js';
import { fortiManagerDemo } from '../demo/fortimanager.js';
import { fact, step } from '../demo/say.js';

/** `fortix demo`: starts the embedded simulators and walks through the main jobs end to end. */
export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('start the embedded simulators and walk through the main jobs end to end')
    .action(async () => {
      await using sim = await startSimulator({ https: true, fortimanager: { taskStepMs: 50 } });
      await fortiManagerDemo(sim);
      await fortiCareDemo(sim);
      const stats = sim.fortimanager.stats();
      step('Clean-up check');
      fact(`simulator served ${sim.requests} HTTP requests`);
      fact(`FortiManager sessions left open: ${stats.sessions}, locks still held: ${stats.locks}`);
      const tokens = sim.forticloud.stats();
      fact(`FortiCloud OAuth tokens still active: ${tokens.active}`);
      if (stats.sessions !== 0 || stats.locks !== 0 || tokens.active !== 0) {
        throw new Error('the demo leaked a session, a lock or a token');
      }
    });
}
