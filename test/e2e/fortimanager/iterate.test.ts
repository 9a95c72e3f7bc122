import { beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '../../../src/core/errors.js';
import { f } from '../../../src/fortimanager/index.js';
import { useSimulator } from './harness.js';

const h = useSimulator();
const table = '/pm/config/adom/{adom}/obj/firewall/address';
const ROWS = 3_000;

beforeAll(() => {
  h.sim.fortimanager.seedAddresses('dc_emea', ROWS);
});

describe('iterate against the simulator', () => {
  it('walks a table of thousands of rows page by page, every row once, in order', async () => {
    const fmg = h.client({ adom: 'dc_emea' });
    const total = (await fmg.get(table, { option: 'count' })) as unknown as number;
    expect(total).toBeGreaterThanOrEqual(ROWS);
    const before = h.sim.fortimanager.stats().requests;
    const seen = new Set<string>();
    let previousOid = -1;
    let ordered = true;
    for await (const row of fmg.iterate(table, { pageSize: 250, fields: ['name'], loadsub: false })) {
      seen.add(row.name as string);
      if ((row.oid as number) < previousOid) ordered = false;
      previousOid = row.oid as number;
    }
    expect(seen.size).toBe(total);
    expect(ordered).toBe(true);
    expect(h.sim.fortimanager.stats().requests - before).toBe(Math.floor(total / 250) + 1);
  });

  it('fetches a page only when the previous one is consumed (memory bounded by one page)', async () => {
    const fmg = h.client({ adom: 'dc_emea' });
    await fmg.get('/sys/status');
    const before = h.sim.fortimanager.stats().requests;
    const iterator = fmg.iterate(table, { pageSize: 100, fields: ['name'] });
    for (let i = 0; i < 100; i++) await iterator.next();
    expect(h.sim.fortimanager.stats().requests - before).toBe(1);
    await iterator.next();
    expect(h.sim.fortimanager.stats().requests - before).toBe(2);
    await iterator.return(undefined);
  });

  it('combines with filter and start', async () => {
    const fmg = h.client({ adom: 'dc_emea' });
    const rows: string[] = [];
    for await (const row of fmg.iterate(table, {
      filter: f.like('name', 'bulk_dc_emea_1__'),
      pageSize: 30,
      start: 10,
    })) {
      rows.push(row.name as string);
    }
    expect(rows).toHaveLength(90);
  });

  it('rejects range (iterate owns it) and a bad pageSize', () => {
    const fmg = h.client({ adom: 'dc_emea' });
    expect(() => fmg.iterate(table, { range: [0, 5] } as never)).toThrow(ValidationError);
    expect(() => fmg.iterate(table, { pageSize: 0 })).toThrow(ValidationError);
  });
});
