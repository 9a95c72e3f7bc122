/**
 * The `exec` endpoints users script against (issue 13, item 7): adding and deleting devices and
 * model devices, device revisions and reloads, CLI scripts on devices and packages, importing a
 * device's policy. Each runs as a task that progresses on the simulator's clock, as on a real
 * FortiManager (the book replay checks the reply shapes; this checks what the commands do).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type FmgHarness, type Json, names, startFmg } from './helpers.js';

let h: FmgHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function open() {
  h = await startFmg();
  const session = await h.login();
  const call = (method: string, param: Json) => h!.call(method, param, { session });
  const task = async (id: unknown) => (await call('get', { url: `/task/task/${String(id)}` })).data as Json;
  return { h, call, task };
}

const model = (name: string, sn: string): Json => ({
  'device action': 'add_model',
  name,
  sn,
  mgmt_mode: 'fmg',
  os_type: 'fos',
  os_ver: '7.0',
  mr: 4,
  platform_str: 'FortiGate-40F',
});

describe('device manager commands run as tasks', () => {
  it('adds a model device (its record and a task), then deletes it', async () => {
    const { h, call, task } = await open();
    const added = await call('exec', {
      url: '/dvm/cmd/add/device',
      data: { adom: 'root', device: model('branch_01', 'FGT40FTK00000001'), flags: ['create_task'] },
    });
    expect(added.status.code).toBe(0);
    const { device, taskid } = added.data as Json;
    expect(device).toMatchObject({ name: 'branch_01', sn: 'FGT40FTK00000001', os_type: 0, mgmt_mode: 3 });
    expect((await task(taskid)).percent).toBeLessThan(100);
    h.clock.advance(60_000);
    expect(await task(taskid)).toMatchObject({ percent: 100, state: 'done', num_err: 0 });
    const listed = await call('get', { url: '/dvmdb/adom/root/device', fields: ['name'] });
    expect(names(listed)).toContain('branch_01');

    const deleted = await call('exec', {
      url: '/dvm/cmd/del/device',
      data: { adom: 'root', device: 'branch_01', flags: ['create_task'] },
    });
    expect(deleted.status.code).toBe(0);
    h.clock.advance(60_000);
    expect(await task((deleted.data as Json).taskid)).toMatchObject({ percent: 100, state: 'done' });
    expect((await call('get', { url: '/dvmdb/adom/root/device/branch_01' })).status.code).toBe(-3);
  });

  it('adds a list of model devices in one task', async () => {
    const { h, call, task } = await open();
    const units = [model('site_a', 'FGT40FTK00000011'), model('site_b', 'FGT40FTK00000012')];
    const added = await call('exec', {
      url: '/dvm/cmd/add/dev-list',
      data: { adom: 'root', 'add-dev-list': units, flags: ['create_task'] },
    });
    expect(added.status.code).toBe(0);
    expect(Object.keys(added.data as Json)).toEqual(['taskid']);
    h.clock.advance(120_000);
    const done = await task((added.data as Json).taskid);
    expect(done).toMatchObject({ percent: 100, num_lines: 2, num_done: 2 });
    const listed = await call('get', { url: '/dvmdb/adom/root/device', fields: ['name'] });
    expect(names(listed)).toEqual(expect.arrayContaining(['site_a', 'site_b']));
  });

  it('reloads devices from the FortiGates (a task), refusing devices of another ADOM', async () => {
    const { h, call, task } = await open();
    const reload = await call('exec', {
      url: '/dvm/cmd/reload/dev-list',
      data: {
        adom: 'root',
        'reload-dev-member-list': [{ name: 'FGT1', vdom: 'root' }],
        flags: ['create_task'],
      },
    });
    expect(reload.status.code).toBe(0);
    h.clock.advance(60_000);
    expect(await task((reload.data as Json).taskid)).toMatchObject({ percent: 100, state: 'done' });
    const elsewhere = await call('exec', {
      url: '/dvm/cmd/reload/dev-list',
      data: { adom: 'dc_emea', 'reload-dev-member-list': [{ name: 'FGT1', vdom: 'root' }] },
    });
    expect(elsewhere.status.code).toBe(-3);
  });
});

describe('device revisions', () => {
  it('lists, imports, checks out and reverts revisions of a device', async () => {
    const { h, call, task } = await open();
    const list = async () =>
      (
        (await call('exec', { url: '/deployment/get/device/revision', data: { device: 'FGT1' } }))
          .data as Json
      ).revinfo as Json[];
    const before = await list();
    expect(before.length).toBeGreaterThanOrEqual(1);
    const imported = await call('exec', {
      url: '/deployment/import/config',
      data: { device: 'FGT1', config: 'config system global\n    set hostname "imported"\nend' },
    });
    expect(imported.status.code).toBe(0);
    h.clock.advance(60_000);
    expect(await task((imported.data as Json).task)).toMatchObject({ percent: 100, state: 'done' });
    const after = await list();
    expect(after.length).toBe(before.length + 1);
    const newest = Number(after[0]!.revision);
    const checkout = await call('exec', {
      url: '/deployment/checkout/revision',
      data: { device: 'FGT1', revision: newest },
    });
    expect(checkout.data).toEqual({ content: expect.stringContaining('imported'), revision: newest });
    expect(
      (await call('exec', { url: '/deployment/revert', data: { device: 'FGT1', revision: newest } })).status
        .code,
    ).toBe(0);
    const missing = await call('exec', {
      url: '/deployment/checkout/revision',
      data: { device: 'FGT1', revision: 999 },
    });
    expect(missing.status.code).toBe(-3);
  });
});

describe('CLI scripts', () => {
  it('runs a script on devices as a task and keeps a log per device', async () => {
    const { h, call, task } = await open();
    const script = {
      name: 'set_hostname',
      type: 'cli',
      target: 'remote_device',
      content: 'config system global\nend',
    };
    expect((await call('add', { url: '/dvmdb/adom/root/script', data: script })).status.code).toBe(0);
    const run = await call('exec', {
      url: '/dvmdb/adom/root/script/execute',
      data: { adom: 'root', script: 'set_hostname', scope: [{ name: 'FGT1', vdom: 'root' }] },
    });
    expect(run.status.code).toBe(0);
    const id = (run.data as Json).task;
    expect((await task(id)).percent).toBeLessThan(100);
    h.clock.advance(60_000);
    expect(await task(id)).toMatchObject({ percent: 100, state: 'done', num_lines: 1 });
    const latest = await call('get', { url: '/dvmdb/adom/root/script/log/latest/device/FGT1' });
    expect(latest.status.code).toBe(0);
    expect(JSON.stringify(latest.data)).toContain('set_hostname');
    const unknown = await call('exec', {
      url: '/dvmdb/adom/root/script/execute',
      data: { adom: 'root', script: 'nope', scope: [{ name: 'FGT1', vdom: 'root' }] },
    });
    expect(unknown.status.code).toBe(-10);
  });
});

describe('policy import', () => {
  it("imports a device's policy into a package assigned to the device", async () => {
    const { h, call, task } = await open();
    const imported = await call('exec', {
      url: '/securityconsole/import/dev/objs',
      data: { adom: 'root', name: 'FGT1', vdom: 'root', dst_name: 'imported_pkg', if_all_policy: 'enable' },
    });
    expect(imported.status.code).toBe(0);
    h.clock.advance(60_000);
    expect(await task((imported.data as Json).task)).toMatchObject({ percent: 100, state: 'done' });
    const pkg = await call('get', { url: '/pm/pkg/adom/root/imported_pkg' });
    expect(pkg.status.code).toBe(0);
    expect((pkg.data as Json)['scope member']).toEqual([{ name: 'FGT1', vdom: 'root' }]);
  });
});
