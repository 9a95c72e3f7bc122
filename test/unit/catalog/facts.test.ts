import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { FACTS_URL, type FmgFacts, loadFmgFacts } from '../../../src/fortimanager/catalog/facts.js';
import { templateParams } from '../../../src/fortimanager/catalog/rules.js';

let facts: FmgFacts;
beforeAll(async () => {
  facts = await loadFmgFacts();
});

const ADDRESSES = '/pm/config/adom/{adom}/obj/firewall/address';

describe('loadFmgFacts', () => {
  it('reads the facts from the package root, at the same depth from src/ and dist/', () => {
    expect(existsSync(FACTS_URL)).toBe(true);
    const root = new URL('../../', FACTS_URL);
    const fromDist = new URL(
      '../../../specs/fortimanager/objects.json.br',
      new URL('dist/fortimanager/catalog/facts.js', root),
    );
    expect(fromDist.href).toBe(FACTS_URL.href);
  });

  it('loads once and caches', async () => {
    expect(await loadFmgFacts()).toBe(facts);
    expect(facts.objects.length).toBe(1370);
    expect(facts.templates.length).toBe(4042);
    expect(facts.versions[0]).toBe('6.0.0');
  });
});

describe('FmgFacts.match', () => {
  it('resolves literal item URLs with decoded params', () => {
    const m = facts.match('/pm/config/adom/root/obj/firewall/address/h\\/1');
    expect(m?.object.name).toBe('firewall_address');
    expect(m?.template).toBe(`${ADDRESSES}/{address}`);
    expect(m?.item).toBe(true);
    expect(m?.params).toEqual({ adom: 'root', address: 'h/1' });
  });

  it('accepts URLs without the leading slash, and templates themselves', () => {
    expect(facts.match('pm/config/global/obj/firewall/address')?.template).toBe(
      '/pm/config/global/obj/firewall/address',
    );
    expect(facts.match(ADDRESSES)).toMatchObject({ template: ADDRESSES, item: false, params: {} });
  });

  it('prefers literal segments and longer templates', () => {
    expect(facts.match('/pm/config/adom/root/obj/firewall/address/h1/dynamic_mapping')?.object.name).toBe(
      'firewall_address_dynamicmapping',
    );
    expect(facts.match('/pm/pkg/adom/root/folder/pkg1/scope member')).toMatchObject({
      template: '/pm/pkg/adom/{adom}/{pkg_path}/scope member',
      params: { adom: 'root', pkg_path: 'folder/pkg1' },
    });
    expect(facts.match('/pm/pkg/adom/root/folder/pkg1')?.params).toEqual({
      adom: 'root',
      pkg_path: 'folder/pkg1',
    });
  });

  it('returns undefined for unknown URLs', () => {
    expect(facts.match('/no/such/url')).toBeUndefined();
    expect(facts.match('/pm/config/adom/root/obj/firewall/nosuchtable')).toBeUndefined();
  });

  it('round-trips every catalogued template', () => {
    const misses: string[] = [];
    for (const { template, object } of facts.templates) {
      const names = templateParams(template);
      const url = names.reduce((u, name, i) => u.replace(`{${name}}`, `v${i}`), template);
      const m = facts.match(url);
      const expected = Object.fromEntries(names.map((name, i) => [name, `v${i}`]));
      if (
        m?.template !== template ||
        m.object !== object ||
        JSON.stringify(m.params) !== JSON.stringify(expected)
      ) {
        misses.push(`${template} -> ${m?.template}`);
      }
    }
    expect(misses).toEqual([]);
  });
});

describe('FmgFacts.describe', () => {
  it('describes a table collection URL', () => {
    const d = facts.describe('/pm/config/adom/root/obj/firewall/address');
    expect(d).toMatchObject({
      object: 'firewall_address',
      kind: 'table',
      item: false,
      mkey: 'name',
      required: ['name'],
      methods: ['get', 'add', 'set', 'update', 'replace', 'delete'],
      reply: 'list',
      versions: '6.0.0+',
    });
    const byName = new Map(d?.fields.map((f) => [f.name, f]));
    expect(byName.get('allow-routing')).toMatchObject({ type: 'str', choices: ['disable', 'enable'] });
    expect(byName.get('clearpass-spt')?.versions).toBe('6.2.2+');
    expect(byName.get('subnet')).toMatchObject({ type: 'ip-mask', overridden: true });
    const scope = byName.get('dynamic_mapping')?.fields?.find((f) => f.name === '_scope');
    expect(scope?.fields?.map((f) => f.name)).toEqual(['is group', 'name', 'vdom']);
  });

  it('describes item, exec and singleton URLs', () => {
    expect(facts.describe('/pm/config/adom/root/obj/firewall/address/h1')?.methods).toEqual([
      'get',
      'set',
      'update',
      'replace',
      'delete',
      'clone',
    ]);
    const login = facts.describe('/sys/login/user');
    expect(login).toMatchObject({ kind: 'exec', methods: ['exec'], body: 'data' });
    expect(login?.fields.find((f) => f.name === 'passwd')?.sensitive).toBe(true);
    expect(facts.describe('/dvmdb/adom/root/workflow/approve/12')?.body).toBe('workflow');
    // the facts give /sys/status no schema; the overrides give its reply shape and keys
    expect(facts.describe('/sys/status')).toMatchObject({ kind: 'get', reply: 'one' });
    expect(facts.describe('/sys/status')?.fields.find((f) => f.name === 'Major')?.type).toBe('int');
    expect(facts.describe('/pm/config/adom/root/_package/status')?.reply).toBe('unknown');
  });

  it('returns undefined for unknown URLs', () => {
    expect(facts.describe('/nope')).toBeUndefined();
  });
});

describe('FmgFacts.validate', () => {
  const url = '/pm/config/adom/root/obj/firewall/address';
  const codes = (data: unknown, method = 'add', version?: string): string[][] =>
    facts.validate(url, method, data, version === undefined ? {} : { version }).map((i) => [i.code, i.path]);

  it('accepts valid data', () => {
    expect(
      codes({ name: 'h1', type: 'ipmask', subnet: '10.0.0.1/32', color: 3, 'allow-routing': 'enable' }),
    ).toEqual([]);
    expect(codes([{ name: 'h1' }, { name: 'h2', comment: null }])).toEqual([]);
  });

  it('reports unknown attributes, bad enums and wrong types', () => {
    expect(codes({ name: 'h1', colour: 3, type: 'bogus', color: 'red', tagging: 'x' })).toEqual([
      ['unknown-attribute', 'colour'],
      ['invalid-choice', 'type'],
      ['wrong-type', 'color'],
      ['wrong-type', 'tagging'],
    ]);
  });

  it('checks nested sub-tables and list items', () => {
    expect(
      codes({ name: 'h1', tagging: [{ name: 't', nope: 1 }], dynamic_mapping: [{ 'obj-type': 'x' }] }),
    ).toEqual([
      ['unknown-attribute', 'tagging[0].nope'],
      ['invalid-choice', 'dynamic_mapping[0].obj-type'],
    ]);
  });

  it('requires the key on collection writes, not on item URLs', () => {
    expect(codes({ color: 1 })).toEqual([['missing-required', 'name']]);
    expect(codes({ color: 1 }, 'update')).toEqual([['missing-required', 'name']]);
    expect(facts.validate(`${url}/h1`, 'update', { color: 1 })).toEqual([]);
    expect(facts.validate(`${url}/h1`, 'clone', { color: 1 }).map((i) => i.code)).toEqual([
      'missing-required',
    ]);
  });

  it('refuses methods that do not apply', () => {
    expect(facts.validate(url, 'exec', {}).map((i) => i.code)).toEqual(['method']);
    expect(facts.validate(`${url}/h1`, 'add', {}).map((i) => i.code)).toEqual(['method']);
    expect(facts.validate('/sys/login/user', 'get', undefined).map((i) => i.code)).toEqual(['method']);
  });

  it('checks version ranges when a version is given', () => {
    expect(codes({ name: 'h1', 'clearpass-spt': 'unknown' }, 'add', '6.0.0')).toEqual([
      ['version', 'clearpass-spt'],
    ]);
    expect(codes({ name: 'h1', 'clearpass-spt': 'unknown' }, 'add', '7.4.3')).toEqual([]);
    expect(codes({ name: 'h1', 'clearpass-spt': 'unknown' })).toEqual([]);
  });

  it('checks unset attrs names', () => {
    expect(
      facts.validate(`${url}/h1`, 'set', { 'unset attrs': ['comment', 'nope'] }).map((i) => i.code),
    ).toEqual(['unknown-attribute']);
  });

  it('is lenient where FortiManager is', () => {
    // numeric enum values (seed 001), single item for a list, list of names for a reference string
    expect(codes({ name: 'h1', type: 1, macaddr: 'aa', 'associated-interface': ['port1'] })).toEqual([]);
  });

  it('gives no issues for URLs outside the catalog', () => {
    expect(facts.validate('/not/catalogued', 'add', { anything: 1 })).toEqual([]);
  });
});
