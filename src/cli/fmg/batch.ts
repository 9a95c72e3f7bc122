import type { Command } from 'commander';
import { isRecord } from '../../core/guards.js';
import type { BatchItem } from '../../fortimanager/index.js';
import { RPC_METHODS } from '../../fortimanager/types.js';
import { EXIT } from '../exit.js';
import { readDataFile } from '../input.js';
import { outputOf, printValue } from '../output/print.js';
import { progressBar } from '../progress.js';
import { integer, UsageError } from '../usage.js';
import { withFmg } from './connect.js';
import { underLock } from './write.js';

const METHODS: ReadonlySet<string> = new Set(RPC_METHODS);

/**
 * `fortix fmg batch <file>`: many calls, multiplexed, with one result per item; a failed item does
 * not stop the others (exit code 3 when any failed).
 */
export function registerBatch(fmg: Command): void {
  fmg
    .command('batch')
    .description('run a list of calls from a JSON/YAML file (- for stdin), multiplexed; one result per item')
    .argument('<file>', 'a list of { method, url, data?, params?, filter?, fields?, ... }')
    .option('--chunk <items>', 'items per request (default 100)', integer(1))
    .option('--lock', 'run the whole batch under the ADOM lock (--adom), then commit')
    .action(async (file: string, flags: { chunk?: number; lock?: boolean }, command: Command) => {
      const items = checkItems(await readDataFile(file, 'batch file'));
      const output = await outputOf(command, ['index', 'method', 'url', 'ok', 'code', 'message']);
      const chunk = flags.chunk ?? 100;
      const results = await withFmg(command, async (fmg, signal) => {
        const run = async () => {
          const bar = progressBar('batch', items.length);
          const all: Array<Record<string, unknown>> = [];
          try {
            for (let start = 0; start < items.length; start += chunk) {
              const slice = items.slice(start, start + chunk);
              const replies = await fmg.batch(slice as never, { signal });
              all.push(...(replies as unknown[]).map((reply, i) => resultRow(start + i, slice[i]!, reply)));
              bar.increment(slice.length);
            }
          } finally {
            bar.stop();
          }
          return all;
        };
        return flags.lock ? underLock(fmg, run, signal) : run();
      });
      await printValue(results, output);
      const failed = results.filter((r) => !r.ok).length;
      if (failed > 0) {
        process.stderr.write(`fortix: ${failed} of ${results.length} items failed\n`);
        process.exitCode = EXIT.api;
      }
    });
}

function checkItems(data: unknown): BatchItem[] {
  const items = isRecord(data) && Array.isArray(data.items) ? data.items : data;
  if (!Array.isArray(items) || items.length === 0) {
    throw new UsageError('the batch file must hold a non-empty list of calls (or { items: [...] })');
  }
  items.forEach((item, i) => {
    if (!isRecord(item) || typeof item.url !== 'string' || !METHODS.has(String(item.method))) {
      throw new UsageError(`batch item ${i} needs a method (${[...METHODS].join(', ')}) and a url`);
    }
  });
  return items as BatchItem[];
}

function resultRow(index: number, item: BatchItem, reply: unknown): Record<string, unknown> {
  const result = reply as {
    ok: boolean;
    data?: unknown;
    error?: Error & { apiCode?: unknown; code?: string };
  };
  const row: Record<string, unknown> = { index, method: item.method, url: item.url, ok: result.ok };
  if (result.ok) row.data = result.data;
  else {
    row.code = result.error?.apiCode ?? result.error?.code;
    row.message = result.error?.message;
  }
  return row;
}
