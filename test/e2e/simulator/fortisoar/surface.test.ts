import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RawSoar, startRawSoar } from './helpers.js';

describe('FortiSOAR simulator: wire surface', () => {
  let s: RawSoar;
  let auth: Record<string, string>;
  beforeAll(async () => {
    s = await startRawSoar();
    auth = s.apiKey();
  });
  afterAll(() => s.close());

  it('answers hydra collections with percent-encoded page links', async () => {
    const { json } = await s.send(
      'GET',
      '/api/3/alerts?%24limit=10&%24page=2&status.itemValue%24neq=Closed',
      { headers: auth },
    );
    expect(json).toMatchObject({
      '@id': '/api/3/alerts',
      '@type': 'hydra:Collection',
      'hydra:totalItems': expect.any(Number),
    });
    expect(json['hydra:view']).toMatchObject({
      '@type': 'hydra:PartialCollectionView',
      'hydra:first': '/api/3/alerts?%24limit=10&%24page=1&status.itemValue%24neq=Closed',
      'hydra:previous': '/api/3/alerts?%24limit=10&%24page=1&status.itemValue%24neq=Closed',
    });
    for (const alert of json['hydra:member']) expect(alert.status.itemValue).not.toBe('Closed');
  });

  it('keeps /api/3 paths without trailing slash and the Django services with theirs', async () => {
    expect((await s.send('GET', '/api/3/alerts/', { headers: auth })).status).toBe(404);
    expect((await s.send('GET', '/api/integration/connectors', { headers: auth })).status).toBe(404);
    expect((await s.send('GET', '/api/integration/connectors/', { headers: auth })).json).toMatchObject({
      status: 'Success',
      totalItems: 4,
    });
    expect((await s.send('GET', '/api/wf/api/workflows', { headers: auth })).status).toBe(404);
    expect((await s.send('GET', '/auth/authenticate')).status).toBe(405);
  });

  it('checks record bodies as API Platform does', async () => {
    const extra = await s.send('POST', '/api/3/alerts', {
      body: { name: 'x', colour: 'red' },
      headers: auth,
    });
    expect(extra).toMatchObject({
      status: 400,
      json: { 'hydra:description': 'Extra attributes are not allowed ("colour" is unknown).' },
    });
    const wrongList = await s.send('POST', '/api/3/alerts', {
      body: { name: 'x', severity: s.sim.fortisoar.picklistIri('AlertStatus', 'Open') },
      headers: auth,
    });
    expect(wrongList.json.violations).toEqual([
      { propertyPath: 'severity', message: 'This value is not a valid choice for Severity.' },
    ]);
    const badType = await s.send('POST', '/api/3/alerts', { body: { name: 42 }, headers: auth });
    expect(badType.json['@type']).toBe('ConstraintViolationList');
    const notJson = await s.send('POST', '/api/3/alerts', { body: '{oops', headers: auth });
    expect(notJson.status).toBe(400);
  });

  it('answers query errors as problem details, with every operator and aggregate named', async () => {
    const bad = await s.send('POST', '/api/query/alerts', {
      body: { filters: [{ field: 'name', operator: 'regex', value: 'x' }] },
      headers: auth,
    });
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json.detail).toContain(
      'eq, neq, lt, lte, gt, gte, in, nin, like, notlike, contains, exists, isnull',
    );
    const unknown = await s.send('POST', '/api/query/alerts', {
      body: { filters: [{ field: 'colour', value: 'x' }] },
      headers: auth,
    });
    expect(unknown.json.detail).toBe('Unknown field "colour" for alerts.');
    const counted = await s.send('POST', '/api/query/alerts', {
      body: { aggregates: [{ operator: 'countdistinct', field: 'severity', alias: 'severities' }] },
      headers: auth,
    });
    expect(counted.json['hydra:member']).toEqual([{ severities: 5 }]);
  });

  it('lists picklists by name and serves item IRIs', async () => {
    const { json } = await s.send('GET', '/api/3/picklists?listName.name=Severity', { headers: auth });
    expect(json['hydra:member'].map((i: { itemValue: string }) => i.itemValue)).toEqual([
      'Critical',
      'High',
      'Medium',
      'Low',
      'Minimal',
    ]);
    const iri = json['hydra:member'][1]['@id'];
    expect((await s.send('GET', iri, { headers: auth })).json.itemValue).toBe('High');
    const names = await s.send('GET', '/api/3/picklist_names?$limit=100', { headers: auth });
    expect(names.json['hydra:member'].map((n: { name: string }) => n.name)).toContain('AlertStatus');
  });

  it('refuses a GET of a connector record and a POST without body, as the Django service does', async () => {
    expect((await s.send('GET', '/api/integration/connectors/1/', { headers: auth })).json).toEqual({
      detail: 'Method "GET" not allowed.',
    });
    expect((await s.send('POST', '/api/integration/connectors/1/', { headers: auth })).status).toBe(415);
    const detail = await s.send('POST', '/api/integration/connectors/1/', { body: {}, headers: auth });
    expect(detail.json).toMatchObject({
      name: 'cyops_utilities',
      operations: expect.any(Array),
      config_schema: { fields: [] },
    });
  });

  it('pages the integration envelope with page/page_size', async () => {
    const first = await s.send('GET', '/api/integration/connectors/?page=1&page_size=3', { headers: auth });
    expect(first.json).toMatchObject({ totalItems: 4, itemsPerPage: 3, nextPage: 2, previousPage: null });
    const second = await s.send('GET', '/api/integration/connectors/?page=2&page_size=3', { headers: auth });
    expect(second.json).toMatchObject({ nextPage: null, previousPage: 1 });
    expect(second.json.data).toHaveLength(1);
  });

  it('refuses duplicate configurations in the unique-set words', async () => {
    const listed = await s.send('GET', '/api/integration/connectors/?name=virustotal', { headers: auth });
    const connector = listed.json.data[0].id;
    const body = { connector, name: 'Default', config: { server: 'https://vt', api_key: 'k' } };
    const dup = await s.send('POST', '/api/integration/configuration/', { body, headers: auth });
    expect(dup).toMatchObject({
      status: 400,
      json: { message: 'The fields name, connector, agent must make a unique set.' },
    });
    const made = await s.send('POST', '/api/integration/configuration/', {
      body: { ...body, name: 'Second' },
      headers: auth,
    });
    expect(made).toMatchObject({ status: 201, json: { name: 'Second', default: false } });
    const missing = await s.send('POST', '/api/integration/configuration/', {
      body: { connector, name: 'Third', config: {} },
      headers: auth,
    });
    expect(missing.json.message).toContain('api_key');
  });

  it('progresses an import job over simulated time', async () => {
    const started = await s.send('POST', '/api/3/solutionpacks/install', {
      body: { name: 'fortinet-fortisiem', version: '6.0.0' },
      headers: auth,
    });
    const job = started.json.importJob['@id'];
    const seen: Array<[string, number]> = [];
    for (let i = 0; i < 6; i++) {
      const { json } = await s.send('GET', job, { headers: auth });
      seen.push([json.status, json.progressPercent]);
      s.clock.advance(100);
    }
    expect(seen).toEqual([
      ['Pending', 0],
      ['In Progress', 25],
      ['In Progress', 50],
      ['In Progress', 75],
      ['Import Complete', 100],
      ['Import Complete', 100],
    ]);
  });

  it('runs playbooks step by step and lists them by task and status', async () => {
    const { uuid } = s.sim.fortisoar.playbooks().find((p) => p.name === 'Daily SOC Cleanup')!;
    const triggered = await s.send('POST', `/api/triggers/1/notrigger/${uuid}`, {
      body: { request: { data: {} } },
      headers: auth,
    });
    const taskId = triggered.json.task_id;
    const statuses: string[] = [];
    for (let i = 0; i < 6; i++) {
      const { json } = await s.send('GET', `/api/wf/api/workflows/?task_id=${taskId}&format=json`, {
        headers: auth,
      });
      statuses.push(json['hydra:member'][0].status);
      s.clock.advance(100);
    }
    expect(statuses).toEqual(['incipient', 'active', 'active', 'active', 'finished', 'finished']);
    const done = await s.send('GET', '/api/wf/api/workflows/?status=finished', { headers: auth });
    expect(done.json['hydra:member'].map((r: { task_id: string }) => r.task_id)).toContain(taskId);
    const historical = await s.send('GET', '/api/wf/api/historical-workflows/', { headers: auth });
    expect(historical.json['hydra:totalItems']).toBeGreaterThan(0);
  });

  it('injects wire faults for this product', async () => {
    s.sim.faults.inject({ kind: 'http-error', status: 502, product: 'fortisoar', path: '/api/3/alerts' });
    expect((await s.send('GET', '/api/3/alerts', { headers: auth })).status).toBe(502);
    expect((await s.send('GET', '/api/3/alerts', { headers: auth })).status).toBe(200);
  });
});
