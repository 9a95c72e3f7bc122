import type { Command } from 'commander';
import { addConnectionOptions } from '../connection/flags.js';
import { registerWhoami } from '../connection/whoami.js';
import { outputOf, printValue } from '../output/print.js';
import { withFaz } from './connect.js';
import { registerEvents } from './events.js';
import { registerLogs } from './logs.js';
import { FAZ_PRODUCT } from './product.js';
import { registerReport } from './report.js';
import { registerView } from './view.js';

/** `fortix faz ...`: the FortiAnalyzer client from the terminal. */
export function register(faz: Command): void {
  addConnectionOptions(faz, FAZ_PRODUCT);
  registerLogs(faz);
  registerView(faz);
  registerReport(faz);
  registerEvents(faz);
  faz
    .command('status')
    .description('/sys/status: version, serial number, time zone')
    .action(async (_flags: unknown, command: Command) => {
      const output = await outputOf(command);
      await withFaz(command, async (faz, signal) => printValue(await faz.status({ signal }), output));
    });
  registerWhoami(faz, withFaz, 'user, ADOMs, appliance');
}
