import { afterEach, describe, expect, it } from 'vitest';
import { type FazHarness, searchParams, startFaz } from './helpers.js';

let h: FazHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function open(options: Parameters<typeof startFaz>[0] = {}) {
  h = await startFaz(options);
  return h;
}

describe('FortiAnalyzer sessions and API keys', () => {
  it('logs in, answers /sys/status, and forgets the session on logout', async () => {
    const h = await open();
    const status = await h.legacy('get', { url: '/sys/status' });
    expect(status.data).toMatchObject({
      Version: 'v7.6.5-build3653 251215 (GA.M)',
      TZ: 'America/Los_Angeles',
    });
    const logout = await h.legacy('exec', { url: '/sys/logout' });
    expect(logout.status).toEqual({ code: 0, message: 'OK' });
    expect((await h.legacy('get', { url: '/sys/status' })).status.code).toBe(-11);
    expect(h.sim.fortianalyzer.stats().sessions).toBe(0);
  });

  it('refuses a wrong password', async () => {
    const h = await open();
    await expect(h.login('admin', 'nope')).rejects.toThrow(/-22/);
  });

  it('names the zone key per version', async () => {
    const h = await open({ version: '7.4', timeZone: 'Europe/Paris' });
    expect((await h.legacy('get', { url: '/sys/status' })).data).toMatchObject({
      'Time Zone': 'Europe/Paris',
      Major: 7,
      Minor: 4,
    });
  });

  it('accepts an API key as a bearer token, but not beside a session', async () => {
    const h = await open();
    const key = h.sim.fortianalyzer.createApiKey();
    const headers = { authorization: `Bearer ${key}` };
    const ok = await h.post(
      { jsonrpc: '2.0', id: 1, method: 'add', params: [{ ...searchParams(), apiver: 3 }] },
      { headers },
    );
    expect(ok.json.result.tid).toEqual(expect.any(Number));
    const both = await h.post(
      {
        jsonrpc: '2.0',
        id: 2,
        method: 'add',
        session: 'placeholder',
        params: [{ ...searchParams(), apiver: 3 }],
      },
      { headers },
    );
    expect(both.json.error).toEqual({ code: -11, message: 'No permission for the resource' });
    h.sim.fortianalyzer.resetTasks();
  });

  it('trades a FortiCloud token of client FortiAnalyzer for a session', async () => {
    const h = await open();
    const { username, password } = h.sim.fortianalyzer.cloudUser;
    const token = await fetch(`${h.sim.forticloud.url}/api/v1/oauth/token/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password, client_id: 'FortiAnalyzer', grant_type: 'password' }),
    }).then((r) => r.json() as Promise<{ access_token: string }>);
    const login = await h.post(
      { access_token: token.access_token },
      { path: '/p/forticloud_jsonrpc_login/' },
    );
    expect(login.status).toBe(200);
    const status = await h.legacy('get', { url: '/sys/status' }, { session: login.json.session });
    expect(status.status.code).toBe(0);
    const wrong = await h.post({ access_token: 'nope' }, { path: '/p/forticloud_jsonrpc_login/' });
    expect(wrong.status).toBe(401);
  });

  it('forgets a session on the stale-session fault (-11 in both dialects)', async () => {
    const h = await open();
    h.sim.faults.inject({ kind: 'stale-session', product: 'fortianalyzer' });
    const reply = await h.v2('get', { url: '/eventmgmt/adom/root/alerts', limit: 1 });
    expect(reply.error).toEqual({ code: -11, message: 'No permission for the resource' });
    expect((await h.legacy('get', { url: '/sys/status' })).status.code).toBe(-11);
  });

  it('applies wire faults of the shared server', async () => {
    const h = await open();
    h.sim.faults.inject({ kind: 'http-error', product: 'fortianalyzer', status: 502 });
    expect(
      (await h.post({ id: 1, method: 'get', params: [{ url: '/sys/status' }], session: h.session })).status,
    ).toBe(502);
    expect((await h.legacy('get', { url: '/sys/status' })).status.code).toBe(0);
  });
});

describe('device manager, log fields and log stats', () => {
  it('answers dvmdb ADOMs and devices with fields, filter, range and count', async () => {
    const h = await open();
    const adoms = await h.legacy('get', { url: '/dvmdb/adom', fields: ['name'] });
    expect(adoms.data).toEqual([
      { name: 'root', oid: 3 },
      { name: 'dc_emea', oid: 160 },
    ]);
    const devices = await h.legacy('get', {
      url: '/dvmdb/adom/root/device',
      filter: ['name', 'like', 'fgt-br%'],
      fields: ['name', 'sn'],
    });
    expect(devices.data.map((d: { sn: string }) => d.sn)).toEqual([
      'FG100FTK24000201',
      'FG100FTK24000202',
      'FG60FTK224000203',
    ]);
    const inert = await h.legacy('get', { url: '/dvmdb/device', filter: ['name', 'contain', 'FGT'] });
    expect(inert.data).toEqual([]);
    const count = await h.legacy('get', { url: '/dvmdb/device', option: 'count' });
    expect(count.data).toEqual({ count: 6 });
    expect((await h.legacy('get', { url: '/dvmdb/adom/root/device/nope' })).status).toEqual({
      code: -3,
      message: 'Object does not exist',
    });
    expect((await h.legacy('get', { url: '/nowhere' })).status.code).toBe(-6);
  });

  it('answers log fields per log type, and the log type catalogue for an unknown one', async () => {
    const h = await open();
    const traffic = await h.v2('get', {
      url: '/logview/adom/root/logfields',
      logtype: 'traffic',
      devtype: 'FortiGate',
    });
    const [entry] = traffic.result.data;
    expect(entry.field).toContainEqual({ name: 'srcip', type: 6, desc: 'srcip' });
    expect(entry['private-field']).toContainEqual({ name: 'itime', type: 4, desc: 'itime' });
    const unknown = await h.v2('get', { url: '/logview/adom/root/logfields', logtype: 'bogus' });
    expect(unknown.result.data).toContainEqual({ logtype: 'traffic', index: 10 });
  });

  it('answers log stats per device and VDOM', async () => {
    const h = await open();
    const stats = await h.v2('get', {
      url: '/logview/adom/root/logstats',
      device: [{ devid: 'FGVM08TM24000101' }],
    });
    expect(stats.result.data).toHaveLength(2);
    expect(stats.result.data[0]).toMatchObject({
      devname: 'FGT-HQ-01',
      vdom: 'root',
      last_log_time: expect.any(Number),
    });
  });
});
