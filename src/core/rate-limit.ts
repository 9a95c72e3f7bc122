import { abortError, type Clock, systemClock } from './clock.js';
import { RateLimitError, ValidationError } from './errors.js';
import type {
  ErrorBudget,
  LimiterState,
  LimiterStore,
  LimitSpec,
  RateWindow,
  Refused,
  TakeResult,
} from './limiter-store.js';
import { inProcessStore } from './memory-store.js';

/** What acquire returns when a call may start at once (one settled promise serves them all). */
const STARTED: Promise<void> = Promise.resolve();

export type { ErrorBudget, RateWindow } from './limiter-store.js';

export interface RateLimiterOptions {
  windows: RateWindow[];
  errorBudget?: ErrorBudget;
  clock?: Clock;
  /** Where the history of calls and errors is kept. Default: in this process, for this limiter alone. */
  store?: LimiterStore;
  /** Who is limited, for a shared store (say `forticare:<api user>`): limiters with the same key share limits. */
  key?: string;
}

interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
  risky: boolean;
  /** Set once resolved, rejected or aborted; the queue skips it then. */
  settled: boolean;
}

/**
 * A limiter with several sliding windows and an optional error budget. Calls start in FIFO order,
 * as soon as every window allows and never earlier. The history lives in a {@link LimiterStore}:
 * in the process by default (memory bounded by the biggest window limit), or shared between
 * processes and machines (`fortix/redis`).
 *
 * @example
 * // FortiCare: 100 calls/min, 1000/h, 10 errors/h
 * const limiter = new RateLimiter({
 *   windows: [{ limit: 100, intervalMs: 60_000 }, { limit: 1000, intervalMs: 3_600_000 }],
 *   errorBudget: { limit: 10, intervalMs: 3_600_000, reserve: 2 },
 * });
 * await limiter.acquire({ signal, risky: true });
 */
export class RateLimiter {
  readonly #spec: LimitSpec;
  readonly #clock: Clock;
  readonly #state: LimiterState;
  #queue: Waiter[] = [];
  #head = 0;
  /** Waiters in the queue that are still waiting. */
  #waiting = 0;
  #pumping = false;
  /** Cuts the pump's sleep short when every waiter gave up. */
  #wake: AbortController | undefined;

  constructor(options: RateLimiterOptions) {
    this.#spec = limitSpec(options);
    this.#clock = options.clock ?? systemClock;
    this.#state = (options.store ?? inProcessStore).open(options.key, this.#spec, this.#clock);
  }

  /**
   * Waits (FIFO, fair) until a call may start under every window, then records the start.
   * With `risky: true` and an error budget nearly spent -> RateLimitError immediately (retryAfterMs = when budget frees).
   * A shared store that cannot be reached -> LimiterStoreUnavailableError (nothing was sent).
   */
  acquire(options: { signal?: AbortSignal; risky?: boolean } = {}): Promise<void> {
    const { signal, risky = false } = options;
    if (signal?.aborted) return Promise.reject(abortError(signal));
    if (this.#waiting === 0 && this.#state.synchronous) {
      // Nobody waits and the store answers now: start at once, without a waiter or a listener.
      let result: TakeResult;
      try {
        result = this.#state.take(risky) as TakeResult;
      } catch (error) {
        return Promise.reject(error);
      }
      if (result.kind === 'started') return STARTED;
      if (result.kind === 'refused') return Promise.reject(this.#refusalError(result, risky));
    }
    if (this.#waiting > 0) {
      const refusal = this.#state.refusal?.(risky);
      if (refusal) return Promise.reject(this.#refusalError(refusal, risky));
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, risky, settled: false };
      if (signal) {
        const onAbort = () => this.#abandon(waiter, abortError(signal));
        signal.addEventListener('abort', onAbort, { once: true });
        waiter.resolve = () => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        };
        waiter.reject = (error) => {
          signal.removeEventListener('abort', onAbort);
          reject(error);
        };
      }
      this.#queue.push(waiter);
      this.#waiting++;
      void this.#pump();
    });
  }

  /** Records a failed call against the error budget. */
  recordError(): void {
    this.#state.recordError();
  }

  /** Errors still allowed in the current error window (Infinity without a budget). */
  errorsRemaining(): number {
    return this.#state.errorsRemaining();
  }

  /** Milliseconds until the next call could start (0 = now). */
  delayUntilNext(): number {
    return this.#state.delayUntilNext();
  }

  // A synchronous store answers without any await, so every waiter that is due starts in the
  // same turn (no sleep per call); a shared store is asked once per call, oldest waiter first.
  async #pump(): Promise<void> {
    if (this.#pumping) return;
    this.#pumping = true;
    try {
      while (this.#waiting > 0) {
        const waiter = this.#first();
        let result: TakeResult;
        try {
          const taken = this.#state.take(waiter.risky);
          result = taken instanceof Promise ? await taken : taken;
        } catch (error) {
          // Fail closed: without the store nobody can tell whether a call may start.
          this.#rejectAll(error);
          continue;
        }
        if (result.kind === 'wait') {
          await this.#sleep(result.waitMs);
          continue;
        }
        // A waiter that gave up while a shared store answered leaves its start unused (the safe side).
        if (waiter.settled) continue;
        this.#settle(waiter);
        if (result.kind === 'started') waiter.resolve();
        else waiter.reject(this.#refusalError(result, waiter.risky));
      }
    } finally {
      this.#pumping = false;
    }
  }

  async #sleep(ms: number): Promise<void> {
    const wake = new AbortController();
    this.#wake = wake;
    try {
      await this.#clock.sleep(ms, wake.signal);
    } catch {
      // Woken early because nobody waits any more; the loop re-checks.
    } finally {
      this.#wake = undefined;
    }
  }

  /** The oldest waiter that still waits; only called when #waiting > 0. */
  #first(): Waiter {
    for (;;) {
      const waiter = this.#queue[this.#head]!;
      if (!waiter.settled) return waiter;
      this.#head++;
      if (this.#head > 1024 && this.#head * 2 > this.#queue.length) {
        this.#queue = this.#queue.slice(this.#head);
        this.#head = 0;
      }
    }
  }

  #settle(waiter: Waiter): void {
    waiter.settled = true;
    this.#waiting--;
  }

  #rejectAll(error: unknown): void {
    for (let i = this.#head; i < this.#queue.length; i++) {
      const waiter = this.#queue[i]!;
      if (waiter.settled) continue;
      this.#settle(waiter);
      waiter.reject(error);
    }
  }

  #abandon(waiter: Waiter, error: unknown): void {
    if (waiter.settled) return;
    this.#settle(waiter);
    waiter.reject(error);
    if (this.#waiting === 0) this.#wake?.abort();
  }

  #refusalError(refusal: Refused, risky: boolean): RateLimitError {
    const budget = this.#spec.errorBudget!;
    const { errors, retryAfterMs } = refusal;
    const seconds = Math.ceil(retryAfterMs / 1000);
    const counted = `${errors} failed calls in the last ${budget.intervalMs / 1000} s`;
    const message = risky
      ? `Error budget nearly spent: ${counted} (limit ${budget.limit}, ${budget.reserve} kept in reserve); ` +
        `risky calls are refused for ${seconds} s. Check the inputs that failed before retrying.`
      : `Error budget spent: ${counted} (limit ${budget.limit}); the server refuses every call now, ` +
        `so none is sent for ${seconds} s. Check the inputs that failed before retrying.`;
    return new RateLimitError(message, retryAfterMs, {
      details: { errors, limit: budget.limit, reserve: budget.reserve },
    });
  }
}

function limitSpec(options: RateLimiterOptions): LimitSpec {
  if (options.windows.length === 0 && !options.errorBudget) {
    throw new ValidationError('A rate limiter needs at least one window or an error budget', 'windows');
  }
  for (const [i, w] of options.windows.entries()) checkWindow(w, `windows.${i}`);
  const windows = options.windows.map((w) => ({ limit: w.limit, intervalMs: w.intervalMs }));
  const budget = options.errorBudget;
  if (!budget) return { windows, errorBudget: undefined };
  checkWindow(budget, 'errorBudget');
  const reserve = budget.reserve ?? 0;
  if (!Number.isInteger(reserve) || reserve < 0 || reserve >= budget.limit) {
    throw new ValidationError('errorBudget.reserve must be an integer in [0, limit)', 'errorBudget.reserve');
  }
  return {
    windows,
    errorBudget: {
      limit: budget.limit,
      intervalMs: budget.intervalMs,
      reserve,
      lockout: budget.lockout ?? false,
    },
  };
}

function checkWindow(w: { limit: number; intervalMs: number }, field: string): void {
  if (!Number.isInteger(w.limit) || w.limit < 1 || !(w.intervalMs > 0) || !Number.isFinite(w.intervalMs)) {
    throw new ValidationError(
      `${field} needs an integer limit >= 1 and a positive, finite intervalMs`,
      field,
    );
  }
}
