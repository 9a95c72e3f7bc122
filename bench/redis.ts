/**
 * Redis limiter store benchmark: the latency one `acquire()` adds when the limits are kept in Redis
 * (one Lua script round trip on loopback) against the in-process store, measured in one run,
 * interleaved, with the windows out of reach so that no call ever waits for a window. A bare PING
 * round trip on the same server is the floor.
 */
import { Redis } from 'ioredis';
import { startRedisServer } from '../test/e2e/redis/redis-server.js';
import { loadBuilt } from './built.js';

const { RateLimiter } = await loadBuilt('core/rate-limit.js');
const { createRedisLimiterStore } = await loadBuilt('redis/index.js');

export interface LatencyStats {
  /** Microseconds per acquire(). */
  medianUs: number;
  p99Us: number;
}

export interface RedisBenchResult {
  calls: number;
  inProcess: LatencyStats;
  redis: LatencyStats;
  /** A bare PING round trip: what any Redis call costs at least. */
  ping: LatencyStats;
  /** What the Redis store adds per call: redis minus in-process, at the median and at p99. */
  addedMedianUs: number;
  addedP99Us: number;
}

const OUT_OF_REACH = {
  windows: [
    { limit: 1_000_000, intervalMs: 60_000 },
    { limit: 1_000_000, intervalMs: 3_600_000 },
  ],
  errorBudget: { limit: 10, intervalMs: 3_600_000, reserve: 2, lockout: true },
};

/** Runs the benchmark against a redis-server of its own on a loopback port, prints it and returns the numbers. */
export async function runRedisBench(options: { calls?: number } = {}): Promise<RedisBenchResult> {
  const calls = options.calls ?? 10_000;
  const server = await startRedisServer();
  const store = createRedisLimiterStore({ url: server.url });
  const raw = new Redis(server.url);
  try {
    await store.reset('bench');
    const inProcess = new RateLimiter(OUT_OF_REACH);
    const redis = new RateLimiter({ ...OUT_OF_REACH, store, key: 'bench' });
    const paths = {
      inProcess: () => inProcess.acquire(),
      redis: () => redis.acquire(),
      ping: () => raw.ping(),
    };
    const names = Object.keys(paths) as Array<keyof typeof paths>;
    const times = { inProcess: [] as number[], redis: [] as number[], ping: [] as number[] };
    for (const name of names) await sample(paths[name], 1_000); // warm-up: JIT, sockets, script cache
    const rounds = 4;
    for (let round = 0; round < rounds; round++) {
      // Alternate the order, so that load drifts hit every path alike.
      for (const name of round % 2 === 0 ? names : [...names].reverse())
        times[name].push(...(await sample(paths[name], calls / rounds)));
    }
    const result = summarize(times);
    print(result);
    return result;
  } finally {
    raw.disconnect();
    await store.close();
    await server.stop();
  }
}

/** Microseconds of each of `count` sequential calls. */
async function sample(call: () => Promise<unknown>, count: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await call();
    times.push((performance.now() - started) * 1000);
  }
  return times;
}

function summarize(times: Record<'inProcess' | 'redis' | 'ping', number[]>): RedisBenchResult {
  const inProcess = stats(times.inProcess);
  const redis = stats(times.redis);
  return {
    calls: times.redis.length,
    inProcess,
    redis,
    ping: stats(times.ping),
    addedMedianUs: redis.medianUs - inProcess.medianUs,
    addedP99Us: redis.p99Us - inProcess.p99Us,
  };
}

function stats(times: number[]): LatencyStats {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { medianUs: at(0.5), p99Us: at(0.99) };
}

function print(r: RedisBenchResult): void {
  const us = (value: number) => `${value.toFixed(1)} µs`;
  console.log(
    `Redis limiter store: acquire() latency over ${r.calls} sequential calls, loopback redis-server`,
  );
  console.log(`  in-process store      median ${us(r.inProcess.medianUs)}, p99 ${us(r.inProcess.p99Us)}`);
  console.log(`  Redis store           median ${us(r.redis.medianUs)}, p99 ${us(r.redis.p99Us)}`);
  console.log(`  added by Redis        median ${us(r.addedMedianUs)}, p99 ${us(r.addedP99Us)}`);
  console.log(`  floor: bare PING      median ${us(r.ping.medianUs)}, p99 ${us(r.ping.p99Us)}`);
}
