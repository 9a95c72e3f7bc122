import { afterEach, describe, expect, it } from 'vitest';
import { basicOf, type Wire, wire } from './wire.js';

describe('FortiAuthenticator simulator: the REST API as the seed shows it', () => {
  let w: Wire;
  afterEach(() => w.sim.close());

  it('replays the seed: list with ?format=json or an Accept header, POST refused, PUT 204 with an empty text/html body', async () => {
    w = await wire();
    const viaQuery = await w.call('GET', '/api/v1/fgtgroupfilter/?format=json');
    const viaAccept = await w.call('GET', '/api/v1/fgtgroupfilter/', {
      headers: { accept: 'application/json' },
    });
    expect(viaQuery.status).toBe(200);
    expect(viaQuery.headers['content-type']).toBe('application/json');
    expect(viaAccept.json).toEqual(viaQuery.json);
    // Keys sorted, meta first: the seed's reply starts exactly like this.
    expect(viaQuery.text).toMatch(
      /^\{"meta": ?\{"limit": ?20, ?"next": ?null, ?"offset": ?0, ?"previous": ?null, ?"total_count": ?2\}, ?"objects": ?\[\{"address": ?"1\.1\.1\.1", ?"id": ?1, ?"name": ?"GroupFilter_Test1", ?"nasname": ?"1\.1\.1\.1", ?"resource_uri": ?"\/api\/v1\/fgtgroupfilter\/1\/", ?"shortname": ?"GroupFilter_Test1", ?"sso_groups": ?\[/,
    );

    const post = await w.call('POST', '/api/v1/fgtgroupfilter/', { body: { shortname: 'x', nasname: 'y' } });
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET');

    const put = await w.call('PUT', '/api/v1/fgtgroupfilter/1/', {
      body: { shortname: 'GroupFilter_Test1', nasname: '2.2.2.2', sso_groups: [] },
    });
    expect(put.status).toBe(204);
    expect(put.text).toBe('');
    expect(put.headers['content-type']).toBe('text/html; charset=utf-8');
    const after = await w.call('GET', '/api/v1/fgtgroupfilter/1/');
    expect(after.json).toMatchObject({
      nasname: '2.2.2.2',
      address: '2.2.2.2',
      shortname: 'GroupFilter_Test1',
    });
  });

  it('enforces the seed constraints of fgtgroupfilter: shortname at most 32 characters and unique', async () => {
    w = await wire();
    const long = await w.call('PUT', '/api/v1/fgtgroupfilter/1/', {
      body: { shortname: 'x'.repeat(33), nasname: '3.3.3.3' },
    });
    expect(long.status).toBe(400);
    expect(long.json).toEqual({
      fgtgroupfilter: { shortname: ['Ensure this value has at most 32 characters (it has 33).'] },
    });
    const taken = await w.call('PUT', '/api/v1/fgtgroupfilter/1/', {
      body: { shortname: 'Branch-FGT', nasname: '3.3.3.3' },
    });
    expect(taken.status).toBe(400);
    expect(taken.json).toEqual({
      fgtgroupfilter: { shortname: ['An object with this shortname already exists.'] },
    });
    const missing = await w.call('PUT', '/api/v1/fgtgroupfilter/1/', { body: { shortname: 'ok' } });
    expect(missing.json).toEqual({ fgtgroupfilter: { nasname: ['This field is required.'] } });
  });

  it('authenticates with the access key only: the login password and a missing header are 401', async () => {
    w = await wire();
    const { username, password, apiKey } = w.sim.fortiauthenticator.credentials as Record<string, string>;
    expect(apiKey).toMatch(/^[A-Za-z0-9]{40}$/);
    expect((await w.call('GET', '/api/v1/localusers/')).status).toBe(200);
    const withPassword = await w.call('GET', '/api/v1/localusers/', {
      auth: basicOf(username as string, password as string),
    });
    expect(withPassword.status).toBe(401);
    expect(withPassword.headers['www-authenticate']).toContain('Basic');
    expect((await w.call('GET', '/api/v1/systeminfo/', { auth: null })).status).toBe(401);
    // The directory answers without credentials.
    const root = await w.call('GET', '/api/v1/', { auth: null });
    expect(root.status).toBe(200);
    expect(root.json).toMatchObject({
      localusers: { list_endpoint: '/api/v1/localusers/', schema: '/api/v1/localusers/schema/' },
      pushpoll: { list_endpoint: '/api/v1/pushpoll/' },
    });
  });

  it('applies admin profiles: a read-only admin reads (200) and may not write (403)', async () => {
    w = await wire({
      fortiauthenticator: { admins: [{ username: 'reader', apiKey: 'R'.repeat(40), access: 'read' }] },
    });
    const auth = basicOf('reader', 'R'.repeat(40));
    expect((await w.call('GET', '/api/v1/usergroups/', { auth })).status).toBe(200);
    expect((await w.call('POST', '/api/v1/usergroups/', { auth, body: { name: 'x' } })).status).toBe(403);
  });

  it('ignores unknown query parameters, clamps limit=0 to 1000 and refuses filters a field does not allow', async () => {
    w = await wire({ fortiauthenticator: { seed: { users: 1200 } } });
    const ignored = await w.call('GET', '/api/v1/localusers/?color=blue&limit=5');
    expect(ignored.json).toMatchObject({ meta: { limit: 5, total_count: 1200, offset: 0 } });
    const zero = await w.call('GET', '/api/v1/localusers/?limit=0');
    expect(zero.json).toMatchObject({
      meta: { limit: 1000, next: '/api/v1/localusers/?limit=1000&offset=1000' },
    });
    expect((zero.json as { objects: unknown[] }).objects).toHaveLength(1000);
    const big = await w.call('GET', '/api/v1/localusers/?limit=5000&offset=1000');
    expect(big.json).toMatchObject({
      meta: { limit: 1000, next: null, previous: '/api/v1/localusers/?limit=1000&offset=0' },
    });
    const notAllowed = await w.call('GET', '/api/v1/localusers/?phone_number=1');
    expect(notAllowed).toMatchObject({
      status: 400,
      json: { error: "The 'phone_number' field does not allow filtering." },
    });
    const lookup = await w.call('GET', '/api/v1/localusers/?active__icontains=t');
    expect(lookup.json).toEqual({ error: "'icontains' is not an allowed filter on the 'active' field." });
    expect((await w.call('GET', '/api/v1/localusers/?limit=abc')).status).toBe(400);
    expect((await w.call('GET', '/api/v1/localusers/?limit=-1')).status).toBe(400);
    expect((await w.call('GET', '/api/v1/localusers/?order_by=nope')).json).toEqual({
      error: "No matching 'nope' field for ordering on.",
    });
  });

  it('pages with meta.next links that keep the filters, and orders', async () => {
    w = await wire({ fortiauthenticator: { seed: { users: 30 } } });
    const first = await w.call(
      'GET',
      '/api/v1/localusers/?username__contains=user000&order_by=-username&limit=4',
    );
    const meta = (first.json as { meta: { next: string; total_count: number } }).meta;
    expect(meta.total_count).toBe(9);
    expect(meta.next).toBe(
      '/api/v1/localusers/?username__contains=user000&order_by=-username&limit=4&offset=4',
    );
    const names = (first.json as { objects: { username: string }[] }).objects.map((u) => u.username);
    expect(names).toEqual(['user0009', 'user0008', 'user0007', 'user0006']);
    const second = await w.call('GET', meta.next);
    expect((second.json as { objects: { username: string }[] }).objects[0]?.username).toBe('user0005');
  });

  it('serves Tastypie schemas for collections and 500 for singletons, 405 with Allow for disallowed methods', async () => {
    w = await wire();
    const schema = await w.call('GET', '/api/v1/usergroups/schema/');
    expect(schema.json).toMatchObject({
      allowed_list_http_methods: ['get', 'post'],
      allowed_detail_http_methods: ['get', 'patch', 'put', 'delete'],
      default_limit: 20,
      filtering: { name: ['exact'] },
      fields: {
        name: { type: 'string', blank: false, unique: true, max_length: 50, readonly: false },
        users: { type: 'related', related_type: 'to_many', related_schema: '/api/v1/localusers/schema/' },
      },
    });
    expect((await w.call('GET', '/api/v1/systeminfo/schema/')).status).toBe(500);
    const list = await w.call('GET', '/api/v1/localapiadmin/');
    expect(list.status).toBe(405);
    expect(list.headers.allow).toBe('POST');
    expect((await w.call('GET', '/api/v1/auth/')).status).toBe(405);
    expect((await w.call('GET', '/api/v1/nosuchthing/')).status).toBe(404);
    expect((await w.call('GET', '/api/v1/localusers/999/')).status).toBe(404);
    // Endpoints the 8.0.3 directory lists without a documented method answer as they did there.
    expect((await w.call('GET', '/api/v1/pushpoll/')).status).toBe(403);
    expect((await w.call('GET', '/api/v1/userfortitokenpolicy/')).status).toBe(400);
  });

  it('redirects a GET without the trailing slash, and finds nothing for other methods', async () => {
    w = await wire();
    const get = await w.call('GET', '/api/v1/localusers?limit=1');
    expect(get.status).toBe(301);
    expect(get.headers.location).toBe('/api/v1/localusers/?limit=1');
    expect((await w.call('POST', '/api/v1/localusers', { body: {} })).status).toBe(404);
  });

  it('answers 400 for a body that is not JSON', async () => {
    w = await wire();
    const bad = await w.call('POST', '/api/v1/usergroups/', {
      raw: '{nope',
      headers: { 'content-type': 'application/json' },
    });
    expect(bad).toMatchObject({ status: 400, json: { error: 'The request body is not valid JSON.' } });
  });
});
