import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FmgHarness, type Json, names, startFmg } from './helpers.js';

const URL = '/pm/config/adom/dc_emea/obj/firewall/address';
const ROWS = 200_000;

let h: FmgHarness;
let session: string;
let seedMs: number;

beforeAll(async () => {
  h = await startFmg();
  session = await h.login();
  const started = performance.now();
  h.sim.fortimanager.seedAddresses('dc_emea', ROWS);
  seedMs = performance.now() - started;
});
afterAll(() => h.close());

describe('a 200,000-row table', () => {
  it('is seeded quickly', () => {
    // Well under a second on an idle machine; the bound leaves room for a busy CI runner.
    expect(seedMs).toBeLessThan(8_000);
  });

  it('counts and pages anywhere in it without reading the whole table', async () => {
    const count = await h.call('get', { url: URL, option: ['count'] }, { session });
    expect(count.data).toBe(ROWS + 5);
    const last = await h.call('get', { url: URL, fields: ['name'], range: [ROWS + 3, 10] }, { session });
    expect(names(last)).toEqual([`bulk_dc_emea_${ROWS - 2}`, `bulk_dc_emea_${ROWS - 1}`]);
    const pages = 50;
    const started = performance.now();
    for (let page = 0; page < pages; page++) {
      const result = await h.call(
        'get',
        { url: URL, range: [150_000 + page * 100, 100], loadsub: 0 },
        { session },
      );
      expect((result.data as Json[]).length).toBe(100);
    }
    // 50 round trips of 100 rows each: per-page cost must not depend on the table size.
    expect((performance.now() - started) / pages).toBeLessThan(100);
  });

  it('filters the whole table and answers one object by key', async () => {
    const filtered = await h.call(
      'get',
      { url: URL, fields: ['name'], filter: ['subnet', '==', '10.2.13.64/32'] },
      { session },
    );
    expect(names(filtered)).toEqual([`bulk_dc_emea_${2 * 65536 + 13 * 256 + 64}`]);
    const one = await h.call('get', { url: `${URL}/bulk_dc_emea_123456`, fields: ['subnet'] }, { session });
    expect((one.data as Json).subnet).toEqual(['10.1.226.64', '255.255.255.255']);
  });

  it('serves many small requests per second over one keep-alive connection', async () => {
    const requests = 500;
    const started = performance.now();
    for (let i = 0; i < requests; i++) {
      const result = await h.call('get', { url: `${URL}/bulk_dc_emea_${i}`, loadsub: 0 }, { session });
      expect(result.status.code).toBe(0);
    }
    const perSecond = requests / ((performance.now() - started) / 1000);
    expect(perSecond).toBeGreaterThan(100);
  });

  // Last: it empties the table. One row at a time from the front of a table's order is quadratic
  // (about 20 s for these rows); one pass is well under a second.
  it('deletes many rows in one call, in one pass over the table', async () => {
    const some = Array.from({ length: 50_000 }, (_, i) => `bulk_dc_emea_${2 * i + 1}`);
    const started = performance.now();
    expect((await h.call('delete', { url: URL, data: some }, { session })).status.code).toBe(0);
    const left = await h.call('get', { url: URL, fields: ['name'], range: [5, 3] }, { session });
    expect(names(left)).toEqual(['bulk_dc_emea_0', 'bulk_dc_emea_2', 'bulk_dc_emea_4']);
    expect((await h.call('delete', { url: URL }, { session })).status.code).toBe(0);
    expect((performance.now() - started) / 1000).toBeLessThan(4);
    const count = await h.call('get', { url: URL, option: ['count'] }, { session });
    expect(count.data).toBe(0);
  });
});
