import { TransportError } from './errors.js';

/**
 * Time source used by retries, rate limiters, token refresh and polling. Injected so that tests can
 * run hours of simulated time in milliseconds.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms`; rejects with a `TransportError` of kind `abort` when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export function abortError(signal: AbortSignal): TransportError {
  return new TransportError('The operation was aborted', 'abort', {
    cause: signal.reason,
    requestSent: false,
  });
}

/** Longest single timer (~24.8 days): longer sleeps are chained, since a longer timer would fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** The wall clock. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep(ms, signal) {
    if (signal?.aborted) return Promise.reject(abortError(signal));
    // NaN sleeps not at all rather than forever; callers validate their numbers.
    const total = ms > 0 ? ms : 0;
    if (total === 0 && !signal) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const until = Date.now() + total;
      let timer: NodeJS.Timeout;
      const onAbort = () => {
        clearTimeout(timer);
        reject(abortError(signal!));
      };
      const arm = (left: number) => {
        timer = setTimeout(
          () => {
            const rest = until - Date.now();
            if (rest > 0) return arm(rest);
            signal?.removeEventListener('abort', onAbort);
            resolve();
          },
          Math.min(left, MAX_TIMER_MS),
        );
      };
      arm(total);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  },
};

interface Sleeper {
  until: number;
  seq: number;
  resolve: () => void;
}

/**
 * A simulated clock: `sleep` never waits for real time. Whenever every pending task is asleep, time
 * jumps to the earliest wake-up. Use it to test hours of rate-limited traffic in milliseconds.
 *
 * @example
 * const clock = new VirtualClock();
 * const limiter = new RateLimiter({ windows: [{ limit: 100, intervalMs: 60_000 }], clock });
 */
export class VirtualClock implements Clock {
  #now: number;
  #seq = 0;
  #sleepers: Sleeper[] = [];
  #scheduled = false;

  constructor(start = Date.UTC(2026, 0, 1)) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  /** Moves time forward by `ms`, waking every sleeper that is due. */
  advance(ms: number): void {
    this.#now += ms;
    this.#wakeDue();
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(abortError(signal));
    return new Promise((resolve, reject) => {
      const sleeper: Sleeper = { until: this.#now + Math.max(0, ms), seq: this.#seq++, resolve };
      const onAbort = () => {
        this.#sleepers = this.#sleepers.filter((s) => s !== sleeper);
        reject(abortError(signal!));
      };
      sleeper.resolve = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#sleepers.push(sleeper);
      this.#scheduleJump();
    });
  }

  #wakeDue(): void {
    const due = this.#sleepers.filter((s) => s.until <= this.#now).sort((a, b) => a.seq - b.seq);
    this.#sleepers = this.#sleepers.filter((s) => s.until > this.#now);
    for (const s of due) s.resolve();
  }

  // Jump only once the event loop has settled (a macrotask later), so that every task that is
  // about to go to sleep has done so and the earliest wake-up is really the next event.
  #scheduleJump(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      if (this.#sleepers.length === 0) return;
      const next = Math.min(...this.#sleepers.map((s) => s.until));
      if (next > this.#now) this.#now = next;
      this.#wakeDue();
      if (this.#sleepers.length > 0) this.#scheduleJump();
    });
  }
}
