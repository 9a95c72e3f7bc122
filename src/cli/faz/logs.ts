import type { Command } from 'commander';
import { LOG_TYPES, type LogType, type SearchSummary } from '../../fortianalyzer/index.js';
import { EXIT } from '../exit.js';
import { outputOf, printStream, printValue } from '../output/print.js';
import { progressBar } from '../progress.js';
import { integer, oneOf } from '../usage.js';
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

interface SearchFlags extends WindowFlags, FilterFlags {
  logtype: LogType;
  device?: string[];
  order?: 'asc' | 'desc';
  maxRows?: number;
  pageSize?: number;
  caseSensitive?: boolean;
  checkFields?: boolean;
  requireExact?: boolean;
}

const COLUMNS = ['date', 'time', 'devname', 'srcip', 'dstip', 'dstport', 'service', 'action', 'msg'];

/** `fortix faz logs search|fields|stats`. */
export function registerLogs(faz: Command): void {
  const logs = faz.command('logs').description('FortiAnalyzer logs: search, fields, stats');
  const search = logs
    .command('search')
    .description('stream the logs of a window (use -o jsonl for one JSON object per line)')
    .requiredOption(
      '--logtype <type>',
      `log type: ${LOG_TYPES.slice(0, 8).join(', ')}, ...`,
      oneOf(LOG_TYPES),
    );
  addWindowOptions(search, '1h');
  addFilterOptions(search);
  addDeviceOption(search)
    .option('--order <order>', 'desc (newest first, default) or asc', oneOf(['asc', 'desc'] as const))
    .option('--max-rows <n>', 'stop after this many rows', integer(1))
    .option('--page-size <n>', 'rows per fetch (2-1000, default 1000)', integer(2))
    .option('--case-sensitive', 'compare strings case-sensitively')
    .option('--no-check-fields', 'do not refuse filter fields the log type is not known to have')
    .option(
      '--require-exact',
      'exit with code 3 when the result may be incomplete (totals drifted, rows missing)',
    )
    .action(async (flags: SearchFlags, command: Command) => {
      const output = await outputOf(command, COLUMNS);
      const bar = progressBar('search', 100, 'percent');
      let summary: SearchSummary | undefined;
      try {
        await withFaz(command, async (faz, signal) => {
          const run = faz.logs.search({
            logtype: flags.logtype,
            timeRange: timeRangeOf(flags, '1h'),
            filter: filterOf(flags),
            devices: devicesOf(flags.device),
            order: flags.order,
            maxRows: flags.maxRows,
            pageSize: flags.pageSize,
            caseSensitive: flags.caseSensitive,
            checkFields: flags.checkFields,
            signal,
            onProgress: (p) => bar.update(p.scanPercent),
          });
          try {
            await printStream(run, output);
          } finally {
            summary = run.summary;
          }
        });
      } finally {
        bar.stop();
      }
      if (summary) reportSummary(summary, flags.requireExact === true);
    });

  logs
    .command('fields')
    .description('the fields of a log type, as the FortiAnalyzer knows them')
    .argument('<logtype>', 'log type', oneOf(LOG_TYPES))
    .option('--devtype <type>', 'device type (default FortiGate)')
    .action(async (logtype: LogType, flags: { devtype?: string }, command: Command) => {
      const output = await outputOf(command, ['name', 'type', 'private']);
      await withFaz(command, async (faz, signal) => {
        const { fields, privateFields } = await faz.logs.fields(logtype, { devtype: flags.devtype, signal });
        const rows = [
          ...fields.map((f) => ({ ...f, private: false })),
          ...privateFields.map((f) => ({ ...f, private: true })),
        ];
        await printValue(rows, output);
      });
    });

  addDeviceOption(logs.command('stats').description('the newest log and the log rate per device')).action(
    async (flags: { device?: string[] }, command: Command) => {
      const output = await outputOf(command, ['devname', 'devid', 'vdom', 'last_log_time', 'log_rate']);
      await withFaz(command, async (faz, signal) => {
        await printValue(await faz.logs.stats({ devices: devicesOf(flags.device), signal }), output);
      });
    },
  );
}

function reportSummary(summary: SearchSummary, requireExact: boolean): void {
  const state = summary.exact ? 'exact' : 'NOT exact';
  process.stderr.write(
    `fortix: ${summary.rows} rows (${state}${summary.settled ? '' : ', window not settled'}; ` +
      `${summary.searches} searches, ${summary.slices} slices)\n`,
  );
  for (const note of summary.notes) process.stderr.write(`fortix: ${note}\n`);
  if (requireExact && !summary.exact) process.exitCode = EXIT.api;
}
