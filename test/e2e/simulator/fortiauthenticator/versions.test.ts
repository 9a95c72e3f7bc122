import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator } from '../../../../src/simulator/index.js';
import { type Wire, wire } from './wire.js';

describe('FortiAuthenticator simulator: write replies by version', () => {
  let w: Wire;
  afterEach(() => w.sim.close());

  it('4.0: POST 201 empty with an absolute Location, PATCH 202 empty, PUT and DELETE 204', async () => {
    w = await wire({ fortiauthenticator: { version: '4.0' } });
    const post = await w.call('POST', '/api/v1/usergroups/', { body: { name: 'Staff' } });
    expect(post.status).toBe(201);
    expect(post.text).toBe('');
    expect(post.headers.location).toBe(`${w.sim.fortiauthenticator.url}/api/v1/usergroups/1/`);
    const patch = await w.call('PATCH', '/api/v1/usergroups/1/', { body: { group_type: 'vpn' } });
    expect(patch).toMatchObject({ status: 202, text: '' });
    expect((await w.call('PUT', '/api/v1/usergroups/1/', { body: { name: 'Staff2' } })).status).toBe(204);
    expect((await w.call('GET', '/api/v1/usergroups/1/')).json).toMatchObject({
      name: 'Staff2',
      group_type: '',
    });
    expect((await w.call('DELETE', '/api/v1/usergroups/1/')).status).toBe(204);
    expect((await w.call('GET', '/api/v1/usergroups/1/')).status).toBe(404);
  });

  it('6.6: POST 201 empty with a path Location, PATCH 202 with the object; a list body is refused', async () => {
    w = await wire({ fortiauthenticator: { version: '6.6' } });
    const post = await w.call('POST', '/api/v1/localusers/', {
      body: { username: 'ann', password: 'pw123456' },
    });
    expect(post).toMatchObject({ status: 201, text: '' });
    expect(post.headers.location).toBe('/api/v1/localusers/1/');
    const patch = await w.call('PATCH', '/api/v1/localusers/1/', { body: { first_name: 'Ann' } });
    expect(patch.status).toBe(202);
    expect(patch.json).toMatchObject({
      id: 1,
      username: 'ann',
      first_name: 'Ann',
      resource_uri: '/api/v1/localusers/1/',
    });
    expect(patch.json).not.toHaveProperty('password');
    const list = await w.call('POST', '/api/v1/localusers/', {
      body: [{ username: 'x', password: 'pw123456' }],
    });
    expect(list).toMatchObject({
      status: 400,
      json: { error: 'The request body must be a JSON object, not a list.' },
    });
  });

  it('8.0.0: POST 201 with the created object', async () => {
    w = await wire({ fortiauthenticator: { version: '8.0.0' } });
    const post = await w.call('POST', '/api/v1/usergroups/', { body: { name: 'Staff' } });
    expect(post.status).toBe(201);
    expect(post.json).toMatchObject({
      id: 1,
      name: 'Staff',
      resource_uri: '/api/v1/usergroups/1/',
      users: [],
    });
  });

  it('8.0.3: POST to localusers takes an object or a list and answers 207 with a "statue" per item', async () => {
    w = await wire({ fortiauthenticator: { version: '8.0.3' } });
    const one = await w.call('POST', '/api/v1/localusers/', {
      body: { username: 'ann', password: 'pw123456' },
    });
    expect(one.status).toBe(207);
    expect(one.headers.location).toBeUndefined();
    expect(one.json).toEqual([expect.objectContaining({ statue: 201, id: 1, username: 'ann' })]);
    const many = await w.call('POST', '/api/v1/localusers/', {
      body: [
        { username: 'bob', password: 'pw123456' },
        { username: 'ann', password: 'pw123456' },
        { username: 'x y', password: 'a' },
      ],
    });
    expect(many.status).toBe(207);
    expect(many.json).toEqual([
      expect.objectContaining({ statue: 201, username: 'bob', resource_uri: '/api/v1/localusers/2/' }),
      { statue: 400, localusers: { username: ['A user with that username already exists.'] } },
      {
        statue: 400,
        localusers: { username: ['Enter a valid username: letters, digits and @ . + - _ only.'] },
      },
    ]);
    // Other collections keep the one-object reply of 8.0.
    expect((await w.call('POST', '/api/v1/usergroups/', { body: { name: 'G' } })).status).toBe(201);
  });

  it('refuses a version it cannot read', async () => {
    await expect(
      startSimulator({ products: ['fortiauthenticator'], fortiauthenticator: { version: 'latest' } }),
    ).rejects.toThrow(/Invalid FortiAuthenticator version 'latest'/);
    w = await wire();
  });

  it('reports the version in systeminfo', async () => {
    w = await wire({ fortiauthenticator: { version: '6.6.2' } });
    expect((await w.call('GET', '/api/v1/systeminfo/')).json).toMatchObject({
      firmware: 'FACVM v6.6.2, build0099 (GA)',
    });
  });
});
