import { abortError, type Clock, systemClock } from './clock.js';
import { RateLimitError, ValidationError } from './errors.js';

/** Sliding window: at most `limit` starts in any `intervalMs`. */
export interface RateWindow {
  limit: number;
  intervalMs: number;
}

/** At most `limit` failed calls in any `intervalMs`; `reserve` errors are kept back (risky calls are refused when remaining <= reserve). */
export interface ErrorBudget {
  limit: number;
  intervalMs: number;
  reserve?: number;
}

export interface RateLimiterOptions {
  windows: RateWindow[];
  errorBudget?: ErrorBudget;
  clock?: Clock;
}

interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
  risky: boolean;
  /** Set once resolved, rejected or aborted; the queue skips it then. */
  settled: boolean;
}

/** The last `capacity` timestamps, oldest first; `at(k)` is the k-th most recent (1 = newest). */
class TimeRing {
  readonly #times: Float64Array;
  #count = 0;

  constructor(capacity: number) {
    this.#times = new Float64Array(capacity);
  }

  get size(): number {
    return Math.min(this.#count, this.#times.length);
  }

  push(time: number): void {
    this.#times[this.#count % this.#times.length] = time;
    this.#count++;
  }

  at(k: number): number {
    return this.#times[(this.#count - k) % this.#times.length]!;
  }
}

/**
 * A limiter with several sliding windows and an optional error budget. Calls start in FIFO order,
 * as soon as every window allows and never earlier. Memory is bounded by the biggest window limit.
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
  readonly #windows: readonly RateWindow[];
  readonly #budget: Required<ErrorBudget> | undefined;
  readonly #clock: Clock;
  readonly #starts: TimeRing;
  readonly #errors: TimeRing | undefined;
  #queue: Waiter[] = [];
  #head = 0;
  /** Waiters in the queue that are still waiting. */
  #waiting = 0;
  #pumping = false;
  /** Cuts the pump's sleep short when every waiter gave up. */
  #wake: AbortController | undefined;

  constructor(options: RateLimiterOptions) {
    if (options.windows.length === 0 && !options.errorBudget) {
      throw new ValidationError('A rate limiter needs at least one window or an error budget', 'windows');
    }
    for (const [i, w] of options.windows.entries()) checkWindow(w, `windows.${i}`);
    this.#windows = options.windows.map((w) => ({ limit: w.limit, intervalMs: w.intervalMs }));
    this.#clock = options.clock ?? systemClock;
    this.#starts = new TimeRing(Math.max(1, ...this.#windows.map((w) => w.limit)));
    const budget = options.errorBudget;
    if (budget) {
      checkWindow(budget, 'errorBudget');
      const reserve = budget.reserve ?? 0;
      if (!Number.isInteger(reserve) || reserve < 0 || reserve >= budget.limit) {
        throw new ValidationError(
          'errorBudget.reserve must be an integer in [0, limit)',
          'errorBudget.reserve',
        );
      }
      this.#budget = { limit: budget.limit, intervalMs: budget.intervalMs, reserve };
      this.#errors = new TimeRing(budget.limit);
    }
  }

  /**
   * Waits (FIFO, fair) until a call may start under every window, then records the start.
   * With `risky: true` and an error budget nearly spent -> RateLimitError immediately (retryAfterMs = when budget frees).
   */
  acquire(options: { signal?: AbortSignal; risky?: boolean } = {}): Promise<void> {
    const { signal, risky = false } = options;
    if (signal?.aborted) return Promise.reject(abortError(signal));
    const now = this.#clock.now();
    if (risky) {
      const refusal = this.#refusal(now);
      if (refusal) return Promise.reject(refusal);
    }
    if (this.#waiting === 0 && this.#delay(now) <= 0) {
      this.#starts.push(now);
      return Promise.resolve();
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
    this.#errors?.push(this.#clock.now());
  }

  /** Errors still allowed in the current error window (Infinity without a budget). */
  errorsRemaining(): number {
    if (!this.#budget) return Number.POSITIVE_INFINITY;
    return this.#budget.limit - this.#recentErrors(this.#clock.now());
  }

  /** Milliseconds until the next call could start (0 = now). */
  delayUntilNext(): number {
    return Math.max(0, this.#delay(this.#clock.now()));
  }

  /** Time left until every window has room for one more start (<= 0: now). */
  #delay(now: number): number {
    let until = Number.NEGATIVE_INFINITY;
    for (const w of this.#windows) {
      // A start at t is allowed when the `limit`-th most recent start is at least intervalMs before t.
      if (this.#starts.size >= w.limit) until = Math.max(until, this.#starts.at(w.limit) + w.intervalMs);
    }
    return until - now;
  }

  async #pump(): Promise<void> {
    if (this.#pumping) return;
    this.#pumping = true;
    try {
      while (this.#waiting > 0) {
        const now = this.#clock.now();
        const wait = this.#delay(now);
        if (wait > 0) {
          await this.#sleep(wait);
          continue;
        }
        // Every waiter that is due now starts in this same turn: no sleep per call.
        const waiter = this.#shift();
        const refusal = waiter.risky ? this.#refusal(now) : undefined;
        if (refusal) {
          waiter.reject(refusal);
        } else {
          this.#starts.push(now);
          waiter.resolve();
        }
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

  /** Removes and returns the oldest waiter that still waits; only called when #waiting > 0. */
  #shift(): Waiter {
    for (;;) {
      const waiter = this.#queue[this.#head++]!;
      if (this.#head > 1024 && this.#head * 2 > this.#queue.length) {
        this.#queue = this.#queue.slice(this.#head);
        this.#head = 0;
      }
      if (waiter.settled) continue;
      waiter.settled = true;
      this.#waiting--;
      return waiter;
    }
  }

  #abandon(waiter: Waiter, error: unknown): void {
    if (waiter.settled) return;
    waiter.settled = true;
    this.#waiting--;
    waiter.reject(error);
    if (this.#waiting === 0) this.#wake?.abort();
  }

  #recentErrors(now: number): number {
    const errors = this.#errors!;
    const since = now - this.#budget!.intervalMs;
    let n = 0;
    while (n < errors.size && errors.at(n + 1) > since) n++;
    return n;
  }

  #refusal(now: number): RateLimitError | undefined {
    const budget = this.#budget;
    if (!budget) return undefined;
    const recent = this.#recentErrors(now);
    const remaining = budget.limit - recent;
    if (remaining > budget.reserve) return undefined;
    // Risky calls are allowed again once `recent` has dropped to limit - reserve - 1.
    const mustExpire = recent - (budget.limit - budget.reserve - 1);
    const retryAfterMs = this.#errors!.at(recent - mustExpire + 1) + budget.intervalMs - now;
    return new RateLimitError(
      `Error budget nearly spent: ${recent} failed calls in the last ${budget.intervalMs / 1000} s ` +
        `(limit ${budget.limit}, ${budget.reserve} kept in reserve); risky calls are refused for ` +
        `${Math.ceil(retryAfterMs / 1000)} s. Check the inputs that failed before retrying.`,
      retryAfterMs,
      { details: { errors: recent, limit: budget.limit, reserve: budget.reserve } },
    );
  }
}

function checkWindow(w: { limit: number; intervalMs: number }, field: string): void {
  if (!Number.isInteger(w.limit) || w.limit < 1 || !(w.intervalMs > 0) || !Number.isFinite(w.intervalMs)) {
    throw new ValidationError(
      `${field} needs an integer limit >= 1 and a positive, finite intervalMs`,
      field,
    );
  }
}
