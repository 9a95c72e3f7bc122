import { afterEach, describe, expect, it } from 'vitest';
import type { SchemaProvider } from '../../../../src/simulator/fortimanager/index.js';
import { type FmgHarness, type Json, names, startFmg } from './helpers.js';

const ADDRESS = '/pm/config/adom/root/obj/firewall/address';
const POLICY = '/pm/config/adom/root/pkg/default/firewall/policy';

let h: FmgHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function open(options: Parameters<typeof startFmg>[0] = {}) {
  h = await startFmg(options);
  const session = await h.login();
  const call = (method: string, param: Json, verbose: 0 | 1 = 1) =>
    h!.call(method, param, { session, verbose });
  return { h, session, call };
}

describe('add, set, update, delete', () => {
  it('adds new objects only (-2 when the key exists) and answers the key', async () => {
    const { call } = await open();
    const added = await call('add', { url: ADDRESS, data: { name: 'a1', subnet: '192.0.2.1/32' } });
    expect(added).toEqual({ data: { name: 'a1' }, status: { code: 0, message: 'OK' }, url: ADDRESS });
    const again = await call('add', { url: ADDRESS, data: { name: 'a1', subnet: '192.0.2.9/32' } });
    expect(again.status).toEqual({ code: -2, message: 'Object already exists' });
    const stored = await call('get', { url: `${ADDRESS}/a1`, fields: ['subnet'] });
    expect((stored.data as Json).subnet).toEqual(['192.0.2.1', '255.255.255.255']);
  });

  it('updates and deletes existing objects only (-3 otherwise)', async () => {
    const { call } = await open();
    expect((await call('update', { url: `${ADDRESS}/ghost`, data: { color: 2 } })).status).toEqual({
      code: -3,
      message: 'Object does not exist',
    });
    expect((await call('delete', { url: `${ADDRESS}/ghost` })).status.code).toBe(-3);
    expect((await call('update', { url: ADDRESS, data: { name: 'ghost', color: 2 } })).status.code).toBe(-3);
    const updated = await call('update', { url: `${ADDRESS}/host_001`, data: { color: 9 } });
    expect(updated.data).toEqual({ name: 'host_001' });
    expect(
      (await call('get', { url: `${ADDRESS}/host_001`, fields: ['color', 'subnet'] })).data,
    ).toMatchObject({
      color: 9,
      subnet: ['10.0.0.1', '255.255.255.255'],
    });
    expect((await call('delete', { url: `${ADDRESS}/host_001` })).status.code).toBe(0);
    expect((await call('get', { url: `${ADDRESS}/host_001` })).status.code).toBe(-3);
  });

  it('set creates or overwrites; omitted attributes return to their defaults', async () => {
    const { call } = await open();
    expect(
      (
        await call('set', {
          url: ADDRESS,
          data: { name: 's1', subnet: '10.1.1.0 255.255.255.0', color: 4, comment: 'x' },
        })
      ).status.code,
    ).toBe(0);
    expect(
      (await call('set', { url: ADDRESS, data: { name: 's1', subnet: '10.1.2.0/24' } })).status.code,
    ).toBe(0);
    const row = (await call('get', { url: `${ADDRESS}/s1`, fields: ['subnet', 'color', 'comment'] }))
      .data as Json;
    expect(row).toMatchObject({ subnet: ['10.1.2.0', '255.255.255.0'], color: 0, comment: null });
  });

  it('accepts enums as numbers or symbols and stores symbols', async () => {
    const { call } = await open();
    await call('add', {
      url: ADDRESS,
      data: { name: 'n1', type: 2, fqdn: 'a.example.com', 'allow-routing': 1 },
    });
    expect(
      (await call('get', { url: `${ADDRESS}/n1`, fields: ['type', 'allow-routing'] })).data,
    ).toMatchObject({
      type: 'fqdn',
      'allow-routing': 'enable',
    });
  });

  it('refuses invalid data with -10 naming the attribute', async () => {
    const { call } = await open();
    const cases: Array<[Json, string]> = [
      [{ name: 'b1', subnet: '10.0.0.300/32' }, 'subnet'],
      [{ name: 'b2', subnet: '10.0.0.1/33' }, 'subnet'],
      [{ name: 'b3', color: 'red' }, 'color'],
      [{ name: 'b4', type: 'banana' }, 'type'],
      [{ name: 'b5', 'allow-routing': -1 }, 'allow-routing'],
      [{ subnet: '10.0.0.1/32' }, 'name'],
      // An object (or a list of several) for a string attribute.
      [{ name: 'b6', comment: { text: 'hello' } }, 'comment'],
      [{ name: 'b7', comment: ['one', 'two'] }, 'comment'],
    ];
    for (const [data, attribute] of cases) {
      const result = await call('add', { url: ADDRESS, data });
      expect(result.status.code, JSON.stringify(data)).toBe(-10);
      expect(result.status.message).toContain(`'${attribute}'`);
    }
  });

  it('answers -6 for urls it does not know', async () => {
    const { call } = await open();
    for (const url of [
      '/pm/config/adom/root/obj/firewall/unknown',
      '/pm/config/adom/nope/obj/firewall/address',
      '/nowhere',
    ]) {
      expect((await call('add', { url, data: { name: 'x' } })).status).toEqual({
        code: -6,
        message: 'Invalid url',
      });
    }
  });

  it('adds several objects in one param and deletes by filter', async () => {
    const { call } = await open();
    const data = ['m1', 'm2', 'm3'].map((name, i) => ({ name, subnet: `10.8.0.${i}/32`, color: i }));
    const added = await call('add', { url: ADDRESS, data });
    // FortiManager answers the key of a one-row write only (recorded: a bulk add answers no data).
    expect(added).toEqual({ status: { code: 0, message: 'OK' }, url: ADDRESS });
    await call('delete', { url: ADDRESS, filter: [['name', 'like', 'm%'], '&&', ['color', '>', 0]] });
    expect(
      names(await call('get', { url: ADDRESS, fields: ['name'], filter: ['name', 'like', 'm%'] })),
    ).toEqual(['m1']);
  });
});

describe('policies, replace, clone, move, unset', () => {
  it('assigns policy ids when absent and moves policies before/after a target', async () => {
    const { call } = await open();
    const added = await call('add', {
      url: POLICY,
      data: { name: 'p3', srcintf: 'any', dstintf: 'any', action: 'accept' },
    });
    expect(added.data).toEqual({ policyid: 3 });
    const order = async () => names(await call('get', { url: POLICY, fields: ['policyid'] }), 'policyid');
    expect(await order()).toEqual([1, 2, 3]);
    expect((await call('move', { url: `${POLICY}/3`, option: 'before', target: '1' })).status.code).toBe(0);
    expect(await order()).toEqual([3, 1, 2]);
    await call('move', { url: `${POLICY}/3`, option: 'after', target: 2 });
    expect(await order()).toEqual([1, 2, 3]);
    expect((await call('move', { url: `${POLICY}/3`, option: 'before', target: '99' })).status.code).toBe(-3);
  });

  it('clones an object under a new key (-2 when taken, -3 when the source is missing)', async () => {
    const { call } = await open();
    const cloned = await call('clone', {
      url: `${ADDRESS}/host_002`,
      data: { name: 'host_002_copy', color: 5 },
    });
    expect(cloned.data).toEqual({ name: 'host_002_copy' });
    const copy = (await call('get', { url: `${ADDRESS}/host_002_copy`, fields: ['subnet', 'color', 'uuid'] }))
      .data as Json;
    const source = (await call('get', { url: `${ADDRESS}/host_002`, fields: ['uuid'] })).data as Json;
    expect(copy).toMatchObject({ subnet: ['10.0.0.2', '255.255.255.255'], color: 5 });
    expect(copy.uuid).not.toBe(source.uuid);
    expect(
      (await call('clone', { url: `${ADDRESS}/host_002`, data: { name: 'host_001' } })).status.code,
    ).toBe(-2);
    expect((await call('clone', { url: `${ADDRESS}/ghost`, data: { name: 'x' } })).status.code).toBe(-3);
  });

  it('update keeps child tables, replace clears them', async () => {
    const { call } = await open();
    const url = `${ADDRESS}/host_001/dynamic_mapping`;
    const mapping = { _scope: [{ name: 'FGT1', vdom: 'root' }], subnet: '10.77.0.1/32' };
    expect((await call('add', { url, data: mapping })).status.code).toBe(0);
    expect((await call('get', { url, fields: ['subnet'] })).data).toEqual([
      { _scope: mapping._scope, subnet: ['10.77.0.1', '255.255.255.255'], oid: expect.any(Number) },
    ]);
    await call('update', { url: `${ADDRESS}/host_001`, data: { color: 6 } });
    expect(names(await call('get', { url }), 'subnet')).toHaveLength(1);
    await call('replace', { url: `${ADDRESS}/host_001`, data: { name: 'host_001', subnet: '10.0.0.1/32' } });
    expect((await call('get', { url })).data).toEqual([]);
    expect((await call('get', { url: `${ADDRESS}/host_001`, fields: ['color'] })).data).toMatchObject({
      color: 0,
    });
  });

  it('unsets attributes with unset attrs and with the unset method', async () => {
    const { call } = await open();
    const url = '/pm/config/device/FGT1/global/system/interface';
    expect((await call('set', { url, data: { name: 'dmz', 'unset attrs': ['ip'] } })).status.code).toBe(0);
    expect((await call('get', { url: `${url}/dmz`, fields: ['ip'] })).data).toMatchObject({
      ip: ['0.0.0.0', '0.0.0.0'],
    });
    await call('update', { url: `${ADDRESS}/host_002`, data: { comment: 'keep?' } });
    expect(
      (await call('unset', { url: `${ADDRESS}/host_002`, data: { 'unset attrs': ['comment', 'color'] } }))
        .status.code,
    ).toBe(0);
    expect(
      (await call('get', { url: `${ADDRESS}/host_002`, fields: ['comment', 'color'] })).data,
    ).toMatchObject({ comment: null, color: 0 });
  });

  it('writes singletons and sub-tables of singletons', async () => {
    const { call } = await open();
    const dns = '/pm/config/device/FGT1/global/system/dns';
    await call('set', { url: dns, data: { primary: '1.1.1.1' } });
    expect((await call('get', { url: dns })).data).toMatchObject({
      primary: '1.1.1.1',
      secondary: '96.45.46.46',
    });
    const hc = '/pm/config/device/FGT1/vdom/root/system/sdwan/health-check';
    expect((await call('add', { url: hc, data: { name: 'probe', protocol: 'ping' } })).status.code).toBe(0);
    expect((await call('add', { url: `${hc}/probe/sla`, data: { 'latency-threshold': 100 } })).data).toEqual({
      id: 1,
    });
    expect(
      (await call('get', { url: `${hc}/probe/sla/1`, fields: ['latency-threshold'] })).data,
    ).toMatchObject({ 'latency-threshold': 100 });
  });
});

describe('ADOMs, devices and packages', () => {
  it('creates an ADOM with a default package and refuses to delete one with devices (-20063) unless forced', async () => {
    const { call } = await open();
    expect(
      (await call('add', { url: '/dvmdb/adom', data: { name: 'lab', restricted_prds: 'fos' } })).status.code,
    ).toBe(0);
    expect(names(await call('get', { url: '/pm/pkg/adom/lab' }))).toEqual(['default']);
    expect(
      (
        await call('add', {
          url: '/pm/config/adom/lab/obj/firewall/address',
          data: { name: 'x', subnet: '1.1.1.1/32' },
        })
      ).status.code,
    ).toBe(0);
    expect((await call('delete', { url: '/dvmdb/adom/lab' })).status.code).toBe(0);
    expect((await call('get', { url: '/pm/config/adom/lab/obj/firewall/address' })).status.code).toBe(-6);
    const busy = await call('delete', { url: '/dvmdb/adom/dc_amer' });
    expect(busy.status).toEqual({
      code: -20063,
      message: 'Unable to delete because one or more devices in Device Manager',
    });
    expect(
      (await call('delete', { url: '/dvmdb/adom/dc_amer', option: 'force', confirm: 1 })).status.code,
    ).toBe(0);
    expect((await call('get', { url: '/dvmdb/device/dut_fgt_01' })).status.code).toBe(-3);
  });

  it('deletes a package with its policies, and updates devices through /dvmdb/device', async () => {
    const { call } = await open();
    await call('add', { url: '/pm/pkg/adom/root', data: { name: 'pp1', type: 'pkg' } });
    await call('add', { url: '/pm/config/adom/root/pkg/pp1/firewall/policy', data: { name: 'p1' } });
    await call('delete', { url: '/pm/pkg/adom/root/pp1' });
    await call('add', { url: '/pm/pkg/adom/root', data: { name: 'pp1', type: 'pkg' } });
    expect((await call('get', { url: '/pm/config/adom/root/pkg/pp1/firewall/policy' })).data).toEqual([]);
    expect(
      (await call('update', { url: '/dvmdb/device/dut_fgt_02', data: { desc: 'lab box' } })).status.code,
    ).toBe(0);
    expect(
      (await call('get', { url: '/dvmdb/adom/dc_amer/device/dut_fgt_02', fields: ['desc'], loadsub: 0 }))
        .data,
    ).toMatchObject({ desc: 'lab box' });
  });
});

describe('schema providers', () => {
  const provider: SchemaProvider = {
    entries: () => [
      {
        template: '/pm/config/adom/{adom}/obj/user/local',
        schema: {
          kind: 'table',
          mkey: 'name',
          strict: true,
          attributes: {
            name: { type: 'str' },
            status: { type: 'str', choices: ['disable', 'enable'] },
            passwd: { type: 'str', sensitive: true },
          },
        },
      },
      { template: '/pm/config/adom/{adom}/obj/firewall/address', schema: { kind: 'table', mkey: 'id' } },
    ],
    validate: (_url, _method, data) =>
      typeof data.name === 'string' && data.name.length > 10
        ? "attribute 'name' is longer than 10"
        : undefined,
  };

  it('adds tables, refuses unknown attributes of strict schemas, and validates every write', async () => {
    const { call } = await open({ schemaProviders: [provider] });
    const url = '/pm/config/adom/root/obj/user/local';
    expect(
      (await call('add', { url, data: { name: 'bob', status: 'enable', passwd: 'secret' } })).status.code,
    ).toBe(0);
    // The password is answered encrypted, as FortiManager does, never in clear.
    expect((await call('get', { url: `${url}/bob` })).data).toEqual({
      name: 'bob',
      status: 'enable',
      passwd: ['ENC', expect.any(String)],
      oid: expect.any(Number),
    });
    const unknown = await call('add', { url, data: { name: 'eve', shoe: 42 } });
    expect(unknown.status.code).toBe(-10);
    expect(unknown.status.message).toContain("'shoe'");
    const long = await call('add', { url: ADDRESS, data: { name: 'a-very-long-name' } });
    expect(long.status).toEqual({
      code: -10,
      message: "The data is invalid for selected url: attribute 'name' is longer than 10",
    });
    // the built-in address table keeps its schema (first registration wins)
    expect((await call('add', { url: ADDRESS, data: { name: 'short', subnet: '1.2.3.4/32' } })).data).toEqual(
      { name: 'short' },
    );
  });
});
