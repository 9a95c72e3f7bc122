import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../src/core/errors.js';
import { agg, q } from '../../../src/fortisoar/index.js';
import { queryBody } from '../../../src/fortisoar/query.js';

describe('FortiSOAR query builder', () => {
  it('builds the wire body: top-level logic, nested groups, sort, fields, aggregates', () => {
    const body = queryBody(
      {
        filter: q.and(
          q.eq('status.itemValue', 'Open'),
          q.or(q.in('severity.itemValue', ['High', 'Critical']), q.isnull('assignedTo')),
        ),
        sort: ['-createDate', { field: 'name', direction: 'asc' }],
        fields: ['name'],
        relationships: true,
      },
      [agg.groupBy('severity.itemValue', 'severity'), agg.count('*')],
    );
    expect(body).toEqual({
      logic: 'AND',
      filters: [
        { field: 'status.itemValue', operator: 'eq', value: 'Open' },
        {
          logic: 'OR',
          filters: [
            { field: 'severity.itemValue', operator: 'in', value: ['High', 'Critical'] },
            { field: 'assignedTo', operator: 'isnull', value: true },
          ],
        },
      ],
      sort: [
        { field: 'createDate', direction: 'DESC' },
        { field: 'name', direction: 'ASC' },
      ],
      __selectFields: ['name'],
      relationships: true,
      aggregates: [
        { operator: 'groupby', field: 'severity.itemValue', alias: 'severity' },
        { operator: 'count', field: '*' },
      ],
    });
  });

  it('wraps a single condition in an AND group and accepts no filter at all', () => {
    expect(queryBody({ filter: q.like('name', '%x%') })).toEqual({
      logic: 'AND',
      filters: [{ field: 'name', operator: 'like', value: '%x%' }],
    });
    expect(queryBody({})).toEqual({ logic: 'AND', filters: [] });
    expect(q.or(q.neq('a', 1), q.notlike('b', 'c%'))).toEqual({
      logic: 'OR',
      filters: [
        { field: 'a', operator: 'neq', value: 1 },
        { field: 'b', operator: 'notlike', value: 'c%' },
      ],
    });
  });

  it('names every problem of a bad query in one ValidationError', () => {
    const bad = q.and(
      { field: '', operator: 'eq', value: 1 },
      { field: 'x', operator: 'in', value: 'a' },
      { field: 'y', operator: 'exists', value: 'yes' },
      { field: 'z', operator: 'eq', value: [1, 2] },
      { logic: 'XOR', filters: [] } as never,
    );
    let error: ValidationError | undefined;
    try {
      queryBody({ filter: bad, sort: [{ field: 'a', direction: 'up' as never }] }, [
        { operator: 'nope' as never, field: 'a' },
      ]);
    } catch (e) {
      error = e as ValidationError;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect(error!.issues.map((i) => i.path)).toEqual([
      'filter.filters[0].field',
      'filter.filters[1].value',
      'filter.filters[2].value',
      'filter.filters[3].value',
      'filter.filters[4].logic',
      'sort[0].direction',
      'aggregates[0].operator',
    ]);
  });
});
