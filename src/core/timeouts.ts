import { abortError } from './clock.js';
import { TransportError } from './errors.js';

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
 * when there is neither, and only the caller's signal when there is no timeout.
 *
 * @example
 * const d = deadline(options.signal, 30_000);
 * try { await work(d.signal); } catch (e) { if (d.timedOut()) ...; throw e; } finally { d.clear(); }
 */
export function deadline(signal: AbortSignal | undefined, timeoutMs: number | undefined): Deadline {
  if (timeoutMs === undefined || timeoutMs === Number.POSITIVE_INFINITY) {
    return signal ? { signal, timedOut: () => false, clear: () => {} } : NO_DEADLINE;
  }
  const controller = new AbortController();
  let timedOut = false;
  const onAbort = () => controller.abort(signal!.reason);
  const timer = setTimeout(
    () => {
      if (controller.signal.aborted) return;
      timedOut = true;
      controller.abort(new TransportError(`Timed out after ${timeoutMs} ms`, 'timeout'));
    },
    Math.max(0, timeoutMs),
  );
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
  if (!signal) return promise;
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
