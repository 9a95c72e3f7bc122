import { describe, expect, it } from 'vitest';
import { TransportError, ValidationError } from '../../../src/core/errors.js';
import { InvalidFilterError, q, SearchSlotsExhaustedError } from '../../../src/fortianalyzer/index.js';
import { rpcUrl, SETTLED_HOUR, useFaz } from './harness.js';

const h = useFaz({ scanRowsPerSecond: 200_000 });

describe('log search', () => {
  it('streams every row of the window once, exactly, newest first', async () => {
    const faz = h.client();
    const search = faz.logs.search({ logtype: 'traffic', timeRange: SETTLED_HOUR });
    let rows = 0;
    let previous = '9999';
    const ids = new Set<unknown>();
    for await (const row of search) {
      rows++;
      ids.add(row.id);
      const stamp = `${row.date} ${row.time}`;
      expect(stamp <= previous).toBe(true);
      previous = stamp;
    }
    // 6 traffic logs a second in root: 21,600 in the hour.
    expect(rows).toBe(21_600);
    expect(ids.size).toBe(21_600);
    expect(search.summary).toMatchObject({
      rows: 21_600,
      exact: true,
      settled: true,
      truncated: false,
      slices: 1,
      searches: 22,
    });
  });

  it('sends an explicit zone: the same hour written in Paris time finds the same rows', async () => {
    const faz = h.client({ timeZone: 'Europe/Paris' });
    const paris = faz.logs.search({
      logtype: 'traffic',
      timeRange: { start: '2026-01-01 08:00:00', end: '2026-01-01 08:59:59' },
      filter: q.eq('dstport', 22),
    });
    const utc = h
      .client()
      .logs.search({ logtype: 'traffic', timeRange: SETTLED_HOUR, filter: q.eq('dstport', 22) });
    const [a, b] = [await paris.all(), await utc.all()];
    expect(a.length).toBeGreaterThan(0);
    expect(a.map((r) => r.id)).toEqual(b.map((r) => r.id));
  });

  it('applies filters built with q, oldest first, on chosen devices', async () => {
    const faz = h.client();
    const rows = await faz.logs
      .search({
        logtype: 'traffic',
        timeRange: SETTLED_HOUR,
        devices: [{ serial: 'FGVM08TM24000101', vdom: 'dmz' }],
        filter: q.and(q.in('service', ['SSH', 'RDP']), q.not(q.eq('action', 'deny'))),
        order: 'asc',
      })
      .all();
    expect(rows.length).toBeGreaterThan(10);
    for (const row of rows) {
      expect(['SSH', 'RDP']).toContain(row.service);
      expect(row.action).not.toBe('deny');
      expect(row).toMatchObject({ devname: 'FGT-HQ-01', vd: 'dmz' });
    }
    const times = rows.map((r) => `${r.date} ${r.time}`);
    expect([...times].sort()).toEqual(times);
  });

  it('refuses filters on fields the log type does not have, before sending anything', async () => {
    const faz = h.client();
    const before = h.sim.fortianalyzer.stats().requests;
    await expect(
      faz.logs
        .search({ logtype: 'traffic', timeRange: SETTLED_HOUR, filter: q.eq('trigger_name', 'x') })
        .all(),
    ).rejects.toThrow(ValidationError);
    expect(h.sim.fortianalyzer.stats().requests).toBe(before);
    expect(() =>
      faz.logs.search({ logtype: 'traffic', timeRange: SETTLED_HOUR, filter: 'app contain DNS' }),
    ).toThrow(/ignores 'contain'/);
    const unchecked = faz.logs.search({
      logtype: 'traffic',
      timeRange: SETTLED_HOUR,
      filter: q.eq('nosuchfield', 'x'),
      checkFields: false,
    });
    expect(await unchecked.all()).toEqual([]);
  });

  it('cancels the search fetched ahead when the loop exits early', async () => {
    const faz = h.client();
    let cancels = 0;
    h.sim.faults.inject({
      kind: 'latency',
      delayMs: 0,
      product: 'fortianalyzer',
      match: (req) => {
        const body = req.body.toString('utf8');
        if (body.includes('"method":"delete"') && body.includes('/logsearch/')) cancels++;
        return false;
      },
    });
    const search = faz.logs.search({ logtype: 'traffic', timeRange: SETTLED_HOUR });
    let rows = 0;
    for await (const _row of search) if (++rows === 1500) break;
    expect(rows).toBe(1500);
    expect(search.summary).toMatchObject({ rows: 2000 });
    expect(h.sim.fortianalyzer.stats().searches).toBe(0);
    expect(cancels).toBeGreaterThan(0);
  });

  it('cancels on abort, also while waiting for a scan', async () => {
    h.sim.fortianalyzer.setLimits({ scanRowsPerSecond: 1000 });
    try {
      const faz = h.client();
      const controller = new AbortController();
      const search = faz.logs.search({
        logtype: 'traffic',
        timeRange: SETTLED_HOUR,
        signal: controller.signal,
        onProgress: (p) => {
          if (p.scanPercent >= 20) controller.abort();
        },
      });
      await expect(search.all()).rejects.toSatisfy((e) => e instanceof TransportError && e.kind === 'abort');
      expect(h.sim.fortianalyzer.stats().searches).toBe(0);
    } finally {
      h.sim.fortianalyzer.setLimits({ scanRowsPerSecond: 200_000 });
    }
  });

  it('cancels what is running when a later call fails', async () => {
    const faz = h.client({ retry: false });
    h.sim.faults.inject({
      kind: 'http-error',
      status: 502,
      product: 'fortianalyzer',
      match: rpcUrl('"/logview/adom/root/logsearch"'),
      after: 2,
    });
    const search = faz.logs.search({ logtype: 'traffic', timeRange: SETTLED_HOUR });
    await expect(search.all()).rejects.toThrow();
    expect(h.sim.fortianalyzer.stats().searches).toBe(0);
    expect(search.summary!.rows).toBe(2000);
  });

  it('slices a large window by time and stays exact', async () => {
    const faz = h.client();
    const search = faz.logs.search({
      logtype: 'event',
      timeRange: { start: '2026-01-01 00:00:00', end: '2026-01-01 07:59:59', timeZone: 'UTC' },
      sliceRows: 5_000,
    });
    const ids = new Set<unknown>();
    for await (const row of search) ids.add(row.id);
    // Half an event log a second: 14,400 in eight hours, read in slices of at most 5,000.
    expect(ids.size).toBe(14_400);
    expect(search.summary!.exact).toBe(true);
    expect(search.summary!.slices).toBeGreaterThanOrEqual(3);
  });

  it('recovers an empty completed page with a new search', async () => {
    const faz = h.client();
    h.sim.fortianalyzer.injectEmptyPages(2);
    const search = faz.logs.search({ logtype: 'event', timeRange: SETTLED_HOUR });
    expect(await search.all()).toHaveLength(1800);
    expect(search.summary!.exact).toBe(true);
  });

  it('refuses a filter FortiAnalyzer refuses, with a typed error', async () => {
    const faz = h.client();
    await expect(faz.get('/logview/adom/{adom}/logsearch', {})).rejects.toThrow(/Not supported method/);
    const { result } = await faz.raw({
      method: 'add',
      params: [
        {
          url: '/logview/adom/root/logsearch',
          apiver: 3,
          logtype: 'traffic',
          device: [{ devid: 'All_FortiGate' }],
          'time-range': { start: '2026-01-01 07:00:00', end: '2026-01-01 07:59:59' },
          filter: 'a not like "b"',
        },
      ],
    });
    expect(result[0]!.status).toEqual({ code: -32602, message: 'Invalid filter' });
    await expect(
      faz.add('/logview/adom/{adom}/logsearch', {
        logtype: 'traffic',
        device: [{ devid: 'All_FortiGate' }],
        'time-range': { start: '2026-01-01 07:00:00', end: '2026-01-01 07:59:59' },
        filter: 'a not like "b"',
      }),
    ).rejects.toThrow(InvalidFilterError);
  });

  it('reports a full search slot pool as its own error', async () => {
    h.sim.fortianalyzer.setLimits({ maxSearches: 0 });
    try {
      const search = h.client().logs.search({ logtype: 'traffic', timeRange: SETTLED_HOUR });
      await expect(search.all()).rejects.toThrow(SearchSlotsExhaustedError);
    } finally {
      h.sim.fortianalyzer.setLimits({ maxSearches: 16 });
    }
  });
});

describe('log search on other versions and with late logs', () => {
  it('reads a slice from one search where ids serve several fetches (7.2)', async () => {
    h.sim.fortianalyzer.setVersion('7.2');
    try {
      const search = h.client().logs.search({ logtype: 'event', timeRange: SETTLED_HOUR, pageSize: 100 });
      expect(await search.all()).toHaveLength(1800);
      expect(search.summary).toMatchObject({ exact: true, searches: 1 });
    } finally {
      h.sim.fortianalyzer.setVersion('7.6');
    }
  });

  it('polls the fetch where the count endpoint is refused (8.0)', async () => {
    h.sim.fortianalyzer.setVersion('8.0');
    h.sim.fortianalyzer.setLimits({ scanRowsPerSecond: 1000 });
    try {
      const search = h.client().logs.search({ logtype: 'event', timeRange: SETTLED_HOUR });
      expect(await search.all()).toHaveLength(1800);
      expect(search.summary!.exact).toBe(true);
    } finally {
      h.sim.fortianalyzer.setVersion('7.6');
      h.sim.fortianalyzer.setLimits({ scanRowsPerSecond: 200_000 });
    }
  });

  it('says a window that ends now is not settled, re-reads drifting slices, and delivers each row once', async () => {
    h.sim.fortianalyzer.setLimits({ scanRowsPerSecond: 2_000 });
    try {
      const faz = h.client();
      const search = faz.logs.search({ logtype: 'traffic', timeRange: { last: '20m' }, pageSize: 1000 });
      const ids = new Set<unknown>();
      for await (const row of search) {
        expect(ids.has(row.id)).toBe(false);
        ids.add(row.id);
      }
      const summary = search.summary!;
      expect(summary.settled).toBe(false);
      expect(summary.notes.join()).toMatch(/less than 30 minutes/);
      // Logs kept being indexed into the window: slices were read again, and exactness says whether that settled.
      expect(summary.repasses).toBeGreaterThan(0);
      expect(summary.exact).toBe(!summary.notes.some((n) => n.includes('totals kept changing')));
      expect(ids.size).toBeGreaterThan(7_000);
    } finally {
      h.sim.fortianalyzer.setLimits({ scanRowsPerSecond: 200_000 });
    }
  });
});
