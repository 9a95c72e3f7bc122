import { abortError, type Clock, systemClock } from './clock.js';
import { ProtocolError, RateLimitError, TransportError, ValidationError } from './errors.js';
import { checkSignal, eitherSignal, MAX_TIMER_MS } from './timeouts.js';

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
 * a closed client, a wait for a credential that timed out, ValidationError, AuthError or ApiError.
 */
export function isRetryable(error: unknown, idempotent: boolean): boolean {
  if (isFinalError(error)) return false;
  if (error instanceof TransportError) {
    if (error.kind === 'abort' || error.kind === 'closed') return false;
    // Timed out before sending (waiting for a login): the call's time is spent, trying again cannot help.
    if (!error.requestSent) return error.kind !== 'timeout';
    return idempotent && (error.kind === 'reset' || error.kind === 'timeout');
  }
  if (!idempotent) return false;
  if (error instanceof RateLimitError) return true;
  return error instanceof ProtocolError && error.status >= 500;
}

const finalErrors = new WeakSet<object>();

/**
 * Marks `error` as final: no retry layer above repeats the work that failed. For failures of work
 * that had its own retries and must not be repeated blindly, such as a login or a token request
 * (each repetition may open one more session or issue one more token).
 */
export function finalError<E>(error: E): E {
  if (typeof error === 'object' && error !== null) finalErrors.add(error);
  return error;
}

/** True for an error marked with {@link finalError}. */
export function isFinalError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && finalErrors.has(error);
}

/**
 * For releasing what a client holds (logout, token revocation), which is safe to repeat: retry a
 * reset, a failure before sending, a 5xx or a 429, but not a timeout (a server that does not
 * answer would hold close() for several timeouts).
 */
export function isRetryableRelease(error: unknown): boolean {
  if (error instanceof TransportError && error.kind === 'timeout') return false;
  return isRetryable(error, true);
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
  checkRetryOptions(options);
  const min = options.minDelayMs ?? 250;
  const max = options.maxDelayMs ?? 8_000;
  const factor = options.factor ?? 2;
  const cap = Math.min(max, min * factor ** Math.max(0, attempt - 1));
  const jittered = Math.floor(random() * cap);
  const floor = error instanceof RateLimitError ? (error.retryAfterMs ?? 0) : 0;
  return Math.max(jittered, floor);
}

export interface WithRetryOptions {
  retry?: RetryOptions;
  idempotent: boolean;
  clock?: Clock;
  signal?: AbortSignal | undefined;
  /**
   * The longest wait between two attempts, usually the call's timeout: when the server's
   * Retry-After asks for longer, the RateLimitError is thrown at once (its `retryAfterMs` says
   * when to come back) instead of stretching the call. Default: the longest timer (~24.8 days).
   */
  maxWaitMs?: number | undefined;
  /** The client closing: a retry sleep ends at once with a TransportError of kind `closed`. */
  closing?: AbortSignal | undefined;
  /** Overrides `isRetryable`. */
  shouldRetry?: (error: unknown) => boolean;
  /** Called before each sleep with the retry number (1 = first retry). */
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
}

/**
 * Runs `fn` and repeats it after a backoff while the failure is safe to repeat.
 * `fn` receives the attempt number (0 = first try). Sleeps through `clock`, so tests can use a VirtualClock.
 * Bad retry numbers or a `signal` that is not an AbortSignal are a ValidationError before `fn` runs.
 *
 * @example
 * const reply = await withRetry(() => transport.requestJson(req), { idempotent: true, signal });
 */
export async function withRetry<T>(
  fn: (attempt: number) => Promise<T>,
  options: WithRetryOptions,
): Promise<T> {
  const retry = options.retry ?? {};
  checkRetryOptions(retry);
  const signal = checkSignal(options.signal);
  const retries = retry.retries ?? 2;
  const clock = options.clock ?? systemClock;
  const maxWaitMs = Math.min(options.maxWaitMs ?? MAX_TIMER_MS, MAX_TIMER_MS);
  for (let attempt = 0; ; attempt++) {
    if (signal?.aborted) throw abortError(signal);
    try {
      return await fn(attempt);
    } catch (error) {
      const retryable = options.shouldRetry
        ? options.shouldRetry(error)
        : isRetryable(error, options.idempotent);
      if (attempt >= retries || !retryable || signal?.aborted || options.closing?.aborted) throw error;
      const delayMs = backoffDelay(attempt + 1, retry, error);
      // The server asked for more time than the caller gave the call: say so now, do not wait.
      if (delayMs > maxWaitMs) throw error;
      options.onRetry?.(error, attempt + 1, delayMs);
      await sleepUnlessClosed(clock, delayMs, signal, options.closing, error);
    }
  }
}

async function sleepUnlessClosed(
  clock: Clock,
  ms: number,
  signal: AbortSignal | undefined,
  closing: AbortSignal | undefined,
  last: unknown,
): Promise<void> {
  try {
    await clock.sleep(ms, eitherSignal(signal, closing));
  } catch (error) {
    if (signal?.aborted || !closing?.aborted) throw error;
    throw new TransportError('the client was closed while waiting to retry; create a new client', 'closed', {
      cause: last,
      requestSent: !(last instanceof TransportError) || last.requestSent,
    });
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
  checkRetryOptions(retry, field);
  return { ...retry };
}

/** Policies already checked: withRetry checks on every call, and most calls share one policy object. */
const checked = new WeakSet<object>();

/** Throws a ValidationError unless every number of `retry` is finite and in range. */
export function checkRetryOptions(retry: RetryOptions, field = 'retry'): void {
  if (typeof retry !== 'object' || retry === null) {
    throw new ValidationError(`${field} must be an object or false`, field);
  }
  if (checked.has(retry)) return;
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
  checked.add(retry);
}
