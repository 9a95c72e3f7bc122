import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/core/clock.js';
import { RateLimitError, ValidationError } from '../../../src/core/errors.js';
import { createFortiCareLimiter, FORTICARE_LIMITS, resolveLimits } from '../../../src/forticare/limits.js';
import { DOCUMENTED_LIMITS, LimitEnforcer } from '../../../src/simulator/forticare/limits.js';

const MINUTE = 60_000;
const HOUR = 3_600_000;

/** The earliest possible start of each of `n` calls under sliding windows (the best any client can do). */
function idealLastStart(n: number, windows: Array<{ limit: number; intervalMs: number }>): number {
  const t: number[] = [];
  for (let i = 0; i < n; i++) {
    let at = i === 0 ? 0 : t[i - 1]!;
    for (const w of windows) if (i >= w.limit) at = Math.max(at, t[i - w.limit]! + w.intervalMs);
    t.push(at);
  }
  return t[n - 1]!;
}

describe('FortiCare rate-limit policy', () => {
  it('schedules 2,500 concurrent calls with zero violations at >= 97% of the allowed rate', async () => {
    const clock = new VirtualClock();
    const limiter = createFortiCareLimiter({}, clock);
    const server = new LimitEnforcer(DOCUMENTED_LIMITS);
    const start = clock.now();
    let violations = 0;
    let last = start;
    await Promise.all(
      Array.from({ length: 2500 }, async () => {
        await limiter.acquire();
        last = Math.max(last, clock.now());
        if (server.admit('api-user', clock.now())) violations++;
      }),
    );
    expect(violations).toBe(0);
    const ideal = idealLastStart(2500, [
      { limit: 100, intervalMs: MINUTE },
      { limit: 1000, intervalMs: HOUR },
    ]);
    const achieved = ideal / (last - start);
    expect(achieved).toBeGreaterThanOrEqual(0.97);
    expect(achieved).toBeLessThanOrEqual(1);
  });

  it('refuses risky calls once the error budget is nearly spent, but lets safe calls through', async () => {
    const clock = new VirtualClock();
    const limiter = createFortiCareLimiter({}, clock);
    for (let i = 0; i < FORTICARE_LIMITS.errorsPerHour - FORTICARE_LIMITS.errorReserve - 1; i++)
      limiter.recordError();
    await expect(limiter.acquire({ risky: true })).resolves.toBeUndefined();
    limiter.recordError();
    const refusal = await limiter.acquire({ risky: true }).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(RateLimitError);
    expect((refusal as RateLimitError).retryAfterMs).toBe(HOUR + FORTICARE_LIMITS.safetyMarginMs);
    await expect(limiter.acquire({ risky: false })).resolves.toBeUndefined();
    clock.advance(HOUR + FORTICARE_LIMITS.safetyMarginMs);
    await expect(limiter.acquire({ risky: true })).resolves.toBeUndefined();
  });

  it('takes other limits as options and rejects impossible ones', () => {
    expect(resolveLimits({ callsPerMinute: 20, errorReserve: undefined })).toMatchObject({
      callsPerMinute: 20,
      errorReserve: 2,
    });
    expect(() => resolveLimits({ errorReserve: 10 })).toThrowError(ValidationError);
    expect(() => resolveLimits({ unitsPerBatch: 0 })).toThrowError(/unitsPerBatch/);
    expect(() => resolveLimits({ safetyMarginMs: -1 })).toThrowError(/safetyMarginMs/);
  });

  it('applies a smaller per-minute limit exactly', async () => {
    const clock = new VirtualClock();
    const limiter = createFortiCareLimiter({ callsPerMinute: 5, safetyMarginMs: 0 }, clock);
    const starts: number[] = [];
    await Promise.all(
      Array.from({ length: 11 }, () => limiter.acquire().then(() => starts.push(clock.now()))),
    );
    const t0 = starts[0]!;
    expect(starts.map((t) => t - t0)).toEqual([
      0,
      0,
      0,
      0,
      0,
      MINUTE,
      MINUTE,
      MINUTE,
      MINUTE,
      MINUTE,
      2 * MINUTE,
    ]);
  });
});
