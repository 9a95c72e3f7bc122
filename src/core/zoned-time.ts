/**
 * Wall-clock times in named time zones (IANA names such as `Europe/Paris`, or fixed offsets such as
 * `+05:30`), with no dependency: the offsets come from `Intl`. Appliances read naive timestamps
 * (`2026-01-01 09:00:00`) in a zone of their choosing, so both a client and a simulator have to
 * convert between instants and local wall-clock times explicitly.
 */

/** A local wall-clock time: calendar fields without a zone. */
export interface WallTime {
  year: number;
  /** 1-12. */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const OFFSET_RE = /^(?:UTC|GMT)?([+-])(\d{1,2})(?::?(\d{2}))?$/;
const formatters = new Map<string, Intl.DateTimeFormat | undefined>();

/** True when `zone` is an IANA zone name this runtime knows, `UTC`, or a fixed offset like `+05:30`. */
export function isTimeZone(zone: string): boolean {
  return fixedOffsetMinutes(zone) !== undefined || formatterFor(zone) !== undefined;
}

/** Minutes east of UTC of `zone` at the instant `utcMs`; undefined for an unknown zone. */
export function zoneOffsetMinutes(zone: string, utcMs: number): number | undefined {
  const fixed = fixedOffsetMinutes(zone);
  if (fixed !== undefined) return fixed;
  const formatter = formatterFor(zone);
  if (!formatter) return undefined;
  const wall = wallFromParts(formatter.formatToParts(new Date(utcMs)));
  return Math.round((wallToMs(wall) - Math.floor(utcMs / 1000) * 1000) / 60_000);
}

/** The wall-clock time in `zone` at the instant `utcMs`. Throws a `RangeError` for an unknown zone. */
export function toWallTime(utcMs: number, zone: string): WallTime {
  const offset = zoneOffsetMinutes(zone, utcMs);
  if (offset === undefined) throw new RangeError(`Unknown time zone '${zone}'`);
  const shifted = new Date(utcMs + offset * 60_000);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
  };
}

/**
 * The instant (ms since the epoch) at which the clocks of `zone` show `wall`. In a daylight-saving
 * gap the later offset is used; in an overlap, the earlier instant. Throws a `RangeError` for an
 * unknown zone.
 */
export function fromWallTime(wall: WallTime, zone: string): number {
  const naive = wallToMs(wall);
  const first = zoneOffsetMinutes(zone, naive);
  if (first === undefined) throw new RangeError(`Unknown time zone '${zone}'`);
  let guess = naive - first * 60_000;
  const second = zoneOffsetMinutes(zone, guess)!;
  if (second !== first) guess = naive - second * 60_000;
  return guess;
}

/** `yyyy-MM-dd HH:mm:ss`. */
export function formatWallTime(wall: WallTime, separator = ' '): string {
  const p = (n: number, width = 2) => String(n).padStart(width, '0');
  return (
    `${p(wall.year, 4)}-${p(wall.month)}-${p(wall.day)}${separator}` +
    `${p(wall.hour)}:${p(wall.minute)}:${p(wall.second)}`
  );
}

function wallToMs(wall: WallTime): number {
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
}

function fixedOffsetMinutes(zone: string): number | undefined {
  if (zone === 'UTC' || zone === 'GMT' || zone === 'Z') return 0;
  const match = OFFSET_RE.exec(zone);
  if (!match) return undefined;
  const hours = Number(match[2]);
  const minutes = Number(match[3] ?? 0);
  if (hours > 14 || minutes > 59) return undefined;
  return (match[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

function formatterFor(zone: string): Intl.DateTimeFormat | undefined {
  if (formatters.has(zone)) return formatters.get(zone);
  let formatter: Intl.DateTimeFormat | undefined;
  try {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    formatter = undefined;
  }
  // Zone names may come from user input: keep the memory bounded.
  if (formatters.size >= 1000) formatters.clear();
  formatters.set(zone, formatter);
  return formatter;
}

function wallFromParts(parts: Intl.DateTimeFormatPart[]): WallTime {
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
  };
}
