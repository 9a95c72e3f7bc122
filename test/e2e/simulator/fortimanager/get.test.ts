import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FmgHarness, type Json, names, startFmg } from './helpers.js';

const ADDRESS = '/pm/config/adom/root/obj/firewall/address';

let h: FmgHarness;
let session: string;

beforeAll(async () => {
  h = await startFmg();
  session = await h.login();
  const colors = [1, 2, 1, 3, 2];
  const data = colors.map((color, i) => ({
    name: `h${i}`,
    subnet: `10.9.0.${i}/32`,
    color,
    comment: i % 2 ? 'odd' : 'even',
  }));
  data.push({ name: 'web server', subnet: '10.9.1.1 255.255.255.255', color: 7, comment: 'spaces' });
  const reply = await h.rpc('add', [{ url: ADDRESS, data }], { session });
  expect(reply.result[0]?.status.code).toBe(0);
});
afterAll(() => h.close());

const get = (param: Json, verbose: 0 | 1 = 1) =>
  h.call('get', { url: ADDRESS, ...param }, { session, verbose });
const filtered = async (filter: unknown) => names(await get({ filter, fields: ['name'] }));

describe('get: filters', () => {
  it('compares with ==, !=, <, <=, >, >=', async () => {
    expect(await filtered(['name', '==', 'h1'])).toEqual(['h1']);
    expect(await filtered(['color', '==', 1])).toEqual(['host_001', 'h0', 'h2']);
    expect((await filtered(['color', '!=', 1])).includes('h0')).toBe(false);
    expect(await filtered([['color', '>', 2], '&&', ['name', 'like', 'h%']])).toEqual(['host_002', 'h3']);
    expect(await filtered([['color', '>=', 3], '&&', ['name', 'like', 'h_']])).toEqual(['h3']);
    expect(await filtered([['color', '<', 2], '&&', ['name', 'like', 'h_']])).toEqual(['h0', 'h2']);
    expect(await filtered([['color', '<=', 1], '&&', ['name', 'like', 'h_']])).toEqual(['h0', 'h2']);
  });

  it('matches like with % and _, case-insensitively', async () => {
    expect(await filtered(['name', 'like', 'H_'])).toEqual(['h0', 'h1', 'h2', 'h3', 'h4']);
    expect(await filtered(['name', 'like', '%server'])).toEqual(['web server']);
    expect(await filtered(['name', 'like', 'h1%'])).toEqual(['h1']);
  });

  it('takes in with a list or with values as further items', async () => {
    expect(await filtered(['name', 'in', ['h1', 'h3', 'nope']])).toEqual(['h1', 'h3']);
    expect(await filtered(['name', 'in', 'h0', 'h4'])).toEqual(['h0', 'h4']);
  });

  it('supports contain on lists and text', async () => {
    const grp = await h.call(
      'get',
      { url: '/pm/config/adom/root/obj/firewall/addrgrp', filter: ['member', 'contain', 'host_002'] },
      { session },
    );
    expect(names(grp)).toEqual(['grp_001']);
    expect(await filtered(['comment', 'contain', 'pac'])).toEqual(['web server']);
  });

  it('nests &&, || and ! as FortiManager does', async () => {
    expect(await filtered([['name', 'like', 'h%'], '&&', ['color', '==', 1]])).toEqual([
      'host_001',
      'h0',
      'h2',
    ]);
    expect(await filtered([['name', '==', 'h1'], '||', ['name', '==', 'h4']])).toEqual(['h1', 'h4']);
    expect(
      await filtered([['name', '==', 'h1'], '||', ['color', '==', 2], '&&', ['comment', '==', 'odd']]),
    ).toEqual(['h1']);
    expect(await filtered(['!', ['name', 'like', '%h%']])).not.toContain('h0');
    expect(await filtered([['!', ['color', '==', 1]], '&&', ['name', 'like', 'h_']])).toEqual([
      'h1',
      'h3',
      'h4',
    ]);
    expect(await filtered([['name', 'like', 'h_'], '&&', ['name', '!in', 'h0', 'h1', 'h2']])).toEqual([
      'h3',
      'h4',
    ]);
  });

  it('filters enums by number or symbol and subnets in any written form', async () => {
    expect(await filtered([['type', '==', 0], '&&', ['name', '==', 'h1']])).toEqual(['h1']);
    expect(await filtered(['type', '==', 'fqdn'])).toEqual(['www.example.com']);
    expect(await filtered(['subnet', '==', '10.9.0.2/32'])).toEqual(['h2']);
    expect(await filtered(['subnet', '==', ['10.9.1.1', '255.255.255.255']])).toEqual(['web server']);
  });

  it('refuses a malformed filter with -10', async () => {
    const result = await get({ filter: ['name', 42] });
    expect(result.status.code).toBe(-10);
    expect(result.status.message).toContain('filter');
  });
});

describe('get: range, sortings, fields, count', () => {
  it('pages with range [start, count] in table order', async () => {
    const all = names(await get({ fields: ['name'] }));
    const page = names(await get({ fields: ['name'], range: [2, 3] }));
    expect(page).toEqual(all.slice(2, 5));
    expect(names(await get({ fields: ['name'], range: [all.length, 10] }))).toEqual([]);
    expect(names(await get({ fields: ['name'], filter: ['name', 'like', 'h_'], range: [1, 2] }))).toEqual([
      'h1',
      'h2',
    ]);
  });

  it('sorts by one or more keys, ascending or descending', async () => {
    const byName = names(
      await get({ fields: ['name'], filter: ['name', 'like', 'h_'], sortings: [{ name: -1 }] }),
    );
    expect(byName).toEqual(['h4', 'h3', 'h2', 'h1', 'h0']);
    const byColor = names(
      await get({
        fields: ['name'],
        filter: ['name', 'like', 'h_'],
        sortings: [{ color: 1 }, { name: -1 }],
        range: [0, 3],
      }),
    );
    expect(byColor).toEqual(['h2', 'h0', 'h4']);
  });

  it('answers only the requested fields plus oid', async () => {
    const result = await get({ fields: ['name', 'color'], filter: ['name', '==', 'h3'], loadsub: 0 });
    expect(result.data).toEqual([{ name: 'h3', color: 3, oid: expect.any(Number) }]);
  });

  it('counts rows with option count', async () => {
    const total = (await get({ option: ['count'] })).data as number;
    expect(total).toBe(names(await get({ fields: ['name'] })).length);
    expect(
      (await get({ option: 'count', filter: [['color', '==', 1], '&&', ['name', 'like', 'h_']] })).data,
    ).toBe(2);
  });

  it('hides sub-tables with loadsub 0 and answers empty ones as null', async () => {
    const withSub = (await get({ filter: ['name', '==', 'h0'], fields: ['name'] })).data as Json[];
    expect(withSub[0]).toMatchObject({ name: 'h0', dynamic_mapping: null, list: null, tagging: null });
    const noSub = (await get({ filter: ['name', '==', 'h0'], fields: ['name'], loadsub: 0 })).data as Json[];
    expect(Object.keys(noSub[0]!).sort()).toEqual(['name', 'oid']);
    const option = (await get({ filter: ['name', '==', 'h0'], fields: ['name'], option: ['no loadsub'] }))
      .data as Json[];
    expect(option[0]).not.toHaveProperty('dynamic_mapping');
  });
});

describe('get: objects, verbose, keys', () => {
  it('gets one object by item url, a space sent as it is (nothing is percent-decoded)', async () => {
    const plain = await h.call('get', { url: `${ADDRESS}/web server` }, { session });
    expect((plain.data as Json).name).toBe('web server');
    const encoded = await h.call('get', { url: `${ADDRESS}/web%20server` }, { session });
    expect(encoded.status.code).toBe(-3);
    expect(encoded.url).toBe(`${ADDRESS}/web%20server`);
  });

  it('answers enums by symbol with verbose 1 and by number without', async () => {
    const item = { url: `${ADDRESS}/h1`, fields: ['type', 'allow-routing', 'subnet'] };
    const symbolic = await h.call('get', item, { session, verbose: 1 });
    const numeric = await h.call('get', item, { session, verbose: 0 });
    expect(symbolic.data).toMatchObject({
      type: 'ipmask',
      'allow-routing': 'disable',
      subnet: ['10.9.0.1', '255.255.255.255'],
    });
    expect(numeric.data).toMatchObject({ type: 0, 'allow-routing': 0 });
    const policy = await h.call(
      'get',
      { url: '/pm/config/adom/root/pkg/default/firewall/policy', fields: ['action', 'status'] },
      { session, verbose: 0 },
    );
    expect((policy.data as Json[]).map((p) => p.action)).toEqual([1, 0]);
  });

  it('answers -3 for a missing object and -6 for an unknown url', async () => {
    expect((await h.call('get', { url: `${ADDRESS}/nope` }, { session })).status).toEqual({
      code: -3,
      message: 'Object does not exist',
    });
    expect(
      (await h.call('get', { url: '/pm/config/adom/root/obj/firewall/nothing' }, { session })).status.code,
    ).toBe(-6);
    expect(
      (await h.call('get', { url: '/pm/config/adom/missing/obj/firewall/address' }, { session })).status.code,
    ).toBe(-6);
  });

  it('gets singletons, system status and dvmdb tables of one ADOM', async () => {
    const status = await h.call('get', { url: '/sys/status' }, { session });
    expect(status.data).toMatchObject({ Hostname: 'FMG-VM64', 'Admin Domain Configuration': 'Enabled' });
    const global = await h.call(
      'get',
      { url: '/cli/global/system/global', fields: ['workspace-mode', 'adom-status'] },
      { session },
    );
    expect(global.data).toMatchObject({ 'workspace-mode': 'disabled', 'adom-status': 'enable' });
    const amer = await h.call(
      'get',
      { url: '/dvmdb/adom/dc_amer/device', fields: ['name'], loadsub: 0 },
      { session },
    );
    expect(names(amer)).toEqual(['dut_fgt_01', 'dut_fgt_02', 'dut_fgt_03']);
    const vdoms = await h.call('get', { url: '/dvmdb/device/FGT1/vdom', fields: ['name'] }, { session });
    expect(names(vdoms)).toEqual(['root', 'vd1']);
    const dns = await h.call('get', { url: '/pm/config/device/FGT1/global/system/dns' }, { session });
    expect(dns.data).toMatchObject({ primary: '96.45.45.45' });
  });

  it('accepts meta fields, expand datasrc and option lists without failing', async () => {
    const result = await get({
      'meta fields': ['owner'],
      'expand datasrc': [{ name: 'associated-interface' }],
      option: ['get flags', 'extra info'],
      range: [0, 1],
    });
    expect(result.status.code).toBe(0);
    expect(result.data).toHaveLength(1);
  });
});

describe('get: sub fetch', () => {
  const EMEA = '/pm/config/adom/dc_emea/obj/firewall/address';

  it('keeps only parents whose filtered sub-table is not empty (subfetch filter)', async () => {
    const result = await h.call(
      'get',
      { url: EMEA, fields: ['name'], 'sub fetch': { dynamic_mapping: {} }, 'subfetch filter': 1 },
      { session },
    );
    expect(names(result)).toEqual(['host_001', 'host_002']);
    const filteredSub = await h.call(
      'get',
      {
        url: EMEA,
        fields: ['name'],
        'sub fetch': { dynamic_mapping: { fields: ['subnet'], filter: ['subnet', '==', '10.2.0.1/32'] } },
        'subfetch filter': 1,
      },
      { session },
    );
    expect(names(filteredSub)).toEqual(['host_002']);
    // The mapping's key (`_scope`) comes with the fields, as FortiManager always answers the key.
    expect((filteredSub.data as Json[])[0]!.dynamic_mapping).toEqual([
      {
        _scope: [{ name: 'branch1_fgt', vdom: 'root' }],
        subnet: ['10.2.0.1', '255.255.255.255'],
        oid: expect.any(Number),
      },
    ]);
  });

  it('filters per-device mappings by scope member', async () => {
    const scoped = await h.call(
      'get',
      {
        url: EMEA,
        fields: ['name'],
        'scope member': [{ name: 'branch1_fgt', vdom: 'root' }],
        'sub fetch': { dynamic_mapping: {} },
        'subfetch filter': 1,
      },
      { session },
    );
    expect(names(scoped)).toEqual(['host_002']);
    const inSubFetch = await h.call(
      'get',
      {
        url: EMEA,
        'sub fetch': { dynamic_mapping: { 'scope member': [{ name: 'dc_emea_dev_001', vdom: 'root' }] } },
        'subfetch filter': 1,
      },
      { session },
    );
    expect(names(inSubFetch)).toEqual(['host_001']);
  });

  it('hides chosen sub-tables and restricts sub-table fields', async () => {
    const device = await h.call(
      'get',
      { url: '/dvmdb/device/FGT1', fields: ['name'], 'sub fetch': { vdom: { 'subfetch hidden': 1 } } },
      { session },
    );
    expect(Object.keys(device.data as Json).sort()).toEqual(['ha_slave', 'name', 'oid', 'onboard_rule']);
    const health = await h.call(
      'get',
      {
        url: '/pm/config/device/branch2_fgt/vdom/root/system/sdwan/health-check',
        fields: ['protocol'],
        'sub fetch': { sla: { fields: ['packetloss-threshold'] } },
        filter: ['protocol', '==', 'ping'],
      },
      { session },
    );
    // FortiManager answers the rows' keys only when `fields` asks for them (seed 003, recorded).
    expect(health.data).toEqual([
      {
        protocol: 'ping',
        oid: expect.any(Number),
        sla: [{ 'packetloss-threshold': 2, oid: expect.any(Number) }],
      },
    ]);
  });
});
