import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ENDPOINTS } from '../../../src/fortisoar/endpoints.js';
import { agg, q } from '../../../src/fortisoar/index.js';

const facts = JSON.parse(
  readFileSync(new URL('../../../specs/fortisoar/facts.json', import.meta.url), 'utf8'),
) as {
  operations: string[];
  query: { filterOperators: string[]; aggregateOperators: string[]; logic: string[] };
};

/** Endpoints the community description does not list, and where their shape comes from. */
const NOT_IN_DESCRIPTION: Record<string, string> = {
  'GET /api/3/import_jobs/{uuid}':
    'Content Hub install jobs are polled here (the install reply names the job IRI)',
  'GET /api/3/files/{uuid}/download': 'file download (the description lists only the upload)',
  'GET /api/3/picklists':
    'picklist items filtered by list name (listName.name); the description lists single items only',
  'POST /api/triggers/1/action/{route}': "record action triggers (the playbook's trigger step route)",
  'POST /api/integration/connectors/agents/{name}/{version}/':
    'the description lists GET; the service answers POST',
};

/** Placeholder names differ between the description and the client (`{collection}` / `{module}`). */
const shape = (op: string) => op.replace(/\{[^}]+\}/g, '{}');

describe('FortiSOAR endpoints against the API facts', () => {
  it('calls only documented operations, or known gaps of the description', () => {
    const documented = new Set(facts.operations.map(shape));
    const missing = Object.values(ENDPOINTS)
      .map((e) => `${e.method} ${e.path}`)
      .filter((op) => !documented.has(shape(op)) && !(op in NOT_IN_DESCRIPTION));
    expect(missing).toEqual([]);
  });

  it('builds every documented filter operator and aggregate, and nothing else', () => {
    const built = [
      q.eq('f', 1),
      q.neq('f', 1),
      q.lt('f', 1),
      q.lte('f', 1),
      q.gt('f', 1),
      q.gte('f', 1),
      q.in('f', [1]),
      q.nin('f', [1]),
      q.like('f', '%'),
      q.notlike('f', '%'),
      q.contains('f', 'x'),
      q.exists('f'),
      q.isnull('f'),
    ].map((c) => c.operator);
    expect(built.sort()).toEqual([...facts.query.filterOperators].sort());
    expect([q.and().logic, q.or().logic]).toEqual(facts.query.logic);
    const aggregates = Object.values(agg).map((make) => make('f').operator);
    for (const operator of aggregates) expect(facts.query.aggregateOperators).toContain(operator);
  });
});
