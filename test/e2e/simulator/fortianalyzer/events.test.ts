import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FazHarness, startFaz, type Wire } from './helpers.js';

let h: FazHarness;
beforeAll(async () => {
  h = await startFaz();
});
afterAll(() => h.close());

const ALERTS = '/eventmgmt/adom/root/alerts';
const DAY = { start: '2025-12-31 09:00:00', end: '2026-01-01 09:00:00' };

describe('alerts', () => {
  it('lists alerts newest first, filtered by the string dialect and a time range', async () => {
    const all = await h.v2('get', { url: ALERTS, 'time-range': DAY, timezone: 'UTC', limit: 2000 });
    const rows = all.result.data as Wire[];
    expect(rows.length).toBeGreaterThan(20);
    expect(rows[0]).toMatchObject({
      alertid: expect.any(String),
      triggername: expect.any(String),
      ackflag: 'no',
    });
    for (let i = 1; i < rows.length; i++)
      expect(rows[i - 1].alerttime).toBeGreaterThanOrEqual(rows[i].alerttime);
    const severe = await h.v2('get', { url: ALERTS, filter: 'severity >= 3', limit: 2000 });
    expect(severe.result.data.length).toBeGreaterThan(0);
    expect(severe.result.data.every((r: Wire) => r.severity >= 3)).toBe(true);
    expect((await h.v2('get', { url: ALERTS, limit: 2001 })).error?.code).toBe(-32602);
  });

  it('spells the trigger trigger_name in /alerts and triggername in /alerts/count', async () => {
    const name = "trigger_name='Local Device Event'";
    const listed = (await h.v2('get', { url: ALERTS, filter: name, limit: 2000 })).result.data as Wire[];
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.every((r) => r.triggername === 'Local Device Event')).toBe(true);
    const wrong = await h.v2('get', { url: `${ALERTS}/count`, filter: name });
    expect(wrong.result.data.total).toBe(0);
    const right = await h.v2('get', { url: `${ALERTS}/count`, filter: "triggername='Local Device Event'" });
    expect(right.result.data.total).toBe(listed.length);
    const bySeverity = await h.v2('get', { url: `${ALERTS}/count`, 'group-by': 'severity' });
    expect(bySeverity.result.data).toContainEqual({ severity: 4, count: expect.any(Number) });
  });

  it('acknowledges and unacknowledges by alert id lists; unknown ids answer a per-result status', async () => {
    const [first] = (await h.v2('get', { url: ALERTS, filter: 'ackflag==no', limit: 1 })).result
      .data as Wire[];
    const ack = await h.v2('update', { url: `${ALERTS}/ack`, alertid: [first.alertid], 'update-by': 'soar' });
    expect(ack.result).toEqual({ status: { code: 0, message: 'OK' } });
    const [after] = (await h.v2('get', { url: ALERTS, filter: `alertid==${first.alertid}` })).result
      .data as Wire[];
    expect(after).toMatchObject({ ackflag: 'yes', mgmt_state: 'acknowledged', ackby: 'soar' });
    await h.v2('update', { url: `${ALERTS}/unack`, alertid: [first.alertid], 'update-by': 'soar' });
    const [back] = (await h.v2('get', { url: ALERTS, filter: `alertid==${first.alertid}` })).result
      .data as Wire[];
    expect(back.ackflag).toBe('no');
    const missing = await h.v2('update', { url: `${ALERTS}/ack`, alertid: ['nope'], 'update-by': 'soar' });
    expect(missing.result.status).toEqual({ code: -3, message: 'Object does not exist: alert nope' });
  });

  it('comments with update only, and wants alertids on extra-details', async () => {
    const [first] = (await h.v2('get', { url: ALERTS, limit: 1 })).result.data as Wire[];
    const added = await h.v2('add', { url: `${ALERTS}/comment`, alertid: [first.alertid], comment: 'x' });
    expect(added.error).toEqual({ code: -32600, message: 'Invalid Request: Not supported method (add)' });
    await h.v2('update', {
      url: `${ALERTS}/comment`,
      alertid: [first.alertid],
      comment: 'seen',
      'update-by': 'soar',
    });
    const [commented] = (await h.v2('get', { url: ALERTS, filter: `alertid==${first.alertid}` })).result
      .data as Wire[];
    expect(commented.comment).toBe('seen');
    const singular = await h.v2('get', { url: `${ALERTS}/extra-details`, alertid: [first.alertid] });
    expect(singular.error).toEqual({ code: -32602, message: 'Invalid params: No Params.' });
    const plural = await h.v2('get', { url: `${ALERTS}/extra-details`, alertids: [first.alertid] });
    expect(plural.result.data).toEqual([
      { alertid: first.alertid, devs: [first.devid], epids: [first.epid], euids: [first.euid] },
    ]);
    const logs = await h.v2('get', { url: '/eventmgmt/adom/root/alertlogs', alertid: [first.alertid] });
    expect(logs.result.data.length).toBeGreaterThan(0);
    expect(logs.result.data[0]).toMatchObject({ type: 'event', alertid: first.alertid });
  });

  it('refuses changes from a read-only admin', async () => {
    const reader = await h.login('reader');
    const [first] = (await h.v2('get', { url: ALERTS, limit: 1 }, { session: reader })).result.data as Wire[];
    const refused = await h.v2(
      'update',
      { url: `${ALERTS}/ack`, alertid: [first.alertid] },
      { session: reader },
    );
    expect(refused.error).toEqual({ code: -11, message: 'No permission for the resource' });
  });
});

describe('incidents', () => {
  const INCIDENTS = '/incidentmgmt/adom/root/incidents';

  it('lists incidents with mixed timestamp forms, and reads one through incids', async () => {
    const list = (await h.v2('get', { url: INCIDENTS, limit: 100 })).result.data as Wire[];
    expect(list.length).toBeGreaterThan(10);
    expect(list[0].createtime).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(list[0].lastupdate).toMatch(/^\d{10}$/);
    const one = await h.v2('get', { url: INCIDENTS, incids: [list[3].incid] });
    expect(one.result.data).toEqual([list[3]]);
    const direct = await h.v2('get', { url: `/incidentmgmt/adom/root/incident/${list[3].incid}` });
    expect(direct.error?.message).toBe('Invalid Request: Not supported method (get)');
    const extended = await h.v2('get', {
      url: INCIDENTS,
      incids: [list[3].incid],
      'detail-level': 'extended',
    });
    expect(extended.result.data[0]).not.toHaveProperty('severity');
    expect(extended.result.data[0]).toHaveProperty('eparr');
  });

  it('creates (reporter, endpoint and category required) and updates incidents; checks enums', async () => {
    const missing = await h.v2('add', {
      url: '/incidentmgmt/adom/root/incident',
      reporter: 'soar',
      endpoint: '10.0.0.5',
    });
    expect(missing.error?.message).toBe("Invalid params: 'category' is required");
    const created = await h.v2('add', {
      url: '/incidentmgmt/adom/root/incident',
      reporter: 'soar',
      endpoint: '10.0.0.5',
      category: 'Malicious code',
      severity: 'high',
    });
    expect(created.result).toEqual({ incid: expect.stringMatching(/^IN\d{8}$/) });
    const incid = created.result.incid;
    const bad = await h.v2('update', { url: `/incidentmgmt/adom/root/incident/${incid}`, status: 'done' });
    expect(bad.error?.message).toBe("not a valid enum value for 'status'");
    await h.v2('update', { url: `/incidentmgmt/adom/root/incident/${incid}`, status: 'analysis' });
    const [row] = (await h.v2('get', { url: INCIDENTS, incids: [incid] })).result.data as Wire[];
    expect(row).toMatchObject({ incid, status: 'analysis', severity: 'high', category: 'Malicious code' });
    const count = await h.v2('get', { url: `${INCIDENTS}/count`, filter: "status=='analysis'" });
    expect(count.result.count).toBeGreaterThan(0);
  });
});
