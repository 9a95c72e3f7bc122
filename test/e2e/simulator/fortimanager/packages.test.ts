/**
 * Policy packages in folders against the simulated FortiManager, over loopback JSON-RPC: creating a
 * folder tree with `subobj`, putting packages into folders, addressing a package and its policy
 * tables by path, renames and deletes that take the policies along, the refusal to delete a folder
 * that holds something, package status, installs and previews, and package locks by path.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type FmgHarness, type Json, type ParamResult, startFmg } from './helpers.js';

let harness: FmgHarness | undefined;

afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function open(options: Parameters<typeof startFmg>[0] = {}) {
  const h = await startFmg(options);
  harness = h;
  const session = await h.login();
  const call = (method: string, param: Json, verbose: 0 | 1 = 1): Promise<ParamResult> =>
    h.call(method, param, { session, verbose });
  return { h, session, call };
}

const OK = { code: 0, message: 'OK' };

/** emea/ (france/ (pp_france), pp_emea), and a top-level package `pp_top`. */
const TREE = [
  {
    name: 'emea',
    type: 'folder',
    subobj: [
      { name: 'france', type: 'folder', subobj: [{ name: 'pp_france', type: 'pkg' }] },
      { name: 'pp_emea', type: 'pkg' },
    ],
  },
  { name: 'pp_top', type: 'pkg' },
];

async function withTree() {
  const opened = await open();
  const written = await opened.call('set', { url: 'pm/pkg/adom/root', data: TREE });
  expect(written).toEqual({ status: OK, url: 'pm/pkg/adom/root' });
  return opened;
}

function entry(list: unknown, name: string): Json {
  const found = (list as Json[]).find((item) => item.name === name);
  if (!found) throw new Error(`no entry ${name} in ${JSON.stringify(list)}`);
  return found;
}

describe('folders of policy packages', () => {
  it('a set with subobj creates the folder tree; the table answers folders with what they hold', async () => {
    const { call } = await withTree();
    const table = await call('get', { url: '/pm/pkg/adom/root' }, 0);
    expect(table.status).toEqual(OK);
    const emea = entry(table.data, 'emea');
    expect(Object.keys(emea)).toEqual(['name', 'oid', 'subobj', 'type']);
    expect(emea.type).toBe('folder');
    const france = entry(emea.subobj, 'france');
    const ppFrance = entry(france.subobj, 'pp_france');
    expect(ppFrance).toMatchObject({ name: 'pp_france', 'obj ver': 1, type: 'pkg' });
    expect(typeof ppFrance.oid).toBe('number');
    // Not verbose: the settings are numbered; a package assigned to nothing has no `scope member`.
    expect(ppFrance['package settings']).toEqual({
      'central-nat': 0,
      'consolidated-firewall-mode': 0,
      'fwpolicy-implicit-log': 0,
      'fwpolicy6-implicit-log': 0,
      'hitc-taskid': 0,
      'hitc-timestamp': 0,
      'ngfw-mode': 0,
      'policy-offload-level': 0,
    });
    expect(ppFrance).not.toHaveProperty('scope member');
    expect(entry(table.data, 'pp_top').type).toBe('pkg');
    const verbose = await call('get', { url: '/pm/pkg/adom/root/emea/france/pp_france' });
    expect(verbose.data).toMatchObject({
      name: 'pp_france',
      'package settings': { 'central-nat': 'disable', 'ngfw-mode': 'profile-based' },
    });
    const folder = await call('get', { url: '/pm/pkg/adom/root/emea/france' });
    expect((folder.data as Json).subobj).toEqual([expect.objectContaining({ name: 'pp_france' })]);
  });

  it('puts packages into existing folders, keeping what the folders hold', async () => {
    const { call } = await withTree();
    // The way scripts add a package to a folder: the folder, with the package in `subobj`.
    const viaTable = await call('add', {
      url: '/pm/pkg/adom/root',
      data: { name: 'emea', type: 'folder', subobj: [{ name: 'pp_spain', type: 'pkg' }] },
    });
    expect(viaTable.status).toEqual(OK);
    // The folder's url is the table of what it holds.
    expect(
      (await call('add', { url: '/pm/pkg/adom/root/emea/france', data: { name: 'pp_lyon', type: 'pkg' } }))
        .status,
    ).toEqual(OK);
    expect(
      (await call('set', { url: '/pm/pkg/adom/root/emea/italy', data: { type: 'folder' } })).status,
    ).toEqual(OK);
    const emea = (await call('get', { url: '/pm/pkg/adom/root/emea' })).data as Json;
    expect((emea.subobj as Json[]).map((e) => e.name)).toEqual(['france', 'pp_emea', 'pp_spain', 'italy']);
    const france = entry(emea.subobj, 'france');
    expect((france.subobj as Json[]).map((e) => e.name)).toEqual(['pp_france', 'pp_lyon']);
    expect(entry(emea.subobj, 'italy')).toMatchObject({ type: 'folder', subobj: null });
    // A package that exists is not added again.
    const again = await call('add', {
      url: '/pm/pkg/adom/root/emea',
      data: { name: 'pp_emea', type: 'pkg' },
    });
    expect(again.status.code).toBe(-2);
    const retype = await call('set', {
      url: '/pm/pkg/adom/root',
      data: { name: 'emea', type: 'pkg' },
    });
    expect(retype.status.code).toBe(-10);
  });

  it('addresses a package inside folders and its policy tables by path', async () => {
    const { call } = await withTree();
    const policies = '/pm/config/adom/root/pkg/emea/france/pp_france/firewall/policy';
    const added = await call('add', { url: policies, data: { name: 'allow_dns', action: 'accept' } });
    expect(added).toMatchObject({ status: OK, url: policies, data: { policyid: 1 } });
    expect(((await call('get', { url: policies })).data as Json[]).map((p) => p.name)).toEqual(['allow_dns']);
    // The path as one escaped segment is the same package.
    const escaped = await call('get', {
      url: '/pm/config/adom/root/pkg/emea\\/france\\/pp_france/firewall/policy/1',
    });
    expect(escaped.data).toMatchObject({ name: 'allow_dns' });
    for (const wrong of [
      '/pm/config/adom/root/pkg/emea/spain/pp_france/firewall/policy',
      '/pm/config/adom/root/pkg/emea/france/firewall/policy',
      '/pm/config/adom/root/pkg/pp_france/firewall/policy',
    ]) {
      expect((await call('get', { url: wrong })).status, wrong).toEqual({ code: -6, message: 'Invalid url' });
    }
    for (const missing of ['/pm/pkg/adom/root/emea/nope', '/pm/pkg/adom/root/nope']) {
      expect((await call('get', { url: missing })).status.code, missing).toBe(-6);
      expect((await call('delete', { url: missing })).status.code, missing).toBe(-6);
    }
  });

  it('refuses to delete a folder that holds something; deletes take the policies along', async () => {
    const { call } = await withTree();
    const policies = '/pm/config/adom/root/pkg/emea/france/pp_france/firewall/policy';
    await call('add', { url: policies, data: { name: 'p1' } });
    const refused = await call('delete', { url: '/pm/pkg/adom/root/emea/france' });
    expect(refused.status.code).toBe(-10);
    expect(refused.status.message).toMatch(/folder 'emea\/france' is not empty/);
    expect((await call('delete', { url: '/pm/pkg/adom/root', data: ['emea'] })).status.code).toBe(-10);
    expect((await call('get', { url: policies })).status).toEqual(OK);
    expect(await call('delete', { url: '/pm/pkg/adom/root/emea/france/pp_france' })).toEqual({
      status: OK,
      url: '/pm/pkg/adom/root/emea/france/pp_france',
    });
    expect((await call('delete', { url: '/pm/pkg/adom/root/emea/france' })).status).toEqual(OK);
    // A package of the same name later starts with no policies.
    await call('add', {
      url: '/pm/pkg/adom/root/emea/france',
      data: { type: 'folder', subobj: [{ name: 'pp_france' }] },
    });
    expect((await call('get', { url: policies })).data).toEqual([]);
  });

  it('renaming a folder moves its packages and their policies', async () => {
    const { call } = await withTree();
    await call('add', {
      url: '/pm/config/adom/root/pkg/emea/pp_emea/firewall/policy',
      data: { name: 'kept' },
    });
    expect(
      (await call('update', { url: '/pm/pkg/adom/root/emea', data: { name: 'europe' } })).status,
    ).toEqual(OK);
    const moved = await call('get', { url: '/pm/config/adom/root/pkg/europe/pp_emea/firewall/policy' });
    expect((moved.data as Json[]).map((p) => p.name)).toEqual(['kept']);
    expect(
      (await call('get', { url: '/pm/config/adom/root/pkg/emea/pp_emea/firewall/policy' })).status.code,
    ).toBe(-6);
    expect(
      (await call('update', { url: '/pm/pkg/adom/root/europe', data: { name: 'pp_top' } })).status.code,
    ).toBe(-2);
  });

  it('assigns devices to a package in a folder; package status names it by path', async () => {
    const { call } = await withTree();
    const members = '/pm/pkg/adom/root/emea/france/pp_france/scope member';
    expect(await call('add', { url: members, data: [{ name: 'FGT1', vdom: 'root' }] })).toEqual({
      status: OK,
      url: members,
    });
    expect((await call('get', { url: members })).data).toEqual([{ name: 'FGT1', vdom: 'root' }]);
    await call('delete', { url: '/pm/pkg/adom/root/default/scope member' });
    const status = await call('get', { url: '/pm/config/adom/root/_package/status' });
    expect(status.data).toEqual([
      { dev: 'FGT1', pkg: 'emea/france/pp_france', status: 'installed', vdom: 'root' },
    ]);
    const filtered = await call('get', {
      url: '/pm/config/adom/root/_package/status',
      filter: ['pkg', '==', ['emea', 'france', 'pp_france']],
    });
    expect(filtered.data).toEqual(status.data);
    const one = await call('get', { url: '/pm/config/adom/root/pkg/emea/france/pp_france/_package/status' });
    expect(one.data).toEqual(status.data);
    const none = await call('get', { url: '/pm/config/adom/root/pkg/pp_top/_package/status' });
    expect(none).toEqual({ status: OK, url: '/pm/config/adom/root/pkg/pp_top/_package/status' });
  });

  it('installs and previews a package in a folder, named by path', async () => {
    const { h, session, call } = await withTree();
    h.sim.fortimanager.setDeviceReachable('FGT1', true);
    const pkg = 'emea/france/pp_france';
    await call('add', { url: `/pm/pkg/adom/root/${pkg}/scope member`, data: { name: 'FGT1', vdom: 'root' } });
    await call('add', {
      url: `/pm/config/adom/root/pkg/${pkg}/firewall/policy`,
      data: { name: 'from_france' },
    });
    const preview = await call('exec', {
      url: '/securityconsole/install/package',
      data: { adom: 'root', pkg, flags: ['preview'] },
    });
    expect(preview.status).toEqual(OK);
    h.clock.advance(10_000);
    const result = await call('exec', {
      url: '/securityconsole/preview/result',
      data: { adom: 'root', device: 'FGT1' },
    });
    expect(String((result.data as Json).message)).toContain('from_france');
    const install = await call('exec', {
      url: '/securityconsole/install/package',
      data: { adom: 'root', pkg, flags: ['none'], scope: [{ name: 'FGT1', vdom: 'root' }] },
    });
    const task = (install.data as Json).task;
    h.clock.advance(10_000);
    const done = await h.call('get', { url: `/task/task/${String(task)}` }, { session });
    expect(done.data).toMatchObject({ state: 'done', num_err: 0 });
    const unknown = await call('exec', {
      url: '/securityconsole/install/package',
      data: { adom: 'root', pkg: 'emea/france' },
    });
    expect(unknown.status.code).toBe(-10);
  });

  it('runs a CLI script on a package in a folder, named by path', async () => {
    const { call } = await withTree();
    const script = {
      name: 'tidy',
      content: 'config firewall policy\nend',
      target: 'adom_database',
      type: 'cli',
    };
    expect((await call('add', { url: '/dvmdb/adom/root/script', data: script })).status).toEqual(OK);
    const run = (pkg: string) =>
      call('exec', {
        url: '/dvmdb/adom/root/script/execute',
        data: { adom: 'root', script: 'tidy', package: pkg },
      });
    expect((await run('emea/pp_emea')).data).toEqual({ task: expect.any(Number) });
    expect((await run('emea')).status.code).toBe(-10);
  });

  it('in workspace mode, a package in a folder is locked by its path', async () => {
    const { h, call } = await open({ workspaceMode: 'normal' });
    const other = await h.login('admin');
    await call('exec', { url: '/dvmdb/adom/root/workspace/lock' });
    expect((await call('set', { url: 'pm/pkg/adom/root', data: TREE })).status).toEqual(OK);
    await call('exec', { url: '/dvmdb/adom/root/workspace/commit' });
    await call('exec', { url: '/dvmdb/adom/root/workspace/unlock' });
    const lock = await call('exec', { url: '/dvmdb/adom/root/workspace/lock/pkg/emea/france/pp_france' });
    expect(lock.status).toEqual(OK);
    const policies = '/pm/config/adom/root/pkg/emea/france/pp_france/firewall/policy';
    expect((await call('add', { url: policies, data: { name: 'staged' } })).status).toEqual(OK);
    const blocked = await h.call('add', { url: policies, data: { name: 'other' } }, { session: other });
    expect(blocked.status.code).toBe(-20055);
    const info = await call('get', { url: '/dvmdb/adom/root/workspace/lockinfo/pkg/emea/france/pp_france' });
    expect(info.data).toEqual([expect.objectContaining({ obj_url: 'pkg/emea/france/pp_france', type: 3 })]);
    await call('exec', { url: '/dvmdb/adom/root/workspace/commit/pkg/emea/france/pp_france' });
    await call('exec', { url: '/dvmdb/adom/root/workspace/unlock/pkg/emea/france/pp_france' });
    const committed = await h.call('get', { url: policies }, { session: other });
    expect((committed.data as Json[]).map((p) => p.name)).toEqual(['staged']);
  });

  it('reports whether a package in a folder can be viewed by interface pair', async () => {
    const { h, session, call } = await withTree();
    const url = '/pm/config/adom/root/pkg/emea/pp_emea/_query/interface_pair_view/firewall/policy';
    await call('add', {
      url: '/pm/config/adom/root/pkg/emea/pp_emea/firewall/policy',
      data: { name: 'paired', srcintf: 'port1', dstintf: 'port2' },
    });
    const reply = await h.rpc('get', [{ url, fields: ['srcintf', 'dstintf'] }], { session });
    expect(reply.result[0]).toEqual({ interface_pair_view: 1, status: OK, url });
    await call('add', {
      url: '/pm/config/adom/root/pkg/emea/pp_emea/firewall/policy',
      data: { name: 'any', srcintf: 'any', dstintf: 'port2' },
    });
    const again = await h.rpc('get', [{ url }], { session });
    expect(again.result[0]).toMatchObject({ interface_pair_view: 0, status: OK });
  });
});
