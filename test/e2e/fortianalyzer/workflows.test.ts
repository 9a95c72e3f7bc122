import { describe, expect, it } from 'vitest';
import { NotFoundError, PermissionDeniedError, ValidationError } from '../../../src/core/errors.js';
import {
  FortiAnalyzerInvalidRequestError,
  FortiAnalyzerNotFoundError,
  q,
} from '../../../src/fortianalyzer/index.js';
import { SETTLED_HOUR, useFaz } from './harness.js';

const h = useFaz({ scanRowsPerSecond: 100_000, reportMs: 5_000 });

describe('FortiView', () => {
  it('runs a view, polls it to completion, iterates the top-N and cancels the run', async () => {
    const faz = h.client();
    const run = faz.fortiview.run('top-countries', { timeRange: SETTLED_HOUR, limit: 5 });
    const rows = await run.all();
    expect(rows).toHaveLength(5);
    expect(rows[0]).toMatchObject({ dstcountry: expect.any(String), sessions: expect.any(Number) });
    expect(run.total).toBeGreaterThanOrEqual(5);
    expect(h.sim.fortianalyzer.stats().views).toBe(0);
  });

  it('pages a long view and stops (and cancels) on early exit', async () => {
    const faz = h.client();
    const all = await faz.fortiview
      .run('top-sources', { timeRange: SETTLED_HOUR, limit: 2500, pageSize: 1000 })
      .all();
    expect(all.length).toBeGreaterThan(1000);
    expect(new Set(all.map((r) => r.srcip)).size).toBe(all.length);
    let n = 0;
    for await (const _row of faz.fortiview.run('top-sources', { timeRange: SETTLED_HOUR, limit: 2500 }))
      if (++n === 10) break;
    expect(h.sim.fortianalyzer.stats().views).toBe(0);
  });

  it('spells all devices as FortiView wants, filters, and passes loud refusals through', async () => {
    const faz = h.client();
    const [top] = await faz.fortiview.run('top-destinations', { timeRange: SETTLED_HOUR, limit: 1 }).all();
    const one = await faz.fortiview
      .run('top-destinations', { timeRange: SETTLED_HOUR, filter: q.eq('dstip', String(top!.dstip)) })
      .all();
    expect(one).toEqual([top]);
    await expect(
      faz.fortiview.run('top-sources', { timeRange: SETTLED_HOUR, filter: q.eq('service', 'DNS') }).all(),
    ).rejects.toThrow(FortiAnalyzerInvalidRequestError);
    await expect(faz.fortiview.run('traffic-summary', { timeRange: SETTLED_HOUR }).all()).rejects.toThrow(
      /Cannot find FortiView/,
    );
  });
});

describe('reports', () => {
  it('creates a missing schedule, runs, waits with progress and downloads PDF and CSV', async () => {
    const faz = h.client();
    const layouts = await faz.reports.layouts();
    expect(layouts.map((l) => l.title)).toContain('Threat Report');
    const progress: number[] = [];
    const pdf = await faz.reports.generate({
      layout: 3,
      period: 'last-1-hours',
      format: 'PDF',
      pollMs: 500,
      onProgress: (s) => progress.push(Number(s.progress)),
    });
    expect(progress.at(-1)).toBe(100);
    expect(progress.length).toBeGreaterThan(3);
    expect(pdf.files).toHaveLength(1);
    expect(pdf.files[0]!.name).toMatch(/^Threat_Report-\d{12}\.pdf$/);
    expect(pdf.files[0]!.data.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.archive.subarray(0, 2).toString()).toBe('PK');
    const csv = await faz.reports.download(pdf.tid, { format: 'CSV' });
    expect(csv.files.map((f) => f.name)).toHaveLength(3);
    expect(csv.files[0]!.data.toString().split('\r\n')[0]).toBe('attack,severity,Count');
    expect(await faz.reports.ensureSchedule(3)).toBe(false);
    expect(await faz.reports.running()).toEqual([]);
  });

  it('sends a custom period in the nested schedule-param form', async () => {
    const faz = h.client();
    const tid = await faz.reports.run({ layout: 5, period: SETTLED_HOUR });
    const status = await faz.reports.status(tid);
    expect(status).toMatchObject({
      'period-start': '2026-01-01 07:00:00',
      'period-end': '2026-01-01 07:59:00',
      timezone: 'UTC',
    });
    await faz.reports.cancel(tid);
    await expect(faz.reports.status(tid)).rejects.toThrow(NotFoundError);
  });
});

describe('alerts and incidents', () => {
  it('lists alerts with either trigger spelling and counts them the same', async () => {
    const faz = h.client();
    const listed = [];
    for await (const alert of faz.alerts.list({
      filter: q.eq('triggername', 'Local Device Event'),
      pageSize: 7,
    })) {
      listed.push(alert);
    }
    expect(listed.length).toBeGreaterThan(7);
    expect(new Set(listed.map((a) => a.alertid)).size).toBe(listed.length);
    expect(listed.every((a) => a.triggername === 'Local Device Event')).toBe(true);
    const counted = await faz.alerts.count({ filter: q.eq('trigger_name', 'Local Device Event') });
    expect(counted).toMatchObject({ total: listed.length });
  });

  it('acknowledges, comments and reads details; an unknown alert is a typed error', async () => {
    const faz = h.client();
    const [first] = await takeAlerts(faz.alerts.list({ filter: q.eq('ackflag', 'no'), maxRows: 1 }));
    await faz.alerts.ack([first!.alertid], { by: 'soar-playbook' });
    const [after] = await takeAlerts(faz.alerts.list({ filter: q.eq('alertid', first!.alertid) }));
    expect(after).toMatchObject({ ackflag: 'yes', ackby: 'soar-playbook' });
    await faz.alerts.comment([first!.alertid], 'triaged by fortix');
    const [details] = await faz.alerts.details([first!.alertid]);
    expect(details).toMatchObject({ alertid: first!.alertid, devs: [first!.devid] });
    expect((await faz.alerts.logs([first!.alertid])).length).toBeGreaterThan(0);
    await expect(faz.alerts.ack(['no-such-alert'])).rejects.toThrow(FortiAnalyzerNotFoundError);
    await expect(faz.alerts.ack([])).rejects.toThrow(ValidationError);
  });

  it('creates, reads and updates incidents; checks enums before sending', async () => {
    const faz = h.client();
    const incid = await faz.incidents.create({
      reporter: 'soar',
      endpoint: '10.0.0.5',
      category: 'Malicious code',
      severity: 'high',
    });
    await faz.incidents.update(incid, { status: 'analysis' });
    expect(await faz.incidents.get(incid)).toMatchObject({ incid, status: 'analysis', severity: 'high' });
    await expect(faz.incidents.get('IN99999999')).rejects.toThrow(NotFoundError);
    await expect(faz.incidents.update(incid, { status: 'done' as never })).rejects.toThrow(ValidationError);
    let listed = 0;
    for await (const _incident of faz.incidents.list({ pageSize: 5 })) listed++;
    expect(listed).toBe(26);
    expect(await faz.incidents.count({ filter: q.eq('status', 'analysis') })).toBeGreaterThan(0);
  });
});

describe('the client', () => {
  it('makes the legacy calls: status, device manager, raw', async () => {
    const faz = h.client();
    expect(await faz.status()).toMatchObject({ Version: expect.stringMatching(/^v7\.6/) });
    const devices = (await faz.get('/dvmdb/adom/{adom}/device', { fields: ['name', 'sn'] })) as Array<{
      sn: string;
    }>;
    expect(devices.map((d) => d.sn)).toContain('FGVM08TM24000101');
    await expect(faz.get('/dvmdb/adom/{adom}/device/nope')).rejects.toThrow(FortiAnalyzerNotFoundError);
    const { result } = await faz.raw({ method: 'get', params: [{ url: '/sys/status' }] });
    expect(result[0]!.status.code).toBe(0);
  });

  it('reads log fields and log stats', async () => {
    const faz = h.client();
    const { fields, privateFields } = await faz.logs.fields('traffic');
    expect(fields.map((f) => f.name)).toContain('srcip');
    expect(privateFields.map((f) => f.name)).toContain('itime');
    const stats = await faz.logs.stats({ devices: { serial: 'FG60FTK224000203' } });
    expect(stats).toEqual([expect.objectContaining({ devname: 'FGT-BR-03', vdom: 'root' })]);
  });

  it('authenticates with an API key (no session in the envelope)', async () => {
    const faz = h.client({ apiKey: h.sim.fortianalyzer.createApiKey() });
    expect((await faz.fortiview.run('top-threats', { timeRange: SETTLED_HOUR, limit: 3 }).all()).length).toBe(
      3,
    );
  });

  it('logs in through FortiCloud with client id FortiAnalyzer', async () => {
    const { username, password } = h.sim.fortianalyzer.cloudUser;
    const faz = h.client({ cloud: { username, password, authUrl: h.sim.forticloud.url } });
    expect(await faz.status()).toMatchObject({ 'Platform Type': 'FAZVM64' });
  });

  it('logs in again once when the session went stale, on an apiver-3 call too', async () => {
    const faz = h.client();
    await faz.status();
    h.sim.faults.inject({ kind: 'stale-session', product: 'fortianalyzer' });
    const rows = await faz.logs.search({ logtype: 'event', timeRange: SETTLED_HOUR, maxRows: 10 }).all();
    expect(rows).toHaveLength(10);
  });

  it('maps a refusal of a read-only admin to the permission category', async () => {
    const faz = h.client({ username: 'reader', password: 'fortinet' });
    const [alert] = await takeAlerts(faz.alerts.list({ maxRows: 1 }));
    await expect(faz.alerts.ack([alert!.alertid])).rejects.toThrow(PermissionDeniedError);
  });
});

async function takeAlerts<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}
