import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import type { FortiCareLimits } from '../../../src/forticare/index.js';
import { fortiCareLimiterKey } from '../../../src/forticare/limits.js';
import { createRedisLimiterStore } from '../../../src/redis/index.js';
import { type Simulator, startSimulator } from '../../../src/simulator/index.js';
import { acceleratedClock } from './accelerated-clock.js';
import { type FleetWorker, startFleet } from './fleet.js';
import type { FailResult, LoadResult, WorkerConfig } from './fleet-worker.js';
import { type RedisServer, startRedisServer } from './redis-server.js';
import { fastestSchedule } from './schedule.js';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const PROCESSES = 4;
const CLIENTS = 2;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const total = (loads: LoadResult[], field: 'ok' | 'refused' | 'unavailable') =>
  loads.reduce((sum, load) => sum + load[field], 0);

describe('a fleet of processes sharing one FortiCare API user through Redis', () => {
  let redis: RedisServer | undefined;
  let admin: Redis | undefined;
  let sim: Simulator | undefined;
  let fleet: FleetWorker[] = [];

  afterEach(async () => {
    await Promise.all(fleet.map((worker) => worker.close()));
    fleet = [];
    admin?.disconnect();
    admin = undefined;
    await sim?.close();
    sim = undefined;
    await redis?.stop();
    redis = undefined;
  });

  /** A simulator on a clock `speed` times faster, a fresh Redis, and the fleet's configuration. */
  async function setUp(speed: number, limits: FortiCareLimits, shared = true): Promise<WorkerConfig> {
    sim = await startSimulator({
      products: ['forticare'],
      clock: acceleratedClock(speed),
      // A client refreshes its token after a call's start; sped up, that would eat the margin.
      forticloud: { tokenLifetimeSec: 24 * 3600 },
      forticare: { limits: { callsPerMinute: limits.callsPerMinute, callsPerHour: limits.callsPerHour } },
    });
    const { username, password } = sim.forticloud.defaultUser;
    const config: WorkerConfig = {
      forticareUrl: sim.forticare.url,
      authUrl: sim.forticloud.url,
      username,
      password,
      speed,
      limits,
      clients: CLIENTS,
    };
    if (!shared) return config;
    redis = await startRedisServer();
    admin = new Redis(redis.url);
    admin.on('error', () => undefined); // it reconnects by itself after the restart
    // A Redis started for this test: nothing was called before it, so no hold is needed.
    await using store = createRedisLimiterStore({ url: redis.url });
    await store.reset(fortiCareLimiterKey(username));
    return { ...config, redisUrl: redis.url };
  }

  const keyBase = (username: string) => `fortix:limits:{${fortiCareLimiterKey(username)}}`;

  /** The recorded starts of the API user, in Redis server time (ms). */
  async function starts(username: string): Promise<number[]> {
    const flat = await admin!.zrange(`${keyBase(username)}:starts`, '0', '-1', 'WITHSCORES');
    return flat.filter((_, i) => i % 2 === 1).map(Number);
  }

  async function serverTime(): Promise<number> {
    const [seconds, micros] = await admin!.time();
    return Number(seconds) * 1000 + Number(micros) / 1000;
  }

  it('4 processes x 2 clients: zero violations, >= 95% of the allowed rate, one error budget', async () => {
    // Three times real time, and 200 calls an hour instead of 1000 (on both sides), so that the hour
    // window binds within the test. The 1 s safety margin is then 333 real ms: more than the time
    // from a call's start to its arrival at the simulator, even on a busy machine.
    const speed = 3;
    const limits = { callsPerMinute: 100, callsPerHour: 200, safetyMarginMs: 1000 };
    const config = await setUp(speed, limits);
    fleet = await startFleet(PROCESSES, config);

    // One client spends the shared error budget down to its reserve; its next risky call is refused.
    expect(await fleet[0]!.run<FailResult>({ op: 'fail', count: 8 })).toEqual({ failed: 8, refused: 1 });
    // Every client then makes one risky call (refused everywhere) and safe calls for 22 s (66
    // simulated s): 200 calls fit in the hour, the last one 60 s after the first at best.
    const loads = await Promise.all(
      fleet.map((worker) => worker.run<LoadResult>({ op: 'load', durationMs: 22_000, probe: true })),
    );

    const stats = sim!.forticare.stats();
    expect(stats.violations).toBe(0);
    expect(stats.errors).toBe(8);
    expect(loads.flatMap((load) => load.unexpected)).toEqual([]);
    expect(total(loads, 'refused')).toBe(PROCESSES * CLIENTS);
    for (const load of loads) expect(load.ok).toBeGreaterThan(0);
    const times = await starts(config.username);
    expect(times).toHaveLength(limits.callsPerHour);
    expect(stats.calls).toBe(limits.callsPerHour);
    const windows = [
      { limit: limits.callsPerMinute, intervalMs: MINUTE },
      { limit: limits.callsPerHour, intervalMs: HOUR },
    ];
    // The rate: how soon each call started after the window let it (60 s after the call 100 places
    // before it, at best), over the calls of the load; and the whole run against the best schedule.
    const load = times.slice(8);
    const gaps = load.slice(limits.callsPerMinute).map((t, i) => (t - load[i]!) * speed);
    const achieved = MINUTE / (gaps.reduce((sum, gap) => sum + gap, 0) / gaps.length);
    const overall = fastestSchedule(times.length, windows).at(-1)! / ((times.at(-1)! - load[0]!) * speed);
    console.info(
      `fleet: ${stats.calls} calls, ${stats.violations} violations, ${(achieved * 100).toFixed(1)}% of ` +
        `the allowed rate (${(overall * 100).toFixed(1)}% over the whole run, the first window's ramp included)`,
    );
    expect(achieved).toBeGreaterThanOrEqual(0.95);
    expect(overall).toBeGreaterThanOrEqual(0.9);
    expect(achieved).toBeLessThanOrEqual(1);
  }, 45_000);

  it('the same fleet with limiters of their own exceeds the limits (the control)', async () => {
    const config = await setUp(3, { callsPerMinute: 100, callsPerHour: 200 }, false);
    fleet = await startFleet(PROCESSES, config);
    await Promise.all(
      fleet.map((worker) => worker.run<LoadResult>({ op: 'load', durationMs: 1_500, probe: false })),
    );
    expect(sim!.forticare.stats().violations).toBeGreaterThan(0);
  }, 30_000);

  it('Redis restarting mid-run: calls fail closed while it is down, then a full window is held back', async () => {
    // A simulated hour in 9 real seconds, FortiCare's documented limits; the margin covers 300 ms
    // of real delay, amplified 400 times.
    const speed = 400;
    const marginMs = 120_000;
    const config = await setUp(speed, { callsPerMinute: 100, callsPerHour: 1000, safetyMarginMs: marginMs });
    fleet = await startFleet(PROCESSES, config);

    const loading = Promise.all(
      fleet.map((worker) => worker.run<LoadResult>({ op: 'load', durationMs: 16_000, probe: false })),
    );
    // Restart once calls are flowing (workers start slowly on a loaded machine), not after a fixed time.
    let before = await starts(config.username);
    for (let waited = 0; before.length === 0 && waited < 5_000; waited += 100) {
      await sleep(100);
      before = await starts(config.username);
    }
    const killedAt = await serverTime();
    await redis!.restart({ downMs: 1_500 });
    const loads = await loading;

    const stats = sim!.forticare.stats();
    expect(stats.violations).toBe(0);
    expect(loads.flatMap((load) => load.unexpected)).toEqual([]);
    // Calls were made before the restart; while Redis was down, they failed closed.
    expect(before.length).toBeGreaterThan(0);
    expect(total(loads, 'unavailable')).toBeGreaterThan(0);
    // The new Redis lost the history: the first limiter to ask noticed (its run id changed) and held
    // every window back for a full interval, so nothing started until an hour (+ margin) had passed.
    const hold = Number(await admin!.hget(`${keyBase(config.username)}:meta`, 'hold'));
    expect(hold).toBeGreaterThan(killedAt);
    const after = await starts(config.username);
    expect(after.length).toBeGreaterThan(0);
    expect(after[0]!).toBeGreaterThanOrEqual(hold + (HOUR + marginMs) / speed);
    console.info(
      `restart: ${before.length} calls before, ${after.length} after the hold, ${total(loads, 'unavailable')} failed closed, ${stats.violations} violations`,
    );
  }, 60_000);
});
