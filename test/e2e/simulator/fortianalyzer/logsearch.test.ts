import { afterEach, describe, expect, it } from 'vitest';
import { type FazHarness, type Json, searchParams, startFaz, type Wire } from './helpers.js';

let h: FazHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function open(options: Parameters<typeof startFaz>[0] = {}) {
  h = await startFaz(options);
  return h;
}

async function start(h: FazHarness, overrides: Json = {}): Promise<number> {
  const reply = await h.v2('add', searchParams(overrides));
  if (reply.error) throw new Error(JSON.stringify(reply.error));
  return reply.result.tid as number;
}

function fetchPage(h: FazHarness, tid: number, extra: Json = {}) {
  return h.v2('get', { url: `/logview/adom/root/logsearch/${tid}`, ...extra });
}

/** Starts a search, lets it finish, and fetches its page. */
async function search(h: FazHarness, overrides: Json = {}): Promise<Wire> {
  const tid = await start(h, overrides);
  h.clock.advance(60_000);
  const reply = await fetchPage(h, tid);
  if (reply.error) throw new Error(JSON.stringify(reply.error));
  return reply.result;
}

describe('log search lifecycle', () => {
  it('progresses over simulated time and answers one page once complete', async () => {
    const h = await open({ scanRowsPerSecond: 1000 });
    const tid = await start(h);
    expect(tid).toEqual(expect.any(Number));
    const first = await h.v2('get', { url: `/logview/adom/root/logsearch/count/${tid}` });
    expect(first.result).toEqual({
      'progress-percent': 0,
      'matched-logs': 0,
      'scanned-logs': 0,
      'total-logs': 21_600,
    });
    h.clock.advance(10_800);
    const half = await h.v2('get', { url: `/logview/adom/root/logsearch/count/${tid}` });
    expect(half.result['progress-percent']).toBe(50);
    expect(half.result['scanned-logs']).toBe(10_800);
    h.clock.advance(10_800);
    const page = await fetchPage(h, tid);
    expect(page.result.percentage).toBe(100);
    expect(page.result['return-lines']).toBe(100);
    expect(page.result['total-count']).toBe(21_600);
    const rows = page.result.data as Wire[];
    expect(rows).toHaveLength(100);
    expect(rows[0]).toMatchObject({
      type: 'traffic',
      subtype: 'forward',
      devid: expect.stringMatching(/^FG/),
    });
    expect(rows[0].id).toMatch(/^\d{18,20}$/);
    // Newest first by default.
    const times = rows.map((r) => `${r.date} ${r.time}`);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('answers asc order when asked, and pages by offset', async () => {
    const h = await open();
    const asc = await search(h, { 'time-order': 'asc', limit: 5 });
    const times = (asc.data as Wire[]).map((r) => `${r.date} ${r.time}`);
    expect([...times].sort()).toEqual(times);
    const next = await search(h, { 'time-order': 'asc', limit: 5, offset: 5 });
    const ids = new Set([...asc.data, ...next.data].map((r: Wire) => r.id));
    expect(ids.size).toBe(10);
    expect(next.data[0].time >= asc.data[4].time).toBe(true);
  });

  it('reaps a single-use search id after its completing fetch (7.6)', async () => {
    const h = await open();
    const tid = await start(h);
    h.clock.advance(1000);
    expect((await fetchPage(h, tid)).result.data).toHaveLength(100);
    const again = await fetchPage(h, tid, { offset: 100 });
    expect(again.error).toEqual({ code: -32602, message: 'Invalid tid' });
    expect(h.sim.fortianalyzer.stats().searches).toBe(0);
  });

  it('serves several fetches per search id on 7.2', async () => {
    const h = await open({ version: '7.2' });
    const tid = await start(h);
    h.clock.advance(1000);
    const first = await fetchPage(h, tid, { offset: 0, limit: 10 });
    const second = await fetchPage(h, tid, { offset: 10, limit: 10 });
    expect(second.result.data).toHaveLength(10);
    expect(second.result.data[0].id).not.toBe(first.result.data[0].id);
    await h.v2('delete', { url: `/logview/adom/root/logsearch/${tid}` });
    expect(h.sim.fortianalyzer.stats().searches).toBe(0);
  });

  it('reaps an id fetched before its scan completes, answering a partial page (7.6)', async () => {
    const h = await open({ scanRowsPerSecond: 1000 });
    const tid = await start(h);
    h.clock.advance(5_000);
    const partial = await fetchPage(h, tid);
    expect(partial.result.percentage).toBe(23);
    expect(partial.result['total-count']).toBeLessThan(5_001);
    expect(h.sim.fortianalyzer.stats().searches).toBe(0);
    expect((await fetchPage(h, tid)).error?.message).toBe('Invalid tid');
  });

  it('on 8.0 refuses the count endpoint and answers progress on the fetch without reaping', async () => {
    const h = await open({ version: '8.0', scanRowsPerSecond: 1000 });
    const tid = await start(h);
    const count = await h.v2('get', { url: `/logview/adom/root/logsearch/count/${tid}` });
    expect(count.error?.code).toBe(-6);
    h.clock.advance(5_000);
    const running = await fetchPage(h, tid);
    expect(running.result).toMatchObject({ percentage: 23, 'return-lines': 0, data: [] });
    h.clock.advance(20_000);
    const done = await fetchPage(h, tid);
    expect(done.result.percentage).toBe(100);
    expect(done.result.data).toHaveLength(100);
  });

  it('refuses more than 1,000 rows per fetch, and under-reports totals for limit 1', async () => {
    const h = await open();
    const big = await h.v2('add', searchParams({ limit: 1001 }));
    expect(big.error).toEqual({ code: -32602, message: 'Invalid params: limit must be between 1 and 1000' });
    const one = await search(h, { limit: 1 });
    const full = await search(h, { limit: 1000 });
    expect(one['total-count']).toBe(44);
    expect(full['total-count']).toBeGreaterThan(21_000);
  });

  it('runs out of search slots when searches are leaked, and frees them on cancel or idle expiry', async () => {
    const h = await open({ maxSearches: 2, taskIdleMs: 60_000 });
    const a = await start(h);
    await start(h);
    const third = await h.v2('add', searchParams());
    expect(third.error).toEqual({ code: -32000, message: 'No available slot for searching' });
    expect((await h.v2('delete', { url: `/logview/adom/root/logsearch/${a}` })).result).toEqual({
      status: { code: 0, message: 'OK' },
    });
    await start(h);
    expect(h.sim.fortianalyzer.stats().searches).toBe(2);
    h.clock.advance(61_000);
    expect(h.sim.fortianalyzer.stats().searches).toBe(0);
    expect((await h.v2('delete', { url: `/logview/adom/root/logsearch/${a}` })).error?.message).toBe(
      'Invalid tid',
    );
  });

  it('answers an empty completed page when the glitch is armed, with rows still counted', async () => {
    const h = await open();
    h.sim.fortianalyzer.injectEmptyPages(1);
    const empty = await search(h);
    expect(empty.data).toEqual([]);
    expect(empty['total-count']).toBeGreaterThan(0);
    expect((await search(h)).data).toHaveLength(100);
  });

  it('is reproducible for a seed', async () => {
    const a = await open();
    const rowsA = (await search(a, { limit: 20 })).data;
    await a.close();
    const b = await open();
    expect((await search(b, { limit: 20 })).data).toEqual(rowsA);
  });

  it('needs apiver 3 and answers the legacy envelope too', async () => {
    const h = await open();
    const { apiver: _apiver, ...body } = { apiver: 3, ...searchParams() };
    const legacy = await h.legacy('add', body);
    expect(legacy.status).toEqual({ code: -32602, message: "Invalid params: this url needs 'apiver': 3" });
    const ok = await h.legacy('add', { ...searchParams(), apiver: 3 });
    expect(ok).toMatchObject({ status: { code: 0 }, data: { tid: expect.any(Number) } });
  });
});

describe('log search filters', () => {
  it('evaluates the filter: a condition and its negation add up to the window', async () => {
    const h = await open();
    const all = (await search(h))['total-count'];
    const dns = await search(h, { filter: 'service like "%DNS%"', limit: 1000 });
    const rest = (await search(h, { filter: '!(service like "%DNS%")' }))['total-count'];
    expect(dns['total-count']).toBeGreaterThan(1000);
    expect(dns['total-count'] + rest).toBe(all);
    expect((dns.data as Wire[]).every((r) => r.service === 'DNS')).toBe(true);
    expect((await search(h, { filter: 'service==DNS' }))['total-count']).toBe(dns['total-count']);
  });

  it('combines and/or/parentheses and compares numbers and addresses', async () => {
    const h = await open();
    const page = await search(h, {
      filter: "dstport==443 and (action=='accept' or action==close) and sentbyte>=1000 and dstip>100.0.0.0",
      limit: 1000,
    });
    expect(page['total-count']).toBeGreaterThan(100);
    for (const row of page.data as Wire[]) {
      expect(row.dstport).toBe(443);
      expect(['accept', 'close']).toContain(row.action);
      expect(row.sentbyte).toBeGreaterThanOrEqual(1000);
      expect(Number(row.dstip.split('.')[0])).toBeGreaterThan(100);
    }
  });

  it('matches nothing, without an error, for contain, unknown operators, misspelt enums and unknown fields', async () => {
    const h = await open();
    for (const filter of [
      'service contain DNS',
      'service !contain DNS',
      'service zzqq DNS',
      'action==denied',
      'foo.srcip==10.0.0.1',
      '!(foo.srcip==10.0.0.1)',
    ]) {
      const page = await search(h, { filter });
      expect(page['total-count'], filter).toBe(0);
    }
  });

  it('refuses not like, !like, nlike, control characters and syntax errors', async () => {
    const h = await open();
    for (const filter of [
      'service not like "%DNS%"',
      'service !like "%DNS%"',
      'service nlike "%DNS%"',
      'msg=="a\u0001b"',
      'srcip==',
      '(srcip==10.0.0.1',
      'srcip=="unterminated',
    ]) {
      const reply = await h.v2('add', searchParams({ filter }));
      expect(reply.error, filter).toEqual({ code: -32602, message: 'Invalid filter' });
    }
  });

  it('compares case-insensitively unless case-sensitive is set, and keeps quoted values literal', async () => {
    const h = await open();
    const loose = (await search(h, { filter: 'service=="dns"' }))['total-count'];
    const strict = (await search(h, { filter: 'service=="dns"', 'case-sensitive': true }))['total-count'];
    expect(loose).toBeGreaterThan(0);
    expect(strict).toBe(0);
    const injected = await search(h, { filter: 'service=="DNS\\" or service==\\"HTTPS"' });
    expect(injected['total-count']).toBe(0);
  });
});

describe('log search devices', () => {
  it('refuses a device name sent as devid, and matches nothing for an empty list', async () => {
    const h = await open();
    const byName = await h.v2('add', searchParams({ device: [{ devid: 'FGT-HQ-01' }] }));
    expect(byName.error).toEqual({ code: -32602, message: 'None of the device(s) can be found' });
    expect((await search(h, { device: [] }))['total-count']).toBe(0);
    expect((await search(h, { device: [{ devid: 'All_FortiMail' }] }))['total-count']).toBe(0);
  });

  it('narrows to a serial, a serial and VDOM, or a device name', async () => {
    const h = await open();
    const all = (await search(h))['total-count'];
    const hq = await search(h, { device: [{ devid: 'FGVM08TM24000101' }], limit: 1000 });
    const dmz = await search(h, { device: [{ devid: 'FGVM08TM24000101[dmz]' }], limit: 1000 });
    const named = await search(h, { device: [{ devname: 'FGT-HQ-01' }] });
    expect(hq['total-count']).toBeGreaterThan(all / 3);
    expect(hq['total-count']).toBeLessThan(all);
    expect(named['total-count']).toBe(hq['total-count']);
    expect((hq.data as Wire[]).every((r) => r.devname === 'FGT-HQ-01')).toBe(true);
    expect((dmz.data as Wire[]).every((r) => r.vd === 'dmz')).toBe(true);
    expect(dmz['total-count']).toBeLessThan(hq['total-count']);
  });
});

describe('log search time ranges', () => {
  it('reads naive times in the timezone param, else the system zone; an offset in the string wins', async () => {
    const h = await open();
    const utc = (await search(h))['total-count'];
    // 07:00 in Los Angeles is 15:00 UTC, after the simulator's start: nothing there yet.
    expect((await search(h, { timezone: undefined }))['total-count']).toBe(0);
    const offset = await search(h, {
      'time-range': { start: '2025-12-31T23:00:00-08:00', end: '2025-12-31T23:59:59-08:00' },
      timezone: 'Asia/Tokyo',
    });
    expect(offset['total-count']).toBe(utc);
    const paris = await search(h, {
      timezone: 'Europe/Paris',
      'time-range': { start: '2026-01-01 08:00:00', end: '2026-01-01 08:59:59' },
    });
    expect(paris['total-count']).toBe(utc);
  });

  it('leaves a side open for a value that does not parse, and answers 503 for a wrong shape', async () => {
    const h = await open({ historyHours: 2 });
    const bad = await search(h, { 'time-range': { start: 'not-a-date', end: '2026-01-01 07:59:59' } });
    expect(bad['total-count']).toBe(21_600);
    const shape = await h.post({
      jsonrpc: '2.0',
      id: 1,
      method: 'add',
      session: h.session,
      params: [{ ...searchParams(), apiver: 3, 'time-range': '2026-01-01 08:00:00' }],
    });
    expect(shape.status).toBe(503);
  });

  it('counts logs indexed late: totals over a recent window drift between searches', async () => {
    const h = await open({ lateLogsPerMille: 200, idleTimeoutMs: 86_400_000 });
    const recent = { 'time-range': { start: '2026-01-01 08:30:00', end: '2026-01-01 09:00:00' } };
    const before = (await search(h, recent))['total-count'];
    h.clock.advance(30 * 60_000);
    const after = (await search(h, recent))['total-count'];
    expect(after).toBeGreaterThan(before);
    h.clock.advance(60_000);
    expect((await search(h, recent))['total-count']).toBe(after);
    // A window older than the longest indexing delay does not drift.
    const old = { 'time-range': { start: '2026-01-01 06:00:00', end: '2026-01-01 06:59:59' } };
    const first = (await search(h, old))['total-count'];
    h.clock.advance(60 * 60_000);
    expect((await search(h, old))['total-count']).toBe(first);
  });
});
