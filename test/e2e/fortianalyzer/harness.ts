import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { VirtualClock } from '../../../src/core/clock.js';
import { FortiAnalyzer, type FortiAnalyzerOptions } from '../../../src/fortianalyzer/index.js';
import type { FortiAnalyzerSimOptions } from '../../../src/simulator/fortianalyzer/index.js';
import { type Simulator, startSimulator } from '../../../src/simulator/index.js';

/** 09:00 UTC on 1 January 2026, when the simulated FortiAnalyzer starts. */
export const START = Date.UTC(2026, 0, 1, 9);

export interface FazHarness {
  readonly sim: Simulator;
  readonly clock: VirtualClock;
  /** A client logged in as `admin` on the simulator's clock (override anything); closed after each test. */
  client(options?: Partial<FortiAnalyzerOptions>): FortiAnalyzer;
}

/**
 * One simulator per test file, on a virtual clock shared with the clients. After every test every
 * client is closed and the simulator must hold no session, no search and no view (nothing leaked).
 */
export function useFaz(options: FortiAnalyzerSimOptions = {}): FazHarness {
  let sim: Simulator | undefined;
  let clock: VirtualClock | undefined;
  const clients: FortiAnalyzer[] = [];
  beforeAll(async () => {
    clock = new VirtualClock(START);
    sim = await startSimulator({ products: ['fortianalyzer'], clock, fortianalyzer: options });
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) await client.close();
    sim!.faults.clear();
    const stats = sim!.fortianalyzer.stats();
    expect(stats.sessions, 'sessions left open').toBe(0);
    expect(stats.searches, 'searches left running').toBe(0);
    expect(stats.views, 'views left running').toBe(0);
  });
  afterAll(async () => {
    await sim?.close();
  });
  return {
    get sim() {
      return sim!;
    },
    get clock() {
      return clock!;
    },
    client(overrides = {}) {
      const auth =
        overrides.apiKey || overrides.cloud
          ? {}
          : { username: 'admin', password: sim!.fortianalyzer.adminPassword };
      const faz = new FortiAnalyzer({
        url: sim!.fortianalyzer.url,
        clock: clock!,
        timeoutMs: 10_000,
        retry: { minDelayMs: 5, maxDelayMs: 20 },
        ...auth,
        ...overrides,
      });
      clients.push(faz);
      return faz;
    },
  };
}

/** The hour 07:00-08:00 UTC: older than the longest indexing delay, so its totals do not drift. */
export const SETTLED_HOUR = {
  start: '2026-01-01 07:00:00',
  end: '2026-01-01 07:59:59',
  timeZone: 'UTC',
} as const;

/** True when the JSON-RPC request body calls `url` (for fault matching). */
export function rpcUrl(fragment: string) {
  return (req: { body: Buffer }) => req.body.toString('utf8').includes(fragment);
}

/** A settled ten-minute window an hour before now (wall clock, for the CLI), as `--start`/`--end` in UTC. */
export function settledWindowFlags(): string[] {
  const end = Math.floor(Date.now() / 60_000) * 60_000 - 3_600_000;
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
  return ['--start', iso(end - 600_000), '--end', iso(end - 1000), '--tz', 'UTC'];
}
