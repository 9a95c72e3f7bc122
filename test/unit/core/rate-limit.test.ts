import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/core/clock.js';
import { RateLimitError, TransportError, ValidationError } from '../../../src/core/errors.js';
import { RateLimiter, type RateWindow } from '../../../src/core/rate-limit.js';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const FORTICARE: RateWindow[] = [
  { limit: 100, intervalMs: MINUTE },
  { limit: 1000, intervalMs: HOUR },
];

/** Largest number of starts found in any half-open span [t, t + intervalMs). */
function busiestSpan(starts: number[], intervalMs: number): number {
  let busiest = 0;
  for (let first = 0, last = 0; last < starts.length; last++) {
    while (starts[last]! - starts[first]! >= intervalMs) first++;
    busiest = Math.max(busiest, last - first + 1);
  }
  return busiest;
}

/** The earliest possible start of each of `n` calls: call i waits for the start `limit` places before it. */
function fastestSchedule(n: number, windows: RateWindow[], t0: number): number[] {
  const starts: number[] = [];
  for (let i = 0; i < n; i++) {
    let t = i === 0 ? t0 : starts[i - 1]!;
    for (const w of windows) if (i >= w.limit) t = Math.max(t, starts[i - w.limit]! + w.intervalMs);
    starts.push(t);
  }
  return starts;
}

describe('RateLimiter windows', () => {
  it('runs 2,500 calls at >= 97% of the best possible pace without ever exceeding a window', async () => {
    const clock = new VirtualClock();
    const t0 = clock.now();
    const limiter = new RateLimiter({ windows: FORTICARE, clock });
    const starts: number[] = [];
    const realStart = performance.now();
    await Promise.all(
      Array.from({ length: 2_500 }, () => limiter.acquire().then(() => starts.push(clock.now()))),
    );
    const realMs = performance.now() - realStart;

    expect(starts).toHaveLength(2_500);
    for (const w of FORTICARE) expect(busiestSpan(starts, w.intervalMs)).toBeLessThanOrEqual(w.limit);
    const best = fastestSchedule(2_500, FORTICARE, t0);
    const achieved = (best.at(-1)! - t0) / (starts.at(-1)! - t0);
    expect(achieved).toBeGreaterThanOrEqual(0.97);
    expect(realMs).toBeLessThan(1_000);
  });

  it('keeps pace for callers that acquire one after another', async () => {
    const clock = new VirtualClock();
    const t0 = clock.now();
    const windows = [
      { limit: 3, intervalMs: 1_000 },
      { limit: 5, intervalMs: 10_000 },
    ];
    const limiter = new RateLimiter({ windows, clock });
    const starts: number[] = [];
    for (let i = 0; i < 23; i++) {
      await limiter.acquire();
      starts.push(clock.now());
    }
    expect(starts).toEqual(fastestSchedule(23, windows, t0));
  });

  it('serves waiters in FIFO order and reports the delay until the next start', async () => {
    const clock = new VirtualClock();
    const limiter = new RateLimiter({ windows: [{ limit: 2, intervalMs: 1_000 }], clock });
    expect(limiter.delayUntilNext()).toBe(0);
    const order: number[] = [];
    const calls = [0, 1, 2, 3, 4].map((i) => limiter.acquire().then(() => order.push(i)));
    expect(limiter.delayUntilNext()).toBe(1_000);
    await Promise.all(calls);
    expect(order).toEqual([0, 1, 2, 3, 4]);
  });

  it('drops an aborted waiter without holding up the others', async () => {
    const clock = new VirtualClock();
    const t0 = clock.now();
    const limiter = new RateLimiter({ windows: [{ limit: 1, intervalMs: 1_000 }], clock });
    await limiter.acquire();
    const controller = new AbortController();
    const aborted = limiter.acquire({ signal: controller.signal });
    const next = limiter.acquire().then(() => clock.now());
    controller.abort();
    await expect(aborted).rejects.toMatchObject({ kind: 'abort' });
    await expect(aborted).rejects.toBeInstanceOf(TransportError);
    expect(await next).toBe(t0 + 1_000);
    await expect(limiter.acquire({ signal: controller.signal })).rejects.toMatchObject({ kind: 'abort' });
  });

  it('cuts its own sleep short when the last waiter gives up (no stray timer)', async () => {
    const virtual = new VirtualClock();
    const sleeps: Array<AbortSignal | undefined> = [];
    const clock = {
      now: () => virtual.now(),
      sleep: (ms: number, signal?: AbortSignal) => {
        sleeps.push(signal);
        return virtual.sleep(ms, signal);
      },
    };
    const t0 = virtual.now();
    const limiter = new RateLimiter({ windows: [{ limit: 1, intervalMs: HOUR }], clock });
    await limiter.acquire();
    const controller = new AbortController();
    const waiting = limiter.acquire({ signal: controller.signal });
    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]?.aborted).toBe(false);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ kind: 'abort' });
    expect(sleeps[0]?.aborted).toBe(true);
    expect(virtual.now()).toBeLessThan(t0 + HOUR);
  });

  it('refuses nonsense limits', () => {
    expect(() => new RateLimiter({ windows: [] })).toThrow(ValidationError);
    expect(() => new RateLimiter({ windows: [{ limit: 0, intervalMs: 1 }] })).toThrow(ValidationError);
    expect(() => new RateLimiter({ windows: [{ limit: 1.5, intervalMs: 1 }] })).toThrow(ValidationError);
    expect(() => new RateLimiter({ windows: [{ limit: 1, intervalMs: 0 }] })).toThrow(ValidationError);
    expect(
      () =>
        new RateLimiter({ windows: FORTICARE, errorBudget: { limit: 10, intervalMs: HOUR, reserve: 10 } }),
    ).toThrow(ValidationError);
  });
});

describe('RateLimiter error budget', () => {
  it('refuses risky calls once the budget is down to the reserve, until old errors age out', async () => {
    const clock = new VirtualClock();
    const limiter = new RateLimiter({
      windows: FORTICARE,
      errorBudget: { limit: 10, intervalMs: HOUR, reserve: 2 },
      clock,
    });
    expect(limiter.errorsRemaining()).toBe(10);
    const firstError = clock.now();
    for (let i = 0; i < 8; i++) {
      await limiter.acquire({ risky: true });
      limiter.recordError();
      clock.advance(60_000);
    }
    expect(limiter.errorsRemaining()).toBe(2);

    const refused = await limiter.acquire({ risky: true }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RateLimitError);
    // Risky calls come back once one error has aged out: the first one, an hour after it happened.
    expect((refused as RateLimitError).retryAfterMs).toBe(firstError + HOUR - clock.now());
    await expect(limiter.acquire()).resolves.toBeUndefined();

    clock.advance((refused as RateLimitError).retryAfterMs!);
    expect(limiter.errorsRemaining()).toBe(3);
    await expect(limiter.acquire({ risky: true })).resolves.toBeUndefined();
  });

  it('re-checks a queued risky call when its turn comes', async () => {
    const clock = new VirtualClock();
    const limiter = new RateLimiter({
      windows: [{ limit: 1, intervalMs: 1_000 }],
      errorBudget: { limit: 1, intervalMs: HOUR },
      clock,
    });
    await limiter.acquire();
    const queued = limiter.acquire({ risky: true });
    limiter.recordError();
    await expect(queued).rejects.toBeInstanceOf(RateLimitError);
    expect(limiter.errorsRemaining()).toBe(0);
  });

  it('has no budget to spend without an errorBudget option', async () => {
    const limiter = new RateLimiter({ windows: FORTICARE, clock: new VirtualClock() });
    limiter.recordError();
    expect(limiter.errorsRemaining()).toBe(Number.POSITIVE_INFINITY);
    await expect(limiter.acquire({ risky: true })).resolves.toBeUndefined();
  });
});
