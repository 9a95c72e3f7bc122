import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FortiSoar } from '../../../src/fortisoar/index.js';
import { type SoarHarness, startSoar } from './harness.js';

const RECORDS = 100_000;
const MiB = 1024 * 1024;

describe('iterating 100,000 FortiSOAR records', () => {
  let h: SoarHarness;
  let soar: FortiSoar;
  beforeAll(async () => {
    h = await startSoar();
    soar = h.client('apikey');
    h.sim.fortisoar.seedRecords('tasks', RECORDS, (n) => ({
      name: `bulk task ${n}`,
      description: 'x'.repeat(200),
    }));
  });
  afterAll(() => h.close());

  it('yields every record once with the heap bounded by a few pages, not by the record count', async () => {
    const baseline = process.memoryUsage().heapUsed;
    let peak = 0;
    let count = 0;
    let lastId = 0;
    let ordered = true;
    for await (const task of soar.tasks.iterate({ pageSize: 1_000 })) {
      if (task.id <= lastId) ordered = false;
      lastId = task.id;
      if (++count % 5_000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed - baseline);
    }
    expect(count).toBe(RECORDS);
    expect(ordered).toBe(true);
    // Holding 100,000 parsed tasks takes several hundred MiB; the iterator stays within tens.
    console.info(`FortiSOAR iterate: ${count} records, peak heap growth ${(peak / MiB).toFixed(1)} MiB`);
    expect(peak).toBeLessThan(128 * MiB);
  }, 60_000);
});
