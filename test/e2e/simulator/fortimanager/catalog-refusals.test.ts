/**
 * Writes the catalog facts refuse: values outside `choices`, unknown attributes (also inside
 * sub-table rows) and missing keys get -10 naming the attribute, and nothing is stored; what the
 * simulator adds to rows itself (oid, numbered keys, mappings, `unset attrs`) is accepted back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FmgAttributeFacts, FmgFacts } from '../../../../src/fortimanager/catalog/facts.js';
import { loadFmgFacts } from '../../../../src/fortimanager/catalog/facts.js';
import { seededRandom } from '../../../../src/simulator/context.js';
import { builtinSchemas } from '../../../../src/simulator/fortimanager/schemas/index.js';
import {
  chooseTables,
  enumAttribute,
  escapeName,
  fillTemplate,
  keyOf,
  parentLevels,
  plainUrls,
  shuffled,
  type TableCase,
} from './catalog-data.js';
import { type FmgHarness, type Json, type ParamResult, startFmg } from './helpers.js';

const INVALID = 'not-a-choice';

let h: FmgHarness | undefined;
let session = '';
let facts: FmgFacts;
/** Random tables (seeded) whose parents exist, each with an attribute that has choices. */
let cases: TableCase[];

beforeAll(async () => {
  facts = await loadFmgFacts();
  h = await startFmg();
  session = await h.login();
  cases = chooseTables(facts, 400, seededRandom(7)).filter((c) => enumAttribute(c.object) !== undefined);
  for (const level of parentLevels(cases)) await many('add', level);
});
afterAll(() => h?.close());

async function many(method: string, params: Json[]): Promise<ParamResult[]> {
  return (await h!.rpc(method, params, { session, verbose: 1 })).result;
}

const call = async (method: string, param: Json): Promise<ParamResult> => (await many(method, [param]))[0]!;

/** Every result is -10 and its message names `names[i]`; lists the others. */
function notRefused(results: readonly ParamResult[], names: readonly string[]): string[] {
  return results.flatMap((result, i) =>
    result.status.code === -10 && result.status.message.includes(`'${names[i]}'`)
      ? []
      : [`${names[i]}: ${result.status.code} ${result.status.message}`],
  );
}

/** Keyed cases only (their item URL is known before the write). */
function keyed(): Array<TableCase & { key: Json; item: string }> {
  return cases.flatMap((c, i) => {
    const key = keyOf(c.object, i);
    return key === undefined ? [] : [{ ...c, key: key.data, item: `${c.url}/${escapeName(key.segment)}` }];
  });
}

describe('writes the catalog refuses', () => {
  it('refuses enum values outside the choices with -10 naming the attribute, and stores nothing', async () => {
    const targets = keyed();
    expect(targets.length).toBeGreaterThan(100);
    const names = targets.map((c) => enumAttribute(c.object)!);
    const results = await many(
      'add',
      targets.map((c, i) => ({ url: c.url, data: { ...c.key, [names[i]!]: INVALID } })),
    );
    expect(notRefused(results, names)).toEqual([]);
    const reads = await many(
      'get',
      targets.map((c) => ({ url: c.item })),
    );
    expect(reads.filter((r) => r.status.code !== -3)).toEqual([]);
  });

  it('refuses unknown attributes, also inside sub-table rows', async () => {
    const targets = keyed();
    const top = await many(
      'add',
      targets.map((c) => ({ url: c.url, data: { ...c.key, 'no-such-attribute': 1 } })),
    );
    expect(
      notRefused(
        top,
        targets.map(() => 'no-such-attribute'),
      ),
    ).toEqual([]);

    const nested = targets.flatMap((c) => {
      const sub = Object.keys(c.object.attributes).find((name) => {
        const attr = c.object.attributes[name] as FmgAttributeFacts;
        return (
          attr.type === 'list' &&
          attr.elements === 'dict' &&
          attr.sub !== undefined &&
          name !== 'dynamic_mapping'
        );
      });
      return sub === undefined ? [] : [{ c, sub }];
    });
    expect(nested.length).toBeGreaterThan(20);
    const results = await many(
      'add',
      nested.map(({ c, sub }) => ({ url: c.url, data: { ...c.key, [sub]: [{ 'no-such-attribute': 1 }] } })),
    );
    expect(
      notRefused(
        results,
        nested.map(({ sub }) => `${sub}.no-such-attribute`),
      ),
    ).toEqual([]);
  });

  it('refuses updates with invalid values and keeps the row as it was', async () => {
    const targets = keyed().slice(0, 40);
    const added = await many(
      'add',
      targets.map((c) => ({ url: c.url, data: c.row })),
    );
    expect(added.filter((r) => r.status.code !== 0)).toEqual([]);
    const names = targets.map((c) => enumAttribute(c.object)!);
    const before = await many(
      'get',
      targets.map((c) => ({ url: c.item })),
    );
    const refused = await many(
      'update',
      targets.map((c, i) => ({ url: c.item, data: { [names[i]!]: INVALID } })),
    );
    expect(notRefused(refused, names)).toEqual([]);
    expect(
      await many(
        'get',
        targets.map((c) => ({ url: c.item })),
      ),
    ).toEqual(before);
  });

  it('requires the key of tables keyed by name; numbers rows of tables keyed by an integer', async () => {
    const byName = keyed().filter((c) => typeof c.key[c.object.mkey ?? ''] === 'string');
    expect(byName.length).toBeGreaterThan(50);
    const missing = await many(
      'add',
      byName.map((c) => ({ url: c.url, data: {} })),
    );
    expect(
      notRefused(
        missing,
        byName.map((c) => c.object.mkey!),
      ),
    ).toEqual([]);

    const byNumber = keyed().filter((c) => typeof c.key[c.object.mkey ?? ''] === 'number');
    expect(byNumber.length).toBeGreaterThan(10);
    const numbered = await many(
      'add',
      byNumber.map((c) => ({ url: c.url, data: {} })),
    );
    expect(numbered.map((r) => r.status.code)).toEqual(byNumber.map(() => 0));
    expect(numbered.every((r, i) => typeof (r.data as Json)[byNumber[i]!.object.mkey!] === 'number')).toBe(
      true,
    );
  });

  it('checks singletons: invalid values refused, valid values stored', async () => {
    // `/pm/pkg/adom/{adom}` is a singleton in the facts, but the built-in package table there wins.
    const builtin = new Set([...builtinSchemas.entries()].map((e) => e.template));
    const singletons = shuffled(
      facts.objects.filter(
        (o) => o.kind === 'object' && enumAttribute(o) !== undefined && !builtin.has(o.urls[0]!),
      ),
      seededRandom(11),
    )
      .slice(0, 80)
      .flatMap((object) => {
        const filled = fillTemplate(facts, plainUrls(object)[0] ?? '', 0);
        return filled === undefined || filled.parents.length > 0 ? [] : [{ object, url: filled.url }];
      });
    expect(singletons.length).toBeGreaterThan(20);
    const names = singletons.map((s) => enumAttribute(s.object)!);
    const refused = await many(
      'set',
      singletons.map((s, i) => ({ url: s.url, data: { [names[i]!]: INVALID } })),
    );
    expect(notRefused(refused, names)).toEqual([]);
    const choices = singletons.map((s, i) => (s.object.attributes[names[i]!] as FmgAttributeFacts).choices!);
    const stored = await many(
      'set',
      singletons.map((s, i) => ({ url: s.url, data: { [names[i]!]: choices[i]!.at(-1) } })),
    );
    expect(stored.filter((r) => r.status.code !== 0)).toEqual([]);
    const read = await many(
      'get',
      singletons.map((s) => ({ url: s.url })),
    );
    expect(read.map((r, i) => (r.data as Json)[names[i]!])).toEqual(choices.map((c) => c.at(-1)));
  });
});

describe('what the simulator adds to rows is accepted back', () => {
  it('sets seeded objects back as they were read (oid, [ip, mask], mappings, meta fields, sub-tables)', async () => {
    const urls = [
      '/dvmdb/adom/root',
      '/dvmdb/adom/root/device/FGT1',
      '/cli/global/system/admin/user/admin',
      '/pm/config/adom/dc_emea/obj/firewall/address/host_001',
      '/pm/config/adom/root/obj/firewall/addrgrp/grp_001',
      '/pm/config/adom/root/pkg/default/firewall/policy/1',
      '/pm/config/device/FGT1/global/system/interface/port1',
      '/pm/config/device/FGT1/vdom/root/system/sdwan',
    ];
    for (const verbose of [1, 0] as const) {
      const rows = await h!.rpc(
        'get',
        urls.map((url) => ({ url })),
        { session, verbose },
      );
      expect(rows.result.map((r) => r.status.code)).toEqual(urls.map(() => 0));
      const written = await h!.rpc(
        'set',
        urls.map((url, i) => ({ url, data: rows.result[i]!.data })),
        { session, verbose },
      );
      expect(written.result.map((r) => `${r.url} ${r.status.message}`)).toEqual(
        urls.map((url) => `${url} OK`),
      );
    }
    const address = (await call('get', { url: urls[3]! })).data as Json;
    expect(address).toMatchObject({ oid: expect.any(Number), subnet: ['10.0.0.1', '255.255.255.255'] });
    expect(address.dynamic_mapping).toEqual([expect.objectContaining({ oid: expect.any(Number) })]);
    const unset = { 'unset attrs': ['comment'], subnet: '10.0.0.1/32' };
    expect((await call('update', { url: urls[3], data: unset })).status.code).toBe(0);
    const wrongUnset = await call('update', { url: urls[3], data: { 'unset attrs': ['no-such-attribute'] } });
    expect(wrongUnset.status.message).toContain('no-such-attribute');
  });

  it('numbers sub-table rows the facts give no key and accepts them back', async () => {
    const url = '/pm/config/adom/root/obj/webfilter/url-list';
    const data = { name: 'ul1', entries: [{ url: 'a.example' }, { url: 'b.example' }] };
    expect((await call('add', { url, data })).status.code).toBe(0);
    expect((await call('add', { url: `${url}/ul1/entries`, data: { url: 'c.example' } })).data).toEqual({
      id: 3,
    });
    const row = (await call('get', { url: `${url}/ul1` })).data as Json;
    expect(row.entries).toEqual([
      { id: 1, url: 'a.example', oid: expect.any(Number) },
      { id: 2, url: 'b.example', oid: expect.any(Number) },
      { id: 3, url: 'c.example', oid: expect.any(Number) },
    ]);
    expect((await call('set', { url: `${url}/ul1`, data: row })).status.code).toBe(0);
    expect((await call('get', { url: `${url}/ul1/entries/2` })).data).toMatchObject({ url: 'b.example' });
  });
});

describe('catalog: false', () => {
  it('serves only the built-in schemas', async () => {
    const bare = await startFmg({ catalog: false });
    try {
      const login = await bare.login();
      const catalogOnly = await bare.call(
        'get',
        { url: '/pm/config/adom/root/obj/webfilter/url-list' },
        { session: login },
      );
      expect(catalogOnly.status.code).toBe(-6);
      const builtin = await bare.call(
        'get',
        { url: '/pm/config/adom/root/obj/firewall/address/all' },
        { session: login },
      );
      expect(builtin.status.code).toBe(0);
    } finally {
      await bare.close();
    }
  });
});
