import { ValidationError } from './errors.js';

/**
 * `JSON.stringify` for request bodies. Serializing is the check: a value JSON cannot carry (cyclic,
 * nested deeper than the stack allows, a BigInt) is a ValidationError naming `field`, before
 * anything is sent, instead of a bare RangeError or TypeError; a valid body is walked once.
 *
 * @example
 * const text = jsonBody(request.json, 'json');
 */
export function jsonBody(value: unknown, field = 'body'): string {
  try {
    return JSON.stringify(value);
  } catch (error) {
    throw new ValidationError(
      `${field} cannot be sent as JSON (${(error as Error).message}); nothing was sent`,
      field,
    );
  }
}
