import { CommanderError } from 'commander';
import {
  ApiError,
  AuthError,
  FortixError,
  PermissionDeniedError,
  ProtocolError,
  RateLimitError,
  TransportError,
  ValidationError,
} from '../core/errors.js';
import { UsageError } from './usage.js';

/** The exit codes of `fortix`, documented in the README. */
export const EXIT = {
  ok: 0,
  /** Anything not covered below (a bug, an unexpected reply). */
  failure: 1,
  /** The command line or the input is wrong; nothing was sent. */
  usage: 2,
  /** The product refused the call (or some items of a batch failed). */
  api: 3,
  /** Credentials refused, expired, or not allowed to do this. */
  auth: 4,
  /** The product could not be reached: connection refused or reset, TLS or certificate pin failure. */
  connection: 5,
  /** A request or a task did not finish in time. */
  timeout: 6,
  /** Interrupted (Ctrl-C). */
  interrupted: 130,
} as const;

/** Codes of product errors that are about credentials, whatever class they are. */
const AUTH_CODES = new Set(['FORTICARE_INVALID_TOKEN']);
const TIMEOUT_CODES = new Set(['FORTIMANAGER_TASK_TIMEOUT']);

function exitCodeFor(error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  if (error instanceof UsageError || error instanceof ValidationError) return EXIT.usage;
  if (error instanceof AuthError || error instanceof PermissionDeniedError) return EXIT.auth;
  if (error instanceof FortixError && AUTH_CODES.has(error.code)) return EXIT.auth;
  if (error instanceof FortixError && TIMEOUT_CODES.has(error.code)) return EXIT.timeout;
  if (error instanceof TransportError) {
    if (error.kind === 'timeout') return EXIT.timeout;
    if (error.kind === 'abort') return EXIT.interrupted;
    return EXIT.connection;
  }
  if (error instanceof ApiError || error instanceof ProtocolError || error instanceof RateLimitError) {
    return EXIT.api;
  }
  return EXIT.failure;
}

/** What to do next, per kind of failure. */
function hintFor(error: unknown): string | undefined {
  switch (exitCodeFor(error)) {
    case EXIT.auth:
      return 'check the credentials and the profile (fortix config show); secrets come from the environment, --<secret>-file, --<secret>-stdin or the prompt';
    case EXIT.connection:
      return error instanceof TransportError && error.kind === 'tls'
        ? 'for a self-signed appliance certificate pin it with --fingerprint (or trust it with --ca-file)'
        : 'check the URL (--url, FORTIX_<PRODUCT>_URL or the profile) and that the product is reachable';
    case EXIT.timeout:
      return 'raise --timeout, or check the product';
    default:
      return undefined;
  }
}

/**
 * Prints what failed and what to do on stderr, and exits with the error's code. fortix errors never
 * carry secrets; `debug` adds the cause chain.
 */
export function reportAndExit(error: unknown, debug = false): never {
  if (error instanceof CommanderError) process.exit(exitCodeFor(error)); // commander printed it already
  const lines = [`fortix: ${messageOf(error)}`];
  if (error instanceof ValidationError) {
    for (const issue of error.issues.slice(1)) lines.push(`  ${issue.path}: ${issue.message}`);
  }
  const hint = hintFor(error);
  if (hint) lines.push(`hint: ${hint}`);
  if (debug) {
    for (let cause = (error as Error)?.cause; cause; cause = (cause as Error).cause) {
      lines.push(`  caused by: ${messageOf(cause)}`);
    }
  }
  process.stderr.write(`${lines.join('\n')}\n`);
  process.exit(exitCodeFor(error));
}

function messageOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error instanceof FortixError
    ? `${error.message} [${error.code}]`
    : `${error.name}: ${error.message}`;
}
