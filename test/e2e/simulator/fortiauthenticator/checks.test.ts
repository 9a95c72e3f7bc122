import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../../src/core/clock.js';
import { type Wire, wire } from './wire.js';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

describe('FortiAuthenticator simulator: credential checks, push, SSO and OAuth', () => {
  let w: Wire;
  afterEach(() => w.sim.close());

  async function userWithToken(type: 'ftm' | 'email'): Promise<number> {
    const reply = await w.call('POST', '/api/v1/localusers/', {
      body: {
        username: 'ann',
        password: 'Secret-1',
        email: 'ann@example.com',
        token_auth: true,
        token_type: type,
      },
    });
    return (reply.json as { id: number }).id;
  }

  it('/auth/: password, FortiToken code, both run together, unknown user, and the lockout policy', async () => {
    w = await wire({ fortiauthenticator: { version: '8.0.0' } });
    await userWithToken('ftm');
    const auth = (body: object) => w.call('POST', '/api/v1/auth/', { body });
    expect((await auth({ username: 'ann', password: 'Secret-1' })).status).toBe(200);
    const code = w.sim.fortiauthenticator.tokenCode('ann');
    expect(code).toMatch(/^\d{6}$/);
    expect((await auth({ username: 'ann', password: 'Secret-1', token_code: code })).status).toBe(200);
    expect((await auth({ username: 'ann', token_code: code })).status).toBe(200);
    expect((await auth({ username: 'ann', password: `Secret-1${code}`, token_code: '' })).status).toBe(200);
    const wrong = await auth({ username: 'ann', password: 'nope' });
    expect(wrong).toMatchObject({ status: 401, text: '<h1>401 Unauthorized</h1>\n' });
    expect(Buffer.byteLength(wrong.text)).toBe(26);
    expect((await auth({ username: 'nobody', password: 'x' })).status).toBe(404);
    expect((await auth({ username: 'ann' })).status).toBe(400);
    // Three failures in a row lock the user out for the policy's period.
    await auth({ username: 'ann', password: 'nope' });
    await auth({ username: 'ann', password: 'nope' });
    expect((await auth({ username: 'ann', password: 'Secret-1' })).status).toBe(401);
  });

  it('/auth/ with an e-mail code sent by sendoobtoken; the code works once', async () => {
    w = await wire({ fortiauthenticator: { version: '8.0.0' } });
    const id = await userWithToken('email');
    expect((await w.call('POST', `/api/v1/localusers/${id}/sendoobtoken/`)).status).toBe(200);
    const mail = w.sim.fortiauthenticator.outbox.at(-1);
    expect(mail).toMatchObject({ kind: 'email', to: 'ann@example.com', subject: 'Token code' });
    const body = { username: 'ann', token_code: mail?.code };
    expect((await w.call('POST', '/api/v1/auth/', { body })).status).toBe(200);
    expect((await w.call('POST', '/api/v1/auth/', { body })).status).toBe(401);
  });

  it('/realmauth/: local users in realm "local", LDAP users in the realm of their server; 202 asks for a new password', async () => {
    w = await wire({ fortiauthenticator: { version: '6.6' } });
    await w.call('POST', '/api/v1/localusers/', {
      body: { username: 'ann', password: 'pw', change_password: true },
    });
    await w.call('PATCH', '/api/v1/ldapusers/1/', { body: { password: 'ldap-pw' } });
    const realm = (body: object) => w.call('POST', '/api/v1/realmauth/', { body });
    expect((await realm({ username: 'ann', realm: 'local', password: 'pw' })).status).toBe(202);
    expect((await realm({ username: 'jdoe', realm: 'ldap.example.com', password: 'ldap-pw' })).status).toBe(
      200,
    );
    expect((await realm({ username: 'jdoe', realm: 'local', password: 'ldap-pw' })).status).toBe(401);
    expect((await realm({ username: 'ann', password: 'pw' })).json).toEqual({
      realmauth: { realm: ['This field is required.'] },
    });
  });

  it('push: a pending push waits for the phone; pushauthresp validates the code (or an alert denies)', async () => {
    w = await wire({ fortiauthenticator: { version: '8.0.0', push: { respond: 'manual' } } });
    await userWithToken('ftm');
    const fac = w.sim.fortiauthenticator;
    const pending = w.call('POST', '/api/v1/pushauth/', {
      body: { username: 'ann', user_ip: '198.51.100.7' },
    });
    while (fac.pushes().length === 0) await new Promise((r) => setTimeout(r, 5));
    const [push] = fac.pushes();
    expect(push).toMatchObject({ username: 'ann', userIp: '198.51.100.7' });
    const id = push?.sessionId as string;
    const wrong = await w.call('POST', '/api/v1/pushauthresp/', {
      auth: null,
      body: { session_id: id, action: 'validate', token_code: '000000' },
    });
    expect(wrong.status).toBe(401);
    const right = await w.call('POST', '/api/v1/pushauthresp/', {
      auth: null,
      body: { session_id: id, action: 'validate', token_code: fac.tokenCode('ann') },
    });
    expect(right.status).toBe(200);
    expect((await pending).status).toBe(200);

    const denied = w.call('POST', '/api/v1/pushauth/', { body: { username: 'ann' } });
    while (fac.pushes().length === 0) await new Promise((r) => setTimeout(r, 5));
    const alert = { session_id: fac.pushes()[0]?.sessionId, action: 'alert', message: 'not me', hmac: 'abc' };
    expect((await w.call('POST', '/api/v1/pushauthresp/', { auth: null, body: alert })).status).toBe(200);
    expect((await denied).status).toBe(401);
    expect(
      (await w.call('POST', '/api/v1/pushauthresp/', { auth: null, body: { action: 'alert' } })).json,
    ).toEqual({
      pushauthresp: {
        session_id: ['This field is required.'],
        message: ['This field is required.'],
        hmac: ['This field is required.'],
      },
    });
    expect((await w.call('POST', '/api/v1/pushauth/', { body: { username: 'jdoe' } })).status).toBe(404);
  });

  it('push: an unanswered push fails with 401 after the timeout (virtual time)', async () => {
    const clock = new VirtualClock();
    w = await wire({
      clock,
      fortiauthenticator: { version: '8.0.0', push: { respond: 'manual', timeoutMs: 30_000 } },
    });
    await userWithToken('ftm');
    const start = clock.now();
    expect((await w.call('POST', '/api/v1/pushauth/', { body: { username: 'ann' } })).status).toBe(401);
    expect(clock.now() - start).toBeGreaterThanOrEqual(30_000);
    expect(w.sim.fortiauthenticator.pushes()).toEqual([]);
  });

  it('SSO logon/logoff events keep one session per IP; local users need a group, others bring theirs', async () => {
    w = await wire({ fortiauthenticator: { version: '8.0.0', seed: { users: 1 } } });
    const sso = (body: object) => w.call('POST', '/api/v1/ssoauth/', { body });
    expect((await sso({ event: '1', username: 'user0001', user_ip: '10.1.1.1' })).json).toEqual({
      error: "Local user 'user0001' belongs to no group.",
    });
    await w.call('POST', '/api/v1/usergroups/', {
      body: { name: 'Staff', users: ['/api/v1/localusers/1/'] },
    });
    expect((await sso({ event: 1, username: 'user0001', user_ip: '10.1.1.1' })).status).toBe(200);
    expect(
      (await sso({ event: 1, username: 'guest', user_ipv6: '2001:db8::5', user_groups: 'Guests+WiFi' }))
        .status,
    ).toBe(200);
    expect(w.sim.fortiauthenticator.ssoSessions()).toEqual([
      expect.objectContaining({ username: 'user0001', ip: '10.1.1.1', groups: ['Staff'] }),
      expect.objectContaining({ username: 'guest', ip: '2001:db8::5', groups: ['Guests', 'WiFi'] }),
    ]);
    await sso({ event: 1, username: 'guest', user_ip: '10.1.1.1', user_groups: 'Guests' });
    expect(w.sim.fortiauthenticator.ssoSessions().find((s) => s.ip === '10.1.1.1')?.username).toBe('guest');
    expect((await sso({ event: 0, username: 'guest', user_ipv6: '2001:db8::5' })).status).toBe(200);
    expect(w.sim.fortiauthenticator.ssoSessions()).toHaveLength(1);
    expect((await sso({ event: 2, username: 'x' })).status).toBe(400);
  });

  it('SSO answers 404 when the SSO web service is off', async () => {
    w = await wire({ fortiauthenticator: { sso: false } });
    expect(
      (await w.call('POST', '/api/v1/ssoauth/', { body: { event: 1, username: 'u', user_ip: '1.2.3.4' } }))
        .status,
    ).toBe(404);
  });

  it('OAuth: password and refresh grants, Bearer on REST calls, verify and revoke', async () => {
    w = await wire();
    const { username, password, clientId } = w.sim.fortiauthenticator.credentials as Record<string, string>;
    const grant = await w.call('POST', '/api/v1/oauth/token/', {
      auth: null,
      headers: FORM,
      raw: new URLSearchParams({
        grant_type: 'password',
        client_id: clientId as string,
        username: username as string,
        password: password as string,
      }).toString(),
    });
    expect(grant.status).toBe(200);
    const token = grant.json as {
      access_token: string;
      refresh_token: string;
      expires_in: number;
      token_type: string;
    };
    expect(token).toMatchObject({ token_type: 'Bearer', expires_in: 3600, scope: 'read write' });
    const bearer = `Bearer ${token.access_token}`;
    expect((await w.call('GET', '/api/v1/usergroups/', { auth: bearer })).status).toBe(200);
    const verify = await w.call('GET', `/api/v1/oauth/verify_token/?client_id=${clientId}`, { auth: bearer });
    expect(verify.json).toMatchObject({ username, expires_in: expect.any(Number) });
    expect((verify.json as { expires_in: number }).expires_in).toBeGreaterThan(3590);

    const refreshed = await w.call('POST', '/api/v1/oauth/token/', {
      auth: null,
      body: { grant_type: 'refresh_token', client_id: clientId, refresh_token: token.refresh_token },
    });
    const next = refreshed.json as { access_token: string };
    expect(next.access_token).not.toBe(token.access_token);
    expect((await w.call('GET', '/api/v1/usergroups/', { auth: bearer })).status).toBe(401);
    expect(
      (
        await w.call('POST', '/api/v1/oauth/revoke_token/', {
          auth: null,
          body: { client_id: clientId, token: next.access_token },
        })
      ).status,
    ).toBe(200);
    expect((await w.call('GET', '/api/v1/usergroups/', { auth: `Bearer ${next.access_token}` })).status).toBe(
      401,
    );

    expect(
      (
        await w.call('POST', '/api/v1/oauth/token/', {
          auth: null,
          body: { grant_type: 'password', client_id: 'nope', username, password },
        })
      ).status,
    ).toBe(401);
    expect(
      (
        await w.call('POST', '/api/v1/oauth/token/', {
          auth: null,
          body: { grant_type: 'password', client_id: clientId, username, password: 'x' },
        })
      ).json,
    ).toEqual({
      error: 'invalid_grant',
      error_description: 'Invalid credentials given.',
    });
    expect(
      (await w.call('POST', '/api/v1/oauth/revoke_token/', { auth: null, body: { client_id: clientId } }))
        .status,
    ).toBe(400);
  });

  it('OAuth tokens of local users identify them (userinfo) but do not open the REST API', async () => {
    w = await wire({ fortiauthenticator: { seed: { users: 1 } } });
    const { clientId } = w.sim.fortiauthenticator.credentials as Record<string, string>;
    const grant = await w.call('POST', '/api/v1/oauth/token/', {
      auth: null,
      body: { grant_type: 'password', client_id: clientId, username: 'user0001', password: 'user0001-pw' },
    });
    const bearer = `Bearer ${(grant.json as { access_token: string }).access_token}`;
    expect((await w.call('GET', '/api/v1/oauth/userinfo/', { auth: bearer })).json).toMatchObject({
      username: 'user0001',
      email: 'user0001@example.com',
    });
    expect((await w.call('GET', '/api/v1/localusers/', { auth: bearer })).status).toBe(401);
  });

  it('injects faults on its own origin', async () => {
    w = await wire();
    w.sim.faults.inject({ kind: 'http-error', product: 'fortiauthenticator', status: 503 });
    expect((await w.call('GET', '/api/v1/usergroups/')).status).toBe(503);
    w.sim.faults.inject({ kind: 'html', product: 'fortiauthenticator', path: '/api/v1/usergroups/' });
    expect((await w.call('GET', '/api/v1/usergroups/')).headers['content-type']).toBe('text/html');
    expect((await w.call('GET', '/api/v1/usergroups/')).status).toBe(200);
  });
});
