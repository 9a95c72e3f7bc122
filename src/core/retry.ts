import { abortError, type Clock, systemClock } from './clock.js';
import { ProtocolError, RateLimitError, TransportError, ValidationError } from './errors.js';

export interface RetryOptions {
  /** Retries after the first attempt. Default 2. */
  retries?: number;
  /** Base of the exponential backoff. Default 250 ms. */
  minDelayMs?: number;
  /** Cap of the exponential backoff (a server's Retry-After may ask for longer). Default 8 s. */
  maxDelayMs?: number;
  /** Growth per retry. Default 2. */
  factor?: number;
}

/**
 * True when repeating is safe: any failure before the request was sent; for idempotent calls also
 * reset/timeout TransportErrors, ProtocolError with status >= 500, RateLimitError. Never an abort,
 * a closed client, ValidationError, AuthError or ApiError.
 */
export function isRetryable(error: unknown, idempotent: boolean): boolean {
  if (error instanceof TransportError) {
    if (error.kind === 'abort' || error.kind === 'closed') return false;
    if (!error.requestSent) return true;
    return idempotent && (error.kind === 'reset' || error.kind === 'timeout');
  }
  if (!idempotent) return false;
  if (error instanceof RateLimitError) return true;
  return error instanceof ProtocolError && error.status >= 500;
}

/**
 * Full-jitter exponential backoff for retry number `attempt` (1 = first retry): a random delay in
 * [0, min(maxDelayMs, minDelayMs * factor^(attempt-1))], but at least a RateLimitError's retryAfterMs.
 */
export function backoffDelay(
  attempt: number,
  options: RetryOptions,
  error?: unknown,
  random: () => number = Math.random,
): number {
  const min = options.minDelayMs ?? 250;
  const max = options.maxDelayMs ?? 8_000;
  const factor = options.factor ?? 2;
  const cap = Math.min(max, min * factor ** Math.max(0, attempt - 1));
  const jittered = Math.floor(random() * cap);
  const floor = error instanceof RateLimitError ? (error.retryAfterMs ?? 0) : 0;
  return Math.max(jittered, floor);
}

/**
 * Runs `fn` and repeats it after a backoff while the failure is safe to repeat.
 * `fn` receives the attempt number (0 = first try). Sleeps through `clock`, so tests can use a VirtualClock.
 *
 * @example
 * const reply = await withRetry(() => transport.requestJson(req), { idempotent: true, signal });
 */
export async function withRetry<T>(
  fn: (attempt: number) => Promise<T>,
  options: {
    retry?: RetryOptions;
    idempotent: boolean;
    clock?: Clock;
    signal?: AbortSignal;
    /** Overrides `isRetryable`. */
    shouldRetry?: (error: unknown) => boolean;
    /** Called before each sleep with the retry number (1 = first retry). */
    onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
  },
): Promise<T> {
  const retry = options.retry ?? {};
  const retries = retry.retries ?? 2;
  const clock = options.clock ?? systemClock;
  for (let attempt = 0; ; attempt++) {
    if (options.signal?.aborted) throw abortError(options.signal);
    try {
      return await fn(attempt);
    } catch (error) {
      const retryable = options.shouldRetry
        ? options.shouldRetry(error)
        : isRetryable(error, options.idempotent);
      if (attempt >= retries || !retryable || options.signal?.aborted) throw error;
      const delayMs = backoffDelay(attempt + 1, retry, error);
      options.onRetry?.(error, attempt + 1, delayMs);
      await clock.sleep(delayMs, options.signal);
    }
  }
}

/** Milliseconds asked for by a Retry-After header (seconds or an HTTP date), or undefined. */
export function parseRetryAfter(
  header: string | string[] | undefined,
  now: number = Date.now(),
): number | undefined {
  const value = (Array.isArray(header) ? header[0] : header)?.trim();
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds * 1000));
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * The retry policy of a client's `retry` option, checked: `false` means no retries, numbers must be
 * finite and in range (a NaN would retry forever or drop the backoff).
 */
export function resolveRetry(retry: RetryOptions | false | undefined, field = 'retry'): RetryOptions {
  if (retry === false) return { retries: 0 };
  if (retry === undefined) return {};
  if (typeof retry !== 'object' || retry === null) {
    throw new ValidationError(`${field} must be an object or false`, field);
  }
  const check = (key: keyof RetryOptions, min: number, integer: boolean) => {
    const value = retry[key];
    if (value === undefined) return;
    if (
      typeof value !== 'number' ||
      !Number.isFinite(value) ||
      value < min ||
      (integer && !Number.isInteger(value))
    ) {
      throw new ValidationError(
        `${field}.${key} must be ${integer ? 'an integer' : 'a finite number'} >= ${min}, got ${String(value)}`,
        `${field}.${key}`,
      );
    }
  };
  check('retries', 0, true);
  check('minDelayMs', 0, false);
  check('maxDelayMs', 0, false);
  check('factor', 1, false);
  if (retry.maxDelayMs !== undefined && retry.maxDelayMs < (retry.minDelayMs ?? 0)) {
    throw new ValidationError(`${field}.maxDelayMs must be >= minDelayMs`, `${field}.maxDelayMs`);
  }
  return { ...retry };
}
