import { TransportError, ValidationError } from '../core/errors.js';

/** Exit codes: 1 API/other failure, 2 bad input, 3 network/TLS. */
export function exitCodeFor(error: unknown): number {
  if (error instanceof ValidationError) return 2;
  if (error instanceof TransportError) return 3;
  return 1;
}

/** Prints a one-line, redacted-by-construction message (fortix errors never carry secrets) and exits. */
export function reportAndExit(error: unknown): never {
  const [name, message] = error instanceof Error ? [error.name, error.message] : ['Error', String(error)];
  process.stderr.write(`fortix: ${name}: ${message}\n`);
  process.exit(exitCodeFor(error));
}
