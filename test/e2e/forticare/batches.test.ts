import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ValidationError } from '../../../src/core/errors.js';
import type { RegistrationUnit } from '../../../src/forticare/index.js';
import { type Harness, harness, rejection } from './harness.js';

describe('FortiCare batches and input checks against the simulator', () => {
  let h: Harness;

  beforeEach(async () => {
    h = await harness();
  });

  afterEach(() => h.close());

  it('registers 35 units in 4 batches and returns every success and every per-unit failure', async () => {
    const fc = h.client();
    const good = h.sim.forticare.addInventory(30);
    const unknown = [
      'FGT60FTK00000001',
      'FGT60FTK00000002',
      'FGT60FTK00000003',
      'FGT60FTK00000004',
      'FGT60FTK00000005',
    ];
    const units: RegistrationUnit[] = good.map((serialNumber) => ({ serialNumber }));
    for (const [i, serialNumber] of unknown.entries())
      units.splice([3, 12, 13, 25, 34][i]!, 0, { serialNumber });
    const contracts = good.slice(0, 4).map(() => h.sim.forticare.addContract());
    contracts.forEach((contractNumber, i) => {
      units[units.findIndex((u) => u.serialNumber === good[i])]!.contractNumber = contractNumber;
    });
    h.sim.forticare.resetStats();

    const result = await fc.products.register({ registrationUnits: units });

    expect(units).toHaveLength(35);
    expect(result.batches).toBe(4);
    expect(h.sim.forticare.stats().calls).toBe(4);
    expect(result.succeeded.map((s) => s.serialNumber).sort()).toEqual([...good].sort());
    expect(result.failed.map((f) => f.serialNumber).sort()).toEqual([...unknown].sort());
    for (const failure of result.failed) {
      expect(failure.kind).toBe('rejected');
      expect(failure.status).toBe(2);
      expect(failure.message).toContain('not valid for registration');
      expect(failure.unit.serialNumber).toBe(failure.serialNumber);
    }
    expect(result.ok).toBe(false);
    expect(h.sim.forticare.asset(good[0]!)?.contracts[0]?.contractNumber).toBe(contracts[0]);
    expect(h.sim.forticare.stats().violations).toBe(0);
  });

  it('sends units FortiCare skipped after 5 failures in a batch again, and nothing twice', async () => {
    const fc = h.client();
    const good = h.sim.forticare.addInventory(3);
    const bad = Array.from({ length: 7 }, (_, i) => `FGT40FTK0000000${i}`);
    h.sim.forticare.resetStats();
    const result = await fc.products.register({
      registrationUnits: [...bad, ...good].map((serialNumber) => ({ serialNumber })),
    });
    expect(result.batches).toBe(2);
    expect(result.succeeded.map((s) => s.serialNumber)).toEqual(good);
    expect(result.failed.map((f) => f.serialNumber)).toEqual(bad);
    expect(h.sim.forticare.stats()).toMatchObject({ calls: 2, errors: 2, violations: 0 });
  });

  it('rejects bad inputs before sending anything: the simulator sees no call and no error', async () => {
    const fc = h.client();
    const [serial] = h.sim.forticare.addInventory(1);
    h.sim.forticare.resetStats();
    const requestsBefore = h.sim.requests;
    const attempts: Array<Promise<unknown>> = [
      fc.products.register({
        registrationUnits: [
          ...Array.from({ length: 34 }, (_, i) => ({
            serialNumber: `FGT60FTK${String(i).padStart(8, '0')}`,
          })),
          { serialNumber: serial!.toLowerCase() },
        ],
      }),
      fc.products.register({
        registrationUnits: [{ serialNumber: serial!, location: { countryCode: 'USA' } }],
      }),
      fc.products.register({
        registrationUnits: [{ serialNumber: serial!, location: { ref: '#/locations/0' } }],
      }),
      fc.products.list({}),
      fc.products.list({ expireBefore: '31/12/2026' }),
      fc.products.details('FGT-60F'),
      fc.products.location({
        serialNumber: serial!,
        location: { countryCode: 'US', stateOrProvince: 'California' },
      }),
      fc.products.decommission({ serialNumbers: [serial!, serial!] }),
      fc.products.transfer({ sourceAccountId: 1, targetAccountId: 1, serialNumbers: [serial!] }),
      fc.licenses.register({ licenseRegistrationCode: '12345' }),
      fc.folders.create({ folderName: 'a/b' }),
      fc.folders.delete({ folderId: -3 }),
      fc.services.register({ contractNumber: '' }),
      fc.contracts.list({ status: 'Active' as 'Pending' }),
    ];
    for (const attempt of attempts) expect(await rejection(attempt)).toBeInstanceOf(ValidationError);
    expect(h.sim.forticare.stats()).toEqual({ calls: 0, errors: 0, violations: 0 });
    expect(h.sim.requests).toBe(requestsBefore);
  });
});
