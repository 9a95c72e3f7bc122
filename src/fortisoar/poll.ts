/** Polling a server-side job (an install, a playbook run, an agent action) until it ends. */
import type { Clock } from '../core/clock.js';
import { isRetryable } from '../core/retry.js';
import { deadline } from '../core/timeouts.js';
import { FortiSoarWaitTimeoutError } from './errors.js';

export interface WaitOptions<S> {
  /** Time between polls (default 1 s). */
  pollInterval?: number;
  /** Give up after this long, wall-clock (a `FortiSoarWaitTimeoutError`; the work goes on on the server). */
  timeout?: number;
  /** Called with each state that differs from the previous one. */
  onProgress?: (state: S) => void;
  signal?: AbortSignal;
}

/** Consecutive failed polls tolerated (each already retried by the transport) before giving up. */
const MAX_POLL_FAILURES = 5;

/**
 * Calls `read` until `done(state)`; reports changes (by `key`) to `onProgress`. A poll that fails
 * with a retryable error (a dropped connection) is tried again.
 */
export async function pollUntil<S>(
  clock: Clock,
  what: string,
  read: (signal: AbortSignal | undefined) => Promise<S>,
  done: (state: S) => boolean,
  key: (state: S) => string,
  options: WaitOptions<S> = {},
): Promise<S> {
  const limit = deadline(options.signal, options.timeout);
  const timedOut = (error: unknown, last: S | undefined) =>
    limit.timedOut()
      ? new FortiSoarWaitTimeoutError(
          `${what} did not end within ${options.timeout} ms; it goes on on FortiSOAR`,
          {
            cause: error,
            details: { last },
          },
        )
      : error;
  let last: S | undefined;
  let lastKey: string | undefined;
  let failures = 0;
  try {
    for (;;) {
      try {
        const state = await read(limit.signal);
        failures = 0;
        last = state;
        const k = key(state);
        if (k !== lastKey) {
          lastKey = k;
          options.onProgress?.(state);
        }
        if (done(state)) return state;
      } catch (error) {
        if (limit.timedOut() || !isRetryable(error, true) || ++failures >= MAX_POLL_FAILURES)
          throw timedOut(error, last);
      }
      await clock.sleep(options.pollInterval ?? 1_000, limit.signal).catch((error: unknown) => {
        throw timedOut(error, last);
      });
    }
  } finally {
    limit.clear();
  }
}
