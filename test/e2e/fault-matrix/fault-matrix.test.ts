import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../../../src/simulator/index.js';
import { type CellResult, runCell } from './cell.js';
import { BASELINE, FAULT_ROWS } from './faults.js';
import {
  type Env,
  FORTIAUTHENTICATOR,
  FORTICARE,
  FORTIMANAGER,
  FORTIMANAGER_CLOUD,
  FORTISOAR,
  type ProductRow,
} from './products.js';
import { WireTap } from './wire-tap.js';

/**
 * The fault matrix: every fault kind of the simulator x every product x read, idempotent write,
 * non-idempotent write, batch and login. Each cell asserts the outcome (a typed error of the
 * expected class, or success where a retry or replay makes it succeed), the requests the server saw,
 * no duplicate non-idempotent write, nothing left behind after close() and no secret in any log line
 * or error view. A product is one more row in PRODUCTS; a fault kind one more row in FAULT_ROWS.
 */
const PRODUCTS: readonly ProductRow<{ close(): Promise<void> }>[] = [
  FORTIMANAGER,
  FORTIMANAGER_CLOUD,
  FORTICARE,
  FORTISOAR,
  FORTIAUTHENTICATOR,
] as unknown as ProductRow<{ close(): Promise<void> }>[];

let sim: Simulator;
let env: Env;
const results: CellResult[] = [];

beforeAll(async () => {
  sim = await startSimulator({
    products: ['fortimanager', 'forticare', 'fortisoar', 'fortiauthenticator'],
    fortimanager: { catalog: false },
    forticare: { enforceLimits: false },
  });
  const known = [
    sim.fortimanager.adminPassword,
    sim.forticloud.defaultUser.password,
    sim.fortisoar.credentials.password,
    sim.fortiauthenticator.credentials.apiKey,
  ].filter((secret): secret is string => typeof secret === 'string');
  const tap = new WireTap(sim, known);
  const registeredSerial = sim.forticare.seedAssets(1)[0]!;
  env = { sim, tap, registeredSerial };
});

afterAll(async () => {
  await sim?.close();
});

describe('fault matrix', () => {
  for (const product of PRODUCTS) {
    for (const op of product.ops) {
      it(`${product.name} / ${op.kind} / no fault (baseline)`, async () => {
        const cell = await runCell(env, product, op, BASELINE);
        expect({
          outcome: cell.outcome,
          requests: cell.requests,
          leaks: cell.leaks,
          secretHits: cell.secretHits,
        }).toEqual({
          outcome: 'ok',
          requests: op.baseRequests,
          leaks: 0,
          secretHits: [],
        });
      });
      for (const fault of FAULT_ROWS) {
        it(`${product.name} / ${op.kind} / ${fault.kind}`, async () => {
          const cell = await runCell(env, product, op, fault);
          results.push(cell);
          const expected =
            cell.expected.outcome === 'ok'
              ? 'ok'
              : cell.expected.outcome.classes.map((c) => c.name).join('|');
          expect(
            {
              faultHit: cell.faultHit,
              typed: cell.typed,
              hung: cell.hung,
              requests: cell.requests,
              duplicates: cell.duplicates,
              leaks: cell.leaks,
              secretHits: cell.secretHits.length,
            },
            `outcome ${cell.outcome}, expected ${expected}`,
          ).toEqual({
            faultHit: true,
            typed: true,
            hung: false,
            requests: cell.expected.requests,
            duplicates: 0,
            leaks: 0,
            secretHits: 0,
          });
        });
      }
    }
  }

  it('summary: every cell typed, no hang, no duplicate write, no leak, no secret', () => {
    const total = PRODUCTS.reduce((n, p) => n + p.ops.length, 0) * FAULT_ROWS.length;
    const sum = (pick: (c: CellResult) => number) => results.reduce((n, c) => n + pick(c), 0);
    const summary = {
      cells: `${results.filter((c) => c.typed && c.faultHit).length} typed / ${total}`,
      hangs: results.filter((c) => c.hung).length,
      duplicateWrites: sum((c) => c.duplicates),
      leaks: sum((c) => c.leaks),
      secretHits: sum((c) => c.secretHits.length),
      orphans: sum((c) => c.orphans),
      requestMismatches: results.filter((c) => c.requests !== c.expected.requests).length,
      secretsWatched: env.tap.secrets.size,
      requestsSeen: env.tap.seen.length,
    };
    const off = results.filter(
      (c) =>
        !c.typed ||
        !c.faultHit ||
        c.hung ||
        c.duplicates ||
        c.leaks ||
        c.secretHits.length ||
        c.requests !== c.expected.requests,
    );
    console.log(
      [
        'fault matrix:',
        JSON.stringify(summary),
        `  slowest: ${[...results]
          .sort((a, b) => b.ms - a.ms)
          .slice(0, 6)
          .map((c) => `${c.id} ${c.ms} ms`)
          .join(', ')}; total ${sum((c) => c.ms)} ms`,
        ...off.map(
          (c) =>
            `  ${c.id}: ${c.outcome}, requests ${c.requests}/${c.expected.requests}, leaks ${c.leaks}, hit ${c.faultHit}`,
        ),
      ].join('\n'),
    );
    expect(results).toHaveLength(total);
    expect(summary).toMatchObject({
      cells: `${total} typed / ${total}`,
      hangs: 0,
      duplicateWrites: 0,
      leaks: 0,
      secretHits: 0,
      requestMismatches: 0,
    });
    expect(summary.secretsWatched).toBeGreaterThan(10);
  });
});
