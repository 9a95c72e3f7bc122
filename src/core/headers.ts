import { ValidationError } from './errors.js';

const FORBIDDEN = /[\r\n\0]/;

/**
 * Checks one header value before it is sent: a string without CR, LF or NUL (which would split the
 * request). The message names the header, never its value (it may be an API key or a token).
 */
export function checkHeaderValue(name: string, value: unknown, field = name): void {
  if (typeof value !== 'string' || FORBIDDEN.test(value)) {
    throw new ValidationError(
      typeof value === 'string'
        ? `${field} contains a line break or NUL, which cannot be sent in the ${name} header; nothing was sent`
        : `${field} must be a string to be sent in the ${name} header; nothing was sent`,
      field,
    );
  }
}

/** {@link checkHeaderValue} for every header of `headers`. */
export function checkHeaders(
  headers: Readonly<Record<string, unknown>> | undefined,
  field = 'headers',
): void {
  if (headers === undefined) return;
  for (const name in headers) checkHeaderValue(name, headers[name], `${field}.${name}`);
}
