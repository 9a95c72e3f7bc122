import { describe, expect, it } from 'vitest';
import { type Clock, VirtualClock } from '../../../src/core/clock.js';
import { RateLimitError } from '../../../src/core/errors.js';
import {
  type LimiterState,
  type LimiterStore,
  LimiterStoreUnavailableError,
  type LimitSpec,
  type TakeResult,
} from '../../../src/core/limiter-store.js';
import { MemoryLimiterState } from '../../../src/core/memory-store.js';
import { RateLimiter } from '../../../src/core/rate-limit.js';

const HOUR = 3_600_000;

/** A store that answers like a shared one: asynchronously, from a memory state, and can be made to fail. */
function asyncStore() {
  const opened: Array<{ key: string | undefined; spec: LimitSpec }> = [];
  const control = { down: false, takes: 0 };
  const store: LimiterStore = {
    open(key, spec, clock: Clock): LimiterState {
      opened.push({ key, spec });
      const memory = new MemoryLimiterState(spec, clock);
      return {
        async take(risky): Promise<TakeResult> {
          control.takes++;
          await new Promise((resolve) => setImmediate(resolve));
          if (control.down) throw new LimiterStoreUnavailableError('store down');
          return memory.take(risky);
        },
        recordError: () => memory.recordError(),
        errorsRemaining: () => memory.errorsRemaining(),
        delayUntilNext: () => memory.delayUntilNext(),
      };
    },
  };
  return { store, opened, control };
}

describe('RateLimiter on a limiter store', () => {
  it('opens the store with its key and validated limits', () => {
    const { store, opened } = asyncStore();
    new RateLimiter({
      windows: [{ limit: 2, intervalMs: 1_000 }],
      errorBudget: { limit: 3, intervalMs: HOUR },
      store,
      key: 'forticare:api-user',
    });
    expect(opened).toEqual([
      {
        key: 'forticare:api-user',
        spec: {
          windows: [{ limit: 2, intervalMs: 1_000 }],
          errorBudget: { limit: 3, intervalMs: HOUR, reserve: 0, lockout: false },
        },
      },
    ]);
  });

  it('serves waiters in FIFO order at the pace of the windows when the store answers asynchronously', async () => {
    const clock = new VirtualClock();
    const t0 = clock.now();
    const { store } = asyncStore();
    const limiter = new RateLimiter({ windows: [{ limit: 2, intervalMs: 1_000 }], clock, store, key: 'k' });
    const order: Array<[number, number]> = [];
    await Promise.all(
      [0, 1, 2, 3, 4].map((i) => limiter.acquire().then(() => order.push([i, clock.now() - t0]))),
    );
    expect(order).toEqual([
      [0, 0],
      [1, 0],
      [2, 1_000],
      [3, 1_000],
      [4, 2_000],
    ]);
  });

  it('fails closed: a store that cannot answer rejects every waiting call with its error', async () => {
    const clock = new VirtualClock();
    const { store, control } = asyncStore();
    const limiter = new RateLimiter({ windows: [{ limit: 1, intervalMs: 1_000 }], clock, store, key: 'k' });
    await limiter.acquire();
    control.down = true;
    const calls = [1, 2, 3].map(() => limiter.acquire());
    for (const call of calls) await expect(call).rejects.toBeInstanceOf(LimiterStoreUnavailableError);
    expect(control.takes).toBe(2); // one question for all three
    control.down = false;
    await expect(limiter.acquire()).resolves.toBeUndefined();
  });

  it('lets a waiter give up while the store answers, without holding up the next', async () => {
    const clock = new VirtualClock();
    const { store } = asyncStore();
    const limiter = new RateLimiter({ windows: [{ limit: 5, intervalMs: 1_000 }], clock, store, key: 'k' });
    const controller = new AbortController();
    const aborted = limiter.acquire({ signal: controller.signal });
    const next = limiter.acquire();
    controller.abort();
    await expect(aborted).rejects.toMatchObject({ kind: 'abort' });
    await expect(next).resolves.toBeUndefined();
    // The start taken for the waiter that gave up still counts (the safe side).
    expect(limiter.delayUntilNext()).toBe(0);
  });
});

describe('error budget with lockout', () => {
  it('refuses every call once the budget is spent, risky ones from the reserve on', async () => {
    const clock = new VirtualClock();
    const limiter = new RateLimiter({
      windows: [{ limit: 100, intervalMs: 60_000 }],
      errorBudget: { limit: 3, intervalMs: HOUR, reserve: 1, lockout: true },
      clock,
    });
    limiter.recordError();
    clock.advance(1_000);
    limiter.recordError();
    await expect(limiter.acquire({ risky: true })).rejects.toThrow(/nearly spent/);
    await expect(limiter.acquire()).resolves.toBeUndefined();
    limiter.recordError();

    const refused = await limiter.acquire().catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RateLimitError);
    expect((refused as RateLimitError).message).toMatch(
      /^Error budget spent: 3 failed calls in the last 3600 s/,
    );
    // Calls come back when the oldest error ages out; risky ones when the second does.
    expect((refused as RateLimitError).retryAfterMs).toBe(HOUR - 1_000);
    clock.advance(HOUR - 1_000);
    await expect(limiter.acquire()).resolves.toBeUndefined();
    await expect(limiter.acquire({ risky: true })).rejects.toMatchObject({ retryAfterMs: 1_000 });
  });
});
