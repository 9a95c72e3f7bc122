import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AlreadyExistsError,
  InvalidRequestError,
  NotFoundError,
  PermissionDeniedError,
  ValidationError,
} from '../../../src/core/errors.js';
import { type FortiSoar, FortiSoarInvalidRequestError, q } from '../../../src/fortisoar/index.js';
import { type SoarHarness, startSoar } from './harness.js';

describe('FortiSOAR records', () => {
  let h: SoarHarness;
  let soar: FortiSoar;
  let high: string;
  beforeAll(async () => {
    h = await startSoar();
    soar = h.client('jwt');
    high = await soar.picklists.iri('Severity', 'High');
  });
  afterAll(() => h.close());

  it('creates, reads, updates and lists records, picklists expanded, with the server time stamps', async () => {
    const created = await soar.alerts.create({
      name: 'Beaconing to 198.51.100.7',
      severity: high,
      sourceIp: '172.16.99.7',
    });
    expect(created).toMatchObject({
      '@type': 'Alert',
      name: 'Beaconing to 198.51.100.7',
      severity: { itemValue: 'High', '@id': high },
    });
    expect(created['@id']).toBe(soar.alerts.iri(created.uuid));
    expect(created.createDate).toBe(h.clock.now() / 1000);
    const updated = await soar.alerts.update(created.uuid, { description: 'from the proxy logs' });
    expect(updated.description).toBe('from the proxy logs');
    expect(updated.name).toBe('Beaconing to 198.51.100.7');
    const fields = await soar.alerts.get(created.uuid, { fields: ['name'] });
    expect(Object.keys(fields).sort()).toEqual(['@context', '@id', '@type', 'id', 'name', 'uuid'].sort());
    const page = await soar.alerts.list({ filter: { sourceIp: '172.16.99.7' } });
    expect(page.items.map((a) => a.uuid)).toEqual([created.uuid]);
    const searched = await soar.alerts.list({ search: 'beaconing' });
    expect(searched.items.map((a) => a.uuid)).toContain(created.uuid);
  });

  it('pages with $limit/$page over the hydra envelope, sorted by $orderby', async () => {
    const first = await soar.alerts.list({ pageSize: 10, orderBy: '-id' });
    const second = await soar.alerts.list({ pageSize: 10, page: 2, orderBy: '-id' });
    expect(first.items).toHaveLength(10);
    expect(first.hasNext).toBe(true);
    expect(first.items[0]!.id).toBeGreaterThan(first.items[9]!.id);
    expect(second.items[0]!.id).toBeLessThan(first.items[9]!.id);
    const all = [];
    for await (const page of soar.alerts.pages({ pageSize: 7 })) all.push(...page.items);
    expect(all).toHaveLength(first.totalItems);
    expect(new Set(all.map((a) => a.uuid)).size).toBe(first.totalItems);
  });

  it('refuses a picklist name with the server words; the helper resolves names to IRIs', async () => {
    const refused = await soar.alerts.create({ name: 'x', severity: 'High' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(InvalidRequestError);
    expect(refused).toBeInstanceOf(FortiSoarInvalidRequestError);
    expect((refused as Error).message).toContain('Invalid IRI "High"');
    const resolved = await soar.picklists.resolve({
      severity: ['Severity', 'critical'],
      status: ['AlertStatus', 'Open'],
    });
    const alert = await soar.alerts.create({ name: 'resolved', ...resolved });
    expect([alert.severity?.itemValue, alert.status?.itemValue]).toEqual(['Critical', 'Open']);
    await expect(soar.picklists.iri('Severity', 'Apocalyptic')).rejects.toBeInstanceOf(NotFoundError);
    // Lists are fetched once per client.
    const requests = h.sim.requests;
    await Promise.all([soar.picklists.iri('Severity', 'Low'), soar.picklists.iri('AlertStatus', 'Closed')]);
    expect(h.sim.requests).toBe(requests);
  });

  it('maps constraint violations to issues, duplicates to AlreadyExistsError, unknown uuids to NotFoundError', async () => {
    const blank = await soar.alerts.create({ description: 'no name' }).catch((e: unknown) => e);
    expect(blank).toBeInstanceOf(InvalidRequestError);
    expect((blank as InvalidRequestError).issues).toEqual([
      { path: 'name', message: 'This value should not be blank.' },
    ]);
    await soar.indicators.create({ value: '203.0.113.50' });
    await expect(soar.indicators.create({ value: '203.0.113.50' })).rejects.toBeInstanceOf(
      AlreadyExistsError,
    );
    await expect(soar.alerts.get('00000000-0000-4000-8000-000000000000')).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(soar.records('nosuchmodule').list()).rejects.toBeInstanceOf(NotFoundError);
  });

  it('checks input before sending', async () => {
    const before = h.sim.requests;
    await expect(soar.alerts.get('not-a-uuid')).rejects.toBeInstanceOf(ValidationError);
    expect(() => soar.records('../etc')).toThrow(ValidationError);
    await expect(soar.alerts.list({ pageSize: 0 })).rejects.toBeInstanceOf(ValidationError);
    expect(() => soar.alerts.pages({ page: 0 })).toThrow(ValidationError);
    await expect(
      soar.alerts.link('00000000-0000-4000-8000-000000000000', 'indicators', ['x']),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(soar.alerts.create([] as never)).rejects.toBeInstanceOf(ValidationError);
    expect(h.sim.requests).toBe(before);
  });

  it('refuses writes of a read-only user with PermissionDeniedError', async () => {
    const { analyst } = h.sim.fortisoar;
    const reader = h.client('jwt', { username: analyst.loginid, password: analyst.password });
    expect((await reader.alerts.list({ pageSize: 1 })).items).toHaveLength(1);
    await expect(reader.alerts.create({ name: 'nope' })).rejects.toBeInstanceOf(PermissionDeniedError);
  });

  it('upserts by the unique field: created, then updated', async () => {
    const first = await soar.alerts.upsert({ name: 'SIEM 1', sourceId: 'SIEM-UPSERT-1' });
    const second = await soar.alerts.upsert({ name: 'SIEM 1 (again)', sourceId: 'SIEM-UPSERT-1' });
    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(second.record.uuid).toBe(first.record.uuid);
    expect(second.record.name).toBe('SIEM 1 (again)');
  });

  it('bulk upserts with one result per item: index, record or the error the server put in its failure string', async () => {
    const items = [
      { name: 'bulk a', sourceId: 'BULK-A' },
      { description: 'no name: refused' },
      { name: 'bulk c', sourceId: 'BULK-C' },
      { name: 'bulk d', severity: 'High' },
      { name: 'bulk e', sourceId: 'BULK-E' },
    ];
    const result = await soar.alerts.bulkUpsert(items, { chunkSize: 2 });
    expect(result).toMatchObject({ succeeded: 3, failed: 2 });
    expect(result.items.map((i) => [i.index, i.ok])).toEqual([
      [0, true],
      [1, false],
      [2, true],
      [3, false],
      [4, true],
    ]);
    const failure = result.items[1]!;
    if (failure.ok) throw new Error('expected a failure');
    expect(failure.input).toEqual(items[1]);
    expect(failure.error).toContain('This value should not be blank');
    expect(failure.raw).toMatch(/^Bad Request: \{/);
    const success = result.items[2]!;
    if (!success.ok) throw new Error('expected a success');
    expect(success.record.name).toBe('bulk c');
  });

  it('bulk inserts and bulk updates with per-item results', async () => {
    const inserted = await soar.tasks.bulkInsert([
      { name: 'triage' },
      { description: 'no name' },
      { name: 'contain' },
    ]);
    expect(inserted.items.map((i) => i.ok)).toEqual([true, false, true]);
    const uuids = inserted.items.flatMap((i) => (i.ok ? [i.uuid] : []));
    const updated = await soar.tasks.bulkUpdate([
      { uuid: uuids[0]!, description: 'first' },
      { uuid: '00000000-0000-4000-8000-000000000000', description: 'missing' },
    ]);
    expect(updated.items.map((i) => i.ok)).toEqual([true, false]);
    expect((await soar.tasks.get(uuids[0]!)).description).toBe('first');
  });

  it('soft deletes to the recycle bin and restores; hard deletes for good', async () => {
    const alert = await soar.alerts.create({ name: 'to the bin' });
    await soar.alerts.delete(alert.uuid);
    await expect(soar.alerts.get(alert.uuid)).rejects.toBeInstanceOf(NotFoundError);
    const recycled = await soar.alerts.list({ showDeleted: true, filter: { name: 'to the bin' } });
    expect(recycled.items).toHaveLength(1);
    expect((await soar.alerts.restore(alert.uuid)).name).toBe('to the bin');
    expect((await soar.alerts.get(alert.uuid)).uuid).toBe(alert.uuid);
    await soar.alerts.delete(alert.uuid, { hard: true });
    await expect(soar.alerts.restore(alert.uuid)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('deletes many by id and everything a query matches, a chunk at a time', async () => {
    const made = await soar.tasks.bulkInsert(
      Array.from({ length: 25 }, (_, i) => ({ name: `cleanup ${i}` })),
    );
    const uuids = made.items.flatMap((i) => (i.ok ? [i.uuid] : []));
    expect(await soar.tasks.deleteMany(uuids.slice(0, 5), { chunkSize: 2 })).toEqual({
      total: 5,
      deleted: 5,
      failed: 0,
    });
    const byQuery = await soar.tasks.deleteByQuery(
      { filter: q.like('name', 'cleanup %') },
      { hard: true, chunkSize: 7 },
    );
    expect(byQuery.deleted).toBe(20);
    expect((await soar.tasks.list({ filter: { name$like: 'cleanup%' } })).totalItems).toBe(0);
  });

  it('links and unlinks records (__link / __unlink), both sides seeing it', async () => {
    const alert = await soar.alerts.create({ name: 'with indicators' });
    const ip = await soar.indicators.create({ value: '192.0.2.99' });
    const host = await soar.indicators.create({ value: 'evil.example.net' });
    const linked = await soar.alerts.link(alert.uuid, 'indicators', [ip['@id'], host['@id']]);
    expect(linked.indicators?.sort()).toEqual([ip['@id'], host['@id']].sort());
    expect((await soar.indicators.get(ip.uuid, { relationships: true })).alerts).toEqual([alert['@id']]);
    const unlinked = await soar.alerts.unlink(alert.uuid, 'indicators', [ip['@id']]);
    expect(unlinked.indicators).toEqual([host['@id']]);
    await expect(
      soar.alerts.link(alert.uuid, 'indicators', ['/api/3/indicators/00000000-0000-4000-8000-000000000000']),
    ).rejects.toBeInstanceOf(InvalidRequestError);
  });

  it('comments on records and lists them oldest first', async () => {
    const incident = await soar.incidents.create({ name: 'Ransomware on FS01' });
    await soar.incidents.addComment(incident.uuid, 'Host isolated.');
    await soar.incidents.addComment(incident.uuid, 'Backups verified.', { important: true });
    const comments = await soar.incidents.comments(incident.uuid);
    expect(comments.map((c) => [c.content, c.isImportant])).toEqual([
      ['Host isolated.', false],
      ['Backups verified.', true],
    ]);
  });

  it('reaches any module and any path through records() and raw()', async () => {
    const people = await soar.records('people').list();
    expect(people.items.map((p) => p.userId)).toContain('csadmin');
    const reply = await soar.raw({
      method: 'GET',
      path: '/api/3/alerts/00000000-0000-4000-8000-000000000000',
    });
    expect(reply.status).toBe(404);
    expect(reply.data).toMatchObject({ 'hydra:description': 'Not Found' });
  });
});
