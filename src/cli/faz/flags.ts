import type { Command } from 'commander';
import type { DeviceSelector, LogFilter, TimeRange } from '../../fortianalyzer/index.js';
import { q } from '../../fortianalyzer/index.js';
import { list, UsageError } from '../usage.js';

export interface WindowFlags {
  last?: string;
  start?: string;
  end?: string;
  tz?: string;
}

export interface FilterFlags {
  filter?: string;
  where?: string[];
}

/** `--last 1h` or `--start ... --end ...`, with `--tz`. */
export function addWindowOptions(command: Command, defaultLast?: string): Command {
  return command
    .option(
      '--last <duration>',
      `the window ending now: 15m, 1h, 24h, 7d${defaultLast ? ` (default ${defaultLast})` : ''}`,
    )
    .option('--start <time>', "start of the window: 'yyyy-MM-dd HH:mm:ss' or ISO 8601 with an offset")
    .option('--end <time>', 'end of the window (inclusive)')
    .option(
      '--tz <zone>',
      "zone of --start/--end without an offset, e.g. Europe/Paris (default: the profile's, else UTC)",
    );
}

/** `--filter <expr>` (checked like q.raw) and repeatable `--where field=value` (ANDed, safely quoted). */
export function addFilterOptions(command: Command): Command {
  return command
    .option('--filter <expr>', "a FortiAnalyzer filter, e.g. 'srcip==10.0.0.1 and dstport==443'")
    .option(
      '--where <field=value>',
      'an equality condition (repeatable; values are quoted for you)',
      (v, p: string[] = []) => [...p, v],
    );
}

export function timeRangeOf(flags: WindowFlags, defaultLast?: string): TimeRange {
  const zone = flags.tz ? { timeZone: flags.tz } : {};
  if (flags.start !== undefined || flags.end !== undefined) {
    if (flags.last !== undefined) throw new UsageError('give either --last or --start/--end, not both');
    if (flags.start === undefined || flags.end === undefined)
      throw new UsageError('--start and --end go together');
    return { start: flags.start, end: flags.end, ...zone };
  }
  const last = flags.last ?? defaultLast;
  if (last === undefined) throw new UsageError('give a window: --last 1h, or --start and --end');
  return { last: last as `${number}h`, ...zone };
}

export function filterOf(flags: FilterFlags): LogFilter | undefined {
  const parts: LogFilter[] = [];
  if (flags.filter !== undefined) parts.push(q.raw(flags.filter));
  for (const condition of flags.where ?? []) {
    const at = condition.indexOf('=');
    if (at < 1) throw new UsageError(`--where expects field=value, got '${condition}'`);
    const value = condition.slice(at + 1);
    parts.push(q.eq(condition.slice(0, at), /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value));
  }
  return parts.length === 0 ? undefined : q.and(...parts);
}

/** `--device` values: a serial (`FGVM...`, optionally `[vdom]`), `name:<device name>` or `fabric:<name>`. */
export function addDeviceOption(command: Command): Command {
  return command.option(
    '--device <device>',
    "a serial number, 'name:<host name>' or 'fabric:<name>' (repeatable, comma-separated)",
    list,
  );
}

export function devicesOf(values: readonly string[] | undefined): DeviceSelector[] | undefined {
  if (!values || values.length === 0) return undefined;
  return values.map((value): DeviceSelector => {
    if (value.startsWith('fabric:')) return { fabric: value.slice(7) };
    const named = value.startsWith('name:');
    const match = /^(.*?)(?:\[([^\]]+)\])?$/.exec(named ? value.slice(5) : value)!;
    const vdom = match[2] ? { vdom: match[2] } : {};
    return named ? { name: match[1]!, ...vdom } : { serial: match[1]!, ...vdom };
  });
}
