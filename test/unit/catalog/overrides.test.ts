import { beforeAll, describe, expect, it } from 'vitest';
import { type FmgFacts, loadFmgFacts } from '../../../src/fortimanager/catalog/facts.js';
import {
  acceptsShape,
  KEY_OVERRIDES,
  REPLY_ATTRIBUTES,
  REPLY_SHAPE_OVERRIDES,
  requiredKeyOverride,
  SHAPE_OVERRIDES,
  shapeOverrideAt,
} from '../../../src/fortimanager/catalog/overrides.js';
import { mkeyOf } from '../../../src/fortimanager/catalog/rules.js';
import { loadSeedFixtures, seedFixture } from './seed-fixtures.js';

let facts: FmgFacts;
beforeAll(async () => {
  facts = await loadFmgFacts();
});

/** A reply row is what FortiManager accepts back: check it as a `set` on the same URL. */
const writeMethod = (method: string): string => (method === 'get' ? 'set' : method);

describe('catalog overrides against the seed examples', () => {
  it('has the seed fixtures', () => {
    expect(loadSeedFixtures().map((f) => f.file)).toEqual([
      'fmg-address-add.json',
      'fmg-address-dynamic-mapping-reply.json',
      'fmg-address-get-item-reply.json',
      'fmg-install-device.json',
      'fmg-login.json',
      'fmg-scope-group.json',
    ]);
  });

  for (const fixture of loadSeedFixtures()) {
    it(`accepts ${fixture.file} (seed ${fixture.seed})`, () => {
      expect(facts.match(fixture.url)).toBeDefined();
      expect(facts.validate(fixture.url, writeMethod(fixture.method), fixture.data)).toEqual([]);
    });
  }

  it('needs the subnet override: the facts say str, the seeds return [ip, mask]', () => {
    const reply = seedFixture('fmg-address-get-item-reply.json').data as { subnet: unknown };
    expect(facts.object('firewall_address')?.attributes.subnet?.type).toBe('str');
    expect(Array.isArray(reply.subnet)).toBe(true);
    expect(shapeOverrideAt('firewall_address', 'subnet')).toBe('ip-mask');
    expect(acceptsShape('ip-mask', reply.subnet)).toBe(true);
  });

  it('checks every override target against the facts (no stale paths)', () => {
    for (const override of SHAPE_OVERRIDES) {
      for (const name of override.objects) {
        for (const path of override.paths) {
          let attrs = facts.object(name)?.attributes;
          const parts = path.split('.');
          for (const part of parts.slice(0, -1)) attrs = attrs?.[part]?.sub;
          expect(attrs?.[parts.at(-1) ?? ''], `${name}:${path}`).toBeDefined();
        }
      }
    }
  });

  it('accepts the address forms of seed 001 and refuses others', () => {
    expect(acceptsShape('ip-mask', '10.0.0.2/32')).toBe(true);
    expect(acceptsShape('ip-mask', '10.0.0.0 255.255.255.0')).toBe(true);
    expect(acceptsShape('ip-mask', ['10.1.0.1', '255.255.255.255'])).toBe(true);
    expect(acceptsShape('ip-mask', '10.0.0.2/33')).toBe(false);
    expect(acceptsShape('ip-mask', 'host_001')).toBe(false);
    expect(acceptsShape('ip-mask', ['10.1.0.1'])).toBe(false);
  });

  it('refuses a wrong subnet and a non-boolean is group', () => {
    const url = '/pm/config/adom/root/obj/firewall/address/h1/dynamic_mapping';
    const issues = facts.validate(url, 'add', {
      _scope: [{ name: 'g', 'is group': 'yes' }],
      subnet: 'nowhere',
    });
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['wrong-type', '_scope[0].is group'],
      ['wrong-type', 'subnet'],
    ]);
  });

  it('keys dynamic mappings by _scope', () => {
    const mapping = facts.object('firewall_address_dynamicmapping');
    expect(mapping?.mkey).toBeNull();
    expect(mapping === undefined ? undefined : requiredKeyOverride(mapping)).toEqual(['_scope']);
    const issues = facts.validate('/pm/config/adom/root/obj/firewall/address/h1/dynamic_mapping', 'add', {
      subnet: '10.0.0.1/32',
    });
    expect(issues.map((i) => i.code)).toEqual(['missing-required']);
  });
});

describe('extra sub-table attributes from the seeds', () => {
  it('accepts a device row of seed 003 written back as read (vdom rows carry devid, flags, ...)', async () => {
    const row = (await seed003DeviceRows())[0]!;
    const issues = facts.validate(`/dvmdb/device/${String(row.name)}`, 'update', row);
    expect(issues).toEqual([]);
    // and the extras are still checked: ext_flags is a number
    const vdom = (row.vdom as Array<Record<string, unknown>>)[0]!;
    const wrong = { ...row, vdom: [{ ...vdom, ext_flags: 'one' }] };
    expect(facts.validate(`/dvmdb/device/${String(row.name)}`, 'update', wrong).map((i) => i.code)).toContain(
      'wrong-type',
    );
  });
});

describe('what the facts leave out', () => {
  it('keys devices by name: every device row of seed 003 has one', async () => {
    const rows = await seed003DeviceRows();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(typeof row.name).toBe('string');
    expect(facts.describe('/dvmdb/device/{device}')?.mkey).toBe('name');
  });

  it('overrides keys only where the facts name none, with an attribute of that name', () => {
    for (const [name, key] of Object.entries(KEY_OVERRIDES)) {
      const object = facts.object(name);
      expect(object?.kind, name).toBe('table');
      expect(object?.mkey, name).toBeNull();
      expect(object?.attributes[key], `${name}.${key}`).toBeDefined();
      expect(object === undefined ? undefined : mkeyOf(object)).toBe(key);
    }
  });

  it('gives reply shapes only to read-only selectors the facts say nothing about', () => {
    for (const name of Object.keys(REPLY_SHAPE_OVERRIDES)) {
      const object = facts.object(name);
      expect(object?.kind, name).toBe('get');
      expect(object?.itemUrls ?? [], name).toEqual([]);
      expect(object?.attributesFrom, name).toBeUndefined();
    }
    expect(facts.describe('/sys/status')?.reply).toBe('one');
    expect(facts.describe('/dvmdb/adom/{adom}/script/log/list')?.reply).toBe('list');
  });

  it('gives attributes only to replies without a schema in the facts', () => {
    for (const name of Object.keys(REPLY_ATTRIBUTES)) {
      expect(Object.keys(facts.object(name)?.attributes ?? { missing: true }), name).toEqual([]);
    }
    const fields = facts.describe('/sys/status')?.fields.map((f) => f.name) ?? [];
    expect(fields).toContain('Version');
    expect(fields).toContain('Serial Number');
  });
});

/** The device rows seed 003 answers with their sub-tables shown. */
async function seed003DeviceRows(): Promise<Array<Record<string, unknown>>> {
  const { readFile } = await import('node:fs/promises');
  const exchange = JSON.parse(
    await readFile(
      new URL('../../fixtures/fmg-seed-exchanges/003-02-sub-tables-shown.json', import.meta.url),
      'utf8',
    ),
  ) as { response: { result: Array<{ data: Array<Record<string, unknown>> }> } };
  return exchange.response.result[0]!.data;
}
