import { afterEach, describe, expect, it } from 'vitest';
import { type FmgHarness, type Json, type RpcReply, startFmg } from './helpers.js';

const ADDRESS = (adom: string) => `/pm/config/adom/${adom}/obj/firewall/address`;

let h: FmgHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function open(options: Parameters<typeof startFmg>[0] = {}) {
  h = await startFmg(options);
  return h;
}

describe('session login and logout', () => {
  it('logs in with data as an object or a list and answers a base64 session', async () => {
    const h = await open();
    for (const data of [{ user: 'admin', passwd: 'fortinet' }, [{ user: 'admin', passwd: 'fortinet' }]]) {
      const reply = await h.rpc('exec', [{ url: '/sys/login/user', data }]);
      expect(reply.result[0]).toEqual({ status: { code: 0, message: 'OK' }, url: '/sys/login/user' });
      expect(reply.session).toMatch(/^[A-Za-z0-9+/]{86}==$/);
    }
    expect(h.sim.fortimanager.stats().sessions).toBe(2);
  });

  it('refuses a wrong password (-22) and rpc-permit none (-11)', async () => {
    const h = await open();
    const wrong = await h.rpc('exec', [{ url: 'sys/login/user', data: { user: 'admin', passwd: 'nope' } }]);
    expect(wrong.result[0]?.status.code).toBe(-22);
    expect(wrong.session).toBeUndefined();
    const devops = await h.rpc(
      'exec',
      [{ url: '/sys/login/user', data: { user: 'devops', passwd: 'fortinet' } }],
      { session: undefined },
    );
    expect(devops.result[0]?.status).toEqual({ code: -11, message: 'No permission for the resource' });
    expect(h.sim.fortimanager.stats().sessions).toBe(0);
  });

  it('ends the session on logout; the old session then gets -11', async () => {
    const h = await open();
    const session = await h.login();
    const logout = await h.rpc('exec', [{ url: 'sys/logout' }], { session });
    expect(logout).toEqual({
      id: 1,
      result: [{ status: { code: 0, message: 'OK' }, url: 'sys/logout' }],
      cid: 1,
    });
    expect(h.sim.fortimanager.stats().sessions).toBe(0);
    expect((await h.call('get', { url: '/sys/status' }, { session })).status.code).toBe(-11);
  });

  it('refuses calls without a session or with an unknown one', async () => {
    const h = await open();
    const reply = await h.rpc('get', [{ url: '/sys/status' }, { url: '/dvmdb/adom' }]);
    expect(reply.result.map((r) => [r.status.code, r.url])).toEqual([
      [-11, '/sys/status'],
      [-11, '/dvmdb/adom'],
    ]);
    expect(
      (await h.call('get', { url: '/sys/status' }, { session: 'bm90IGEgc2Vzc2lvbg==' })).status.code,
    ).toBe(-11);
  });
});

describe('idle expiry', () => {
  it('expires a session after the idle timeout on the simulator clock, and keeps a used one alive', async () => {
    const h = await open({ idleTimeoutMs: 60_000 });
    const idle = await h.login();
    const busy = await h.login();
    for (let i = 0; i < 3; i++) {
      h.clock.advance(40_000);
      expect((await h.call('get', { url: '/sys/status' }, { session: busy })).status.code).toBe(0);
    }
    expect((await h.call('get', { url: '/sys/status' }, { session: idle })).status.code).toBe(-11);
    expect(h.sim.fortimanager.stats().sessions).toBe(1);
  });

  it('honours setIdleTimeout and expireSessions', async () => {
    const h = await open();
    const session = await h.login();
    h.sim.fortimanager.setIdleTimeout(1_000);
    h.clock.advance(1_001);
    expect((await h.call('get', { url: '/sys/status' }, { session })).status.code).toBe(-11);
    const again = await h.login();
    h.sim.fortimanager.expireSessions();
    expect((await h.call('get', { url: '/sys/status' }, { session: again })).status.code).toBe(-11);
    expect(h.sim.fortimanager.stats().sessions).toBe(0);
  });
});

describe('permissions', () => {
  it('lets rpc-permit read get but not write', async () => {
    const h = await open();
    const session = await h.login('reader');
    expect(
      (await h.call('get', { url: `${ADDRESS('dc_amer')}/host_001`, fields: ['name'] }, { session })).status
        .code,
    ).toBe(0);
    for (const method of ['add', 'set', 'update', 'delete']) {
      const result = await h.call(
        method,
        { url: ADDRESS('dc_amer'), data: { name: 'host_1001', subnet: '10.0.0.2/32' } },
        { session },
      );
      expect(result.status, method).toEqual({ code: -11, message: 'No permission for the resource' });
    }
    const lock = await h.call('exec', { url: '/dvmdb/adom/root/workspace/lock' }, { session });
    expect(lock.status.code).toBe(-11);
  });

  it('restricts an admin to its ADOMs', async () => {
    const h = await open();
    const session = await h.login('amer_rw');
    expect(
      (
        await h.call(
          'add',
          { url: ADDRESS('dc_amer'), data: { name: 'ok', subnet: '10.0.0.2/32' } },
          { session },
        )
      ).status.code,
    ).toBe(0);
    for (const url of [
      ADDRESS('dc_emea'),
      ADDRESS('dc_us'),
      '/pm/config/device/FGT1/vdom/root/firewall/address',
    ]) {
      expect(
        (await h.call('add', { url, data: { name: 'no', subnet: '10.0.0.2/32' } }, { session })).status.code,
        url,
      ).toBe(-11);
    }
    expect((await h.call('get', { url: ADDRESS('root') }, { session })).status.code).toBe(-11);
    expect((await h.call('get', { url: '/dvmdb/adom/dc_emea' }, { session })).status.code).toBe(-11);
    expect(
      (
        await h.call(
          'add',
          { url: '/pm/config/device/dut_fgt_03/vdom/root/firewall/address', data: { name: 'h' } },
          { session },
        )
      ).status.code,
    ).toBe(0);
  });

  it('uses the admins stored in /cli/global/system/admin/user', async () => {
    const h = await open();
    const session = await h.login();
    const user = {
      userid: 'ops',
      password: 'pw',
      'rpc-permit': 'read-write',
      adom: [{ 'adom-name': 'root' }],
    };
    expect(
      (await h.call('add', { url: '/cli/global/system/admin/user', data: user }, { session })).status.code,
    ).toBe(0);
    const listed = await h.call('get', { url: '/cli/global/system/admin/user/ops', loadsub: 0 }, { session });
    // FortiManager answers a password encrypted, never in clear.
    expect((listed.data as Json).password).toMatch(/^ENC \S+$/);
    expect(JSON.stringify(listed.data)).not.toContain('"pw"');
    const ops = await h.login('ops', 'pw');
    expect((await h.call('get', { url: ADDRESS('root'), range: [0, 1] }, { session: ops })).status.code).toBe(
      0,
    );
    expect((await h.call('get', { url: ADDRESS('dc_amer') }, { session: ops })).status.code).toBe(-11);
  });
});

describe('API keys and the access_token query string', () => {
  it('accepts Authorization: Bearer and an optional matching access_user header', async () => {
    const h = await open();
    const key = h.sim.fortimanager.createApiKey();
    const bearer = { authorization: `Bearer ${key}` };
    expect(
      (
        await h.call(
          'add',
          { url: ADDRESS('root'), data: { name: 'k1', subnet: '1.1.1.1/32' } },
          { headers: bearer },
        )
      ).status.code,
    ).toBe(0);
    expect(
      (await h.call('get', { url: '/sys/status' }, { headers: { ...bearer, access_user: 'api_001' } })).status
        .code,
    ).toBe(0);
    expect(
      (await h.call('get', { url: '/sys/status' }, { headers: { ...bearer, access_user: 'someone' } })).status
        .code,
    ).toBe(-11);
    expect(
      (
        await h.call(
          'get',
          { url: '/sys/status' },
          { headers: { authorization: 'Bearer wrongwrongwrongwrong' } },
        )
      ).status.code,
    ).toBe(-11);
    expect(h.sim.fortimanager.stats().sessions).toBe(0);
  });

  it('refuses an API key in the access_token query string', async () => {
    const h = await open();
    const key = h.sim.fortimanager.createApiKey();
    const { json } = await h.post(
      { id: 5, method: 'get', params: [{ url: '/sys/status' }] },
      { path: `/jsonrpc?access_token=${key}` },
    );
    expect((json as RpcReply).result[0]?.status.code).toBe(-11);
  });

  it('gives a key the rights of its user', async () => {
    const h = await open();
    const key = h.sim.fortimanager.createApiKey('reader');
    const result = await h.call(
      'add',
      { url: ADDRESS('root'), data: { name: 'k2' } },
      { headers: { authorization: `Bearer ${key}` } },
    );
    expect(result.status.code).toBe(-11);
  });
});

describe('envelope', () => {
  it('answers params in order, each with its own status and url', async () => {
    const h = await open();
    const session = await h.login();
    const reply = await h.rpc(
      'get',
      [
        { url: '/dvmdb/adom/root' },
        { url: '/nowhere' },
        { url: 'dvmdb/adom/dc_emea', fields: ['name'] },
        { fields: ['name'] },
      ],
      { session },
    );
    expect(reply.result.map((r) => r.status.code)).toEqual([0, -6, 0, -6]);
    expect(reply.result.map((r) => r.url)).toEqual([
      '/dvmdb/adom/root',
      '/nowhere',
      'dvmdb/adom/dc_emea',
      undefined,
    ]);
    expect(reply.result[2]?.data).toMatchObject({ name: 'dc_emea' });
  });

  it('answers malformed JSON, a missing params list and an unknown method', async () => {
    const h = await open();
    const session = await h.login();
    const broken = await h.post('{"id": 1, "method": "get", "params": [');
    expect(broken.status).toBe(200);
    expect((broken.json as RpcReply).result[0]?.status.code).toBe(-1);
    const noParams = await h.post({ id: 2, method: 'get', session });
    expect((noParams.json as RpcReply).result[0]?.status.code).toBe(-1);
    const unknown = await h.call('frobnicate', { url: '/sys/status' }, { session });
    expect(unknown.status).toEqual({ code: -9, message: 'Invalid method' });
    const response = await fetch(`${h.sim.fortimanager.url}/jsonrpc`);
    expect(response.status).toBe(405);
  });

  it('echoes the request id and counts requests', async () => {
    const h = await open();
    const { json } = await h.post({ id: 'abc-1', method: 'get', params: [{ url: '/sys/status' }] });
    expect((json as RpcReply).id).toBe('abc-1');
    expect(h.sim.fortimanager.stats().requests).toBe(1);
  });
});
