import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Clock, systemClock } from '../../../src/core/clock.js';
import { RateLimitError, TransportError, ValidationError } from '../../../src/core/errors.js';
import { LimiterStoreUnavailableError } from '../../../src/core/limiter-store.js';
import { RateLimiter, type RateLimiterOptions } from '../../../src/core/rate-limit.js';
import { createFortiCareLimiter, fortiCareLimiterKey } from '../../../src/forticare/limits.js';
import { createRedisLimiterStore, type RedisLimiterStore } from '../../../src/redis/index.js';
import { recordingLogger } from '../forticare/harness.js';
import { type RedisServer, startRedisServer } from './redis-server.js';
import { busiestSpan, fastestSchedule } from './schedule.js';

const WINDOWS = [
  { limit: 5, intervalMs: 300 },
  { limit: 12, intervalMs: 1_500 },
];
const HOUR = 3_600_000;

/** The wall clock, `offsetMs` off: a machine whose clock is wrong. */
const skewed = (offsetMs: number): Clock => ({ now: () => Date.now() + offsetMs, sleep: systemClock.sleep });

describe('the Redis limiter store against a real redis-server', () => {
  let redis: RedisServer;
  let admin: Redis;
  let stores: RedisLimiterStore[] = [];
  let keyCount = 0;
  /** A key no other test uses, whose history starts empty. */
  let key = '';

  beforeAll(async () => {
    redis = await startRedisServer();
    admin = new Redis(redis.url);
    admin.on('error', () => undefined);
  });
  afterAll(async () => {
    admin.disconnect();
    await redis.stop();
  });
  afterEach(async () => {
    await Promise.all(stores.map((store) => store.close()));
    stores = [];
    key = '';
  });

  /** A store with its own connection, as another process would have; the key's history starts empty. */
  async function store(options: Partial<Parameters<typeof createRedisLimiterStore>[0]> = {}) {
    const created = createRedisLimiterStore({ url: redis.url, ...options });
    stores.push(created);
    if (!key) {
      key = `test-${++keyCount}`;
      await created.reset(key);
    }
    return created;
  }

  const limiter = (s: RedisLimiterStore, options: Partial<RateLimiterOptions> = {}) =>
    new RateLimiter({ windows: WINDOWS, store: s, key, ...options });

  async function recordedStarts(name = key): Promise<number[]> {
    const flat = await admin.zrange(`fortix:limits:{${name}}:starts`, '0', '-1', 'WITHSCORES');
    return flat.filter((_, i) => i % 2 === 1).map(Number);
  }

  it('limiters on three connections, with clocks an hour apart, share the windows exactly', async () => {
    // The third window never binds; it keeps every start in Redis for the checks below.
    const windows = [...WINDOWS, { limit: 1000, intervalMs: 60_000 }];
    const limiters = [
      limiter(await store(), { windows }),
      limiter(await store(), { windows, clock: skewed(HOUR) }),
      limiter(await store(), { windows, clock: skewed(-HOUR) }),
    ];
    await Promise.all(limiters.flatMap((l) => Array.from({ length: 12 }, () => l.acquire())));

    // Redis's clock decides: the recorded starts never exceed a window, and come as early as allowed.
    const starts = await recordedStarts();
    expect(starts).toHaveLength(36);
    for (const w of WINDOWS) expect(busiestSpan(starts, w.intervalMs)).toBeLessThanOrEqual(w.limit);
    const ideal = fastestSchedule(36, WINDOWS).at(-1)!;
    expect(ideal / (starts.at(-1)! - starts[0]!)).toBeGreaterThanOrEqual(0.95);
  });

  it('shares the error budget: errors recorded in one process refuse risky calls in another', async () => {
    const budget = { limit: 4, intervalMs: HOUR, reserve: 1, lockout: true };
    const here = limiter(await store(), { errorBudget: budget });
    const there = limiter(await store(), { errorBudget: budget });
    await there.acquire({ risky: true });
    expect(there.errorsRemaining()).toBe(4);
    for (let i = 0; i < 3; i++) here.recordError();
    expect(here.errorsRemaining()).toBe(1);
    await here.acquire(); // writes before this step are in Redis by now

    const refused = await there.acquire({ risky: true }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RateLimitError);
    expect((refused as RateLimitError).retryAfterMs).toBeGreaterThan(HOUR - 60_000);
    expect((refused as RateLimitError).message).toContain('3 failed calls');
    expect(there.errorsRemaining()).toBe(1);
    await expect(there.acquire()).resolves.toBeUndefined();
    // With the last error spent, the server locks the user out: every call is refused before sending.
    there.recordError();
    await there.acquire({ risky: false }).catch(() => undefined);
    await expect(here.acquire()).rejects.toThrow(/Error budget spent: 4 failed calls/);
  });

  it('keys the limits per API user: FortiCare limiters of two users do not share', async () => {
    const s = await store();
    await s.reset(fortiCareLimiterKey('api-user-a'));
    await s.reset(fortiCareLimiterKey('api-user-b'));
    const a = createFortiCareLimiter({ callsPerMinute: 2 }, { store: s, apiUser: 'api-user-a' });
    const b = createFortiCareLimiter({ callsPerMinute: 2 }, { store: s, apiUser: 'api-user-b' });
    await Promise.all([a.acquire(), a.acquire(), b.acquire(), b.acquire()]);
    expect(a.delayUntilNext()).toBeGreaterThan(59_000);
    expect(await recordedStarts('forticare:api-user-a')).toHaveLength(2);
    expect(await recordedStarts('forticare:api-user-b')).toHaveLength(2);
    expect(Number(await admin.hget('fortix:limits:{forticare:api-user-a}:meta', 'keep'))).toBe(HOUR + 1000);
    expect(() => createFortiCareLimiter({}, { store: s })).toThrow(ValidationError);
  });

  it('fails closed with a typed error when Redis cannot be reached, at once and on first connect', async () => {
    const down = await startRedisServer();
    const s = createRedisLimiterStore({ url: down.url, timeoutMs: 300 });
    stores.push(s);
    await s.reset('down');
    const l = new RateLimiter({ windows: WINDOWS, store: s, key: 'down' });
    await l.acquire();
    await down.stop();

    const started = performance.now();
    const error = await l.acquire().catch((e: unknown) => e);
    expect(performance.now() - started).toBeLessThan(100);
    expect(error).toBeInstanceOf(LimiterStoreUnavailableError);
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ code: 'LIMITER_STORE_UNAVAILABLE', requestSent: false });
    expect((error as Error).message).toContain(
      `The Redis limiter store at 127.0.0.1:${down.port} cannot be asked`,
    );

    const never = createRedisLimiterStore({ url: down.url, timeoutMs: 300 });
    stores.push(never);
    const waiting = [1, 2, 3].map(() =>
      new RateLimiter({ windows: WINDOWS, store: never, key: 'never' }).acquire(),
    );
    for (const call of waiting) await expect(call).rejects.toBeInstanceOf(LimiterStoreUnavailableError);
  });

  it("with whenUnavailable: 'local', keeps the limits alone while Redis hangs, then tells Redis", async () => {
    const log = recordingLogger();
    const budget = { limit: 5, intervalMs: HOUR };
    const s = await store({ whenUnavailable: 'local', timeoutMs: 200, logger: log });
    const l = limiter(s, { errorBudget: budget });
    await l.acquire();
    redis.pause();
    try {
      // The first call waits 200 ms for Redis, then this process keeps the limits alone.
      await Promise.all([1, 2, 3, 4, 5].map(() => l.acquire()));
      l.recordError();
      expect(l.errorsRemaining()).toBe(4);
      // The sixth start of the 300 ms window waits for the window here too.
      const started = performance.now();
      await l.acquire();
      expect(performance.now() - started).toBeGreaterThan(50);
    } finally {
      redis.resume();
    }
    expect(log.lines.join('\n')).toMatch(
      /cannot be asked .* Keeping the limits of test-\d+ in this process alone/,
    );
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // Redis is asked again after 1 s
    await l.acquire();
    expect(log.lines.at(-1)).toMatch(/answers again/);
    // The 6 starts made alone and the error reached Redis (commands that timed out ran when Redis
    // woke up, so the store may count them twice: the safe side).
    expect((await recordedStarts()).length).toBeGreaterThanOrEqual(8);
    expect(await admin.zcard(`fortix:limits:{${key}}:errors`)).toBeGreaterThanOrEqual(1);
    expect(l.errorsRemaining()).toBeLessThanOrEqual(4);
  });

  it('holds back a full window when the history may be lost, until reset says it is not', async () => {
    const log = recordingLogger();
    const running = limiter(await store({ logger: log }));
    await Promise.all([1, 2, 3, 4, 5].map(() => running.acquire()));
    await admin.del(`fortix:limits:{${key}}:starts`, `fortix:limits:{${key}}:meta`); // keys lost

    let started = performance.now();
    await running.acquire();
    // The limiter that saw the keys before knows they were lost: both windows count as full.
    expect(performance.now() - started).toBeGreaterThanOrEqual(1_490);
    expect(log.lines.join('\n')).toMatch(/held back until/);

    // A limiter that never saw these keys, on a Redis younger than its longest window, holds back too.
    const young = await startRedisServer();
    try {
      const freshStore = createRedisLimiterStore({ url: young.url });
      stores.push(freshStore);
      const fresh = new RateLimiter({ windows: WINDOWS, store: freshStore, key });
      started = performance.now();
      await fresh.acquire();
      expect(performance.now() - started).toBeGreaterThan(1_000);

      const trusted = createRedisLimiterStore({ url: young.url });
      stores.push(trusted);
      await trusted.reset('trusted');
      started = performance.now();
      await new RateLimiter({ windows: WINDOWS, store: trusted, key: 'trusted' }).acquire();
      expect(performance.now() - started).toBeLessThan(100);
    } finally {
      await young.stop();
    }
  });
});
