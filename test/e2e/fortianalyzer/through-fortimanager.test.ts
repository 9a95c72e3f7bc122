/** FortiAnalyzer calls on a FortiManager's session: the simulated FortiManager serving its FortiAnalyzer features. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/core/clock.js';
import { TransportError, ValidationError } from '../../../src/core/errors.js';
import {
  FortiAnalyzer,
  FortiAnalyzerInvalidRequestError,
  FortiAnalyzerNotFoundError,
  FortiAnalyzerPermissionError,
  q,
} from '../../../src/fortianalyzer/index.js';
import { FortiManager, type FortiManagerOptions } from '../../../src/fortimanager/index.js';
import { type Simulator, startSimulator } from '../../../src/simulator/index.js';
import type { SimRequest } from '../../../src/simulator/types.js';
import { rejection } from '../helpers.js';
import { SETTLED_HOUR, START } from './harness.js';

let sim: Simulator;
let clock: VirtualClock;
const managers: FortiManager[] = [];

beforeAll(async () => {
  clock = new VirtualClock(START);
  sim = await startSimulator({
    products: ['fortimanager', 'fortianalyzer'],
    clock,
    fortimanager: { catalog: false },
    fortianalyzer: { scanRowsPerSecond: 200_000, reportMs: 3_000 },
  });
});

afterEach(async () => {
  for (const fmg of managers.splice(0)) await fmg.close();
  sim.faults.clear();
  expect(sim.fortimanager.stats().sessions, 'FortiManager sessions left open').toBe(0);
  const faz = sim.fortianalyzer.stats();
  expect(faz.sessions, 'nothing logs in to the FortiAnalyzer itself').toBe(0);
  expect(faz.searches, 'searches left running').toBe(0);
  expect(faz.views, 'views left running').toBe(0);
});

afterAll(async () => {
  await sim?.close();
});

function manager(overrides: Partial<FortiManagerOptions> = {}, on: Simulator = sim): FortiManager {
  const fmg = new FortiManager({
    url: on.fortimanager.url,
    username: 'admin',
    password: on.fortimanager.adminPassword,
    clock,
    timeoutMs: 10_000,
    retry: { minDelayMs: 5, maxDelayMs: 20 },
    ...overrides,
  });
  managers.push(fmg);
  return fmg;
}

/** Counts the FortiManager requests whose body matches (a fault that never fires). */
function countRequests(on: Simulator, ...fragments: string[]): { readonly count: number } {
  const seen = { count: 0 };
  on.faults.inject({
    kind: 'latency',
    product: 'fortimanager',
    times: Number.POSITIVE_INFINITY,
    match: (req: SimRequest) => {
      const body = req.body.toString('utf8');
      if (fragments.every((f) => body.includes(f))) seen.count++;
      return false;
    },
  });
  return seen;
}

describe('FortiAnalyzer.through(fmg)', () => {
  it('streams a log search on the FortiManager session and cancels on early exit', async () => {
    const logins = countRequests(sim, '"sys/login/user"');
    const cancels = countRequests(sim, '"method":"delete"', '/logsearch/');
    const fmg = manager();
    await using faz = FortiAnalyzer.through(fmg);
    expect(faz.adom).toBe('root');
    const search = faz.logs.search({ logtype: 'traffic', timeRange: SETTLED_HOUR });
    let rows = 0;
    for await (const row of search) {
      expect(row.type).toBe('traffic');
      if (++rows === 1500) break;
    }
    expect(search.summary).toMatchObject({ rows: 2000 });
    expect(cancels.count).toBeGreaterThan(0);
    expect(sim.fortianalyzer.stats().searches).toBe(0);
    expect(logins.count).toBe(1);
  });

  it('answers from the FortiAnalyzer beside it: the same log store and ADOMs', async () => {
    const direct = new FortiAnalyzer({
      url: sim.fortianalyzer.url,
      apiKey: sim.fortianalyzer.createApiKey(),
      clock,
      adom: 'dc_emea',
    });
    try {
      await using relayed = FortiAnalyzer.through(manager({ adom: 'dc_emea' }));
      expect(relayed.adom).toBe('dc_emea');
      const options = {
        logtype: 'event',
        timeRange: SETTLED_HOUR,
        filter: q.eq('level', 'warning'),
      } as const;
      const [mine, theirs] = [
        await relayed.logs.search(options).all(),
        await direct.logs.search(options).all(),
      ];
      expect(mine.length).toBeGreaterThan(0);
      expect(mine.map((r) => r.id)).toEqual(theirs.map((r) => r.id));
    } finally {
      await direct.close();
    }
  });

  it('runs a FortiView and a report through the FortiManager', async () => {
    await using faz = FortiAnalyzer.through(manager());
    const top = await faz.fortiview.run('top-sources', { timeRange: SETTLED_HOUR, limit: 5 }).all();
    expect(top).toHaveLength(5);
    expect(top[0]).toMatchObject({ srcip: expect.any(String), sessions: expect.any(Number) });
    const progress: number[] = [];
    const report = await faz.reports.generate({
      layout: 3,
      period: 'last-1-hours',
      format: 'PDF',
      pollMs: 500,
      onProgress: (s) => progress.push(Number(s.progress)),
    });
    expect(progress.at(-1)).toBe(100);
    expect(report.files[0]!.data.subarray(0, 5).toString()).toBe('%PDF-');
    for await (const alert of faz.alerts.list({ maxRows: 1 })) {
      expect(alert).toMatchObject({ alertid: expect.any(String) });
    }
  });

  it('shares one login; closing it keeps the FortiManager logged in; closing the FortiManager logs out', async () => {
    const logins = countRequests(sim, '"sys/login/user"');
    const logouts = countRequests(sim, '"sys/logout"');
    const fmg = manager();
    const faz = FortiAnalyzer.through(fmg);
    await Promise.all([
      faz.logs.search({ logtype: 'event', timeRange: SETTLED_HOUR, maxRows: 10 }).all(),
      faz.fortiview.run('top-threats', { timeRange: SETTLED_HOUR, limit: 3 }).all(),
      fmg.get('/dvmdb/adom/{adom}/device', { params: { adom: 'root' }, fields: ['name'] }),
      faz.status(),
    ]);
    expect(logins.count).toBe(1);
    expect(sim.fortimanager.stats().sessions).toBe(1);

    await faz.close();
    const closed = await rejection(faz.status());
    expect(closed).toBeInstanceOf(TransportError);
    expect((closed as TransportError).kind).toBe('closed');
    expect(logouts.count).toBe(0);
    expect(await fmg.get('/sys/status')).toMatchObject({ Hostname: expect.any(String) });

    // A stale session is renewed once for both: the FortiManager's re-login serves the view too.
    await using again = FortiAnalyzer.through(fmg);
    sim.faults.inject({ kind: 'stale-session', product: 'fortimanager' });
    expect(
      await again.logs.search({ logtype: 'event', timeRange: SETTLED_HOUR, maxRows: 5 }).all(),
    ).toHaveLength(5);
    expect(logins.count).toBe(2);

    const before = logouts.count;
    await fmg.close();
    expect(logouts.count).toBe(before + 1);
    expect(sim.fortimanager.stats().sessions).toBe(0);
    expect(await rejection(again.status())).toBeInstanceOf(TransportError);
    expect(() => FortiAnalyzer.through(fmg)).toThrow(ValidationError);
  });

  it('works with a FortiManager API key (no session at all)', async () => {
    const fmg = manager({
      username: undefined,
      password: undefined,
      apiKey: sim.fortimanager.createApiKey(),
    });
    await using faz = FortiAnalyzer.through(fmg);
    const rows = await faz.logs.search({ logtype: 'traffic', timeRange: SETTLED_HOUR, maxRows: 3 }).all();
    expect(rows).toHaveLength(3);
  });

  it("keeps the FortiManager admin's rights: ADOMs outside them are refused, ADOMs the FortiAnalyzer lacks are not found", async () => {
    const fmg = manager({ username: 'amer_rw', password: sim.fortimanager.adminPassword });
    await using faz = FortiAnalyzer.through(fmg, { adom: 'dc_amer' });
    await expect(
      faz.logs.search({ adom: 'root', logtype: 'traffic', timeRange: SETTLED_HOUR, maxRows: 1 }).all(),
    ).rejects.toThrow(FortiAnalyzerPermissionError);
    const missing = await rejection(
      faz.logs.search({ logtype: 'traffic', timeRange: SETTLED_HOUR, maxRows: 1 }).all(),
    );
    expect(missing).toBeInstanceOf(FortiAnalyzerNotFoundError);
    expect(String((missing as Error).message)).toMatch(/^FortiAnalyzer \(through FortiManager\) add /);
  });

  it('refuses the FortiAnalyzer-only families before sending, and checks its input', async () => {
    const fmg = manager();
    await using faz = FortiAnalyzer.through(fmg);
    await fmg.get('/sys/status');
    const before = sim.fortimanager.stats().requests;
    for (const url of [
      '/ioc/adom/root/license/state',
      '/ueba/adom/root/endpoints',
      '/soar/adom/root/playbook',
    ]) {
      await expect(faz.get(url)).rejects.toThrow(ValidationError);
    }
    await expect(
      faz.raw({ method: 'get', params: [{ url: '/fazsys/language/fonts/list' }] }),
    ).rejects.toThrow(/a FortiManager does not serve \/fazsys/);
    expect(sim.fortimanager.stats().requests).toBe(before);
    expect(() => FortiAnalyzer.through({} as FortiManager)).toThrow(ValidationError);
    expect(() => FortiAnalyzer.through(fmg, { adom: '..' })).toThrow(ValidationError);
  });
});

describe('a FortiManager without FortiAnalyzer features', () => {
  let alone: Simulator;

  beforeAll(async () => {
    alone = await startSimulator({ products: ['fortimanager'], clock, fortimanager: { catalog: false } });
  });

  afterAll(async () => {
    await alone?.close();
  });

  it('answers -6 "Invalid url", as a typed error that says why', async () => {
    const fmg = manager({}, alone);
    await using faz = FortiAnalyzer.through(fmg);
    const error = await rejection(faz.logs.search({ logtype: 'traffic', timeRange: SETTLED_HOUR }).all());
    expect(error).toBeInstanceOf(FortiAnalyzerInvalidRequestError);
    expect(error).toMatchObject({ apiCode: -6 });
    expect(String((error as Error).message)).toMatch(/need its FortiAnalyzer features/);
    await expect(faz.fortiview.run('top-sources', { timeRange: SETTLED_HOUR }).all()).rejects.toThrow(
      FortiAnalyzerInvalidRequestError,
    );
    expect(await faz.status()).toMatchObject({ 'Platform Type': expect.stringMatching(/^FMG/) });
    await fmg.close();
    expect(alone.fortimanager.stats().sessions).toBe(0);
  });
});
