import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '../../../src/core/errors.js';
import { type Alert, agg, type Filter, type FortiSoar, q } from '../../../src/fortisoar/index.js';
import { type SoarHarness, startSoar } from './harness.js';

describe('FortiSOAR query API', () => {
  let h: SoarHarness;
  let soar: FortiSoar;
  const scope = q.like('sourceId', 'Q-%');
  const names = async (filter: Filter) => {
    const found: string[] = [];
    for await (const a of soar.alerts.iterate({
      query: { filter: q.and(scope, filter), sort: ['name'] },
      pageSize: 2,
    }))
      found.push(a.name);
    return found;
  };

  beforeAll(async () => {
    h = await startSoar();
    soar = h.client('hmac');
    const sev = await soar.picklists.resolve({ high: ['Severity', 'High'], low: ['Severity', 'Low'] });
    const ioc = await soar.indicators.create({ value: '198.51.100.200' });
    const made: Alert[] = [];
    for (const [i, spec] of [
      { name: 'alpha', severity: sev.high, sourceIp: '10.9.0.1', description: 'Phishing mail from HR' },
      { name: 'bravo', severity: sev.low, sourceIp: '10.9.0.2', description: null },
      { name: 'charlie', severity: sev.high, sourceIp: null, description: 'Malware beacon' },
      { name: 'delta', severity: null, sourceIp: '10.9.0.4', description: 'phishing link' },
    ].entries()) {
      made.push(await soar.alerts.create({ ...spec, sourceId: `Q-${i}`, dueBy: 1_000 + i * 10 }));
    }
    await soar.alerts.link(made[2]!.uuid, 'indicators', [ioc['@id']]);
  });
  afterAll(() => h.close());

  it('supports every operator', async () => {
    expect(await names(q.eq('severity.itemValue', 'High'))).toEqual(['alpha', 'charlie']);
    expect(await names(q.neq('severity.itemValue', 'High'))).toEqual(['bravo', 'delta']);
    expect(await names(q.lt('dueBy', 1_010))).toEqual(['alpha']);
    expect(await names(q.lte('dueBy', 1_010))).toEqual(['alpha', 'bravo']);
    expect(await names(q.gt('dueBy', 1_020))).toEqual(['delta']);
    expect(await names(q.gte('dueBy', 1_020))).toEqual(['charlie', 'delta']);
    expect(await names(q.in('name', ['alpha', 'delta', 'zulu']))).toEqual(['alpha', 'delta']);
    expect(await names(q.nin('name', ['alpha', 'delta']))).toEqual(['bravo', 'charlie']);
    expect(await names(q.like('description', '%phishing%'))).toEqual(['alpha', 'delta']);
    expect(await names(q.notlike('name', '%a%'))).toEqual([]);
    expect(await names(q.notlike('name', '_l%'))).toEqual(['bravo', 'charlie', 'delta']);
    expect(await names(q.contains('description', 'beacon'))).toEqual(['charlie']);
    expect(await names(q.exists('sourceIp'))).toEqual(['alpha', 'bravo', 'delta']);
    expect(await names(q.exists('sourceIp', false))).toEqual(['charlie']);
    expect(await names(q.isnull('description'))).toEqual(['bravo']);
    expect(await names(q.isnull('severity', false))).toEqual(['alpha', 'bravo', 'charlie']);
  });

  it('nests AND/OR groups and filters through relationships', async () => {
    const nested = q.or(
      q.and(q.eq('severity.itemValue', 'High'), q.like('description', '%mal%')),
      q.eq('name', 'bravo'),
    );
    expect(await names(nested)).toEqual(['bravo', 'charlie']);
    expect(await names(q.eq('indicators.value', '198.51.100.200'))).toEqual(['charlie']);
  });

  it('sorts, selects fields and includes relationships', async () => {
    const page = await soar.alerts.list({
      query: {
        filter: scope,
        sort: [{ field: 'dueBy', direction: 'desc' }],
        fields: ['name', 'dueBy'],
        relationships: true,
      },
    });
    expect(page.items.map((a) => a.name)).toEqual(['delta', 'charlie', 'bravo', 'alpha']);
    expect(page.items[0]).not.toHaveProperty('severity');
    const linked = await soar.alerts.list({
      query: { filter: q.and(scope, q.eq('name', 'charlie')), relationships: true },
    });
    expect(linked.items[0]!.indicators).toHaveLength(1);
  });

  it('aggregates: group by with counts, sums and averages', async () => {
    const rows = await soar.alerts.aggregate({ filter: scope }, [
      agg.groupBy('severity.itemValue', 'severity'),
      agg.count('*', 'total'),
      agg.sum('dueBy', 'dueSum'),
    ]);
    expect(rows).toEqual(
      expect.arrayContaining([
        { severity: 'High', total: 2, dueSum: 2_020 },
        { severity: 'Low', total: 1, dueSum: 1_010 },
        { severity: null, total: 1, dueSum: 1_030 },
      ]),
    );
    expect(
      await soar.alerts.aggregate({ filter: scope }, [agg.avg('dueBy', 'mean'), agg.max('name', 'last')]),
    ).toEqual([{ mean: 1_015, last: 'delta' }]);
  });

  it('refuses malformed filters before sending, and names every problem', () => {
    const bad = {
      filter: q.and(q.in('name', 'alpha' as never), {
        field: 'name',
        operator: 'matches',
        value: 1,
      } as never),
    };
    const error = (() => {
      try {
        soar.alerts.pages({ query: bad });
      } catch (e) {
        return e;
      }
    })() as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues.map((i) => i.path)).toEqual([
      'filter.filters[0].value',
      'filter.filters[1].operator',
    ]);
  });
});
