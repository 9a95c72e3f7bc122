import type { Logger } from '../core/logging.js';

/**
 * `--debug`: every client of the run gets a stderr logger and `logBodies`, so it prints each request
 * and response (method, URL, status, headers, body) and its own debug lines (logins, retries). The
 * clients redact what they print: their password, API key, session ids, tokens and signatures,
 * also those that only a reply carries.
 */
let debugging = false;

export function enableDebug(): void {
  debugging = true;
}

/** The client options of `--debug`, or none. */
export function debugOptions(): { logger?: Logger; logBodies?: boolean } {
  return debugging ? { logger: STDERR, logBodies: true } : {};
}

/** `message {meta}` on one line, and a body (already redacted and cut) indented below it. */
function print(message: string, meta?: Record<string, unknown>): void {
  const { body, ...rest } = meta ?? {};
  const details = Object.keys(rest).length > 0 ? ` ${JSON.stringify(rest)}` : '';
  process.stderr.write(`${message}${details}${typeof body === 'string' ? `\n  ${body}` : ''}\n`);
}

const STDERR: Logger = { debug: print, info: print, warn: print, error: print };
