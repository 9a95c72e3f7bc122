/**
 * Replays every in-scope exchange of the public "How to FortiManager API?" book (real requests and
 * the replies real FortiManagers gave) against the simulator over loopback, and compares the reply's
 * shape (see `compare.ts`). Each exchange is one test: it must reproduce, unless the fixture says why
 * it does not (and then it must still differ, so that the list stays exact). The last test prints the
 * reproduced share per area and holds the floor.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FmgFacts, loadFmgFacts } from '../../../../../src/fortimanager/catalog/facts.js';
import type { FmgAttributeFacts } from '../../../../../src/fortimanager/catalog/schema.js';
import { type FmgHarness, type Json, startFmg } from '../helpers.js';
import { type ExtraKeys, replyDifferences } from './compare.js';
import { AREAS, type Area, EXCHANGES, type Exchange, REPLAYS, type Replay } from './exchanges.js';
import { deviceToAdom, WorldBuilder } from './world.js';

/**
 * The floor per area (reproduced / compared), just under what is reached; every area of the book is
 * listed (`status` and `workspace` have no exchange). The rest differ on purpose: see `differs` in
 * the fixture and docs/simulator-fidelity.md.
 */
const FLOORS: Readonly<Record<Area, number>> = {
  auth: 1,
  status: 1,
  task: 0.5,
  proxy: 0.9,
  workspace: 1,
  install: 1,
  exec: 0.75,
  pm: 0.95,
  dvmdb: 0.94,
  cli: 1,
};
const OVERALL_FLOOR = 0.93;

interface Outcome {
  readonly area: Area;
  readonly compared: boolean;
  readonly problems: readonly string[];
}

const outcomes = new Map<string, Outcome>();
let facts: FmgFacts;
let harness: FmgHarness | undefined;

beforeAll(async () => {
  facts = await loadFmgFacts();
});

afterAll(async () => {
  await harness?.close();
});

describe('the FortiManager book replayed against the simulator', () => {
  for (const exchange of EXCHANGES) {
    const replay = REPLAYS[exchange.source] ?? {};
    it(`${exchange.area} ${exchange.source} (${exchange.section})`, async () => {
      const outcome = await replayOne(exchange, replay);
      outcomes.set(exchange.source, outcome);
      if (replay.incomplete) {
        expect(outcome.compared).toBe(false);
      } else if (replay.differs) {
        expect(outcome.problems, `reproduces now: drop 'differs' (${replay.differs})`).not.toEqual([]);
      } else {
        expect(outcome.problems, outcome.problems.join('\n')).toEqual([]);
      }
    });
  }

  it('reproduces the recorded shape of at least 93% of the in-scope exchanges', () => {
    expect(outcomes.size).toBe(EXCHANGES.length);
    const rows = AREAS.map((area) => {
      const all = [...outcomes.values()].filter((o) => o.area === area);
      const compared = all.filter((o) => o.compared);
      const reproduced = compared.filter((o) => o.problems.length === 0);
      return { area, exchanges: all.length, compared: compared.length, reproduced: reproduced.length };
    });
    const total = rows.reduce(
      (sum, row) => ({
        exchanges: sum.exchanges + row.exchanges,
        compared: sum.compared + row.compared,
        reproduced: sum.reproduced + row.reproduced,
      }),
      { exchanges: 0, compared: 0, reproduced: 0 },
    );
    const share = (n: number, of: number) => (of === 0 ? '-' : `${((100 * n) / of).toFixed(1)}%`);
    const lines = [
      'area       exchanges  compared  reproduced  share',
      ...[...rows, { area: 'total', ...total }].map(
        (row) =>
          `${row.area.padEnd(10)} ${String(row.exchanges).padStart(9)} ${String(row.compared).padStart(9)} ${String(
            row.reproduced,
          ).padStart(11)}  ${share(row.reproduced, row.compared)}`,
      ),
    ];
    console.log(`FortiManager book replay\n${lines.join('\n')}`);
    for (const row of rows) {
      if (row.compared > 0)
        expect(row.reproduced / row.compared, row.area).toBeGreaterThanOrEqual(FLOORS[row.area]);
    }
    expect(total.reproduced / total.compared).toBeGreaterThanOrEqual(OVERALL_FLOOR);
  });
});

async function replayOne(exchange: Exchange, replay: Replay): Promise<Outcome> {
  await harness?.close();
  const h = await startFmg();
  harness = h;
  const { area } = exchange;
  if (replay.incomplete) return { area, compared: false, problems: [replay.incomplete] };
  // The book's devices answered; the simulator starts with one unreachable device.
  for (const device of existingDevices()) h.sim.fortimanager.setDeviceReachable(device, true);
  const admin = await h.login();
  let request = fillPlaceholders({ ...exchange.request, ...replay.request });
  for (const { name, adom, vdoms, attributes } of replay.devices ?? []) {
    if (adom !== 'root')
      await h.rpc('add', [{ url: '/dvmdb/adom', data: { name: adom } }], { session: admin });
    h.sim.fortimanager.addDevice({
      name,
      adom,
      vdoms: [...(vdoms ?? ['root'])],
      attributes: attributes ?? {},
    });
  }
  const known = [...existingDevices(), ...(replay.devices ?? []).map((device) => device.name)];
  const world = new WorldBuilder(facts, known);
  const problems = replay.infer === false ? [] : await world.build(h, admin, request, exchange.response);
  const captured: Record<string, unknown> = {};
  for (const step of replay.setup ?? []) {
    const { method, capture, ...param } = step;
    const reply = await h.rpc(method, [fillPlaceholders(param as Json, captured)], { session: admin });
    const result = reply.result[0];
    if (result?.status.code !== 0)
      problems.push(`setup ${method} ${step.url}: ${JSON.stringify(result?.status)}`);
    if (typeof capture === 'string') captured[capture] = (result?.data as Json | undefined)?.[capture];
  }
  if (problems.length > 0) return { area, compared: true, problems };
  request = fillPlaceholders(request, captured, replay.substitute);
  if (replay.advanceMs) h.clock.advance(replay.advanceMs);
  const isLogin = (request.params as Json[] | undefined)?.some((p) => /login\/user$/.test(String(p.url)));
  if (!isLogin) request.session = replay.as ? await h.login(replay.as) : admin;
  const { status, json } = await h.post(request);
  // FMG_BOOK_DEBUG=1 prints each replayed request and the simulator's reply.
  if (process.env.FMG_BOOK_DEBUG) console.log(JSON.stringify(request), '\n=>', JSON.stringify(json));
  if (status !== 200) return { area, compared: true, problems: [`HTTP ${status}`] };
  return {
    area,
    compared: true,
    problems: replyDifferences(exchange.response, json as Json, extraKeysFor(request)),
  };
}

/** The devices a fresh simulator starts with (the world builder does not add them again). */
function existingDevices(): string[] {
  return ['FGT1', 'dut_fgt_01', 'dut_fgt_02', 'dut_fgt_03', 'branch1_fgt', 'branch2_fgt', 'dc_emea_dev_001'];
}

/**
 * `{{adom}}` of the book's requests as the ADOM `demo`, `{{name}}` as a value captured during setup,
 * and `substitute` (a recorded literal -> a captured name, e.g. a task id) applied to the urls.
 */
function fillPlaceholders<T extends Json>(
  value: T,
  captured: Readonly<Record<string, unknown>> = {},
  substitute: Readonly<Record<string, string>> = {},
): T {
  let text = JSON.stringify(value).replaceAll('{{adom}}', 'demo').replaceAll('{{demo}}', 'demo');
  for (const [name, replacement] of Object.entries(captured)) {
    // `"{{oid}}"` as the captured JSON value, `{{oid}}` inside a string as its text.
    text = text.replaceAll(`"{{${name}}}"`, JSON.stringify(replacement ?? null));
    text = text.replaceAll(`{{${name}}}`, String(replacement));
  }
  for (const [literal, name] of Object.entries(substitute)) {
    const replacement = captured[name];
    if (replacement !== undefined) text = text.replaceAll(`/${literal}"`, `/${String(replacement)}"`);
  }
  return JSON.parse(text) as T;
}

/** Catalogued attributes a full row may carry beyond the recorded ones (none where `fields` narrows it). */
function extraKeysFor(request: Json): ExtraKeys {
  const params = (Array.isArray(request.params) ? request.params : []) as Json[];
  return (entry, path) => {
    const param = params[entry];
    if (param === undefined || request.method !== 'get' || typeof param.url !== 'string') return undefined;
    const rows = path;
    if (rows.length === 0 && Array.isArray(param.fields)) return undefined;
    const subFetch = param['sub fetch'] as Json | undefined;
    if (rows.length === 1 && Array.isArray((subFetch?.[rows[0]!] as Json | undefined)?.fields))
      return undefined;
    const match = facts.match(deviceToAdom(param.url));
    let attributes: Readonly<Record<string, FmgAttributeFacts>> | undefined = match?.object.attributes;
    for (const key of rows) attributes = attributes?.[key]?.sub;
    return attributes ? new Set(Object.keys(attributes)) : undefined;
  };
}
