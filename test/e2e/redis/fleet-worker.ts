/**
 * One process of a fleet: `clients` FortiCare clients for the same API user, each with its own
 * limiter, all sharing limits through Redis (or, for the control run, each keeping them alone).
 * Driven by its parent over IPC; run with `node --import tsx`.
 */
import { LimiterStoreUnavailableError } from '../../../src/core/limiter-store.js';
import { RateLimiter } from '../../../src/core/rate-limit.js';
import {
  FORTICARE_CLIENT_ID,
  FortiCare,
  FortiCareErrorBudgetError,
  type FortiCareLimits,
  FortiCareOperationError,
} from '../../../src/forticare/index.js';
import { fortiCareLimiterKey, fortiCareLimiterOptions } from '../../../src/forticare/limits.js';
import { FortiCloudAuth } from '../../../src/forticloud/index.js';
import { createRedisLimiterStore } from '../../../src/redis/index.js';
import { acceleratedClock } from './accelerated-clock.js';

export interface WorkerConfig {
  forticareUrl: string;
  authUrl: string;
  username: string;
  password: string;
  /** Omitted: every client keeps the limits alone, in its process (the control run). */
  redisUrl?: string;
  speed: number;
  /** The API user's limits, the same as the simulator's. */
  limits: FortiCareLimits;
  clients: number;
}

/** `fail`: the first client makes `count` failing risky calls, then one more that must be refused. */
export type WorkerCommand =
  | { op: 'fail'; count: number }
  | { op: 'load'; durationMs: number; probe: boolean }
  | { op: 'exit' };

export interface LoadResult {
  ok: number;
  /** Risky probes the shared error budget refused before sending. */
  refused: number;
  /** Calls that failed closed because Redis was down. */
  unavailable: number;
  unexpected: string[];
}

export interface FailResult {
  failed: number;
  refused: number;
}

const UNKNOWN_SERIAL = 'FGT60FTK00000009';
const IN_FLIGHT = 4;
const config = JSON.parse(process.argv[2]!) as WorkerConfig;
const clock = acceleratedClock(config.speed);
const store = config.redisUrl ? createRedisLimiterStore({ url: config.redisUrl }) : undefined;
// FortiCare's limits, every window shortened by the speed-up, since Redis keeps real time.
const { windows, errorBudget } = fortiCareLimiterOptions(config.limits);
const faster = <T extends { intervalMs: number }>(w: T): T => ({
  ...w,
  intervalMs: w.intervalMs / config.speed,
});
// One token per process, fetched before the first call: a token fetch between a call's start and
// its sending would delay it by more than the (accelerated) safety margin.
const auth = new FortiCloudAuth({
  clientId: FORTICARE_CLIENT_ID,
  url: config.authUrl,
  username: config.username,
  password: config.password,
  clock,
});
await auth.accessToken();
const clients = Array.from(
  { length: config.clients },
  () =>
    new FortiCare({
      url: config.forticareUrl,
      auth,
      clock,
      limiter: new RateLimiter({
        windows: windows.map(faster),
        errorBudget: faster(errorBudget),
        store,
        key: fortiCareLimiterKey(config.username),
      }),
    }),
);

async function fail(count: number): Promise<FailResult> {
  const fc = clients[0]!;
  const result = { failed: 0, refused: 0 };
  for (let i = 0; i <= count; i++) {
    try {
      await fc.products.details(UNKNOWN_SERIAL);
    } catch (error) {
      if (error instanceof FortiCareOperationError) result.failed++;
      else if (error instanceof FortiCareErrorBudgetError) result.refused++;
      else throw error;
    }
  }
  return result;
}

async function load(durationMs: number, probe: boolean): Promise<LoadResult> {
  const result: LoadResult = { ok: 0, refused: 0, unavailable: 0, unexpected: [] };
  const signal = AbortSignal.timeout(durationMs);
  const note = (error: unknown) => {
    if (error instanceof FortiCareErrorBudgetError) result.refused++;
    else if (error instanceof LimiterStoreUnavailableError) result.unavailable++;
    else if (!signal.aborted) result.unexpected.push(String(error));
  };
  // Each client keeps a few calls in flight, as a busy worker does: a window's calls start together.
  const loop = async (fc: FortiCare) => {
    while (!signal.aborted) {
      try {
        await fc.folders.list({}, { signal });
        result.ok++;
      } catch (error) {
        note(error);
        // Redis is down: try again shortly (the limiter fails fast meanwhile).
        if (error instanceof LimiterStoreUnavailableError)
          await new Promise((resolve) => setTimeout(resolve, 5));
      }
    }
  };
  await Promise.all(
    clients.map(async (fc) => {
      if (probe)
        await fc.products.details(UNKNOWN_SERIAL).then(() => result.unexpected.push('probe sent'), note);
      await Promise.all(Array.from({ length: IN_FLIGHT }, () => loop(fc)));
    }),
  );
  return result;
}

process.on('message', async (command: WorkerCommand) => {
  try {
    if (command.op === 'fail') process.send!({ ok: true, result: await fail(command.count) });
    else if (command.op === 'load')
      process.send!({ ok: true, result: await load(command.durationMs, command.probe) });
    else {
      await Promise.all(clients.map((fc) => fc.close()));
      await auth.close();
      await store?.close();
      process.disconnect();
    }
  } catch (error) {
    process.send!({ ok: false, error: String((error as Error)?.stack ?? error) });
  }
});
process.send!({ ok: true, result: 'ready' });
