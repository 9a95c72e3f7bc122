/**
 * The parameters every log query shares (log search, FortiView, log stats), read from a request the
 * way FortiAnalyzer reads them: a value of the wrong JSON type is a malformed request (HTTP 503), a
 * value that does not parse falls back to the default, silently.
 */
import type { SimAdom } from '../inventory.js';
import { invalidParams, MalformedRequest } from '../status.js';
import type { DeviceScope } from './devices.js';
import { compileFilter } from './filter.js';
import type { ScanQuery } from './scan.js';
import { LogStore } from './store.js';
import type { LogStream } from './stream.js';
import { effectiveZone, parseTimeRange, type TimeWindow } from './time.js';

/** The log types FortiAnalyzer's log search accepts, with the aliases it resolves. */
export const LOG_TYPES: ReadonlySet<string> = new Set([
  'traffic',
  'app-ctrl',
  'attack',
  'content',
  'dlp',
  'emailfilter',
  'event',
  'history',
  'virus',
  'voip',
  'webfilter',
  'netscan',
  'fct-event',
  'fct-traffic',
  'fct-netscan',
  'waf',
  'gtp',
  'dns',
  'ssh',
  'ssl',
  'file-filter',
  'asset',
  'protocol',
  'siem',
  'ztna',
  'security',
]);

const ALIASES: Readonly<Record<string, string>> = {
  anomaly: 'attack',
  icap: 'protocol',
  'virtual-patch': 'security',
};

export interface QueryContext {
  readonly store: LogStore;
  readonly adom: SimAdom;
  /** The system zone (naive times fall back to it after the ADOM's). */
  readonly systemZone: string;
}

export interface ParsedQuery {
  /** Undefined when the log type has no generated logs (the answer is empty). */
  readonly scan: ScanQuery | undefined;
  readonly window: TimeWindow;
}

/** The log type of a request, aliases resolved; refused when unknown. */
export function logTypeOf(value: unknown): string {
  if (typeof value !== 'string') return invalidParams("'logtype' is required");
  const name = ALIASES[value] ?? value;
  if (!LOG_TYPES.has(name)) return invalidParams(`unknown logtype '${value}'`);
  return name;
}

/** Reads `time-range`, `timezone`, `filter` and `case-sensitive` for a query over `logtype` logs. */
export function parseQuery(
  ctx: QueryContext,
  param: Readonly<Record<string, unknown>>,
  logtype: string,
  scope: DeviceScope,
): ParsedQuery {
  const zone = effectiveZone(param.timezone, ctx.adom.timeZone ?? ctx.systemZone);
  const window = parseTimeRange(param['time-range'], zone);
  if (!window) throw new MalformedRequest("'time-range' must be an object");
  const filterText = param.filter ?? '';
  if (typeof filterText !== 'string') throw new MalformedRequest("'filter' must be a string");
  const caseSensitive = param['case-sensitive'] === true;
  const filter = compileFilter(filterText, caseSensitive);
  if (!LogStore.generates(logtype)) return { scan: undefined, window };
  const stream: LogStream = ctx.store.stream(ctx.adom, logtype);
  return {
    scan: {
      stream,
      scope,
      filter,
      filterKey: `${caseSensitive ? 'cs' : 'ci'}|${filterText}`,
      zone: ctx.adom.timeZone ?? ctx.systemZone,
    },
    window,
  };
}

/** The index range of a stream a window covers, for a search started at `startSec`. */
export function indexRange(stream: LogStream, window: TimeWindow, startSec: number): [number, number] {
  const lo = window.start === undefined ? 0 : stream.firstAtOrAfter(window.start);
  const end = window.end === undefined ? startSec : Math.min(window.end, startSec);
  return [lo, Math.max(lo, stream.firstAfter(end))];
}

/** A number parameter, or `fallback` when absent or not a number. */
export function numberParam(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.floor(value) : fallback;
}
