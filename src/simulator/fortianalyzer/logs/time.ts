/**
 * Time ranges as FortiAnalyzer reads them: `yyyy-MM-dd HH:mm:ss`, `yyyy-MM-ddTHH:mm:ss` (naive: read
 * in the request's `timezone`, else the ADOM's, else the system's) or RFC 3339 with an offset (the
 * offset wins). A value that does not parse leaves that side of the range open, silently, as the
 * appliance does.
 */
import { fromWallTime, isTimeZone } from '../../../core/zoned-time.js';

const TIME_RE = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/;

/** Seconds since the epoch, inclusive on both sides; `undefined` means open. */
export interface TimeWindow {
  readonly start: number | undefined;
  readonly end: number | undefined;
}

/** The zone naive times are read in: the `timezone` param when it names a zone, else `fallback`. */
export function effectiveZone(requested: unknown, fallback: string): string {
  return typeof requested === 'string' && isTimeZone(requested) ? requested : fallback;
}

/** Parses a `time-range` object; `undefined` when the value is not an object (the caller answers 503). */
export function parseTimeRange(value: unknown, zone: string): TimeWindow | undefined {
  if (value === undefined) return { start: undefined, end: undefined };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const range = value as Record<string, unknown>;
  return { start: parseTime(range.start, zone), end: parseTime(range.end, zone) };
}

/** One timestamp in seconds since the epoch, or undefined when it does not parse. */
export function parseTime(value: unknown, zone: string): number | undefined {
  if (typeof value !== 'string') return undefined;
  const match = TIME_RE.exec(value.trim());
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s, offset] = match;
  const wall = {
    year: Number(y),
    month: Number(mo),
    day: Number(d),
    hour: Number(h),
    minute: Number(mi),
    second: Number(s),
  };
  if (wall.month < 1 || wall.month > 12 || wall.day < 1 || wall.day > 31 || wall.hour > 23) return undefined;
  const ms = fromWallTime(wall, offset === undefined ? zone : offset === 'Z' ? 'UTC' : offset);
  return Math.floor(ms / 1000);
}
