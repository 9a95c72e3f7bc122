import { describe, expect, it } from 'vitest';
import { AuthError } from '../../../src/core/errors.js';
import { PermissionError } from '../../../src/fortimanager/index.js';
import { loginCounter, useSimulator } from './harness.js';

const h = useSimulator();
const address = '/pm/config/adom/{adom}/obj/firewall/address';

describe('authentication against the simulator', () => {
  it('username/password: logs in on first use and logs out on close', async () => {
    const fmg = h.client();
    expect(h.sim.fortimanager.stats().sessions).toBe(0);
    const status = (await fmg.get('/sys/status')) as Record<string, unknown>;
    expect(status.Hostname ?? status['Serial Number']).toBeTruthy();
    expect(h.sim.fortimanager.stats().sessions).toBe(1);
    await fmg.close();
    expect(h.sim.fortimanager.stats().sessions).toBe(0);
  });

  it('await using logs out at the end of the scope', async () => {
    {
      await using fmg = h.client();
      await fmg.get('/sys/status');
      expect(h.sim.fortimanager.stats().sessions).toBe(1);
    }
    expect(h.sim.fortimanager.stats().sessions).toBe(0);
  });

  it('API key: Bearer header (with access_user), no session at all', async () => {
    const apiKey = h.sim.fortimanager.createApiKey('api_001');
    const fmg = h.client({ apiKey, accessUser: 'api_001' });
    const devices = await fmg.get('/dvmdb/device', { fields: ['name'], loadsub: false });
    expect(Array.isArray(devices) && devices.map((d) => d.name)).toContain('FGT1');
    expect(h.sim.fortimanager.stats().sessions).toBe(0);
  });

  it('API key: a wrong key is an AuthError (not a PermissionError about rpc-permit)', async () => {
    const fmg = h.client({ apiKey: 'x'.repeat(32) });
    const error = await fmg.get('/dvmdb/device').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as Error).message).toMatch(/refused the API key/);
  });

  it('API key: a working key without access to an ADOM still gets the PermissionError', async () => {
    const apiKey = h.sim.fortimanager.createApiKey('amer_rw');
    const fmg = h.client({ apiKey });
    const before = h.sim.fortimanager.stats().requests;
    const error = await fmg.get(address, { params: { adom: 'dc_emea' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermissionError);
    // The -11 came before any call had worked: one /sys/status check told the two apart.
    expect(h.sim.fortimanager.stats().requests - before).toBe(2);
    await expect(fmg.get(address, { params: { adom: 'dc_emea' } })).rejects.toBeInstanceOf(PermissionError);
    expect(h.sim.fortimanager.stats().requests - before).toBe(3);
  });

  it('FortiManager Cloud: OAuth token -> cloud login -> session; the OAuth token is revoked', async () => {
    const user = h.sim.forticloud.defaultUser;
    const before = h.sim.forticloud.stats();
    const fmg = h.client({
      cloud: { username: user.username, password: user.password, authUrl: h.sim.forticloud.url },
    });
    await fmg.get('/sys/status');
    expect(h.sim.fortimanager.stats().sessions).toBe(1);
    const after = h.sim.forticloud.stats();
    expect(after.issued - before.issued).toBe(1);
    expect(after.revoked - before.revoked).toBe(1);
    expect(after.active).toBe(before.active);
    await fmg.close();
    expect(h.sim.fortimanager.stats().sessions).toBe(0);
  });

  it('FortiManager Cloud: bad IAM credentials are an AuthError', async () => {
    const fmg = h.client({
      cloud: { username: 'nobody', password: 'wrong-password', authUrl: h.sim.forticloud.url },
    });
    await expect(fmg.get('/sys/status')).rejects.toBeInstanceOf(AuthError);
  });

  it('a wrong password is an AuthError; rpc-permit none cannot log in', async () => {
    await expect(
      h.client({ username: 'admin', password: 'not-the-password' }).get('/sys/status'),
    ).rejects.toBeInstanceOf(AuthError);
    const error = await h
      .client({ username: 'devops', password: h.sim.fortimanager.adminPassword })
      .get('/sys/status')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as Error).message).toMatch(/rpc-permit/);
  });

  it('rpc-permit read can read but not write (-11 without a re-login loop)', async () => {
    const counter = loginCounter();
    const fmg = h.client({
      username: 'reader',
      password: h.sim.fortimanager.adminPassword,
      adom: 'dc_amer',
      logger: counter,
    });
    await expect(fmg.get(address)).resolves.toBeDefined();
    const error = await fmg
      .add(address, { data: { name: 'host_1001', subnet: '10.0.0.2/32' } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermissionError);
    expect(error).toMatchObject({
      apiCode: -11,
      method: 'add',
      url: '/pm/config/adom/dc_amer/obj/firewall/address',
    });
    // One re-login to rule out a stale session, then the error: never more.
    expect(counter.logins()).toBeLessThanOrEqual(2);
  });

  it('an admin limited to one ADOM gets PermissionError elsewhere', async () => {
    const fmg = h.client({ username: 'amer_rw', password: h.sim.fortimanager.adminPassword });
    await fmg.add(address, {
      params: { adom: 'dc_amer' },
      data: { name: 'amer_only', subnet: '10.9.0.1/32' },
    });
    await expect(
      fmg.add(address, { params: { adom: 'dc_emea' }, data: { name: 'amer_only', subnet: '10.9.0.1/32' } }),
    ).rejects.toBeInstanceOf(PermissionError);
    await fmg.delete(`${address}/{name}`, { params: { adom: 'dc_amer', name: 'amer_only' } });
  });
});

describe('stale sessions', () => {
  it('concurrent calls on a stale session share exactly one re-login and are each replayed once', async () => {
    const counter = loginCounter();
    const fmg = h.client({ logger: counter });
    await fmg.get('/sys/status');
    h.sim.fortimanager.expireSessions();
    const before = h.sim.fortimanager.stats().requests;
    const replies = await Promise.all(Array.from({ length: 10 }, () => fmg.get('/sys/status')));
    expect(replies).toHaveLength(10);
    expect(counter.logins()).toBe(2);
    expect(h.sim.fortimanager.stats().sessions).toBe(1);
    await fmg.close();
    // At most 10 refused + 1 re-login + 1 logout of the old session + 10 replays + 1 final logout;
    // calls still queued for a connection when the session was found dead wait for the new one.
    expect(h.sim.fortimanager.stats().requests - before).toBeLessThanOrEqual(23);
    expect(h.sim.fortimanager.stats().requests - before).toBeGreaterThanOrEqual(8 + 1 + 1 + 10 + 1);
  });

  it('the stale-session fault (FortiManager forgot the session) is survived with one re-login', async () => {
    const counter = loginCounter();
    const fmg = h.client({ logger: counter, adom: 'root' });
    await fmg.get('/sys/status');
    h.sim.faults.inject({ kind: 'stale-session', product: 'fortimanager' });
    await expect(fmg.get(address, { fields: ['name'] })).resolves.toBeDefined();
    expect(counter.logins()).toBe(2);
  });

  it('an idle-expired session is renewed transparently', async () => {
    const counter = loginCounter();
    const fmg = h.client({ logger: counter });
    await fmg.get('/sys/status');
    h.sim.fortimanager.setIdleTimeout(150);
    h.defer(() => h.sim.fortimanager.setIdleTimeout(5 * 60_000));
    await new Promise((resolve) => setTimeout(resolve, 250));
    await expect(fmg.get('/sys/status')).resolves.toBeDefined();
    expect(counter.logins()).toBe(2);
  });
});
