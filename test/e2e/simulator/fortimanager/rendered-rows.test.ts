/**
 * The simulator answers a row's `get` from the JSON it rendered before (query/rendered.ts). Each test
 * reads first, so that the rendering is remembered, then writes one way, then reads again: it fails if
 * that kind of write left a remembered rendering in place. The last ones check that options that
 * render a row differently never get another rendering's bytes.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type FmgHarness, type Json, names, startFmg } from './helpers.js';

const ADDRESS = '/pm/config/adom/root/obj/firewall/address';
const GROUP = '/pm/config/adom/root/obj/firewall/addrgrp';

let h: FmgHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function open(options: Parameters<typeof startFmg>[0] = {}) {
  h = await startFmg(options);
  const session = await h.login();
  const harness = h;
  const call = (method: string, param: Json, as = session) => harness.call(method, param, { session: as });
  /** One row, read as an item and as part of its table (both renderings remembered). */
  const row = async (url: string, name: string, as = session) => {
    const item = await call('get', { url: `${url}/${name}` }, as);
    const listed = await call('get', { url, filter: ['name', '==', name] }, as);
    if (item.status.code !== 0) return undefined;
    expect((listed.data as Json[])[0]).toEqual(item.data);
    return item.data as Json;
  };
  const ok = async (method: string, param: Json, as = session) =>
    expect((await call(method, param, as)).status.code, `${method} ${String(param.url)}`).toBe(0);
  return { h: harness, session, call, row, ok };
}

describe('a remembered row is forgotten when it is written', () => {
  it('set, update and replace', async () => {
    const { row, ok } = await open();
    expect(await row(ADDRESS, 'host_001')).toMatchObject({ color: 1, comment: null });
    await ok('set', { url: `${ADDRESS}/host_001`, data: { name: 'host_001', comment: 'set' } });
    expect(await row(ADDRESS, 'host_001')).toMatchObject({ color: 0, comment: 'set' });
    await ok('update', { url: `${ADDRESS}/host_001`, data: { color: 9 } });
    expect(await row(ADDRESS, 'host_001')).toMatchObject({ color: 9, comment: 'set' });
    await ok('replace', { url: ADDRESS, data: { name: 'host_001', subnet: '10.1.1.1/32' } });
    expect(await row(ADDRESS, 'host_001')).toMatchObject({
      color: 0,
      comment: null,
      subnet: ['10.1.1.1', '255.255.255.255'],
    });
  });

  it('a rename, an update of every row a filter matches, and unset', async () => {
    const { row, ok, call } = await open();
    await row(ADDRESS, 'host_002');
    await ok('update', { url: `${ADDRESS}/host_002`, data: { name: 'renamed', comment: 'new name' } });
    expect(await row(ADDRESS, 'host_002')).toBeUndefined();
    expect(await row(ADDRESS, 'renamed')).toMatchObject({ comment: 'new name' });
    const before = await call('get', { url: ADDRESS, fields: ['name', 'color'] });
    expect((before.data as Json[]).some((r) => r.color === 4)).toBe(false);
    await ok('update', { url: ADDRESS, filter: ['name', 'like', 'host_%'], data: { color: 4 } });
    const after = (await call('get', { url: ADDRESS, fields: ['name', 'color'] })).data as Json[];
    expect(after.filter((r) => String(r.name).startsWith('host_')).map((r) => r.color)).toEqual(
      after.filter((r) => String(r.name).startsWith('host_')).map(() => 4),
    );
    await ok('unset', { url: `${ADDRESS}/renamed`, data: { 'unset attrs': ['comment'] } });
    expect(await row(ADDRESS, 'renamed')).toMatchObject({ comment: null });
  });

  it('add, delete (one, by filter) and clone change the table answered', async () => {
    const { row, ok, call } = await open();
    const table = async () => names(await call('get', { url: ADDRESS }));
    const first = await table();
    await ok('add', { url: ADDRESS, data: { name: 'added', subnet: '10.5.5.5/32', color: 3 } });
    expect(await table()).toEqual([...first, 'added']);
    expect(await row(ADDRESS, 'added')).toMatchObject({ color: 3 });
    await ok('clone', { url: `${ADDRESS}/added`, data: { name: 'cloned', color: 8 } });
    const clone = await row(ADDRESS, 'cloned');
    expect(clone).toMatchObject({ color: 8, subnet: ['10.5.5.5', '255.255.255.255'] });
    expect(clone?.uuid).not.toBe((await row(ADDRESS, 'added'))?.uuid);
    await ok('delete', { url: `${ADDRESS}/added` });
    expect(await row(ADDRESS, 'added')).toBeUndefined();
    await ok('add', { url: ADDRESS, data: { name: 'added', subnet: '10.5.5.6/32', color: 5 } });
    expect(await row(ADDRESS, 'added')).toMatchObject({ color: 5, subnet: ['10.5.5.6', '255.255.255.255'] });
    await ok('delete', { url: ADDRESS, data: ['added'] });
    await ok('delete', { url: ADDRESS, filter: ['name', '==', 'cloned'] });
    expect(await table()).toEqual(first);
  });

  it('move answers the new order', async () => {
    const { ok, call } = await open();
    const table = async () => names(await call('get', { url: ADDRESS }));
    const [a, b, ...rest] = await table();
    await ok('move', { url: `${ADDRESS}/${String(b)}`, option: 'before', target: String(a) });
    expect(await table()).toEqual([b, a, ...rest]);
  });

  it('member edits and sub-table edits', async () => {
    const { row, ok, call } = await open();
    expect(await row(GROUP, 'grp_001')).toMatchObject({ member: ['host_001', 'host_002'] });
    await ok('add', { url: `${GROUP}/grp_001/member`, data: ['host_003'] });
    expect(await row(GROUP, 'grp_001')).toMatchObject({ member: ['host_001', 'host_002', 'host_003'] });
    await ok('delete', { url: `${GROUP}/grp_001/member`, data: ['host_001'] });
    expect(await row(GROUP, 'grp_001')).toMatchObject({ member: ['host_002', 'host_003'] });

    const mappings = `${ADDRESS}/host_001/dynamic_mapping`;
    expect(await row(ADDRESS, 'host_001')).toMatchObject({ dynamic_mapping: null });
    expect((await call('get', { url: mappings })).data).toEqual([]);
    const scope = [{ name: 'FGT1', vdom: 'root' }];
    await ok('add', { url: mappings, data: { _scope: scope, subnet: '10.77.0.1/32' } });
    expect((await row(ADDRESS, 'host_001'))?.dynamic_mapping).toEqual([
      expect.objectContaining({ _scope: scope, subnet: ['10.77.0.1', '255.255.255.255'] }),
    ]);
    expect(names(await call('get', { url: mappings }), 'subnet')).toEqual([['10.77.0.1', '255.255.255.255']]);
    await ok('update', { url: `${mappings}/FGT1/root`, data: { subnet: '10.77.0.2/32' } });
    expect(names(await call('get', { url: mappings }), 'subnet')).toEqual([['10.77.0.2', '255.255.255.255']]);
    expect((await row(ADDRESS, 'host_001'))?.dynamic_mapping).toEqual([
      expect.objectContaining({ subnet: ['10.77.0.2', '255.255.255.255'] }),
    ]);
  });

  it('a singleton object', async () => {
    const { ok, call } = await open();
    const dns = async () => (await call('get', { url: '/cli/global/system/dns' })).data as Json;
    await ok('set', { url: '/cli/global/system/dns', data: { primary: '192.0.2.53' } });
    const before = await dns();
    expect(before).toMatchObject({ primary: '192.0.2.53' });
    await ok('update', { url: '/cli/global/system/dns', data: { primary: '192.0.2.54' } });
    expect(await dns()).toEqual({ ...before, primary: '192.0.2.54' });
  });

  it('rows seeded in bulk, then written', async () => {
    const { h, row, ok } = await open();
    h.sim.fortimanager.seedAddresses('root', 1_000);
    expect(await row(ADDRESS, 'bulk_root_500')).toMatchObject({ color: 500 % 32 });
    await ok('update', { url: `${ADDRESS}/bulk_root_500`, data: { color: 31 - (500 % 32) } });
    expect(await row(ADDRESS, 'bulk_root_500')).toMatchObject({ color: 31 - (500 % 32) });
  });
});

describe('a workspace lock', () => {
  it('shows its writes to its holder only, and forgets them on unlock or shows them to all on commit', async () => {
    const { h, session: alice, row, ok } = await open({ workspaceMode: 'normal' });
    const bob = await h.login();
    const lock = { url: '/dvmdb/adom/root/workspace/lock' };
    expect(await row(ADDRESS, 'host_001', bob)).toMatchObject({ comment: null });
    await ok('exec', lock);
    await ok('update', { url: `${ADDRESS}/host_001`, data: { comment: 'staged' } });
    expect(await row(ADDRESS, 'host_001')).toMatchObject({ comment: 'staged' });
    expect(await row(ADDRESS, 'host_001', bob)).toMatchObject({ comment: null });
    await ok('exec', { url: '/dvmdb/adom/root/workspace/unlock' });
    expect(await row(ADDRESS, 'host_001', alice)).toMatchObject({ comment: null });

    await ok('exec', lock);
    await ok('update', { url: `${ADDRESS}/host_001`, data: { comment: 'committed' } });
    await ok('exec', { url: '/dvmdb/adom/root/workspace/commit' });
    await ok('exec', { url: '/dvmdb/adom/root/workspace/unlock' });
    expect(await row(ADDRESS, 'host_001', bob)).toMatchObject({ comment: 'committed' });
  });
});

describe('options that render a row differently get their own rendering', () => {
  it('verbose, fields (and their order), loadsub', async () => {
    const { h, session } = await open();
    const get = async (param: Json, verbose: 0 | 1) =>
      (await h.call('get', { url: `${ADDRESS}/host_001`, ...param }, { session, verbose })).data as Json;
    expect((await get({}, 1)).type).toBe('ipmask');
    expect((await get({}, 0)).type).toBe(0);
    expect((await get({}, 1)).type).toBe('ipmask');
    const fields = async (list: string[]) => Object.keys(await get({ fields: list, loadsub: 0 }, 1));
    expect(await fields(['subnet', 'color'])).toEqual(['subnet', 'color', 'oid']);
    expect(await fields(['color', 'subnet'])).toEqual(['color', 'subnet', 'oid']);
    expect(await get({}, 1)).toHaveProperty('dynamic_mapping');
    expect(await get({ loadsub: 0 }, 1)).not.toHaveProperty('dynamic_mapping');
  });

  it('columns computed per request are added after a plain read', async () => {
    const { call } = await open();
    expect((await call('get', { url: `${ADDRESS}/host_001` })).data).not.toHaveProperty('obj flags');
    const used = (await call('get', { url: `${ADDRESS}/host_001`, option: ['get used'] })).data as Json;
    expect(used['obj flags']).toBe(1);
    const extra = (await call('get', { url: ADDRESS, option: ['extra info'], fields: ['name'] }))
      .data as Json[];
    expect(extra[0]).toHaveProperty('_created timestamp');
    expect((await call('get', { url: ADDRESS, fields: ['name'] })).data as Json[]).not.toContainEqual(
      expect.objectContaining({ 'obj flags': expect.anything() }),
    );
  });

  it('answers the same bytes the second time', async () => {
    const { h, session } = await open();
    const body = { id: 7, method: 'get', params: [{ url: ADDRESS }, { url: `${GROUP}/grp_001` }], session };
    const text = async () => {
      const response = await fetch(`${h.sim.fortimanager.url}/jsonrpc`, {
        method: 'POST',
        body: JSON.stringify(body),
      });
      // The call counter (`cid`) grows with each request; the rest must not change.
      return (await response.text()).replace(/,"cid":\d+}$/, '}');
    };
    const first = await text();
    expect(JSON.parse(first)).toMatchObject({
      id: 7,
      result: [{ url: ADDRESS }, { url: `${GROUP}/grp_001` }],
    });
    expect(await text()).toBe(first);
  });
});
