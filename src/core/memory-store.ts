import type { Clock } from './clock.js';
import type { LimiterState, LimiterStore, LimitSpec, Refused, TakeResult } from './limiter-store.js';

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

const STARTED: TakeResult = Object.freeze({ kind: 'started' });

/** One limiter's history in this process; memory is bounded by the biggest limit. */
export class MemoryLimiterState implements LimiterState {
  readonly synchronous = true;
  readonly #spec: LimitSpec;
  readonly #clock: Clock;
  readonly #starts: TimeRing;
  readonly #errors: TimeRing | undefined;

  constructor(spec: LimitSpec, clock: Clock) {
    this.#spec = spec;
    this.#clock = clock;
    this.#starts = new TimeRing(Math.max(1, ...spec.windows.map((w) => w.limit)));
    if (spec.errorBudget) this.#errors = new TimeRing(spec.errorBudget.limit);
  }

  take(risky: boolean): TakeResult {
    const now = this.#clock.now();
    const refusal = this.#refusalAt(risky, now);
    if (refusal) return refusal;
    const wait = this.#delay(now);
    if (wait > 0) return { kind: 'wait', waitMs: wait };
    this.#starts.push(now);
    return STARTED;
  }

  refusal(risky: boolean): Refused | undefined {
    return this.#refusalAt(risky, this.#clock.now());
  }

  recordError(): void {
    this.#errors?.push(this.#clock.now());
  }

  errorsRemaining(): number {
    const budget = this.#spec.errorBudget;
    if (!budget) return Number.POSITIVE_INFINITY;
    return budget.limit - this.#recentErrors(this.#clock.now());
  }

  delayUntilNext(): number {
    return Math.max(0, this.#delay(this.#clock.now()));
  }

  /** Time left until every window has room for one more start (<= 0: now). */
  #delay(now: number): number {
    let until = Number.NEGATIVE_INFINITY;
    for (const w of this.#spec.windows) {
      // A start at t is allowed when the `limit`-th most recent start is at least intervalMs before t.
      if (this.#starts.size >= w.limit) until = Math.max(until, this.#starts.at(w.limit) + w.intervalMs);
    }
    return until - now;
  }

  #recentErrors(now: number): number {
    const errors = this.#errors!;
    const since = now - this.#spec.errorBudget!.intervalMs;
    let n = 0;
    while (n < errors.size && errors.at(n + 1) > since) n++;
    return n;
  }

  #refusalAt(risky: boolean, now: number): Refused | undefined {
    const budget = this.#spec.errorBudget;
    if (!budget) return undefined;
    // A risky call needs more than the reserve left; under lockout any call needs at least one.
    const floor = risky ? budget.reserve : budget.lockout ? 0 : undefined;
    if (floor === undefined) return undefined;
    const recent = this.#recentErrors(now);
    if (budget.limit - recent > floor) return undefined;
    // Calls come back once the (limit - floor)-th most recent error has aged out.
    const retryAfterMs = this.#errors!.at(budget.limit - floor) + budget.intervalMs - now;
    return { kind: 'refused', errors: recent, retryAfterMs };
  }
}

/** The default store: each limiter keeps its own history in this process (share the limiter to share limits). */
export const inProcessStore: LimiterStore = {
  open: (_key, spec, clock) => new MemoryLimiterState(spec, clock),
};
