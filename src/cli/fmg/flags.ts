import { type Command, InvalidArgumentError, Option } from 'commander';
import { keyValue, list } from '../usage.js';
import { parseFilter } from './filter.js';

/** Flags every call names its object with: `--param key=value` fills `{key}` in the URL template. */
export function addParamOption(command: Command): Command {
  return command.addOption(
    new Option('--param <key=value>', 'fills {key} in the URL template (repeatable)').argParser(keyValue),
  );
}

export interface GetFlags {
  filter?: ReturnType<typeof parseFilter>;
  range?: [number, number];
  sort?: string[];
  option?: string[];
  loadsub?: boolean;
  param?: Record<string, string>;
  pageSize?: number;
}

/** The get options as flags; `--fields` is the global one (it also picks the columns). */
export function addGetOptions(command: Command): Command {
  return addParamOption(command)
    .addOption(
      new Option(
        '--filter <expr>',
        "e.g. 'name like h%', 'type == ipmask && name like web%', or raw JSON",
      ).argParser(parseFilter),
    )
    .addOption(new Option('--range <offset,count>', 'one page of the table: 0,100').argParser(parseRange))
    .addOption(
      new Option('--sort <list>', 'sort by fields; a leading - sorts descending: name,-subnet').argParser(
        list,
      ),
    )
    .addOption(
      new Option(
        '--option <name>',
        "FortiManager's option: count, object member, get flags (repeatable)",
      ).argParser(repeat),
    )
    .addOption(new Option('--loadsub', 'include sub-tables'))
    .addOption(new Option('--no-loadsub', 'leave sub-tables out'));
}

/** The SDK's get options from the flags. */
export function getQuery(flags: GetFlags, fields: readonly string[] | undefined): Record<string, unknown> {
  const query: Record<string, unknown> = {};
  if (flags.param) query.params = flags.param;
  if (fields) query.fields = [...fields];
  if (flags.filter) query.filter = flags.filter;
  if (flags.range) query.range = flags.range;
  if (flags.sort) {
    query.sortings = flags.sort.map((key) => (key.startsWith('-') ? { [key.slice(1)]: -1 } : { [key]: 1 }));
  }
  if (flags.option) query.option = flags.option.length === 1 ? flags.option[0] : flags.option;
  if (flags.loadsub !== undefined) query.loadsub = flags.loadsub;
  return query;
}

function parseRange(value: string): [number, number] {
  const parts = value.split(',').map((v) => Number(v.trim()));
  const [offset, count] = parts;
  if (
    parts.length !== 2 ||
    !Number.isInteger(offset) ||
    !Number.isInteger(count) ||
    offset! < 0 ||
    count! < 1
  ) {
    throw new InvalidArgumentError('expected offset,count such as 0,100');
  }
  return [offset!, count!];
}

function repeat(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
