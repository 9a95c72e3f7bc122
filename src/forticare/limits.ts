import type { Clock } from '../core/clock.js';
import { ValidationError } from '../core/errors.js';
import { RateLimiter } from '../core/rate-limit.js';

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

/**
 * The limiter that keeps one API user within its limits: calls start as soon as both windows allow
 * (never earlier), and risky calls are refused before sending once the error budget is nearly spent.
 * Share one limiter between clients of the same API user.
 */
export function createFortiCareLimiter(limits: FortiCareLimits = {}, clock?: Clock): RateLimiter {
  const l = resolveLimits(limits);
  return new RateLimiter({
    windows: [
      { limit: l.callsPerMinute, intervalMs: MINUTE + l.safetyMarginMs },
      { limit: l.callsPerHour, intervalMs: HOUR + l.safetyMarginMs },
    ],
    errorBudget: { limit: l.errorsPerHour, intervalMs: HOUR + l.safetyMarginMs, reserve: l.errorReserve },
    clock,
  });
}

function definedOnly(limits: FortiCareLimits): FortiCareLimits {
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(limits)) if (value !== undefined) out[key] = value;
  return out as FortiCareLimits;
}
