import { ValidationError } from './errors.js';

/** Deepest nesting a request body may have; real payloads stay far below it. */
export const MAX_JSON_DEPTH = 64;

/**
 * `JSON.stringify` for request bodies: a value nested deeper than {@link MAX_JSON_DEPTH} (or
 * cyclic), or one JSON cannot express (a BigInt), is a ValidationError naming `field`, before
 * anything is sent, instead of a bare RangeError or TypeError.
 *
 * @example
 * const text = jsonBody(request.json, 'json');
 */
export function jsonBody(value: unknown, field = 'body'): string {
  if (deeperThan(value, MAX_JSON_DEPTH)) {
    throw new ValidationError(
      `${field} is nested more than ${MAX_JSON_DEPTH} levels deep (or refers to itself); nothing was sent`,
      field,
    );
  }
  try {
    return JSON.stringify(value);
  } catch (error) {
    throw new ValidationError(
      `${field} cannot be sent as JSON (${(error as Error).message}); nothing was sent`,
      field,
    );
  }
}

/**
 * Whether a JSON value nests more than `levels` deep. The recursion stops at `levels`, so a deep
 * value cannot overflow the stack, and it allocates nothing.
 */
export function deeperThan(value: unknown, levels: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (levels === 0) return true;
  if (Array.isArray(value)) {
    for (const item of value) if (deeperThan(item, levels - 1)) return true;
    return false;
  }
  const record = value as Record<string, unknown>;
  for (const key in record) if (deeperThan(record[key], levels - 1)) return true;
  return false;
}
