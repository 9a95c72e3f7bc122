import type { Command } from 'commander';
import { outputOf, printStream } from '../output/print.js';
import { progressBar } from '../progress.js';
import { integer, UsageError } from '../usage.js';
import { withFaz } from './connect.js';
import {
  addDeviceOption,
  addFilterOptions,
  addWindowOptions,
  devicesOf,
  type FilterFlags,
  filterOf,
  timeRangeOf,
  type WindowFlags,
} from './flags.js';

interface ViewFlags extends WindowFlags, FilterFlags {
  device?: string[];
  limit?: number;
  sort?: string[];
}

/** `fortix faz view <name>`: a FortiView top-N. */
export function registerView(faz: Command): void {
  const view = faz
    .command('view')
    .description('run a FortiView (top-sources, top-destinations, top-applications, top-threats, ...)')
    .argument('<name>', 'view name, e.g. top-sources');
  addWindowOptions(view, '1h');
  addFilterOptions(view);
  addDeviceOption(view)
    .option('--limit <n>', 'rows (default 10)', integer(1))
    .option('--sort <field[:asc|desc]>', 'sort column (repeatable)', (v, p: string[] = []) => [...p, v])
    .action(async (name: string, flags: ViewFlags, command: Command) => {
      const output = await outputOf(command);
      const sortBy = (flags.sort ?? []).map((spec) => {
        const [field, order = 'desc'] = spec.split(':');
        if (!field || (order !== 'asc' && order !== 'desc'))
          throw new UsageError(`--sort expects field[:asc|desc], got '${spec}'`);
        return { field, order: order as 'asc' | 'desc' };
      });
      const bar = progressBar(name, 100, 'percent');
      try {
        await withFaz(command, async (faz, signal) => {
          const run = faz.fortiview.run(name, {
            timeRange: timeRangeOf(flags, '1h'),
            filter: filterOf(flags),
            devices: devicesOf(flags.device),
            limit: flags.limit ?? 10,
            ...(sortBy.length > 0 ? { sortBy } : {}),
            signal,
            onProgress: (percent) => bar.update(percent),
          });
          await printStream(run, output);
        });
      } finally {
        bar.stop();
      }
    });
}
