import type { Dispatcher } from 'undici';
import type { Clock } from './clock.js';
import type { Logger } from './logging.js';
import type { RetryOptions } from './retry.js';
import type { TlsOptions } from './tls.js';

/**
 * The options every fortix client takes, with the same meaning everywhere. Each product's options
 * extend this interface; every value may be `undefined` (as `process.env.X` is), which means "the
 * default".
 */
export interface ClientOptions {
  /**
   * Where the product is: `https://fmg.example.com`. A bare origin gets the product's API path
   * appended; a URL with a path is used as given.
   */
  url?: string | undefined;
  /** TLS of this client only: verification (default on), extra CA, SHA-256 certificate pinning. */
  tls?: TlsOptions | undefined;
  /** Whole request, per attempt (default 60 s); every call can override it. */
  timeoutMs?: number | undefined;
  /** Connection setup (default 10 s). */
  connectTimeoutMs?: number | undefined;
  /** Retries of safe-to-repeat failures (default 2); `false` turns them off. */
  retry?: RetryOptions | false | undefined;
  /** Any object with debug/info/warn/error (console, pino, ...); secrets are redacted before it sees them. */
  logger?: Logger | undefined;
  /**
   * Log every request and response, login and token calls included, at `debug` through `logger`:
   * method, URL, headers and the body as the wire carries it (cut after 8 KiB, with its size
   * stated; binary bodies only described), with passwords, API keys, session ids, tokens and
   * signatures redacted. Default false (then nothing of a body is ever looked at).
   */
  logBodies?: boolean | undefined;
  /** Time source for retries, polling, tokens and rate limits (default: the wall clock). */
  clock?: Clock | undefined;
  /** An undici dispatcher to send through (tests, proxies); `tls` and `connections` are then ignored. */
  dispatcher?: Dispatcher | undefined;
  /** Connections to the product (default 8). */
  connections?: number | undefined;
  /** Largest reply accepted (default 64 MiB). */
  maxBodyBytes?: number | undefined;
  /** `user-agent` header (default `fortix/<version>`). */
  userAgent?: string | undefined;
}

/** Options of every call. */
export interface CallOptions {
  /** Cancels the call; an aborted call rejects with a `TransportError` of kind `abort`. */
  signal?: AbortSignal | undefined;
  /** Overrides the client's `timeoutMs` for this call. */
  timeoutMs?: number | undefined;
}
