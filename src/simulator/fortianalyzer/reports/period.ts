/**
 * Report periods: the `time-period` names FortiAnalyzer accepts (its schedule objects store them as
 * numbers: the position in {@link TIME_PERIODS}, so `other` is 16), the flat `last-<n>-<unit>` form,
 * and custom bounds written `HH:MM yyyy/mm/dd`.
 */
import { formatWallTime, fromWallTime, toWallTime, type WallTime } from '../../../core/zoned-time.js';

export const TIME_PERIODS = [
  'today',
  'yesterday',
  'last-n-hours',
  'this-week',
  'last-week',
  'last-7-days',
  'last-n-days',
  'last-2-weeks',
  'last-14-days',
  'this-month',
  'last-month',
  'last-30-days',
  'last-n-weeks',
  'this-quarter',
  'last-quarter',
  'this-year',
  'other',
] as const;

export type TimePeriod = (typeof TIME_PERIODS)[number];

export interface Period {
  /** Seconds since the epoch, inclusive. */
  readonly start: number;
  readonly end: number;
}

const LAST_N_RE = /^last-(\d+)-(hours|days|weeks)$/;
const BOUND_RE = /^(\d{1,2}):(\d{2}) (\d{4})\/(\d{1,2})\/(\d{1,2})$/;
const HOUR = 3600;
const DAY = 86_400;

/** A period name (or number), `last-<n>-<unit>`; undefined when not one FortiAnalyzer knows. */
export function periodName(value: unknown): TimePeriod | `last-${number}-${string}` | undefined {
  if (typeof value === 'number') return TIME_PERIODS[value];
  if (typeof value !== 'string') return undefined;
  if ((TIME_PERIODS as readonly string[]).includes(value)) return value as TimePeriod;
  return LAST_N_RE.test(value) ? (value as `last-${number}-${string}`) : undefined;
}

/** Parses a custom bound `HH:MM yyyy/mm/dd` in `zone` (seconds since the epoch). */
export function parseBound(value: unknown, zone: string): number | undefined {
  const match = typeof value === 'string' ? BOUND_RE.exec(value.trim()) : null;
  if (!match) return undefined;
  const [, h, mi, y, mo, d] = match.map(Number) as number[];
  return Math.floor(
    fromWallTime({ year: y!, month: mo!, day: d!, hour: h!, minute: mi!, second: 0 }, zone) / 1000,
  );
}

/** The period a name denotes at `nowSec` in `zone` (`lastN` for the `last-n-*` names). */
export function resolvePeriod(
  name: string,
  nowSec: number,
  zone: string,
  lastN = 1,
  weekStart = 'sun',
): Period {
  const flat = (TIME_PERIODS as readonly string[]).includes(name) ? null : LAST_N_RE.exec(name);
  if (flat) {
    const unit = flat[2] === 'hours' ? HOUR : flat[2] === 'days' ? DAY : 7 * DAY;
    return { start: nowSec - Number(flat[1]) * unit, end: nowSec };
  }
  const wall = toWallTime(nowSec * 1000, zone);
  const at = (fields: Partial<WallTime>) =>
    Math.floor(fromWallTime({ ...wall, hour: 0, minute: 0, second: 0, ...fields }, zone) / 1000);
  const today = at({});
  const weekday = new Date(Date.UTC(wall.year, wall.month - 1, wall.day)).getUTCDay();
  const weekOrigin = today - ((weekday - (weekStart === 'mon' ? 1 : 0) + 7) % 7) * DAY;
  const quarterMonth = Math.floor((wall.month - 1) / 3) * 3 + 1;
  switch (name) {
    case 'today':
      return { start: today, end: nowSec };
    case 'yesterday':
      return { start: today - DAY, end: today - 1 };
    case 'last-n-hours':
      return { start: nowSec - lastN * HOUR, end: nowSec };
    case 'this-week':
      return { start: weekOrigin, end: nowSec };
    case 'last-week':
      return { start: weekOrigin - 7 * DAY, end: weekOrigin - 1 };
    case 'last-7-days':
      return { start: today - 7 * DAY, end: today - 1 };
    case 'last-n-days':
      return { start: today - lastN * DAY, end: today - 1 };
    case 'last-2-weeks':
    case 'last-14-days':
      return { start: today - 14 * DAY, end: today - 1 };
    case 'this-month':
      return { start: at({ day: 1 }), end: nowSec };
    case 'last-month':
      return { start: monthStart(wall, -1, zone), end: at({ day: 1 }) - 1 };
    case 'last-30-days':
      return { start: today - 30 * DAY, end: today - 1 };
    case 'last-n-weeks':
      return { start: weekOrigin - lastN * 7 * DAY, end: weekOrigin - 1 };
    case 'this-quarter':
      return { start: at({ month: quarterMonth, day: 1 }), end: nowSec };
    case 'last-quarter':
      return {
        start: monthStart({ ...wall, month: quarterMonth }, -3, zone),
        end: at({ month: quarterMonth, day: 1 }) - 1,
      };
    case 'this-year':
      return { start: at({ month: 1, day: 1 }), end: nowSec };
    default:
      return { start: today - 7 * DAY, end: today - 1 };
  }
}

/** `yyyy-MM-dd HH:mm:ss` of `sec` in `zone`. */
export function wallText(sec: number, zone: string): string {
  return formatWallTime(toWallTime(sec * 1000, zone));
}

function monthStart(wall: WallTime, deltaMonths: number, zone: string): number {
  const index = wall.year * 12 + (wall.month - 1) + deltaMonths;
  const month = {
    year: Math.floor(index / 12),
    month: (index % 12) + 1,
    day: 1,
    hour: 0,
    minute: 0,
    second: 0,
  };
  return Math.floor(fromWallTime(month, zone) / 1000);
}
