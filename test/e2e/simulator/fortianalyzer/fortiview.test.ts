import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FazHarness, type Json, searchParams, startFaz, type Wire } from './helpers.js';

let h: FazHarness;
beforeAll(async () => {
  h = await startFaz({ scanRowsPerSecond: 10_000 });
});
afterAll(() => h.close());

const WINDOW = { start: '2026-01-01 07:00:00', end: '2026-01-01 07:59:59' };

async function run(view: string, param: Json = {}): Promise<Wire> {
  return h.v2('add', {
    url: `/fortiview/adom/root/${view}/run`,
    device: [{ devname: 'All_Device' }],
    'time-range': WINDOW,
    timezone: 'UTC',
    ...param,
  });
}

async function finished(view: string, param: Json = {}): Promise<Wire> {
  const started = await run(view, param);
  if (started.error) throw new Error(JSON.stringify(started.error));
  h.clock.advance(10_000);
  const reply = await h.v2('get', { url: `/fortiview/adom/root/${view}/run/${started.result.tid}` });
  await h.v2('delete', { url: `/fortiview/adom/root/${view}/run/${started.result.tid}` });
  return reply.result;
}

describe('FortiView runs', () => {
  it('aggregates top sources, busiest first', async () => {
    const top = await finished('top-sources', { limit: 1000, 'count-total': true });
    expect(top.percentage).toBe(100);
    const rows = top.data as Wire[];
    expect(rows[0]).toEqual({
      srcip: expect.stringMatching(/^10\./),
      sessions: expect.any(Number),
      bandwidth: expect.any(Number),
      traffic_in: expect.any(Number),
      traffic_out: expect.any(Number),
    });
    expect(rows[0].bandwidth).toBe(rows[0].traffic_in + rows[0].traffic_out);
    expect(top['total-count']).toBeGreaterThanOrEqual(rows.length);
    for (let i = 1; i < rows.length; i++)
      expect(rows[i - 1].sessions).toBeGreaterThanOrEqual(rows[i].sessions);
  });

  it('counts every log of the window once: country sessions add up to the log search total', async () => {
    const countries = await finished('top-countries', { 'count-total': true });
    expect(countries['total-count']).toBe(countries.data.length);
    const search = await h.v2('add', searchParams({ limit: 1 }));
    h.clock.advance(10_000);
    const page = await h.v2('get', { url: `/logview/adom/root/logsearch/${search.result.tid}`, limit: 1000 });
    const sessions = countries.data.reduce((sum: number, r: Wire) => sum + r.sessions, 0);
    expect(sessions).toBe(page.result['total-count']);
  });

  it('answers a partial top-N until the view completes', async () => {
    const started = await run('top-countries');
    h.clock.advance(1_000);
    const partial = await h.v2('get', {
      url: `/fortiview/adom/root/top-countries/run/${started.result.tid}`,
    });
    expect(partial.result.percentage).toBe(46);
    h.clock.advance(2_000);
    const done = await h.v2('get', { url: `/fortiview/adom/root/top-countries/run/${started.result.tid}` });
    expect(done.result.percentage).toBe(100);
    const sum = (rows: Wire[]) => rows.reduce((s, r) => s + r.sessions, 0);
    expect(sum(done.result.data)).toBeGreaterThan(sum(partial.result.data));
    await h.v2('delete', { url: `/fortiview/adom/root/top-countries/run/${started.result.tid}` });
  });

  it('filters on the fields a view accepts and refuses the others loudly', async () => {
    const busiest = (await finished('top-destinations', { limit: 1 })).data[0].dstip;
    const one = await finished('top-destinations', { filter: `dstip==${busiest}` });
    expect(one.data).toHaveLength(1);
    expect(one.data[0].dstip).toBe(busiest);
    expect((await run('top-sources', { filter: 'service==DNS' })).error).toEqual({
      code: -32602,
      message: "Invalid params: filter 'service' not supported",
    });
    expect((await run('top-sources', { 'sort-by': [{ field: 'hostname', order: 'desc' }] })).error).toEqual({
      code: -32000,
      message: "Server error: Missing columns: 'hostname'",
    });
  });

  it('sorts by a column, offsets and limits', async () => {
    const top = await finished('top-threats', {
      'sort-by': [{ field: 'threat', order: 'asc' }],
      limit: 3,
      offset: 1,
    });
    const names = top.data.map((r: Wire) => r.threat);
    expect(names).toHaveLength(3);
    expect([...names].sort()).toEqual(names);
  });

  it('answers an empty top-N for any all-devices spelling but All_Device, and narrows to a serial', async () => {
    expect((await finished('top-sources', { device: [{ devid: 'All_FortiGate' }] })).data).toEqual([]);
    const one = await finished('top-sources', { device: [{ devid: 'FG60FTK224000203' }] });
    expect(one.data.length).toBeGreaterThan(0);
    expect(one.data.every((r: Wire) => r.srcip.startsWith('10.3.'))).toBe(true);
  });

  it('refuses unknown views and ids fetched under another view name', async () => {
    expect((await run('traffic-summary')).error).toEqual({
      code: -32602,
      message: "Cannot find FortiView 'traffic-summary'",
    });
    const started = await run('top-sources');
    const other = await h.v2('get', {
      url: `/fortiview/adom/root/top-destinations/run/${started.result.tid}`,
    });
    expect(other.error?.message).toBe('Invalid tid');
    await h.v2('delete', { url: `/fortiview/adom/root/top-sources/run/${started.result.tid}` });
    expect(h.sim.fortianalyzer.stats().views).toBe(0);
  });

  it('keeps site-to-site IPsec empty for windows under 30 days', async () => {
    expect((await finished('site-to-site-ipsec')).data).toEqual([]);
    const month = await finished('site-to-site-ipsec', {
      'time-range': { start: '2025-12-01 00:00:00', end: '2026-01-01 08:59:59' },
    });
    expect(month.data.length).toBeGreaterThan(0);
    expect(month.data[0]).toMatchObject({ vpntunnel: expect.stringMatching(/^to-/) });
  });
});
