import { beforeAll, describe, expect, it } from 'vitest';
import { f } from '../../../src/fortimanager/index.js';
import { useSimulator } from './harness.js';

const h = useSimulator();
const table = '/pm/config/adom/{adom}/obj/firewall/address';
type Row = Record<string, unknown>;

beforeAll(() => {
  h.sim.fortimanager.seedAddresses('dc_amer', 40); // bulk_dc_amer_<n>, color = n % 32
});

const names = (rows: unknown) => (rows as Row[]).map((r) => r.name as string);

describe('get options against the simulator', () => {
  it('fields limits the attributes (oid always comes back)', async () => {
    const fmg = h.client({ adom: 'dc_amer' });
    const rows = (await fmg.get(table, {
      fields: ['name', 'color'],
      loadsub: false,
      range: [0, 3],
    })) as Row[];
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(Object.keys(row).sort()).toEqual(['color', 'name', 'oid']);
  });

  it('every filter operator of the builder selects what it says', async () => {
    const fmg = h.client({ adom: 'dc_amer' });
    const bulk = (await fmg.get(table, { fields: ['name', 'color'], loadsub: false })) as Array<{
      name: string;
      color: number;
    }>;
    const model = bulk.filter((r) => r.name.startsWith('bulk_'));
    expect(model).toHaveLength(40);
    const q = async (filter: Parameters<typeof f.not>[0]) =>
      names(
        await fmg.get(table, {
          filter: f.and(f.like('name', 'bulk_%'), filter),
          fields: ['name'],
          loadsub: false,
        }),
      );
    const expected = (keep: (r: { name: string; color: number }) => boolean) =>
      model.filter(keep).map((r) => r.name);
    const pick = model[7]!.name;
    expect(await q(f.eq('name', pick))).toEqual([pick]);
    expect(await q(f.ne('color', 0))).toEqual(expected((r) => r.color !== 0));
    expect(await q(f.lt('color', 2))).toEqual(expected((r) => r.color < 2));
    expect(await q(f.le('color', 2))).toEqual(expected((r) => r.color <= 2));
    expect(await q(f.gt('color', 29))).toEqual(expected((r) => r.color > 29));
    expect(await q(f.ge('color', 29))).toEqual(expected((r) => r.color >= 29));
    expect(await q(f.like('name', 'bulk_dc_amer_1_'))).toEqual(
      expected((r) => /^bulk_dc_amer_1.$/.test(r.name)),
    );
    expect(await q(f.in('name', model[3]!.name, model[4]!.name, 'nope'))).toEqual([
      model[3]!.name,
      model[4]!.name,
    ]);
    expect(await q(f.or(f.eq('color', 5), f.eq('color', 6)))).toEqual(
      expected((r) => r.color === 5 || r.color === 6),
    );
    expect(await q(f.not(f.lt('color', 30)))).toEqual(expected((r) => !(r.color < 30)));
    for (const result of [await q(f.ne('color', 0)), await q(f.lt('color', 2)), await q(f.gt('color', 29))]) {
      expect(result.length).toBeGreaterThan(0);
    }
    const groups = await fmg.get('/pm/config/adom/{adom}/obj/firewall/addrgrp', {
      filter: f.contain('member', 'host_002'),
    });
    expect(names(groups)).toEqual(['grp_001']);
    const none = await fmg.get('/pm/config/adom/{adom}/obj/firewall/addrgrp', {
      filter: f.contain('member', 'nope'),
    });
    expect(none).toEqual([]);
  });

  it('accepts raw filter arrays as FortiManager writes them', async () => {
    const fmg = h.client();
    const adoms = await fmg.get('/dvmdb/adom', {
      fields: ['name'],
      filter: ['name', 'in', 'root', 'dc_amer'],
    });
    expect(names(adoms).sort()).toEqual(['dc_amer', 'root']);
  });

  it('range pages and sortings order', async () => {
    const fmg = h.client({ adom: 'dc_amer' });
    const page = await fmg.get(table, {
      filter: f.like('name', 'bulk_%'),
      sortings: [{ color: -1 }, { name: 1 }],
      range: [1, 3],
      fields: ['name', 'color'],
    });
    expect((page as Row[]).map((r) => r.color)).toEqual([30, 29, 28]);
  });

  it("option 'count' answers the number of rows", async () => {
    const fmg = h.client({ adom: 'dc_amer' });
    await expect(fmg.get(table, { filter: f.like('name', 'bulk_%'), option: 'count' })).resolves.toBe(40);
  });

  it('loadsub false leaves sub-tables out', async () => {
    const fmg = h.client({ adom: 'dc_emea' });
    const withSub = (await fmg.get(`${table}/{name}`, { params: { name: 'host_001' } })) as Row;
    const without = (await fmg.get(`${table}/{name}`, {
      params: { name: 'host_001' },
      loadsub: false,
    })) as Row;
    expect(withSub.dynamic_mapping).toHaveLength(1);
    expect(without).not.toHaveProperty('dynamic_mapping');
  });

  it('sub fetch hides sub-tables and narrows their fields; wire keys with spaces work as written', async () => {
    const fmg = h.client();
    const all = (await fmg.get('/dvmdb/device', { fields: ['name'] })) as Row[];
    expect(all.some((d) => Array.isArray(d.vdom))).toBe(true);
    const hidden = (await fmg.get('/dvmdb/device', {
      fields: ['name'],
      subFetch: { vdom: { hidden: true } },
    })) as Row[];
    expect(hidden.every((d) => !('vdom' in d))).toBe(true);
    const wire = await fmg.get('/dvmdb/device', {
      fields: ['name'],
      'sub fetch': { vdom: { 'subfetch hidden': 1 } },
    });
    expect(wire).toEqual(hidden);
    const narrow = (await fmg.get('/dvmdb/device', {
      fields: ['name'],
      subFetch: { vdom: { fields: ['name'] } },
    })) as Row[];
    const vdoms = narrow.flatMap((d) => (d.vdom as Row[] | null) ?? []);
    expect(vdoms.length).toBeGreaterThan(0);
    // FortiManager adds the device (`devid`) to each VDOM a sub fetch lists (recorded).
    for (const vdom of vdoms) expect(Object.keys(vdom).sort()).toEqual(['devid', 'name', 'oid']);
  });

  it('subfetch filter keeps only rows whose fetched sub-table is not empty; scope member narrows mappings', async () => {
    const fmg = h.client({ adom: 'dc_emea' });
    const mapped = await fmg.get(table, {
      fields: ['name'],
      subFetch: { dynamic_mapping: {} },
      subfetchFilter: true,
    });
    expect(names(mapped).sort()).toEqual(['host_001', 'host_002']);
    const scoped = await fmg.get(table, {
      fields: ['name'],
      subFetch: { dynamic_mapping: { scopeMember: [{ name: 'branch1_fgt', vdom: 'root' }] } },
      'subfetch filter': 1,
    });
    expect(names(scoped)).toEqual(['host_002']);
  });

  it('verbose answers symbolic values, verbose: false numeric ones', async () => {
    const fmg = h.client({ adom: 'root' });
    const url = `${table}/{name}`;
    const symbolic = (await fmg.get(url, { params: { name: 'host_001' }, fields: ['type'] })) as Row;
    const numeric = (await fmg.get(url, {
      params: { name: 'host_001' },
      fields: ['type'],
      verbose: false,
    })) as Row;
    expect(symbolic.type).toBe('ipmask');
    expect(numeric.type).toBe(0);
    const plain = h.client({ adom: 'root', verbose: false });
    expect(((await plain.get(url, { params: { name: 'host_001' }, fields: ['type'] })) as Row).type).toBe(0);
  });

  it('meta fields, expand datasrc and extra wire keys are sent and accepted', async () => {
    const fmg = h.client({ adom: 'root' });
    const rows = await fmg.get(table, {
      fields: ['name'],
      metaFields: ['owner'],
      expandDatasrc: [{ name: 'associated-interface', datasrc: [{ 'obj type': 'dynamic interface' }] }],
      extraParams: { 'object template': 0 },
    });
    expect(names(rows)).toContain('host_001');
  });
});
