/**
 * Argument checks of the public entry points: bad input is a ValidationError before anything is
 * sent or armed, never a TypeError from deep inside (or, worse, from a timer later on).
 */
import { ValidationError } from '../core/errors.js';
import { hasControlCharacter, isRecord } from '../core/guards.js';
import { checkSignal, checkTimeoutMs, MAX_TIMER_MS } from '../core/timeouts.js';

/** An options object (or undefined); anything else is a ValidationError naming `what`. */
export function optionsObject(value: unknown, what: string): Readonly<Record<string, unknown>> | undefined {
  if (value === undefined) return undefined;
  if (!isRecord(value)) throw new ValidationError(`${what} must be an object, got ${kindOf(value)}`, what);
  return value;
}

/** A finite number >= `min` (or undefined). */
export function numberOf(value: unknown, field: string, min: number, max = MAX_TIMER_MS): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !(value >= min && value <= max)) {
    throw new ValidationError(`${field} must be a number from ${min} to ${max}, got ${show(value)}`, field);
  }
  return value;
}

/** An integer >= `min` (or undefined). */
export function integerOf(value: unknown, field: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isSafeInteger(value) || (value as number) < min) {
    throw new ValidationError(`${field} must be an integer >= ${min}, got ${show(value)}`, field);
  }
  return value as number;
}

/** A boolean (or undefined). */
export function booleanOf(value: unknown, field: string): boolean | undefined {
  if (value === undefined || typeof value === 'boolean') return value;
  throw new ValidationError(`${field} must be true or false, got ${show(value)}`, field);
}

/** A non-empty string (or undefined). */
export function stringOf(value: unknown, field: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '') {
    throw new ValidationError(`${field} must be a non-empty string, got ${show(value)}`, field);
  }
  return value;
}

/** A non-empty string that can travel in an HTTP header: no CR, LF or other control characters. */
export function headerValueOf(value: unknown, field: string): string | undefined {
  const text = stringOf(value, field);
  if (text !== undefined && hasControlCharacter(text)) {
    throw new ValidationError(`${field} must not contain control characters (CR, LF, ...)`, field);
  }
  return text;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object of another kind' : typeof value;
}

function show(value: unknown): string {
  return typeof value === 'string'
    ? JSON.stringify(value)
    : typeof value === 'object'
      ? kindOf(value)
      : String(value);
}

/** The `{ signal, timeoutMs }` of a call's options object (itself checked first). */
export function callLimits(
  value: unknown,
  what: string,
): { signal: AbortSignal | undefined; timeoutMs: number | undefined } {
  const options = optionsObject(value, what);
  return {
    signal: checkSignal(options?.signal),
    timeoutMs: checkTimeoutMs(options?.timeoutMs),
  };
}
