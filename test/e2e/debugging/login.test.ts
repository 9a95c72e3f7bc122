/**
 * `login()` of every product with a login, against the simulator over loopback: the credentials
 * are checked up front, the identity is what the API says, bad credentials are the product's
 * AuthError (sent once, no secret in it), and a second login() reuses the session or token.
 */
import { describe, expect, it } from 'vitest';
import { AuthError } from '../../../src/core/errors.js';
import { FortiAnalyzer } from '../../../src/fortianalyzer/index.js';
import { FortiAuthenticator } from '../../../src/fortiauthenticator/index.js';
import { FortiCare } from '../../../src/forticare/index.js';
import { FortiManager } from '../../../src/fortimanager/index.js';
import { FortiSoar } from '../../../src/fortisoar/index.js';
import type { SimRequest } from '../../../src/simulator/types.js';
import { rejection } from '../helpers.js';
import { useTappedSimulator } from './tapped-simulator.js';

const h = useTappedSimulator();

/** Requests on the wire since `mark` whose path (and body) match. */
function sent(mark: number, path: string, body?: string): number {
  const match = (req: SimRequest) =>
    req.path === path && (body === undefined || req.body.toString().includes(body));
  return h.tap.seenSince(mark, match).length;
}

/** An AuthError whose texts (message, details, cause chain) do not show `secret`. */
async function refusedWithout(promise: Promise<unknown>, secret: string): Promise<AuthError> {
  const error = await rejection(promise);
  expect(error).toBeInstanceOf(AuthError);
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    expect(`${e.message} ${JSON.stringify((e as AuthError).details)} ${e.stack}`).not.toContain(secret);
  }
  return error as AuthError;
}

describe('FortiManager login()', () => {
  const fmg = (options: Record<string, unknown>) =>
    new FortiManager({ url: h.sim.fortimanager.url, ...options });

  it('logs in now and answers the admin, its profile and ADOMs, and the appliance', async () => {
    const { username, password } = h.sim.fortimanager.credentials;
    await using client = fmg({ username, password });
    const mark = h.tap.mark();
    const me = await client.login();
    expect(me).toMatchObject({
      auth: 'session',
      user: 'admin',
      profile: 'Super_User',
      rpcPermit: 'read-write',
      userType: 'local',
      adomAccess: 'all',
      system: {
        hostname: 'FMG-VM64',
        serialNumber: 'FMG-VMTM24000001',
        platform: 'FMG-VM64',
        adomsEnabled: true,
      },
    });
    expect(me.system.version).toMatch(/^v7\.4\.7-build\d+/);
    expect(me.adoms).toEqual(expect.arrayContaining(['root', 'dc_emea', 'dc_amer']));
    expect(sent(mark, '/jsonrpc', 'sys/login/user')).toBe(1);
    // A second login() reuses the session: one more read, no second login.
    expect(await client.login()).toEqual(me);
    await client.get('/sys/status');
    expect(sent(mark, '/jsonrpc', 'sys/login/user')).toBe(1);
  });

  it('names only the ADOMs an admin restricted to some may use', async () => {
    await using client = fmg({ username: 'amer_rw', password: h.sim.fortimanager.adminPassword });
    expect(await client.login()).toMatchObject({
      user: 'amer_rw',
      profile: 'rw_all',
      adomAccess: 'specify',
      adoms: ['dc_amer'],
    });
  });

  it('checks an API key; with access_user it names the API admin', async () => {
    const apiKey = h.sim.fortimanager.createApiKey('api_whoami');
    await using anonymous = fmg({ apiKey });
    const key = await anonymous.login();
    expect(key).toMatchObject({ auth: 'api-key', user: undefined, profile: undefined });
    expect(key.adoms).toEqual(expect.arrayContaining(['root']));
    await using named = fmg({ apiKey, accessUser: 'api_whoami' });
    expect(await named.login()).toMatchObject({ auth: 'api-key', user: 'api_whoami', userType: 'api' });
  });

  it('logs in to FortiManager Cloud with a FortiCloud token', async () => {
    const { username, password } = h.sim.forticloud.defaultUser;
    await using client = fmg({ cloud: { username, password, authUrl: h.sim.forticloud.url } });
    expect(await client.login()).toMatchObject({ auth: 'cloud', user: username });
  });

  it('refuses a wrong password at once, sending the login once', async () => {
    const wrong = 'Not-The-Password-1';
    await using client = fmg({ username: 'admin', password: wrong });
    const mark = h.tap.mark();
    const error = await refusedWithout(client.login(), wrong);
    expect(error.message).toContain("refused the login of 'admin'");
    expect(sent(mark, '/jsonrpc', 'sys/login/user')).toBe(1);
  });

  it('refuses an unknown API key with an AuthError', async () => {
    const key = 'nokeynokeynokeynokeynokey';
    await using client = fmg({ apiKey: key });
    await refusedWithout(client.login(), key);
  });
});

describe('FortiAnalyzer login()', () => {
  it('logs in now and answers the admin, the ADOMs and the appliance; a second login() reuses the session', async () => {
    const { username, password } = h.sim.fortianalyzer.credentials;
    await using faz = new FortiAnalyzer({ url: h.sim.fortianalyzer.url, username, password });
    const mark = h.tap.mark();
    const me = await faz.login();
    expect(me).toMatchObject({ auth: 'session', user: 'admin', system: { platform: 'FAZVM64' } });
    expect(me.adoms).toContain('root');
    await faz.login();
    expect(sent(mark, '/jsonrpc', 'sys/login/user')).toBe(1);
  });

  it('checks an API key, refuses bad credentials, and through a FortiManager answers its session', async () => {
    await using byKey = new FortiAnalyzer({
      url: h.sim.fortianalyzer.url,
      apiKey: h.sim.fortianalyzer.credentials.apiKey,
    });
    expect(await byKey.login()).toMatchObject({ auth: 'api-key', system: { platform: 'FAZVM64' } });
    await using wrong = new FortiAnalyzer({
      url: h.sim.fortianalyzer.url,
      username: 'admin',
      password: 'Faz-Wrong-1',
    });
    const error = await refusedWithout(wrong.login(), 'Faz-Wrong-1');
    expect(error.message).toContain("FortiAnalyzer refused the login of 'admin'");
    const { username, password } = h.sim.fortimanager.credentials;
    await using fmg = new FortiManager({ url: h.sim.fortimanager.url, username, password });
    await using faz = FortiAnalyzer.through(fmg);
    expect(await faz.login()).toMatchObject({
      auth: 'session',
      user: 'admin',
      system: { platform: 'FMG-VM64' },
    });
  });
});

describe('FortiCare login()', () => {
  const care = (options: Record<string, unknown> = {}) => {
    const { username, password } = h.sim.forticare.credentials;
    return new FortiCare({
      url: h.sim.forticare.url,
      authUrl: h.sim.forticloud.url,
      username,
      password,
      ...options,
    });
  };

  it("gets the token now and answers the API user, the token's scope and expiry, and the account", async () => {
    await using fc = care({ accountId: 1234 });
    const issued = h.sim.forticloud.stats().issued;
    const before = Date.now();
    const me = await fc.login();
    expect(me).toMatchObject({
      user: h.sim.forticare.credentials.username,
      clientId: 'assetmanagement',
      scope: 'read write',
      accountId: 1234,
    });
    expect(me.expiresAt).toBeGreaterThanOrEqual(before + (h.sim.forticloud.tokenLifetimeSec - 5) * 1000);
    expect(h.sim.forticloud.stats().issued).toBe(issued + 1);
    await fc.login();
    expect(h.sim.forticloud.stats().issued).toBe(issued + 1);
  });

  it('asks FortiCloud about a token given to the client, and refuses a dead one', async () => {
    const { username, password } = h.sim.forticare.credentials;
    await using owner = care();
    await owner.login();
    const live = [...h.tap.secrets].find(
      (secret) => h.sim.forticloud.lookupToken(secret)?.clientId === 'assetmanagement',
    );
    expect(live).toBeDefined();
    await using given = new FortiCare({
      url: h.sim.forticare.url,
      authUrl: h.sim.forticloud.url,
      token: live,
    });
    expect(await given.login()).toMatchObject({ user: username, clientId: 'assetmanagement' });
    await using dead = new FortiCare({
      url: h.sim.forticare.url,
      authUrl: h.sim.forticloud.url,
      token: 'dead-token-dead-token',
    });
    await refusedWithout(dead.login(), 'dead-token-dead-token');
    await using wrong = care({ password: `${password}x` });
    await refusedWithout(wrong.login(), `${password}x`);
  });
});

describe('FortiSOAR login()', () => {
  const soar = (options: Record<string, unknown>) => new FortiSoar({ url: h.sim.fortisoar.url, ...options });

  it('logs in and answers the person behind the login, with permissions; a second login() reuses the token', async () => {
    const { username, password } = h.sim.fortisoar.credentials;
    await using client = soar({ username, password });
    const logins = h.sim.fortisoar.stats().logins;
    const me = await client.login();
    expect(me).toMatchObject({ auth: 'password', user: 'csadmin', name: 'CS Admin', type: 'Person' });
    expect(me.iri).toBe(`/api/3/people/${h.sim.fortisoar.admin.uuid}`);
    expect(me.permissions?.alerts).toEqual({
      read: true,
      create: true,
      update: true,
      delete: true,
      execute: true,
    });
    await client.login();
    expect(h.sim.fortisoar.stats().logins).toBe(logins + 1);
  });

  it('names the user behind an API key and a key pair, and what a read-only analyst may not do', async () => {
    const { apiKey, publicKey, privateKey } = h.sim.fortisoar.credentials;
    await using byKey = soar({ apiKey });
    expect(await byKey.login()).toMatchObject({ auth: 'api-key', user: 'csadmin' });
    await using byPair = soar({ publicKey, privateKey });
    expect(await byPair.login()).toMatchObject({ auth: 'hmac', user: 'csadmin' });
    await using analyst = soar({ apiKey: h.sim.fortisoar.createApiKey('analyst') });
    const me = await analyst.login();
    expect(me.user).toBe('analyst');
    expect(me.permissions?.alerts).toMatchObject({ read: true, create: false, delete: false });
  });

  it('refuses a wrong password, API key or private key with an AuthError', async () => {
    await using badLogin = soar({ username: 'csadmin', password: 'Wrong#Password9' });
    await refusedWithout(badLogin.login(), 'Wrong#Password9');
    await using badKey = soar({ apiKey: 'Wrong-Api-Key-12345' });
    await refusedWithout(badKey.login(), 'Wrong-Api-Key-12345');
    await using badPair = soar({
      publicKey: h.sim.fortisoar.credentials.publicKey,
      privateKey: 'WrongPrivateKey123',
    });
    await refusedWithout(badPair.login(), 'WrongPrivateKey123');
  });
});

describe('FortiAuthenticator login()', () => {
  const fac = (options: Record<string, unknown>) =>
    new FortiAuthenticator({ url: h.sim.fortiauthenticator.url, ...options });

  it('checks the access key and answers the admin and the appliance', async () => {
    const { username, apiKey } = h.sim.fortiauthenticator.credentials;
    await using client = fac({ username, apiKey });
    const me = await client.login();
    expect(me).toMatchObject({ auth: 'basic', user: username });
    expect(me.system?.serialNumber).toMatch(/^FAC/);
    expect(me.system?.version).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('accepts an admin whose profile does not include the system information', async () => {
    const admin = h.sim.fortiauthenticator.addAdmin({
      username: 'users_only',
      access: { read: ['localusers'] },
    });
    await using client = fac({ username: admin.username, apiKey: admin.apiKey });
    expect(await client.login()).toMatchObject({ auth: 'basic', user: 'users_only', system: undefined });
  });

  it("logs in with OAuth and answers the token's owner, scope and expiry; a second login() reuses the token", async () => {
    const { username, password, clientId } = h.sim.fortiauthenticator.credentials;
    await using client = fac({ username, password, clientId });
    const mark = h.tap.mark();
    const me = await client.login();
    expect(me).toMatchObject({ auth: 'oauth', user: username, scope: 'read write', groups: [] });
    expect(me.expiresAt).toBeGreaterThan(Date.now());
    await client.login();
    expect(sent(mark, '/api/v1/oauth/token/')).toBe(1);
  });

  it('refuses a wrong access key or OAuth password with an AuthError', async () => {
    const { username, clientId } = h.sim.fortiauthenticator.credentials;
    await using badKey = fac({ username, apiKey: 'WrongAccessKey0123456789' });
    await refusedWithout(badKey.login(), 'WrongAccessKey0123456789');
    await using badPassword = fac({ username, password: 'Wrong-Password-42', clientId });
    await refusedWithout(badPassword.login(), 'Wrong-Password-42');
  });
});
