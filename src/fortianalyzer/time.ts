/**
 * Time ranges with explicit time zones. FortiAnalyzer reads a naive `yyyy-MM-dd HH:mm:ss` in the
 * request's `timezone`, else the ADOM's, else its system zone, and a zone mismatch silently empties
 * short windows. So the client always sends both: the bounds as wall-clock times in one zone and that
 * zone as `timezone`; an instant (a `Date`, epoch milliseconds, or an ISO string with an offset) is
 * converted, a naive string is read in the zone given.
 */
import { ValidationError } from '../core/errors.js';
import { formatWallTime, fromWallTime, isTimeZone, toWallTime } from '../core/zoned-time.js';

/** A point in time: a `Date`, epoch milliseconds, or an ISO 8601 string (naive: read in the range's zone). */
export type TimePoint = Date | number | string;

/** A span ending now: `'15m'`, `'1h'`, `'24h'`, `'7d'`, `'2w'`, or milliseconds. */
export type Duration = `${number}${'s' | 'm' | 'h' | 'd' | 'w'}` | number;

/** A time range: explicit bounds (both inclusive, to the second) or the last `duration` before now. */
export type TimeRange =
  | { readonly start: TimePoint; readonly end: TimePoint; readonly timeZone?: string }
  | { readonly last: Duration; readonly timeZone?: string };

/** A resolved range: instants in seconds and the zone the wire form is written in. */
export interface ResolvedRange {
  /** First second, inclusive (seconds since the epoch). */
  readonly startSec: number;
  /** Last second, inclusive. */
  readonly endSec: number;
  readonly timeZone: string;
}

/** The wire form: `time-range` strings and the `timezone` they are written in. */
export interface WireRange {
  readonly 'time-range': { start: string; end: string };
  readonly timezone: string;
}

const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;
const NAIVE_RE = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/;
const OFFSET_RE = /(Z|[+-]\d{2}:?\d{2})$/;

/** Checks a zone name (IANA or a fixed offset such as `+05:30`). */
export function checkTimeZone(zone: unknown, path = 'timeZone'): string {
  if (typeof zone !== 'string' || !isTimeZone(zone)) {
    throw new ValidationError(
      `Unknown time zone ${JSON.stringify(zone)}; use an IANA name like 'Europe/Paris'`,
      path,
    );
  }
  return zone;
}

/** Resolves a range at `nowMs`; the zone defaults to `defaultZone`. */
export function resolveRange(
  range: TimeRange,
  nowMs: number,
  defaultZone: string,
  path = 'timeRange',
): ResolvedRange {
  if (typeof range !== 'object' || range === null)
    throw new ValidationError('A time range is required', path);
  const timeZone = checkTimeZone(range.timeZone ?? defaultZone, `${path}.timeZone`);
  let startMs: number;
  let endMs: number;
  if ('last' in range) {
    const span = durationMs(range.last, `${path}.last`);
    endMs = nowMs;
    startMs = nowMs - span;
  } else {
    startMs = pointMs(range.start, timeZone, `${path}.start`);
    endMs = pointMs(range.end, timeZone, `${path}.end`);
  }
  const startSec = Math.floor(startMs / 1000);
  const endSec = Math.floor(endMs / 1000);
  if (endSec < startSec) throw new ValidationError('The time range ends before it starts', path);
  return { startSec, endSec, timeZone };
}

/** The wire form of `[startSec, endSec]` in `zone`. */
export function wireRange(startSec: number, endSec: number, zone: string): WireRange {
  return {
    'time-range': {
      start: formatWallTime(toWallTime(startSec * 1000, zone)),
      end: formatWallTime(toWallTime(endSec * 1000, zone)),
    },
    timezone: zone,
  };
}

/** `HH:MM yyyy/mm/dd`, the form report periods use. */
export function reportBound(sec: number, zone: string): string {
  const w = toWallTime(sec * 1000, zone);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(w.hour)}:${p(w.minute)} ${w.year}/${p(w.month)}/${p(w.day)}`;
}

function durationMs(value: Duration, path: string): number {
  if (typeof value === 'number') {
    if (Number.isFinite(value) && value > 0) return value;
  } else if (typeof value === 'string') {
    const match = /^(\d+(?:\.\d+)?)([smhdw])$/.exec(value);
    if (match) return Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
  }
  throw new ValidationError(`Duration ${JSON.stringify(value)}: use '15m', '1h', '7d' or milliseconds`, path);
}

function pointMs(value: TimePoint, zone: string, path: string): number {
  if (value instanceof Date) {
    if (!Number.isNaN(value.getTime())) return value.getTime();
  } else if (typeof value === 'number') {
    if (Number.isFinite(value)) return value;
  } else if (typeof value === 'string') {
    const text = value.trim();
    if (OFFSET_RE.test(text)) {
      const ms = Date.parse(text);
      if (!Number.isNaN(ms)) return ms;
    }
    const naive = NAIVE_RE.exec(text);
    if (naive) {
      const [y, mo, d, h, mi] = naive.slice(1, 6).map(Number) as [number, number, number, number, number];
      return fromWallTime(
        { year: y, month: mo, day: d, hour: h, minute: mi, second: Number(naive[6] ?? 0) },
        zone,
      );
    }
  }
  throw new ValidationError(
    `${JSON.stringify(value)} is not a time: use a Date, epoch milliseconds or 'yyyy-MM-dd HH:mm:ss' (ISO 8601)`,
    path,
  );
}
