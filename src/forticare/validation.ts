import { isRecord } from '../core/guards.js';
import { Issues } from '../core/issues.js';
import { checkCallOptions } from '../core/timeouts.js';
import { ISO_COUNTRY_CODES, TWO_LETTER_STATE_COUNTRIES } from './countries.js';
import { REQUEST_KEYS } from './request-keys.js';
import type { IsoDate, Location, RegistrationStatus } from './types.js';

/**
 * Input checks that run before anything is sent: every call FortiCare rejects spends one of the
 * account's few errors per hour, so a typo must never reach the wire.
 */

const SERIAL = /^[A-Z][A-Z0-9]{7,19}$/;
const SERIAL_PATTERN = /^[A-Za-z0-9%_*-]{1,32}$/;
const CONTRACT = /^[A-Za-z0-9-]{4,40}$/;
const LICENSE_CODE = /^[A-Za-z0-9]{5}(-[A-Za-z0-9]{5}){3}-[A-Za-z0-9]{6}$/;
const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{1,2})(?::?(\d{2}))?)?)?$/;
const PHONE = /^\+\d{1,4} \d[\d -]{3,}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const STATE_CODE = /^[A-Z]{2}$/;
const LOCATION_REF = /^#\/locations\/(\d+)$/;

export function checkSerial(issues: Issues, value: unknown, field: string): void {
  if (typeof value !== 'string' || value === '') {
    issues.add(field, 'a serial number is required');
    return;
  }
  if (SERIAL.test(value)) return;
  const hint = SERIAL.test(value.toUpperCase()) ? ' (serial numbers are upper case)' : '';
  issues.add(field, `${JSON.stringify(value)} is not a serial number, e.g. FGT60FTK1234ABCD${hint}`);
}

export function checkSerialList(issues: Issues, value: unknown, field: string): void {
  if (!Array.isArray(value) || value.length === 0) {
    issues.add(field, 'at least one serial number is required');
    return;
  }
  const seen = new Set<unknown>();
  value.forEach((serial, i) => {
    checkSerial(issues, serial, `${field}[${i}]`);
    if (seen.has(serial)) issues.add(`${field}[${i}]`, `${JSON.stringify(serial)} is listed twice`);
    seen.add(serial);
  });
}

export function checkSerialPattern(issues: Issues, value: unknown, field: string): void {
  if (typeof value !== 'string' || !SERIAL_PATTERN.test(value)) {
    issues.add(field, 'a serial number or a pattern with % wildcards (letters, digits, %, _, -) is required');
  }
}

export function checkContractNumber(issues: Issues, value: unknown, field: string): void {
  if (typeof value !== 'string' || !CONTRACT.test(value)) {
    issues.add(field, `${JSON.stringify(value)} is not a contract number (letters and digits)`);
  }
}

export function checkLicenseCode(issues: Issues, value: unknown, field: string): void {
  if (typeof value !== 'string' || !LICENSE_CODE.test(value)) {
    issues.add(
      field,
      `${JSON.stringify(value)} is not a license registration code (XXXXX-XXXXX-XXXXX-XXXXX-XXXXXX)`,
    );
  }
}

/** Checks an ISO 8601 date (or Date) and returns its wire form; undefined when invalid. */
export function isoDate(issues: Issues, value: IsoDate | undefined, field: string): string | undefined {
  if (value instanceof Date) {
    if (!Number.isNaN(value.getTime())) return value.toISOString();
  } else if (typeof value === 'string') {
    // FortiCare's own examples write offsets like -8:00, so the offset hour may have one digit.
    const match = ISO_DATE.exec(value);
    if (match && isRealDate(match.slice(1).map((part) => (part === undefined ? 0 : Number(part))))) {
      return value;
    }
  }
  issues.add(field, `${JSON.stringify(value)} is not an ISO 8601 date, e.g. 2026-01-01T00:00:00Z`);
  return undefined;
}

/** True for a day that exists (no 2026-02-30) at a time that exists (no 24:00, no 12:60). */
function isRealDate([year, month, day, hour, minute, second, offsetHour, offsetMinute]: number[]): boolean {
  const daysInMonth = new Date(Date.UTC(year!, month!, 0)).getUTCDate();
  return (
    month! >= 1 &&
    month! <= 12 &&
    day! >= 1 &&
    day! <= daysInMonth &&
    hour! <= 23 &&
    minute! <= 59 &&
    second! <= 59 &&
    offsetHour! <= 14 &&
    offsetMinute! <= 59
  );
}

export function checkId(issues: Issues, value: unknown, field: string, min = 1): void {
  if (!Number.isSafeInteger(value) || (value as number) < min) {
    issues.add(field, `must be an integer >= ${min}, got ${JSON.stringify(value)}`);
  }
}

export function checkOptionalId(issues: Issues, value: unknown, field: string, min = 1): void {
  if (value !== undefined) checkId(issues, value, field, min);
}

export function checkText(
  issues: Issues,
  value: unknown,
  field: string,
  required: boolean,
  max = 1000,
): void {
  if (value === undefined && !required) return;
  if (typeof value !== 'string' || (required && value.trim() === '')) {
    issues.add(field, 'text is required');
    return;
  }
  if (value.length > max) issues.add(field, `at most ${max} characters, got ${value.length}`);
}

export function checkBoolean(issues: Issues, value: unknown, field: string): void {
  if (value !== undefined && typeof value !== 'boolean') issues.add(field, 'must be true or false');
}

export function checkStatus(issues: Issues, value: RegistrationStatus | undefined, field: string): void {
  if (value !== undefined && value !== 'Registered' && value !== 'Pending') {
    issues.add(field, `must be 'Registered' or 'Pending', got ${JSON.stringify(value)}`);
  }
}

export function checkLocation(issues: Issues, location: unknown, field: string): void {
  if (!isRecord(location)) {
    issues.add(field, 'a location object is required');
    return;
  }
  checkKeys(issues, location, REQUEST_KEYS.location, field);
  const loc = location as Location;
  for (const key of ['company', 'address', 'city', 'postalCode'] as const)
    checkText(issues, loc[key], `${field}.${key}`, false, 200);
  if (loc.countryCode === undefined)
    issues.add(`${field}.countryCode`, 'an ISO 3166 country code is required');
  else if (!ISO_COUNTRY_CODES.has(loc.countryCode)) {
    issues.add(
      `${field}.countryCode`,
      `${JSON.stringify(loc.countryCode)} is not an ISO 3166 alpha-2 code (e.g. US, DE, FR)`,
    );
  }
  if (
    loc.countryCode &&
    TWO_LETTER_STATE_COUNTRIES.has(loc.countryCode) &&
    loc.stateOrProvince !== undefined
  ) {
    if (!STATE_CODE.test(loc.stateOrProvince)) {
      issues.add(
        `${field}.stateOrProvince`,
        `for ${loc.countryCode} use the 2-letter abbreviation (e.g. CA)`,
      );
    }
  }
  for (const key of ['phone', 'fax'] as const) {
    const value = loc[key];
    if (value !== undefined && (typeof value !== 'string' || !PHONE.test(value))) {
      issues.add(
        `${field}.${key}`,
        `${JSON.stringify(value)} must look like "+<country code> <number>", e.g. "+1 4085551234"`,
      );
    }
  }
  if (loc.email !== undefined && (typeof loc.email !== 'string' || !EMAIL.test(loc.email))) {
    issues.add(`${field}.email`, `${JSON.stringify(loc.email)} is not an e-mail address`);
  }
}

/**
 * The start of every public FortiCare call: the call options are checked (a ValidationError, nothing
 * sent), the request must be an object with only the keys of its type; the returned Issues collect
 * the field checks that follow.
 */
export function requestIssues(
  request: unknown,
  keys: ReadonlySet<string>,
  options: unknown,
  what: string,
): Issues {
  checkCallOptions(options);
  const issues = new Issues();
  if (!isRecord(request)) {
    issues.add(
      'request',
      `must be an object, got ${request === null ? 'null' : Array.isArray(request) ? 'an array' : typeof request}`,
    );
    issues.throwIfAny(what);
  }
  checkKeys(issues, request as Record<string, unknown>, keys, '');
  return issues;
}

/** Every key of `value` must be one of `keys`: a typo is named, with the key it probably meant. */
export function checkKeys(
  issues: Issues,
  value: Record<string, unknown>,
  keys: ReadonlySet<string>,
  field: string,
): void {
  for (const key of Object.keys(value)) {
    if (keys.has(key)) continue;
    const near = nearest(key, keys);
    issues.add(
      field ? `${field}.${key}` : key,
      `unknown key${near ? ` (did you mean ${near}?)` : ''}; known: ${[...keys].join(', ')}`,
      'unknown-key',
    );
  }
}

/** The known key closest to a misspelt one (case, or at most two edits), if any. */
function nearest(key: string, keys: ReadonlySet<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of keys) {
    const distance =
      candidate.toLowerCase() === key.toLowerCase()
        ? 0
        : editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(
        previous[j]! + 1,
        row[j - 1]! + 1,
        previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = row;
  }
  return previous[b.length]!;
}

/** A list of values, checked one by one; anything else is one issue. */
export function checkList(issues: Issues, value: unknown, field: string): value is unknown[] {
  if (Array.isArray(value)) return true;
  issues.add(field, `must be a list, got ${value === null ? 'null' : typeof value}`);
  return false;
}

/** The index a `#/locations/N` reference points to, or undefined when it is not one. */
export function locationRefIndex(ref: string): number | undefined {
  const match = LOCATION_REF.exec(ref);
  return match ? Number(match[1]) : undefined;
}
