import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '../../../src/core/errors.js';
import type { FortiAuthenticator } from '../../../src/fortiauthenticator/index.js';
import { type Harness, harness, rejection } from './harness.js';

describe('FortiAuthenticator client: filters, ordering and iteration', () => {
  let h: Harness;
  let fac: FortiAuthenticator;

  beforeAll(async () => {
    h = await harness({ fortiauthenticator: { seed: { users: 5000 } } });
    fac = h.client();
    const users = fac.resource('localusers');
    await users.update(1, {
      first_name: 'Ann',
      last_name: 'Lee',
      city: 'Oslo',
      email: 'Ann.Lee@Example.com',
    });
    await users.update(2, { first_name: 'anna', city: 'Bergen', active: false });
    await users.update(3, { first_name: 'Bob', city: 'Oslo' });
    const devices = fac.resource('macdevices');
    await devices.create({ name: 'Printer-1', address: 'AA:BB:CC:00:00:01' });
    await devices.create({ name: 'printer-2', address: 'aa:bb:cc:00:00:02' });
    await devices.create({ name: 'camera-1', address: '11:22:33:00:00:03' });
  });
  afterAll(() => h.close());

  const names = async (filter: object) =>
    (await fac.resource('localusers').list({ filter: filter as never, orderBy: 'id' })).objects.map(
      (u) => u.id,
    );
  const devices = async (filter: object) =>
    (await fac.resource('macdevices').list({ filter: filter as never, orderBy: 'name' })).objects.map(
      (d) => d.name,
    );

  it('every filter operator: exact (bare and __exact), iexact, contains, icontains, in, startswith, istartswith', async () => {
    expect(await names({ first_name: 'Ann' })).toEqual([1]);
    expect(await names({ first_name__exact: 'ann' })).toEqual([]);
    expect(await names({ first_name__iexact: 'ANN' })).toEqual([1]);
    expect(await names({ first_name__contains: 'nn' })).toEqual([1, 2]);
    expect(await names({ first_name__contains: 'NN' })).toEqual([]);
    expect(await names({ first_name__icontains: 'NN' })).toEqual([1, 2]);
    expect(await names({ username__in: ['user0003', 'user0001', 'nobody'] })).toEqual([1, 3]);
    expect(await names({ email__iexact: 'ann.lee@example.com', city: 'Oslo' })).toEqual([1]);
    expect(await devices({ name__startswith: 'printer' })).toEqual(['printer-2']);
    expect(await devices({ name__istartswith: 'printer' })).toEqual(['Printer-1', 'printer-2']);
    expect(await devices({ address__istartswith: 'aa:bb:cc' })).toEqual(['Printer-1', 'printer-2']);
  });

  it('boolean filters and ordering (ascending, descending, several fields)', async () => {
    const inactive = await fac.resource('localusers').list({ filter: { active: false } });
    expect(inactive.objects.map((u) => u.username)).toEqual(['user0002']);
    const oslo = await fac.resource('localusers').list({ filter: { city: 'Oslo' }, orderBy: '-first_name' });
    expect(oslo.objects.map((u) => u.first_name)).toEqual(['Bob', 'Ann']);
    const two = await fac
      .resource('localusers')
      .list({ filter: { username__in: ['user0002', 'user0003', 'user0001'] }, orderBy: ['city', '-id'] });
    expect(two.objects.map((u) => u.id)).toEqual([2, 3, 1]);
  });

  it('refuses unknown filters, disallowed lookups and bad paging before sending', async () => {
    const before = h.sim.requests;
    const unknown = (await rejection(
      fac.resource('localusers').list({ filter: { phone_number: '1' } as never }),
    )) as ValidationError;
    expect(unknown).toBeInstanceOf(ValidationError);
    expect(unknown.issues[0]).toMatchObject({ path: 'filter.phone_number', code: 'unknown-filter' });
    const lookup = (await rejection(
      fac.resource('localusers').list({ filter: { active__icontains: 't' } as never }),
    )) as ValidationError;
    expect(lookup.issues[0]).toMatchObject({ code: 'lookup-not-allowed' });
    expect(
      await rejection(fac.resource('localusers').list({ filter: { username__in: 'x' } as never })),
    ).toBeInstanceOf(ValidationError);
    expect(await rejection(fac.resource('localusers').list({ limit: 0 }))).toBeInstanceOf(ValidationError);
    expect(await rejection(fac.resource('localusers').list({ limit: 1001 }))).toBeInstanceOf(ValidationError);
    expect(h.sim.requests).toBe(before);
  });

  it('iterates over 5,000 users following meta.next, fetching a page only when the previous one is used up', async () => {
    const before = h.sim.requests;
    const users = fac.resource('localusers').iterate();
    const first = await users.next();
    expect(first.value).toMatchObject({ id: 1 });
    // One page (1,000 objects) in memory: the second page is not fetched yet.
    expect(h.sim.requests - before).toBe(1);
    let count = 1;
    const ids = new Set<number>([first.value?.id as number]);
    for await (const user of users) {
      ids.add(user.id);
      count++;
      if (count === 1000) expect(h.sim.requests - before).toBe(1);
      if (count === 1001) expect(h.sim.requests - before).toBe(2);
    }
    expect(count).toBe(5000);
    expect(ids.size).toBe(5000);
    expect(h.sim.requests - before).toBe(5);
  });

  it('pages with the filters kept on every page, and stops when the loop is left early', async () => {
    const seen: number[] = [];
    for await (const page of fac
      .resource('localusers')
      .pages({ filter: { username__contains: 'user00' }, limit: 30 })) {
      seen.push(page.objects.length);
      expect(page.meta.total_count).toBe(99);
    }
    expect(seen).toEqual([30, 30, 30, 9]);
    const before = h.sim.requests;
    for await (const user of fac.resource('localusers').iterate({ limit: 10 })) if (user.id === 3) break;
    expect(h.sim.requests - before).toBe(1);
  });

  it('reads a list page of 20 by default, with meta from the appliance', async () => {
    const page = await fac.resource('localusers').list();
    expect(page.meta).toEqual({
      limit: 20,
      next: '/api/v1/localusers/?limit=20&offset=20',
      offset: 0,
      previous: null,
      total_count: 5000,
    });
    expect(page.objects).toHaveLength(20);
  });
});
