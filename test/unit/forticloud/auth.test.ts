import { MockAgent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/core/clock.js';
import { AuthError, TransportError, ValidationError } from '../../../src/core/errors.js';
import { FortiCloudAuth } from '../../../src/forticloud/index.js';

const ORIGIN = 'https://customerapiauth.fortinet.com';
const json = (statusCode: number, data: Record<string, unknown>) => ({ statusCode, data });

/** A scripted FortiCloud token endpoint on an undici MockAgent; records every grant it receives. */
function fakeFortiCloud(options: { refreshRefused?: boolean } = {}) {
  const agent = new MockAgent();
  agent.disableNetConnect();
  const pool = agent.get(ORIGIN);
  const grants: Array<Record<string, string>> = [];
  const revoked: string[] = [];
  let n = 0;
  pool
    .intercept({ path: '/api/v1/oauth/token/', method: 'POST' })
    .reply((req) => {
      const body = JSON.parse(String(req.body)) as Record<string, string>;
      grants.push(body);
      if (body.grant_type === 'refresh_token' && options.refreshRefused) {
        return json(401, { error: 'invalid_grant', error_description: 'Invalid refresh token.' });
      }
      n++;
      return json(200, {
        access_token: `access-token-${n}`,
        refresh_token: `refresh-token-${n}`,
        expires_in: 600,
        token_type: 'Bearer',
      });
    })
    .persist();
  pool
    .intercept({ path: '/api/v1/oauth/revoke_token/', method: 'POST' })
    .reply((req) => {
      revoked.push((JSON.parse(String(req.body)) as { token: string }).token);
      return { statusCode: 200, data: '' };
    })
    .persist();
  return { agent, grants, revoked };
}

describe('FortiCloudAuth', () => {
  const open: Array<{ close(): Promise<void> }> = [];

  afterEach(async () => {
    await Promise.all(open.splice(0).map((o) => o.close()));
  });

  function auth(fake: ReturnType<typeof fakeFortiCloud>, clock: VirtualClock, extra = {}): FortiCloudAuth {
    const a = new FortiCloudAuth({
      clientId: 'assetmanagement',
      username: 'API-ID',
      password: 'S3cret!1Aa',
      clock,
      dispatcher: fake.agent,
      ...extra,
    });
    open.push(a, fake.agent);
    return a;
  }

  it('sends the password grant once for many concurrent callers', async () => {
    const fake = fakeFortiCloud();
    const a = auth(fake, new VirtualClock());
    const tokens = await Promise.all(Array.from({ length: 25 }, () => a.accessToken()));
    expect(new Set(tokens)).toEqual(new Set(['access-token-1']));
    expect(fake.grants).toEqual([
      { username: 'API-ID', password: 'S3cret!1Aa', client_id: 'assetmanagement', grant_type: 'password' },
    ]);
  });

  it('refreshes with the refresh token inside the margin before expiry, not earlier', async () => {
    const fake = fakeFortiCloud();
    const clock = new VirtualClock();
    const a = auth(fake, clock);
    await a.accessToken();
    clock.advance(539_000);
    expect(await a.accessToken()).toBe('access-token-1');
    clock.advance(2_000);
    expect(await Promise.all([a.accessToken(), a.accessToken()])).toEqual([
      'access-token-2',
      'access-token-2',
    ]);
    expect(fake.grants.map((g) => g.grant_type)).toEqual(['password', 'refresh_token']);
    expect(fake.grants[1]).toEqual({
      refresh_token: 'refresh-token-1',
      client_id: 'assetmanagement',
      grant_type: 'refresh_token',
    });
    expect(a.expiresAt).toBe(clock.now() + 600_000);
  });

  it('logs in again when the refresh token is refused, and after invalidate()', async () => {
    const fake = fakeFortiCloud({ refreshRefused: true });
    const a = auth(fake, new VirtualClock());
    const first = await a.accessToken();
    a.invalidate('some-older-token');
    expect(await a.accessToken()).toBe(first);
    a.invalidate(first);
    expect(await a.accessToken()).toBe('access-token-2');
    expect(fake.grants.map((g) => g.grant_type)).toEqual(['password', 'refresh_token', 'password']);
  });

  it('lets one caller stop waiting without cancelling the login for the others', async () => {
    const fake = fakeFortiCloud();
    const a = auth(fake, new VirtualClock());
    const controller = new AbortController();
    const impatient = a.accessToken({ signal: controller.signal });
    const patient = a.accessToken();
    controller.abort();
    await expect(impatient).rejects.toMatchObject({ kind: 'abort' });
    expect(await patient).toBe('access-token-1');
  });

  it('revokes the token it obtained on close, then refuses to hand out tokens', async () => {
    const fake = fakeFortiCloud();
    const a = auth(fake, new VirtualClock());
    await a.accessToken();
    await a.close();
    await a.close();
    expect(fake.revoked).toEqual(['access-token-1']);
    await expect(a.accessToken()).rejects.toBeInstanceOf(TransportError);
  });

  it('does not revoke a token it was given, unless asked to', async () => {
    const fake = fakeFortiCloud();
    const given = auth(fake, new VirtualClock(), {
      username: undefined,
      password: undefined,
      token: 'given-token-1',
    });
    expect(await given.accessToken()).toBe('given-token-1');
    await given.close();
    const asked = auth(fake, new VirtualClock(), {
      username: undefined,
      password: undefined,
      token: 'given-token-2',
      revokeOnClose: true,
    });
    await asked.close();
    expect(fake.revoked).toEqual(['given-token-2']);
    expect(fake.grants).toEqual([]);
  });

  it('wants credentials or a token, and says when an expired given token cannot be renewed', async () => {
    expect(() => new FortiCloudAuth({ clientId: 'assetmanagement' })).toThrowError(ValidationError);
    expect(() => new FortiCloudAuth({ clientId: 'assetmanagement', username: 'x' })).toThrowError(/password/);
    const fake = fakeFortiCloud();
    const clock = new VirtualClock();
    const a = auth(fake, clock, {
      username: undefined,
      password: undefined,
      token: { accessToken: 'given', expiresAt: clock.now() + 1000 },
    });
    clock.advance(2000);
    await expect(a.accessToken()).rejects.toBeInstanceOf(AuthError);
  });
});
