import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { Logger } from '../../../src/core/logging.js';
import { FortiManager, type FortiManagerOptions } from '../../../src/fortimanager/index.js';
import type { FortiManagerSimOptions } from '../../../src/simulator/fortimanager/index.js';
import { type Simulator, startSimulator } from '../../../src/simulator/index.js';

export interface Harness {
  readonly sim: Simulator;
  /** A client logged in as `admin` (override anything); closed after each test. */
  client(options?: Partial<FortiManagerOptions>): FortiManager;
  /** Registers a cleanup run after the test, before the leak check. */
  defer(cleanup: () => Promise<unknown> | unknown): void;
}

/**
 * One simulator per test file. After every test: every client is closed, faults are cleared, and the
 * simulator must report zero sessions and zero workspace locks (nothing leaked on any path).
 */
export function useSimulator(options: FortiManagerSimOptions = {}): Harness {
  let sim: Simulator | undefined;
  const cleanups: Array<() => Promise<unknown> | unknown> = [];
  beforeAll(async () => {
    sim = await startSimulator({ products: ['fortimanager'], fortimanager: { taskStepMs: 10, ...options } });
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    sim!.faults.clear();
    const stats = sim!.fortimanager.stats();
    expect(stats.sessions, 'sessions left open').toBe(0);
    expect(stats.locks, 'workspace locks left held').toBe(0);
  });
  afterAll(async () => {
    await sim?.close();
  });
  return {
    get sim() {
      return sim!;
    },
    client(overrides = {}) {
      const auth =
        overrides.apiKey || overrides.cloud
          ? {}
          : { username: 'admin', password: sim!.fortimanager.adminPassword };
      const fmg = new FortiManager({
        url: sim!.fortimanager.url,
        timeoutMs: 5_000,
        retry: { minDelayMs: 5, maxDelayMs: 20 },
        ...auth,
        ...overrides,
      });
      cleanups.push(() => fmg.close());
      return fmg;
    },
    defer(cleanup) {
      cleanups.push(cleanup);
    },
  };
}

/** A logger that keeps every line (message + metadata) as text. */
export function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const record = (level: string) => (msg: string, meta?: Record<string, unknown>) => {
    lines.push(`${level} ${msg} ${meta === undefined ? '' : JSON.stringify(meta)}`);
  };
  return {
    lines,
    debug: record('debug'),
    info: record('info'),
    warn: record('warn'),
    error: record('error'),
  };
}

/** Counts the login calls a client made (from its own debug log). */
export function loginCounter(): Logger & { logins: () => number } {
  const logger = recordingLogger();
  return {
    ...logger,
    logins: () => logger.lines.filter((l) => l.includes('FortiManager session opened')).length,
  };
}

/** True when the JSON-RPC request body calls `method` (for fault matching). */
export function rpcMethod(method: string) {
  return (req: { body: Buffer }) => req.body.toString('utf8').includes(`"method":"${method}"`);
}

/** True when the JSON-RPC request addresses `url` (for fault matching). */
export function rpcUrl(fragment: string) {
  return (req: { body: Buffer }) => req.body.toString('utf8').includes(fragment);
}
