import type { Clock } from './clock.js';
import { type FortixErrorOptions, TransportError } from './errors.js';

/** Sliding window: at most `limit` starts in any `intervalMs`. */
export interface RateWindow {
  limit: number;
  intervalMs: number;
}

/**
 * At most `limit` failed calls in any `intervalMs`; `reserve` errors are kept back (risky calls are
 * refused when remaining <= reserve). With `lockout`, every call is refused once nothing remains,
 * because the server then refuses them all (FortiCare locks the API user).
 */
export interface ErrorBudget {
  limit: number;
  intervalMs: number;
  reserve?: number;
  lockout?: boolean;
}

/** The limits one store key is kept within, validated by the limiter. */
export interface LimitSpec {
  readonly windows: readonly RateWindow[];
  readonly errorBudget: Readonly<Required<ErrorBudget>> | undefined;
}

/** A store's answer to "may a call start now?". */
export type TakeResult =
  | { readonly kind: 'started' }
  | { readonly kind: 'wait'; readonly waitMs: number }
  | Refused;

/** The error budget refuses the call: `errors` failed recently, the call may come back in `retryAfterMs`. */
export interface Refused {
  readonly kind: 'refused';
  readonly errors: number;
  readonly retryAfterMs: number;
}

/**
 * The history of calls and errors under one set of limits. `take` is atomic: it refuses the call
 * (error budget), or records its start when every window has room, or says how long to wait.
 * Synchronous stores answer with a value, shared ones with a promise.
 */
export interface LimiterState {
  /** True when `take` never returns a promise (an in-process store): a call may then start without queueing. */
  readonly synchronous?: boolean;
  take(risky: boolean): TakeResult | Promise<TakeResult>;
  /** The refusal `take` would give, when a synchronous store knows it without recording anything. */
  refusal?(risky: boolean): Refused | undefined;
  /** Counts a failed call against the error budget. */
  recordError(): void;
  /** Errors still allowed in the error window (Infinity without a budget); a shared store's last known value. */
  errorsRemaining(): number;
  /** Milliseconds until the next call could start (0 = now); a shared store's last known value. */
  delayUntilNext(): number;
}

/**
 * Where limiters keep their history: in the process (the default) or shared between processes
 * (`fortix/redis`). `key` names the limited party (say `forticare:<api user>`); limiters that open
 * the same key in a shared store keep one common history.
 */
export interface LimiterStore {
  open(key: string | undefined, spec: LimitSpec, clock: Clock): LimiterState;
}

/**
 * The shared limiter store could not be asked (unreachable, timed out, or refused the command).
 * Nothing was sent to the API: the limiter fails closed rather than guess how many calls the
 * others made. Safe to retry once the store is back.
 */
export class LimiterStoreUnavailableError extends TransportError {
  override readonly code: string = 'LIMITER_STORE_UNAVAILABLE';

  constructor(message: string, options: FortixErrorOptions = {}) {
    super(message, 'connect', { ...options, requestSent: false });
  }
}
