import type { Clock } from '../core/clock.js';
import { ValidationError } from '../core/errors.js';
import type { LimiterStore } from '../core/limiter-store.js';
import { RateLimiter, type RateLimiterOptions } from '../core/rate-limit.js';

/** FortiCare's documented limits per API user; other accounts may have other limits. */
export interface FortiCareLimits {
  /** Default 100. */
  callsPerMinute?: number;
  /** Default 1000. */
  callsPerHour?: number;
  /** Failed calls allowed per hour before the account is blocked. Default 10. */
  errorsPerHour?: number;
  /** Errors kept back: risky calls are refused once only this many remain. Default 2. */
  errorReserve?: number;
  /** Units per registration batch. Default 10. */
  unitsPerBatch?: number;
  /** Failed units after which FortiCare stops processing a batch. Default 5. */
  errorsPerBatch?: number;
  /**
   * Added to every window so that network jitter between here and the server can never squeeze
   * more calls into a server-side window than allowed. Default 1000 ms.
   */
  safetyMarginMs?: number;
}

export const FORTICARE_LIMITS: Readonly<Required<FortiCareLimits>> = Object.freeze({
  callsPerMinute: 100,
  callsPerHour: 1000,
  errorsPerHour: 10,
  errorReserve: 2,
  unitsPerBatch: 10,
  errorsPerBatch: 5,
  safetyMarginMs: 1000,
});

const MINUTE = 60_000;
const HOUR = 3_600_000;

export function resolveLimits(limits: FortiCareLimits = {}): Required<FortiCareLimits> {
  const resolved = { ...FORTICARE_LIMITS, ...definedOnly(limits) };
  for (const key of [
    'callsPerMinute',
    'callsPerHour',
    'errorsPerHour',
    'unitsPerBatch',
    'errorsPerBatch',
  ] as const) {
    if (!Number.isSafeInteger(resolved[key]) || resolved[key] < 1) {
      throw new ValidationError(`limits.${key} must be an integer >= 1`, `limits.${key}`);
    }
  }
  if (
    !Number.isSafeInteger(resolved.errorReserve) ||
    resolved.errorReserve < 0 ||
    resolved.errorReserve >= resolved.errorsPerHour
  ) {
    throw new ValidationError(
      'limits.errorReserve must be an integer in [0, errorsPerHour)',
      'limits.errorReserve',
    );
  }
  if (!(resolved.safetyMarginMs >= 0)) {
    throw new ValidationError('limits.safetyMarginMs must be >= 0', 'limits.safetyMarginMs');
  }
  return resolved;
}

/** How a FortiCare limiter keeps its history. */
export interface FortiCareLimiterOptions {
  clock?: Clock;
  /**
   * Keep the history in a shared store (`fortix/redis`), so that every process and machine using
   * the API user counts against the same limits. Default: in this process.
   */
  store?: LimiterStore;
  /** The API user ("API ID"): each API user has its own limits in a shared store. Required with `store`. */
  apiUser?: string;
}

/** The windows and error budget that keep one API user within `limits` (each widened by the safety margin). */
export function fortiCareLimiterOptions(
  limits: FortiCareLimits = {},
): Required<Pick<RateLimiterOptions, 'windows' | 'errorBudget'>> {
  const l = resolveLimits(limits);
  return {
    windows: [
      { limit: l.callsPerMinute, intervalMs: MINUTE + l.safetyMarginMs },
      { limit: l.callsPerHour, intervalMs: HOUR + l.safetyMarginMs },
    ],
    // FortiCare refuses every call once the budget is spent, so the limiter does too.
    errorBudget: {
      limit: l.errorsPerHour,
      intervalMs: HOUR + l.safetyMarginMs,
      reserve: l.errorReserve,
      lockout: true,
    },
  };
}

/** The key of an API user's FortiCare limits in a shared store. */
export function fortiCareLimiterKey(apiUser: string): string {
  return `forticare:${apiUser}`;
}

/**
 * The limiter that keeps one API user within its limits: calls start as soon as both windows allow
 * (never earlier), and risky calls are refused before sending once the error budget is nearly spent.
 * Share one limiter between clients of the same API user; with a shared `store`, limiters in other
 * processes share the limits too.
 *
 * @example
 * const limiter = createFortiCareLimiter({}, { store: createRedisLimiterStore({ url }), apiUser });
 * const fc = new FortiCare({ username: apiUser, password, limiter });
 */
export function createFortiCareLimiter(
  limits: FortiCareLimits = {},
  options: Clock | FortiCareLimiterOptions = {},
): RateLimiter {
  const { clock, store, apiUser }: FortiCareLimiterOptions = isClock(options) ? { clock: options } : options;
  if (store && !apiUser) {
    throw new ValidationError('A shared limiter store needs the apiUser whose limits it keeps', 'apiUser');
  }
  return new RateLimiter({
    ...fortiCareLimiterOptions(limits),
    clock,
    store,
    key: apiUser === undefined ? undefined : fortiCareLimiterKey(apiUser),
  });
}

function isClock(value: Clock | FortiCareLimiterOptions): value is Clock {
  return typeof (value as Clock).now === 'function';
}

function definedOnly(limits: FortiCareLimits): FortiCareLimits {
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(limits)) if (value !== undefined) out[key] = value;
  return out as FortiCareLimits;
}
