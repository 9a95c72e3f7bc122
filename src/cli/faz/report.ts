import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Command } from 'commander';
import type {
  FortiAnalyzer,
  ReportDownload,
  ReportFormat,
  ReportPeriodName,
} from '../../fortianalyzer/index.js';
import { outputOf, printValue } from '../output/print.js';
import { progressBar } from '../progress.js';
import { integer, oneOf, seconds, UsageError } from '../usage.js';
import { withFaz } from './connect.js';
import { addDeviceOption, devicesOf, timeRangeOf, type WindowFlags } from './flags.js';

const FORMATS = ['PDF', 'HTML', 'CSV', 'XML'] as const;

interface DownloadFlags {
  format?: ReportFormat;
  out?: string;
  archive?: boolean;
}

interface RunFlags extends WindowFlags, DownloadFlags {
  period?: string;
  device?: string[];
  wait?: boolean;
  download?: boolean;
  waitTimeout?: number;
}

/** `fortix faz report layouts|run|status|download`. */
export function registerReport(faz: Command): void {
  const report = faz.command('report').description('FortiAnalyzer reports: layouts, run, status, download');
  report
    .command('layouts')
    .description('report layouts (their ids are what `report run` takes)')
    .action(async (_flags: unknown, command: Command) => {
      const output = await outputOf(command, ['layout-id', 'title', 'category', 'is-template']);
      await withFaz(command, async (faz, signal) =>
        printValue(await faz.reports.layouts({ signal }), output),
      );
    });

  const run = report
    .command('run')
    .description('run a report (its schedule is created when missing), optionally wait and download it')
    .argument('<layout>', 'layout id', integer(0))
    .option('--period <name>', 'a named period: last-7-days, yesterday, last-24-hours, this-month, ...');
  addDeviceOption(
    run
      .option('--last <duration>', 'a custom period ending now instead of --period: 1h, 24h, 7d')
      .option('--start <time>', 'start of a custom period (to the minute)')
      .option('--end <time>', 'end of a custom period')
      .option('--tz <zone>', 'zone of --start/--end'),
  );
  addDownloadOptions(run)
    .option('--wait', 'wait until generated (a progress bar on a terminal)')
    .option('--download', 'wait, then download (implies --wait)')
    .option('--wait-timeout <seconds>', 'give up waiting after this long', seconds)
    .action(async (layout: number, flags: RunFlags, command: Command) => {
      const output = await outputOf(command);
      const custom = flags.last !== undefined || flags.start !== undefined || flags.end !== undefined;
      if (custom === (flags.period !== undefined))
        throw new UsageError('give either --period or a custom window (--last, or --start and --end)');
      await withFaz(command, async (faz, signal) => {
        const tid = await faz.reports.run({
          layout,
          period: custom ? timeRangeOf(flags) : (flags.period as ReportPeriodName),
          devices: devicesOf(flags.device),
          signal,
        });
        if (!flags.wait && !flags.download) return printValue({ tid }, output);
        await waitWithBar(faz, tid, flags.waitTimeout, signal);
        if (!flags.download) return printValue(await faz.reports.status(tid, { signal }), output);
        return printValue(
          await save(await faz.reports.download(tid, { format: flags.format, signal }), flags),
          output,
        );
      });
    });

  report
    .command('status')
    .description('the state of a report run')
    .argument('<tid>', 'the run id')
    .action(async (tid: string, _flags: unknown, command: Command) => {
      const output = await outputOf(command);
      await withFaz(command, async (faz, signal) =>
        printValue(await faz.reports.status(tid, { signal }), output),
      );
    });

  addDownloadOptions(
    report
      .command('download')
      .description('download a generated report into files')
      .argument('<tid>', 'the run id'),
  ).action(async (tid: string, flags: DownloadFlags, command: Command) => {
    const output = await outputOf(command, ['file', 'bytes']);
    await withFaz(command, async (faz, signal) =>
      printValue(
        await save(await faz.reports.download(tid, { format: flags.format, signal }), flags),
        output,
      ),
    );
  });
}

function addDownloadOptions(command: Command): Command {
  return command
    .option('--format <format>', 'PDF (default), HTML, CSV or XML', oneOf(FORMATS))
    .option('--out <dir>', 'directory to write the report files to (default: the current one)')
    .option('--archive', 'write the ZIP archive as FortiAnalyzer sent it instead of its files');
}

async function waitWithBar(
  faz: FortiAnalyzer,
  tid: string,
  timeout: number | undefined,
  signal: AbortSignal,
) {
  const bar = progressBar(`report ${tid.slice(0, 8)}`, 100, 'percent');
  try {
    await faz.reports.wait(tid, {
      signal,
      ...(timeout === undefined ? {} : { waitTimeoutMs: timeout }),
      onProgress: (status) => bar.update(Number(status.progress ?? 0)),
    });
  } finally {
    bar.stop();
  }
}

/** Writes the report (its files, or the archive) into `--out`; answers one row per file. */
async function save(
  download: ReportDownload,
  flags: DownloadFlags,
): Promise<Array<{ file: string; bytes: number }>> {
  const dir = flags.out ?? '.';
  await mkdir(dir, { recursive: true });
  const files = flags.archive ? [{ name: download.name, data: download.archive }] : download.files;
  const written: Array<{ file: string; bytes: number }> = [];
  for (const file of files) {
    // Names come from the appliance: keep only the base name, so nothing lands outside --out.
    const path = join(dir, basename(file.name));
    await writeFile(path, file.data);
    written.push({ file: path, bytes: file.data.length });
  }
  return written;
}
