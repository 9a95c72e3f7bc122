import { afterEach, describe, expect, it } from 'vitest';
import { type FmgHarness, type Json, names, startFmg } from './helpers.js';

const ADDRESS = '/pm/config/adom/root/obj/firewall/address';
const host = (name: string) => ({ url: ADDRESS, data: { name, subnet: '192.0.2.7/32' } });

let h: FmgHarness | undefined;
afterEach(async () => {
  if (h) expect(h.sim.fortimanager.stats().locks).toBe(0);
  await h?.close();
  h = undefined;
});

async function open(mode: 'normal' | 'disabled' = 'normal') {
  h = await startFmg({ workspaceMode: mode });
  const alice = await h.login();
  const bob = await h.login('admin');
  const as = (session: string) => (method: string, param: Json) => h!.call(method, param, { session });
  return { h, alice: as(alice), bob: as(bob), aliceSession: alice, bobSession: bob };
}

const exists = async (
  call: (method: string, param: Json) => Promise<{ status: { code: number } }>,
  name: string,
) => (await call('get', { url: `${ADDRESS}/${name}` })).status.code === 0;

describe('workspace mode normal', () => {
  it('refuses writes without the lock (-10147) and writes by others while locked (-20055)', async () => {
    const { alice, bob, h } = await open();
    expect((await alice('add', host('w1'))).status).toEqual({ code: -10147, message: 'no write permission' });
    expect((await alice('exec', { url: '/dvmdb/adom/root/workspace/lock' })).status.code).toBe(0);
    expect(h.sim.fortimanager.lockOwner('root')).toBe('admin');
    expect((await bob('add', host('w2'))).status).toEqual({
      code: -20055,
      message: 'Workspace is locked by other user',
    });
    expect((await bob('exec', { url: '/dvmdb/adom/root/workspace/lock' })).status.code).toBe(-20055);
    expect((await bob('exec', { url: '/dvmdb/adom/root/workspace/unlock' })).status.code).toBe(-20055);
    expect((await alice('exec', { url: '/dvmdb/adom/root/workspace/lock' })).status.code).toBe(0);
    await alice('exec', { url: '/dvmdb/adom/root/workspace/unlock' });
  });

  it('stages changes until commit; unlock without commit discards them', async () => {
    const { alice, bob, h, aliceSession } = await open();
    await alice('exec', { url: '/dvmdb/adom/root/workspace/lock' });
    expect((await alice('add', host('staged'))).status.code).toBe(0);
    expect(await exists(alice, 'staged')).toBe(true);
    expect(await exists(bob, 'staged')).toBe(false);
    expect((await alice('get', { url: '/dvmdb/adom/root/workspace/dirty' })).data).toEqual({ dirty: 1 });
    // A commit answers the task that saved the changes beside the status, no data.
    const commit = (
      await h.rpc('exec', [{ url: '/dvmdb/adom/root/workspace/commit' }], { session: aliceSession })
    ).result[0] as unknown as Json;
    expect(commit.status).toEqual({ code: 0, message: 'OK' });
    expect(commit.taskid).toEqual(expect.any(Number));
    expect(commit).not.toHaveProperty('data');
    expect(await exists(bob, 'staged')).toBe(true);
    await alice('add', host('dropped'));
    await alice('exec', { url: '/dvmdb/adom/root/workspace/unlock' });
    expect(await exists(alice, 'dropped')).toBe(false);
    expect(await exists(alice, 'staged')).toBe(true);
  });

  it('describes locks with lockinfo', async () => {
    const { alice, bob, h, aliceSession } = await open();
    // No lock: FortiManager answers no data at all.
    const none = await bob('get', { url: '/dvmdb/adom/root/workspace/lockinfo' });
    expect(none.status.code).toBe(0);
    expect(none).not.toHaveProperty('data');
    await alice('exec', { url: '/dvmdb/adom/root/workspace/lock' });
    h.clock.advance(5_000);
    await alice('add', host('li'));
    const [info] = (await bob('get', { url: '/dvmdb/adom/root/workspace/lockinfo' })).data as Json[];
    expect(info).toMatchObject({
      lock_user: 'admin',
      dirty: 1,
      obj_url: '',
      lock_time: expect.any(Number),
      lock_sid: expect.any(Number),
    });
    expect(Object.keys(info!).sort()).toEqual(
      [
        'adom_dirty',
        'db_mode',
        'dev_oid',
        'dirty',
        'flags',
        'lock_sid',
        'lock_time',
        'lock_user',
        'obj_cat',
        'obj_oid',
        'obj_url',
        'type',
        'wfsid',
      ].sort(),
    );
    await h.rpc('exec', [{ url: 'sys/logout' }], { session: aliceSession });
  });

  it('releases locks, discarding their changes, on logout and on session expiry', async () => {
    const { alice, bob, h, aliceSession } = await open();
    await alice('exec', { url: '/dvmdb/adom/root/workspace/lock' });
    await alice('add', host('lost'));
    await h.rpc('exec', [{ url: 'sys/logout' }], { session: aliceSession });
    expect(h.sim.fortimanager.lockOwner('root')).toBeUndefined();
    expect(await exists(bob, 'lost')).toBe(false);

    await bob('exec', { url: '/dvmdb/adom/dc_emea/workspace/lock' });
    h.sim.fortimanager.setIdleTimeout(10_000);
    h.clock.advance(10_001);
    const carol = await h.login();
    expect(
      (await h.call('exec', { url: '/dvmdb/adom/dc_emea/workspace/lock' }, { session: carol })).status.code,
    ).toBe(0);
    expect(h.sim.fortimanager.stats().locks).toBe(1);
    await h.call('exec', { url: '/dvmdb/adom/dc_emea/workspace/unlock' }, { session: carol });
  });

  it('releases the locks of a session FortiManager forgets (stale-session fault)', async () => {
    const { alice, h } = await open();
    await alice('exec', { url: '/dvmdb/adom/root/workspace/lock' });
    h.sim.faults.inject({ kind: 'stale-session' });
    expect((await alice('get', { url: '/sys/status' })).status.code).toBe(-11);
    expect(h.sim.fortimanager.lockOwner('root')).toBeUndefined();
  });

  it('locks devices and packages on their own, and an ADOM lock absorbs the holder’s ones', async () => {
    const { alice, bob } = await open();
    const pkgPolicy = '/pm/config/adom/root/pkg/default/firewall/policy';
    const fgtDns = '/pm/config/device/FGT1/global/system/dns';
    expect((await alice('exec', { url: '/dvmdb/adom/root/workspace/lock/pkg/default' })).status.code).toBe(0);
    expect((await bob('exec', { url: '/dvmdb/adom/root/workspace/lock/dev/FGT1' })).status.code).toBe(0);
    expect((await alice('add', { url: pkgPolicy, data: { name: 'p9' } })).status.code).toBe(0);
    expect((await bob('add', { url: pkgPolicy, data: { name: 'p10' } })).status.code).toBe(-20055);
    expect((await bob('set', { url: fgtDns, data: { primary: '9.9.9.9' } })).status.code).toBe(0);
    expect((await alice('set', { url: fgtDns, data: { primary: '8.8.8.8' } })).status.code).toBe(-20055);
    expect((await alice('add', host('x'))).status.code).toBe(-10147);
    expect((await alice('exec', { url: '/dvmdb/adom/root/workspace/lock' })).status.code).toBe(-20055);
    expect((await bob('exec', { url: '/dvmdb/adom/root/workspace/commit/dev/FGT1' })).status.code).toBe(0);
    expect((await alice('get', { url: fgtDns })).data).toMatchObject({ primary: '9.9.9.9' });
    await bob('exec', { url: '/dvmdb/adom/root/workspace/unlock/dev/FGT1' });
    expect((await alice('exec', { url: '/dvmdb/adom/root/workspace/lock' })).status.code).toBe(0);
    expect(names(await alice('get', { url: pkgPolicy, fields: ['name'] }))).toContain('p9');
    await alice('exec', { url: '/dvmdb/adom/root/workspace/commit' });
    expect(names(await bob('get', { url: pkgPolicy, fields: ['name'] }))).toContain('p9');
    await alice('exec', { url: '/dvmdb/adom/root/workspace/unlock' });
  });

  it('locks the global database and answers the pm/config _workspace urls', async () => {
    const { alice, bob } = await open();
    const global = '/pm/config/global/obj/firewall/address';
    expect((await alice('add', { url: global, data: { name: 'g1' } })).status.code).toBe(-10147);
    expect((await alice('exec', { url: '/dvmdb/global/workspace/lock' })).status.code).toBe(0);
    expect((await alice('add', { url: global, data: { name: 'g1' } })).status.code).toBe(0);
    expect((await bob('add', { url: global, data: { name: 'g2' } })).status.code).toBe(-20055);
    await alice('exec', { url: '/dvmdb/global/workspace/commit' });
    await alice('exec', { url: '/dvmdb/global/workspace/unlock' });
    expect((await alice('exec', { url: '/pm/config/adom/dc_amer/_workspace/lock' })).status.code).toBe(0);
    expect((await bob('exec', { url: '/pm/config/adom/dc_amer/_workspace/lock' })).status.code).toBe(-20055);
    expect((await alice('exec', { url: '/pm/config/adom/dc_amer/_workspace/unlock' })).status.code).toBe(0);
    expect((await alice('exec', { url: '/dvmdb/adom/nowhere/workspace/lock' })).status.code).toBe(-6);
  });
});

describe('workspace mode disabled', () => {
  it('writes at once and answers lock urls with -9', async () => {
    const { alice, bob, h } = await open('disabled');
    expect((await alice('add', host('direct'))).status.code).toBe(0);
    expect(await exists(bob, 'direct')).toBe(true);
    expect((await alice('exec', { url: '/dvmdb/adom/root/workspace/lock' })).status.code).toBe(-9);
    h.sim.fortimanager.setWorkspaceMode('normal');
    expect(
      (await alice('get', { url: '/cli/global/system/global', fields: ['workspace-mode'] })).data,
    ).toMatchObject({ 'workspace-mode': 'normal' });
    expect((await alice('add', host('later'))).status.code).toBe(-10147);
    await alice('exec', { url: '/dvmdb/adom/root/workspace/lock' });
    h.sim.fortimanager.setWorkspaceMode('disabled');
  });

  it('switches mode when system global workspace-mode is set', async () => {
    const { alice } = await open('disabled');
    await alice('set', { url: '/cli/global/system/global', data: { 'workspace-mode': 'normal' } });
    expect((await alice('add', host('needs-lock'))).status.code).toBe(-10147);
  });
});
