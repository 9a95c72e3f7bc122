import type { Command } from 'commander';
import { describeUrl } from '../../fortimanager/index.js';
import { outputOf, printStream, printValue } from '../output/print.js';
import { integer } from '../usage.js';
import { withFmg } from './connect.js';
import { addGetOptions, type GetFlags, getQuery } from './flags.js';

/** Rows per request when a table is streamed. */
const PAGE_SIZE = 1_000;

/**
 * `fortix fmg get <url>`: a table (by the catalog) streams page by page unless `--range` picks one
 * page; anything else is one get.
 */
export function registerGet(fmg: Command): void {
  addGetOptions(
    fmg
      .command('get')
      .description('read an object or a table (tables stream page by page)')
      .argument('<url>', "URL template or literal URL, e.g. '/pm/config/adom/{adom}/obj/firewall/address'"),
  )
    .option(
      '--page-size <rows>',
      `rows per request when streaming a table (default ${PAGE_SIZE})`,
      integer(1),
    )
    .action(async (url: string, flags: GetFlags, command: Command) => {
      // Started first: the catalog facts decompress on the thread pool while the rest gets ready.
      const kind = flags.range === undefined ? isTable(url) : Promise.resolve(false);
      const output = await outputOf(command);
      const query = getQuery(flags, command.optsWithGlobals().fields);
      const table = await kind;
      await withFmg(command, async (fmg, signal) => {
        if (table) {
          const rows = fmg.iterate(url, { ...query, pageSize: flags.pageSize ?? PAGE_SIZE, signal } as never);
          await printStream(rows, output);
        } else {
          await printValue(await fmg.get(url, { ...query, signal } as never), output);
        }
      });
    });
}

async function isTable(url: string): Promise<boolean> {
  const description = await describeUrl(url);
  return description !== undefined && description.kind === 'table' && !description.item;
}
