import { type Command, Option } from 'commander';
import type { FortiManager } from '../../fortimanager/index.js';
import { readData } from '../input.js';
import { outputOf, printValue } from '../output/print.js';
import { list, UsageError } from '../usage.js';
import { withFmg } from './connect.js';
import { parseFilter } from './filter.js';
import { addParamOption } from './flags.js';

type WriteMethod = 'add' | 'set' | 'update' | 'replace' | 'delete' | 'clone' | 'move' | 'exec' | 'unset';

interface WriteFlags {
  data?: string;
  param?: Record<string, string>;
  filter?: unknown;
  before?: string;
  after?: string;
  attrs?: string[];
  lock?: boolean;
}

const METHODS: ReadonlyArray<[WriteMethod, string, 'required' | 'optional']> = [
  ['add', 'create an object (fails if it exists); a list in --data creates many', 'required'],
  ['set', 'create or overwrite an object', 'required'],
  ['update', 'change the given attributes of an object (sub-tables kept)', 'required'],
  ['replace', 'like update, but sub-tables not given are cleared', 'required'],
  ['delete', 'delete an object, or the rows of a table that match --filter', 'optional'],
  ['clone', 'copy an object under the new key given in --data', 'required'],
  ['move', 'move an object before or after another (firewall policies)', 'optional'],
  ['exec', 'run an operation', 'optional'],
  ['unset', 'reset attributes of an object to their defaults (--attrs)', 'optional'],
];

const DATA_HELP = 'inline JSON, @file.json, @file.yaml or - for stdin';

/** `fortix fmg add|set|update|replace|delete|clone|move|exec|unset <url>`. */
export function registerWrites(fmg: Command): void {
  for (const [method, description, data] of METHODS) {
    const command = addParamOption(
      fmg.command(method).description(description).argument('<url>', 'URL template or literal URL'),
    )
      .addOption(new Option('-d, --data <json>', `${data === 'required' ? '(required) ' : ''}${DATA_HELP}`))
      .option('--lock', 'lock the ADOM (--adom), write, commit and unlock (workspace mode)');
    if (method === 'delete')
      command.addOption(new Option('--filter <expr>', 'rows to delete').argParser(parseFilter));
    if (method === 'move') {
      command
        .option('--before <key>', 'move before this object')
        .option('--after <key>', 'move after this object');
    }
    if (
      method === 'unset' ||
      method === 'add' ||
      method === 'set' ||
      method === 'update' ||
      method === 'replace'
    ) {
      command.addOption(new Option('--attrs <list>', 'attributes to unset').argParser(list));
    }
    command.action(async (url: string, flags: WriteFlags, cmd: Command) => {
      const output = await outputOf(cmd);
      const options = await writeOptions(method, flags, data === 'required');
      await withFmg(cmd, async (fmg, signal) => {
        const call = () =>
          (fmg[method] as (u: string, o: object) => Promise<unknown>).call(fmg, url, { ...options, signal });
        const reply = flags.lock ? await underLock(fmg, call, signal) : await call();
        await printValue(reply ?? { ok: true }, output);
      });
    });
  }
}

async function writeOptions(
  method: WriteMethod,
  flags: WriteFlags,
  dataRequired: boolean,
): Promise<Record<string, unknown>> {
  const options: Record<string, unknown> = {};
  if (flags.param) options.params = flags.param;
  if (flags.data !== undefined) options.data = await readData(flags.data, '--data');
  else if (dataRequired) throw new UsageError(`fmg ${method} needs --data (${DATA_HELP})`);
  if (flags.filter) options.filter = flags.filter;
  if (flags.attrs) options.unsetAttrs = flags.attrs;
  if (method === 'move') {
    if ((flags.before === undefined) === (flags.after === undefined)) {
      throw new UsageError('fmg move needs one of --before <key> or --after <key>');
    }
    options.option = flags.before !== undefined ? 'before' : 'after';
    options.target = flags.before ?? flags.after;
  }
  return options;
}

/** Runs a write under the client's ADOM lock: lock, verify, write, commit, unlock. */
export function underLock<T>(fmg: FortiManager, fn: () => Promise<T>, signal: AbortSignal): Promise<T> {
  if (!fmg.adom) throw new UsageError('--lock needs the ADOM: give --adom (or set FORTIX_FMG_ADOM)');
  return fmg.workspace.withLock(fmg.adom, fn, { signal });
}
