import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/core/clock.js';
import { TransportError } from '../../../src/core/errors.js';
import { FortiCareErrorBudgetError, FortiCareOperationError } from '../../../src/forticare/index.js';
import { type Harness, harness, rejection } from './harness.js';

const MINUTE = 60_000;
const HOUR = 3_600_000;

describe('FortiCare limits, retries and faults against the simulator', () => {
  let h: Harness;

  afterEach(() => h.close());

  it('2,500 calls on a simulated clock: zero violations, >= 97% of the rate the limits allow', async () => {
    const clock = new VirtualClock();
    h = await harness({ clock });
    const fc = h.client();
    const start = clock.now();
    for (let i = 0; i < 2500; i++) await fc.folders.list();
    const elapsed = clock.now() - start;
    // Best possible: 1000 calls in each of the first two hours (100 per minute), then 500 in 5 minutes.
    const ideal = 2 * HOUR + 4 * MINUTE;
    expect(h.sim.forticare.stats()).toEqual({ calls: 2500, errors: 0, violations: 0 });
    expect(elapsed).toBeGreaterThanOrEqual(ideal);
    expect(ideal / elapsed).toBeGreaterThanOrEqual(0.97);
    // The one-hour tokens were refreshed along the way, never too late.
    expect(h.sim.forticloud.stats().refreshed).toBeGreaterThanOrEqual(2);
  }, 60_000);

  it('refuses risky calls before sending once the error budget is nearly spent; safe calls go on', async () => {
    h = await harness();
    const fc = h.client();
    for (let i = 0; i < 8; i++)
      expect(await rejection(fc.products.details(`FGT60FTK0000000${i}`))).toBeInstanceOf(
        FortiCareOperationError,
      );
    const before = h.sim.forticare.stats();
    const refusal = await rejection(fc.products.details('FGT60FTK00000009'));
    expect(refusal).toBeInstanceOf(FortiCareErrorBudgetError);
    expect((refusal as FortiCareErrorBudgetError).retryAfterMs).toBeGreaterThan(HOUR - MINUTE);
    expect((refusal as Error).message).toContain('products/details was not sent');
    expect(h.sim.forticare.stats()).toEqual(before);
    expect((await fc.products.list({ serialNumber: '%' })).assets.length).toBeGreaterThan(0);
    expect(h.sim.forticare.stats()).toMatchObject({ errors: 8, violations: 0 });
  });

  it('stops a batched registration when the error budget runs low and reports the rest as not sent', async () => {
    h = await harness();
    const fc = h.client({ limits: { errorsPerHour: 3, errorReserve: 1 } });
    const good = h.sim.forticare.addInventory(31);
    const units = Array.from({ length: 35 }, (_, i) => ({
      serialNumber: i % 10 === 0 ? `FGT60FTK0000000${i / 10}` : good.pop()!,
    }));
    const result = await fc.products.register({ registrationUnits: units });
    expect(result.batches).toBe(2);
    expect(result.succeeded).toHaveLength(18);
    expect(result.failed.filter((f) => f.kind === 'rejected')).toHaveLength(2);
    const notSent = result.failed.filter((f) => f.kind === 'not-sent');
    expect(notSent).toHaveLength(15);
    expect(notSent[0]?.error).toBeInstanceOf(FortiCareErrorBudgetError);
    expect(h.sim.forticare.stats()).toMatchObject({ calls: 2, violations: 0 });
  });

  it('retries a read after a 503 and any call after a 429 (FortiCare did not process it)', async () => {
    const clock = new VirtualClock();
    h = await harness({ clock });
    const fc = h.client();
    h.sim.faults.inject({ kind: 'http-error', status: 503, path: /products\/list$/ });
    expect((await fc.products.list({ serialNumber: '%' })).assets.length).toBeGreaterThan(0);
    const [serial] = h.sim.forticare.addInventory(1);
    h.sim.faults.inject({ kind: 'rate-limit', retryAfterSec: 30, path: /products\/register$/ });
    const before = clock.now();
    const result = await fc.products.register({ registrationUnits: [{ serialNumber: serial! }] });
    expect(result.ok).toBe(true);
    expect(clock.now() - before).toBeGreaterThanOrEqual(30_000);
    expect(h.sim.faults.pending).toBe(0);
  });

  it('never resends a registration whose reply was lost', async () => {
    h = await harness();
    const fc = h.client();
    await fc.folders.list();
    const [serial] = h.sim.forticare.addInventory(1);
    h.sim.faults.inject({ kind: 'reset', path: /products\/register$/, times: 2 });
    const requests = h.sim.requests;
    const error = await rejection(fc.products.register({ registrationUnits: [{ serialNumber: serial! }] }));
    expect(error).toBeInstanceOf(TransportError);
    expect(h.sim.requests - requests).toBe(1);
    expect(h.sim.faults.pending).toBe(1);
  });
});
