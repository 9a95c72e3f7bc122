import { abortError } from './clock.js';
import { TransportError, ValidationError } from './errors.js';
import { isRecord } from './guards.js';

/** Longest delay setTimeout accepts (~24.8 days); a longer one would fire after 1 ms. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * The caller's `signal`, checked: undefined or a real AbortSignal. Anything else (`{}`, a string)
 * is a ValidationError before anything is sent or armed, instead of a TypeError later.
 */
export function checkSignal(signal: unknown, field = 'signal'): AbortSignal | undefined {
  if (signal === undefined || signal instanceof AbortSignal) return signal;
  throw new ValidationError(
    `${field} must be an AbortSignal (e.g. AbortSignal.timeout(5_000) or controller.signal), got ${describe(signal)}`,
    field,
  );
}

/** A timeout in milliseconds, checked: undefined, or a number in [1, MAX_TIMER_MS]. */
export function checkTimeoutMs(value: unknown, field = 'timeoutMs'): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !(value >= 1 && value <= MAX_TIMER_MS)) {
    throw new ValidationError(
      `${field} must be a number of milliseconds between 1 and ${MAX_TIMER_MS}, got ${describe(value)}`,
      field,
    );
  }
  return value;
}

/**
 * Checks the options of one call (`{ signal, timeoutMs }`) before anything happens: every public
 * entry point calls it first, so that bad options are a ValidationError with nothing sent.
 */
export function checkCallOptions(options: unknown, field = 'options'): void {
  if (options === undefined) return;
  if (!isRecord(options)) {
    throw new ValidationError(`${field} must be an object, got ${describe(options)}`, field);
  }
  checkSignal(options.signal, `${field}.signal`);
  checkTimeoutMs(options.timeoutMs, `${field}.timeoutMs`);
}

export interface Deadline {
  /** Aborts when the caller's signal aborts or the time is up; undefined when neither can happen. */
  signal: AbortSignal | undefined;
  /** True once the timeout (not the caller) aborted `signal`. */
  timedOut(): boolean;
  /** Stops the timer and detaches from the caller's signal; call it when the work is done. */
  clear(): void;
}

const NO_DEADLINE: Deadline = { signal: undefined, timedOut: () => false, clear: () => {} };

/**
 * Combines an optional caller signal with a timeout into one AbortSignal (+ cleanup). Costs nothing
 * when there is neither, and only the caller's signal when there is no timeout. A signal that is not
 * an AbortSignal, or a timeout that is not a number of milliseconds (NaN, negative, longer than a
 * timer can wait), is a ValidationError before any timer is armed.
 *
 * @example
 * const d = deadline(options.signal, 30_000);
 * try { await work(d.signal); } catch (e) { if (d.timedOut()) ...; throw e; } finally { d.clear(); }
 */
export function deadline(signal: AbortSignal | undefined, timeoutMs: number | undefined): Deadline {
  checkSignal(signal);
  if (timeoutMs === undefined || timeoutMs === Number.POSITIVE_INFINITY) {
    return signal ? { signal, timedOut: () => false, clear: () => {} } : NO_DEADLINE;
  }
  checkTimeoutMs(timeoutMs);
  const controller = new AbortController();
  let timedOut = false;
  const onAbort = () => controller.abort(signal!.reason);
  const timer = setTimeout(() => {
    if (controller.signal.aborted) return;
    timedOut = true;
    controller.abort(new TransportError(`Timed out after ${timeoutMs} ms`, 'timeout'));
  }, timeoutMs);
  if (signal) {
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  }
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    clear() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    },
  };
}

/**
 * Waits for `promise`, but lets this caller stop waiting when its own signal aborts; the shared work
 * (a login, a coalesced request) goes on for the other callers.
 */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return promise;
  try {
    checkSignal(signal);
  } catch (error) {
    return Promise.reject(error);
  }
  if (signal.aborted) return Promise.reject(abortError(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortError(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/**
 * Waits for `promise` at most `timeoutMs` (undefined: as long as it takes); then rejects with what
 * `late()` makes. The work itself goes on (it may be shared, like a login): only this wait ends.
 * One timer and no AbortController, so it is cheap enough for every call.
 */
export function within<T>(promise: Promise<T>, timeoutMs: number | undefined, late: () => Error): Promise<T> {
  if (timeoutMs === undefined) return promise;
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(late()), timeoutMs);
  });
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}

/**
 * One signal for two reasons to stop (say the caller's signal and the client closing); either may
 * be undefined. Allocates only when both are given.
 */
export function eitherSignal(
  a: AbortSignal | undefined,
  b: AbortSignal | undefined,
): AbortSignal | undefined {
  if (!a) return b;
  if (!b) return a;
  return AbortSignal.any([a, b]);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return 'a string';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object'
    ? `an object (${value.constructor?.name ?? 'no prototype'})`
    : typeof value;
}
