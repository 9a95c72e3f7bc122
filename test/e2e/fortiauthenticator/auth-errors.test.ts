import { afterEach, describe, expect, it } from 'vitest';
import {
  AuthError,
  InvalidRequestError,
  NotFoundError,
  PermissionDeniedError,
  ProtocolError,
  ValidationError,
} from '../../../src/core/errors.js';
import {
  type FacInvalidRequestError,
  FacMethodNotAllowedError,
  FacNotFoundError,
  FacPermissionError,
  FortiAuthenticator,
} from '../../../src/fortiauthenticator/index.js';
import { type Harness, harness, recordingLogger, rejection } from './harness.js';

describe('FortiAuthenticator client: auth and the error tree', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('Basic auth with the access key; the login password is refused with advice; nothing leaks into logs', async () => {
    h = await harness();
    const logger = recordingLogger();
    const { username, password, apiKey } = h.sim.fortiauthenticator.credentials as Record<string, string>;
    const fac = h.client({ logger });
    expect((await fac.resource('systeminfo').get()).firmware).toMatch(/^FACVM/);
    const wrong = h.client({ apiKey: password, logger });
    const error = (await rejection(wrong.resource('systeminfo').get())) as AuthError;
    expect(error).toBeInstanceOf(AuthError);
    expect(error.message).toMatch(/web-service access key \(the login password is refused\)/);
    expect(() => new FortiAuthenticator({ url: h.sim.fortiauthenticator.url, username, password })).toThrow(
      ValidationError,
    );
    const text = [...logger.lines, error.message, JSON.stringify(error.details)].join('\n');
    expect(text).not.toContain(apiKey);
    expect(text).not.toContain(password);
  });

  it('OAuth: a token from the password grant, renewed once after a revocation, revoked on close', async () => {
    h = await harness();
    const { username, password, clientId } = h.sim.fortiauthenticator.credentials as Record<string, string>;
    const fac = new FortiAuthenticator({ url: h.sim.fortiauthenticator.url, username, password, clientId });
    expect((await fac.resource('usergroups').list()).meta.total_count).toBe(0);
    // The appliance forgets the token: the client gets a new one and replays the call once.
    h.sim.faults.inject({ kind: 'stale-session', product: 'fortiauthenticator' });
    expect((await fac.resource('usergroups').create({ name: 'G' })).name).toBe('G');
    expect(h.sim.fortiauthenticator.tokenStats()).toMatchObject({ issued: 2, active: 1 });
    await fac.close();
    expect(h.sim.fortiauthenticator.tokenStats()).toMatchObject({ active: 0, revoked: 2 });
    expect(await rejection(fac.resource('usergroups').list())).toMatchObject({ kind: 'closed' });
  });

  it('maps 400 (field and {"error"} bodies), 403, 404 and 405 to the shared categories', async () => {
    h = await harness({
      fortiauthenticator: { admins: [{ username: 'ro', apiKey: 'K'.repeat(40), access: 'read' }] },
    });
    const fac = h.client();
    const field = (await rejection(
      fac.resource('usergroups').create({ name: 'x'.repeat(51) }),
    )) as FacInvalidRequestError;
    expect(field).toBeInstanceOf(InvalidRequestError);
    expect(field.issues).toEqual([
      { path: 'name', message: 'Ensure this value has at most 50 characters (it has 51).' },
    ]);
    expect(field.message).toContain('name: Ensure this value has at most 50 characters');
    const tokens = h.sim.fortiauthenticator.objects('fortitokens');
    const locked = tokens.find((t) => t.locked) as { serial: string };
    const plain = (await rejection(
      fac.resource('localusers').create({
        username: 'a',
        email: 'a@example.com',
        token_auth: true,
        token_type: 'ftm',
        token_serial: locked.serial,
      }),
    )) as FacInvalidRequestError;
    expect(plain.apiMessage).toBe('This serial number is not available for use.');
    expect(plain.issues).toEqual([]);

    const ro = h.client({ username: 'ro', apiKey: 'K'.repeat(40) });
    const denied = await rejection(ro.resource('usergroups').create({ name: 'g' }));
    expect(denied).toBeInstanceOf(PermissionDeniedError);
    expect(denied).toBeInstanceOf(FacPermissionError);
    const missing = await rejection(fac.resource('localusers').get(4242));
    expect(missing).toBeInstanceOf(NotFoundError);
    expect(missing).toBeInstanceOf(FacNotFoundError);
    const notAllowed = (await rejection(fac.raw('GET', '/localapiadmin/'))) as FacInvalidRequestError;
    expect(notAllowed.status).toBe(405);
    expect(notAllowed.message).toContain('it allows POST');
  });

  it('refuses before sending: methods a resource does not allow, unknown resources, missing parents', async () => {
    h = await harness();
    const fac = h.client();
    const before = h.sim.requests;
    const create = (fac.resource('fgtgroupfilter') as unknown as { create(b: object): Promise<unknown> })
      .create;
    expect(await rejection(create.call(fac.resource('fgtgroupfilter'), {}))).toBeInstanceOf(
      FacMethodNotAllowedError,
    );
    expect(() => (fac.resource as (n: string) => unknown)('nope')).toThrow(ValidationError);
    expect(() => (fac.resource as (n: string) => unknown)('fgtgroupfilter/ssofilterobjects')).toThrow(
      /give its id/,
    );
    expect(h.sim.requests).toBe(before);
  });

  it('validate: true checks writes against the live schema before sending', async () => {
    h = await harness();
    const fac = h.client({ validate: true });
    const before = h.sim.requests;
    const error = (await rejection(
      fac.resource('localusers').create({
        username: 'x'.repeat(300),
        bogus: 1,
        token_type: 'carrier-pigeon',
        active: 'yes',
      } as never),
    )) as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues.map((i) => `${i.path}:${i.code}`).sort()).toEqual([
      'data.active:type',
      'data.bogus:unknown-field',
      'data.token_type:choice',
      'data.username:max-length',
    ]);
    // One schema read, then nothing more was sent.
    expect(h.sim.requests - before).toBe(1);
    const missing = (await rejection(fac.resource('usergroups').create({} as never))) as ValidationError;
    expect(missing.issues).toEqual([{ path: 'data.name', message: 'is required', code: 'required' }]);
    const readOnly = (await rejection(
      fac.resource('usergroups').update(1, { id: 3 } as never),
    )) as ValidationError;
    expect(readOnly.issues[0]?.code).toBe('read-only');
    expect((await fac.resource('usergroups').create({ name: 'ok' })).name).toBe('ok');
  });

  it('describe reads the live schema of collections and the documented facts of singletons', async () => {
    h = await harness();
    const fac = h.client();
    const users = await fac.describe('localusers');
    expect(users).toMatchObject({
      source: 'live',
      listMethods: ['get', 'post'],
      detailMethods: ['get', 'patch', 'delete'],
      filters: { username: ['exact', 'iexact', 'contains', 'icontains', 'in'] },
    });
    expect(users.fields.username).toEqual({
      type: 'string',
      required: true,
      readOnly: false,
      unique: false,
      maxLength: 253,
    });
    expect(users.fields.user_groups).toMatchObject({
      type: 'related',
      readOnly: true,
      related: { resource: 'usergroups', many: true },
    });
    const sub = await fac.describe('fgtgroupfilter/ssofilterobjects');
    expect(sub.fields.obj_type?.choices).toContain('group');
    const info = await fac.describe('systeminfo');
    expect(info.source).toBe('spec');
    expect(info.fields.firmware).toMatchObject({ readOnly: true });
  });

  it('turns broken replies into protocol errors, and retries safe reads', async () => {
    h = await harness();
    const fac = h.client();
    h.sim.faults.inject({ kind: 'http-error', product: 'fortiauthenticator', status: 503 });
    expect((await fac.resource('usergroups').list()).meta.limit).toBe(20);
    h.sim.faults.inject({ kind: 'invalid-json', product: 'fortiauthenticator', times: 5 });
    expect(await rejection(fac.resource('usergroups').list())).toBeInstanceOf(ProtocolError);
    h.sim.faults.clear();
    h.sim.faults.inject({ kind: 'http-error', product: 'fortiauthenticator', status: 503 });
    // A create is not repeated after it was sent.
    expect(await rejection(fac.resource('usergroups').create({ name: 'once' }))).toBeInstanceOf(Error);
    expect((await fac.resource('usergroups').list()).objects).toEqual([]);
  });
});
