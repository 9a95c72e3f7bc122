/**
 * The simulator knows every catalogued table and singleton: 200 tables chosen at random (seeded, so
 * a failure reproduces) go through add, get, update, get, delete, get with data generated from the
 * facts. Each step is one multiplexed JSON-RPC request with a param per table.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FmgFacts, loadFmgFacts } from '../../../../src/fortimanager/catalog/facts.js';
import { seededRandom } from '../../../../src/simulator/context.js';
import {
  chooseTables,
  escapeName,
  fillTemplate,
  keyOf,
  parentLevels,
  plainUrls,
  type TableCase,
} from './catalog-data.js';
import { type FmgHarness, type Json, type ParamResult, startFmg } from './helpers.js';

const SEED = 20_260_101;
const TABLES = 200;

let h: FmgHarness | undefined;
let session = '';
let facts: FmgFacts;

beforeAll(async () => {
  facts = await loadFmgFacts();
  h = await startFmg();
  session = await h.login();
});
afterAll(() => h?.close());

async function many(method: string, params: Json[]): Promise<ParamResult[]> {
  const reply = await h!.rpc(method, params, { session, verbose: 1 });
  expect(reply.result).toHaveLength(params.length);
  return reply.result;
}

/** `name: code message` of every result that is not `code`, so a failure lists them all. */
function unexpected(cases: readonly TableCase[], results: readonly ParamResult[], code = 0): string[] {
  return results.flatMap((result, i) =>
    result.status.code === code
      ? []
      : [`${cases[i]?.object.name}: ${result.status.code} ${result.status.message}`],
  );
}

describe('catalogued tables and singletons in the simulator', () => {
  it('answers get on every catalogued table and singleton URL', async () => {
    const targets = facts.objects
      .filter((o) => o.kind === 'table' || o.kind === 'object')
      .flatMap((object) =>
        plainUrls(object).flatMap((template) => {
          const filled = fillTemplate(facts, template, 0);
          return filled === undefined ? [] : [{ object, ...filled }];
        }),
      );
    expect(targets.length).toBeGreaterThan(2000);
    const results = await many(
      'get',
      targets.map((t) => ({ url: t.url })),
    );
    const problems = results.flatMap((result, i) => {
      const { object, url, parents } = targets[i]!;
      const { code } = result.status;
      // Below a parent row that does not exist: -3 (nested) or an empty table (stored separately).
      if (parents.length > 0 ? code !== 0 && code !== -3 : code !== 0) return [`${url}: ${code}`];
      if (code !== 0) return [];
      const shapeOk = object.kind === 'table' ? Array.isArray(result.data) : typeof result.data === 'object';
      return shapeOk ? [] : [`${url}: answered ${JSON.stringify(result.data)}`];
    });
    expect(problems).toEqual([]);
  });

  it(`creates, reads, updates and deletes rows in ${TABLES} random tables`, async () => {
    const cases = chooseTables(facts, TABLES, seededRandom(SEED));
    expect(new Set(cases.map((c) => c.object.name)).size).toBe(TABLES);
    expect(cases.filter((c) => c.parents.length > 0).length).toBeGreaterThan(20);

    for (const level of parentLevels(cases)) {
      const results = await many('add', level);
      expect(results.filter((r) => r.status.code !== 0)).toEqual([]);
    }

    const added = await many(
      'add',
      cases.map((c) => ({ url: c.url, data: c.row })),
    );
    expect(unexpected(cases, added)).toEqual([]);
    const items = cases.map((c, i) => {
      const segment = keyOf(c.object, i)?.segment ?? String(Object.values(added[i]?.data as Json)[0]);
      return `${c.url}/${escapeName(segment)}`;
    });
    const readBack = async (want: (c: TableCase) => Json) => {
      const rows = await many(
        'get',
        items.map((url) => ({ url })),
      );
      expect(unexpected(cases, rows)).toEqual([]);
      const wrong = rows.flatMap((row, i) => {
        const expected = want(cases[i]!);
        const data = row.data as Json;
        const differing = Object.keys(expected).filter(
          (name) => JSON.stringify(data[name]) !== JSON.stringify(expected[name]),
        );
        return differing.map(
          (name) =>
            `${cases[i]?.object.name}.${name}: ${JSON.stringify(data[name])} != ${JSON.stringify(expected[name])}`,
        );
      });
      expect(wrong).toEqual([]);
    };

    await readBack((c) => c.expected);
    expect(cases.filter((c) => Object.keys(c.expected).length > 0).length).toBeGreaterThan(TABLES * 0.9);

    // A row as read (with the oid, uuid and numbered keys the simulator added) can be written back.
    const rows = await many(
      'get',
      items.map((url) => ({ url })),
    );
    const rewritten = await many(
      'set',
      items.map((url, i) => ({ url, data: rows[i]?.data })),
    );
    expect(unexpected(cases, rewritten)).toEqual([]);

    const updated = await many(
      'update',
      cases.map((c, i) => ({ url: items[i], data: c.change.data })),
    );
    expect(unexpected(cases, updated)).toEqual([]);
    await readBack((c) => ({ ...c.expected, ...c.change.expected }));

    const deleted = await many(
      'delete',
      items.map((url) => ({ url })),
    );
    expect(unexpected(cases, deleted)).toEqual([]);
    const gone = await many(
      'get',
      items.map((url) => ({ url })),
    );
    expect(unexpected(cases, gone, -3)).toEqual([]);
  });
});
