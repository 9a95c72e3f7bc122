import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FazHarness, startFaz, unzip, type Wire } from './helpers.js';

let h: FazHarness;
beforeAll(async () => {
  h = await startFaz({ reportMs: 10_000, timeZone: 'UTC' });
});
afterAll(() => h.close());

async function runReport(param: Record<string, unknown>): Promise<string> {
  const reply = await h.v2('add', { url: '/report/adom/root/run', ...param });
  if (reply.error) throw new Error(JSON.stringify(reply.error));
  return reply.result.tid;
}

describe('reports', () => {
  it('lists layouts and schedules (a schedule is named after its layout id)', async () => {
    const layouts = await h.v2('get', { url: '/config/adom/root/sql-report/layout' });
    expect(layouts.result.data).toContainEqual({
      'layout-id': 2,
      title: 'Bandwidth and Applications Report',
      description: expect.any(String),
      category: 'Traffic',
      'is-template': 0,
    });
    const schedules = await h.v2('get', {
      url: '/config/adom/root/sql-report/schedule',
      filter: ['name', '==', '2'],
    });
    expect(schedules.result.data).toHaveLength(1);
    expect(schedules.result.data[0]).toMatchObject({ name: '2', 'time-period': 5 });
  });

  it('runs only once the layout has a schedule', async () => {
    const refused = await h.v2('add', { url: '/report/adom/root/run', schedule: '3' });
    expect(refused.error?.code).toBe(-32602);
    const set = await h.v2('set', {
      url: '/report/adom/root/config/schedule/3',
      data: { 'report-layout': [{ 'layout-id': '3' }], 'auto-hcache': 1 },
    });
    expect(set.error).toBeUndefined();
    const tid = await runReport({ schedule: '3', 'time-period': 'last-2-hours' });
    expect(tid).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('progresses over simulated time; the running list has no result when nothing runs', async () => {
    const tid = await runReport({ schedule: '2', 'time-period': 'last-1-hours', runfrom: 'GUI' });
    const pending = await h.v2('get', { url: `/report/adom/root/run/${tid}` });
    expect(pending.result).toMatchObject({ tid, state: 'pending', progress: 0 });
    h.clock.advance(5_000);
    const running = await h.v2('get', { url: '/report/adom/root/run' });
    expect(running.result.data).toContainEqual(
      expect.objectContaining({ tid, state: 'running', progress: 50 }),
    );
    const early = await h.v2('get', { url: `/report/adom/root/reports/data/${tid}`, format: 'PDF' });
    expect(early.error?.message).toMatch(/not generated yet/);
    h.clock.advance(5_000);
    const done = await h.v2('get', { url: `/report/adom/root/run/${tid}` });
    expect(done.result).toMatchObject({ state: 'generated', 'period-start': '2026-01-01 08:00:00' });
    const none = await h.post({
      jsonrpc: '2.0',
      id: 9,
      method: 'get',
      session: h.session,
      params: [{ url: '/report/adom/root/run', apiver: 3 }],
    });
    expect(none.json).toEqual({ jsonrpc: '2.0', id: 9 });
  });

  it('downloads PDF, HTML, CSV and XML as a base64 ZIP', async () => {
    const tid = await runReport({ schedule: '2', 'time-period': 'last-1-hours' });
    h.clock.advance(10_000);
    const files: Record<string, Map<string, Buffer>> = {};
    for (const format of ['PDF', 'HTML', 'CSV', 'XML']) {
      const reply = await h.v2('get', {
        url: `/report/adom/root/reports/data/${tid}`,
        format,
        'data-type': 'text',
      });
      expect(reply.result.name).toMatch(/^Bandwidth_and_Applications_Report-\d{12}\.zip$/);
      files[format] = unzip(Buffer.from(reply.result.data, 'base64'));
    }
    const [pdfName, pdf] = [...files.PDF!][0]!;
    expect(pdfName).toMatch(/\.pdf$/);
    expect(pdf.subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
    expect(pdf.toString('latin1')).toContain('Top Applications by Bandwidth');
    expect(pdf.toString('latin1').trimEnd().endsWith('%%EOF')).toBe(true);
    const html = [...files.HTML!.values()][0]!.toString('utf8');
    expect(html).toContain('<h2>Top Sources by Bandwidth</h2>');
    expect([...files.CSV!.keys()]).toHaveLength(3);
    const csv = [...files.CSV!.values()][0]!.toString('utf8').split('\r\n');
    expect(csv[0]).toBe('app,appcat,Sessions,Bandwidth (bytes)');
    expect(csv[1]).toMatch(/^[\w.]+,[\w./]+,\d+,\d+$/);
    expect([...files.XML!.values()][0]!.toString('utf8')).toMatch(/^<\?xml/);
  });

  it('honours a custom period only in the nested schedule-param form', async () => {
    const nested = await runReport({
      'schedule-param': {
        'layout-id': 5,
        'time-period': 'other',
        'period-start': '07:00 2026/01/01',
        'period-end': '07:59 2026/01/01',
      },
    });
    const flat = await runReport({
      schedule: '5',
      'time-period': 'other',
      'period-start': '07:00 2026/01/01',
      'period-end': '07:59 2026/01/01',
    });
    const status = async (tid: string): Promise<Wire> =>
      (await h.v2('get', { url: `/report/adom/root/run/${tid}` })).result;
    expect(await status(nested)).toMatchObject({
      'period-start': '2026-01-01 07:00:00',
      'period-end': '2026-01-01 07:59:00',
    });
    expect((await status(flat))['period-start']).toBe('2025-12-25 00:00:00');
  });

  it('lists generated reports and cancels runs', async () => {
    const tid = await runReport({ schedule: '1', 'time-period': 'last-1-hours' });
    expect((await h.v2('delete', { url: `/report/adom/root/run/${tid}` })).error).toBeUndefined();
    expect((await h.v2('get', { url: `/report/adom/root/run/${tid}` })).error?.message).toBe('Invalid tid');
    h.clock.advance(20_000);
    const generated = await h.v2('get', {
      url: '/report/adom/root/reports/state',
      state: 'generated',
      'time-range': { start: '2026-01-01 00:00:00', end: '2026-01-02 00:00:00' },
    });
    expect(generated.result.data.length).toBeGreaterThan(2);
    expect(generated.result.data.every((r: Wire) => r.state === 'generated')).toBe(true);
    expect(h.sim.fortianalyzer.stats().reports).toBe(0);
  });
});
