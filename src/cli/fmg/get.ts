import type { Command } from 'commander';
import { FortixError } from '../../core/errors.js';
import { loadUrlKinds } from '../../fortimanager/catalog/url-index.js';
import { ignore } from '../../fortimanager/tracker.js';
import { outputOf, printStream, printValue } from '../output/print.js';
import { integer } from '../usage.js';
import { withFmg } from './connect.js';
import { addGetOptions, type GetFlags, getQuery } from './flags.js';

/** Rows per request when a table is streamed. */
const PAGE_SIZE = 1_000;

/**
 * `fortix fmg get <url>`: a table (by the catalog's URL index) streams page by page unless `--range`
 * picks one page; anything else is one get.
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
      // Started first: the URL index decompresses on the thread pool while the rest gets ready.
      const kind = flags.range === undefined ? isTable(url) : Promise.resolve(false);
      kind.catch(ignore); // its error is the command's, when awaited below (not an unhandled rejection)
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
  const kinds = await loadUrlKinds().catch((error: unknown) => {
    throw new FortixError(
      'fmg get could not read the catalog URL index (specs/fortimanager/urls.json.br of the fortix package); reinstall fortix, or pass --range to read one page',
      { cause: error },
    );
  });
  return kinds.isTable(url) === true;
}
