/**
 * Reply shapes the simulator does not produce but appliances and their clients report: a one-element
 * list of `{id, resource_uri}` (8.0.0), a 201 without any body or Location, string statuses in a 207
 * list, a `meta.next` that repeats. Served by an undici MockAgent.
 */
import { MockAgent } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProtocolError } from '../../../src/core/errors.js';
import { FacInvalidRequestError, FortiAuthenticator } from '../../../src/fortiauthenticator/index.js';
import { itemOutcome } from '../../../src/fortiauthenticator/replies.js';

const ORIGIN = 'http://fac.test';
const JSON_HEADERS = { headers: { 'content-type': 'application/json' } };

describe('FortiAuthenticator client: reply shapes', () => {
  let agent: MockAgent;
  let fac: FortiAuthenticator;

  beforeEach(() => {
    agent = new MockAgent();
    agent.disableNetConnect();
    fac = new FortiAuthenticator({
      url: ORIGIN,
      username: 'admin',
      apiKey: 'k',
      dispatcher: agent,
      retry: false,
      version: '8.0.0',
    });
  });
  afterEach(async () => {
    await fac.close();
    await agent.close();
  });

  it('reads the object back when POST answers a one-element list of {id, resource_uri}', async () => {
    const pool = agent.get(ORIGIN);
    pool
      .intercept({ path: '/api/v1/localusers/', method: 'POST' })
      .reply(201, [{ id: 7, resource_uri: '/api/v1/localusers/7/' }], JSON_HEADERS);
    pool
      .intercept({ path: '/api/v1/localusers/7/', method: 'GET' })
      .reply(200, { id: 7, username: 'ann', resource_uri: '/api/v1/localusers/7/' }, JSON_HEADERS);
    expect(await fac.resource('localusers').create({ username: 'ann', password: 'p' })).toEqual({
      id: 7,
      username: 'ann',
      resource_uri: '/api/v1/localusers/7/',
    });
  });

  it('finds the object by its natural key when a 201 says nothing, and follows an absolute Location', async () => {
    const pool = agent.get(ORIGIN);
    pool.intercept({ path: '/api/v1/usergroups/', method: 'POST' }).reply(201, '');
    pool.intercept({ path: '/api/v1/usergroups/?name=Staff&limit=2', method: 'GET' }).reply(
      200,
      {
        meta: { limit: 2, next: null, offset: 0, previous: null, total_count: 1 },
        objects: [{ id: 3, name: 'Staff' }],
      },
      JSON_HEADERS,
    );
    expect(await fac.resource('usergroups').create({ name: 'Staff' })).toEqual({ id: 3, name: 'Staff' });

    pool
      .intercept({ path: '/api/v1/ssogroup/', method: 'POST' })
      .reply(201, '', { headers: { location: 'https://fac.example.com/api/v1/ssogroup/4/' } });
    pool
      .intercept({ path: '/api/v1/ssogroup/4/', method: 'GET' })
      .reply(200, { id: 4, name: 's' }, JSON_HEADERS);
    expect(await fac.resource('ssogroup').create({ name: 's' })).toEqual({ id: 4, name: 's' });
  });

  it('reads per-item results with numeric or word statuses', () => {
    expect(itemOutcome({ statue: 201, id: 1, resource_uri: '/api/v1/x/1/', name: 'a' }, 'POST x')).toEqual({
      ok: true,
      object: { id: 1, resource_uri: '/api/v1/x/1/', name: 'a' },
    });
    expect(itemOutcome({ statue: 'success', id: 2, status: 'available' }, 'POST x')).toEqual({
      ok: true,
      object: { id: 2, status: 'available' },
    });
    const failed = itemOutcome({ statue: 'failed', localusers: { username: ['taken'] } }, 'POST x');
    expect(failed.ok).toBe(false);
    expect(!failed.ok && failed.error).toBeInstanceOf(FacInvalidRequestError);
    expect(!failed.ok && (failed.error as FacInvalidRequestError).issues).toEqual([
      { path: 'username', message: 'taken' },
    ]);
    expect(itemOutcome('nope', 'POST x').ok).toBe(false);
  });

  it('stops on a meta.next that repeats instead of looping forever', async () => {
    const pool = agent.get(ORIGIN);
    const page = (next: string) => ({
      meta: { limit: 1, next, offset: 0, previous: null, total_count: 9 },
      objects: [{ id: 1 }],
    });
    pool
      .intercept({ path: '/api/v1/usergroups/?limit=1000', method: 'GET' })
      .reply(200, page('/api/v1/usergroups/?offset=1'), JSON_HEADERS);
    pool
      .intercept({ path: '/api/v1/usergroups/?offset=1', method: 'GET' })
      .reply(200, page('/api/v1/usergroups/?offset=1'), JSON_HEADERS);
    const seen: unknown[] = [];
    const error = await (async () => {
      try {
        for await (const group of fac.resource('usergroups').iterate()) seen.push(group);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ProtocolError);
    expect(seen).toHaveLength(2);
  });

  it('sends __in lists as repeated parameters and booleans as true/false', async () => {
    const pool = agent.get(ORIGIN);
    pool
      .intercept({
        path: '/api/v1/localusers/?username__in=a&username__in=b&active=false&order_by=-id',
        method: 'GET',
      })
      .reply(
        200,
        { meta: { limit: 20, next: null, offset: 0, previous: null, total_count: 0 }, objects: [] },
        JSON_HEADERS,
      );
    const page = await fac
      .resource('localusers')
      .list({ filter: { username__in: ['a', 'b'], active: false }, orderBy: '-id' });
    expect(page.objects).toEqual([]);
  });
});
