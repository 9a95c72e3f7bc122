import { afterEach, describe, expect, it } from 'vitest';
import { type RawSoar, sign, startRawSoar } from './helpers.js';

describe('FortiSOAR simulator: authentication, as third-party clients do it', () => {
  let s: RawSoar;
  afterEach(() => s.close());

  it('issues a JWT for {"credentials": {loginid, password}}, even under a leftover multipart content type', async () => {
    s = await startRawSoar();
    const { admin } = s.sim.fortisoar;
    const body = JSON.stringify({ credentials: { loginid: admin.loginid, password: admin.password } });
    const reply = await s.send('POST', '/auth/authenticate', {
      body,
      headers: { 'content-type': 'multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW' },
    });
    expect(reply.status).toBe(200);
    expect(Object.keys(reply.json)).toEqual(['token']);
    const [header, payload] = (reply.json.token as string).split('.');
    expect(JSON.parse(Buffer.from(header!, 'base64url').toString())).toEqual({ typ: 'JWT', alg: 'HS256' });
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    expect(claims.exp - claims.iat).toBe(30 * 60);
    const wrong = await s.send('POST', '/auth/authenticate', {
      body: { credentials: { loginid: admin.loginid, password: 'x' } },
    });
    expect(wrong).toMatchObject({
      status: 401,
      json: { '@type': 'hydra:Error', 'hydra:description': 'Invalid credentials.' },
    });
  });

  it('serves a client that logs in before every call, with percent-encoded $ keys', async () => {
    s = await startRawSoar();
    for (let i = 0; i < 50; i++) {
      const token = await s.login();
      const reply = await s.send('GET', '/api/3/alerts?%24limit=2&%24page=3', { headers: s.bearer(token) });
      expect(reply.status).toBe(200);
      expect(reply.json['hydra:member']).toHaveLength(2);
    }
    const plain = await s.send('GET', '/api/3/alerts?$limit=2&$page=3', { headers: s.apiKey() });
    const encoded = await s.send('GET', '/api/3/alerts?%24limit=2&%24page=3', { headers: s.apiKey() });
    expect(plain.json['hydra:member']).toEqual(encoded.json['hydra:member']);
    expect(s.sim.fortisoar.stats().logins).toBe(50);
  });

  it('expires tokens after 30 minutes, refuses forged and revoked ones', async () => {
    s = await startRawSoar();
    const token = await s.login();
    expect((await s.send('GET', '/api/3/alerts', { headers: s.bearer(token) })).status).toBe(200);
    const forged = `${token.slice(0, -2)}xx`;
    expect((await s.send('GET', '/api/3/alerts', { headers: s.bearer(forged) })).json).toEqual({
      code: 401,
      message: 'Invalid JWT Token',
    });
    s.clock.advance(30 * 60_000);
    expect((await s.send('GET', '/api/3/alerts', { headers: s.bearer(token) })).json).toEqual({
      code: 401,
      message: 'Expired JWT Token',
    });
    const fresh = await s.login();
    expect((await s.send('POST', '/api/3/logout', { body: {}, headers: s.bearer(fresh) })).status).toBe(204);
    expect((await s.send('GET', '/api/3/alerts', { headers: s.bearer(fresh) })).status).toBe(401);
    expect((await s.send('GET', '/api/3/alerts')).json).toEqual({
      code: 401,
      message: 'JWT Token not found',
    });
  });

  it('takes API keys as "API-KEY <key>" (a space, no colon)', async () => {
    s = await startRawSoar();
    const key = s.sim.fortisoar.apiKey;
    expect(
      (await s.send('GET', '/api/3/alerts', { headers: { authorization: `API-KEY ${key}` } })).status,
    ).toBe(200);
    expect(
      (await s.send('GET', '/api/3/alerts', { headers: { authorization: `API-KEY:${key}` } })).status,
    ).toBe(401);
    expect(
      (await s.send('GET', '/api/3/alerts', { headers: { authorization: 'API-KEY nope' } })).json.message,
    ).toBe('Invalid API key');
  });

  describe('HMAC signatures', () => {
    const target = '/api/3/alerts?%24limit=1';
    const body = JSON.stringify({ name: 'signed alert' });
    const setup = async () => {
      s = await startRawSoar();
      return { keys: s.sim.fortisoar.keyPair, origin: s.sim.fortisoar.url, now: new Date(s.clock.now()) };
    };

    it('accepts a correct signature for a GET and for a body', async () => {
      const { keys, origin, now } = await setup();
      const get = await s.send('GET', target, {
        headers: { authorization: sign('GET', origin + target, '', keys, now) },
      });
      expect(get.status).toBe(200);
      const post = await s.send('POST', '/api/3/alerts', {
        body,
        headers: { authorization: sign('POST', `${origin}/api/3/alerts`, body, keys, now) },
      });
      expect(post).toMatchObject({ status: 201, json: { name: 'signed alert' } });
    });

    it('refuses a signature when the body, URI, time or key is wrong', async () => {
      const { keys, origin, now } = await setup();
      const post = (authorization: string, sentBody = body) =>
        s.send('POST', '/api/3/alerts', { body: sentBody, headers: { authorization } });
      const signed = (overrides: Partial<{ uri: string; body: string; keys: typeof keys; when: Date }>) =>
        sign(
          'POST',
          overrides.uri ?? `${origin}/api/3/alerts`,
          overrides.body ?? body,
          overrides.keys ?? keys,
          overrides.when ?? now,
        );
      const fingerprint = { code: 403, message: 'Could not validate HMAC fingerprint' };
      expect((await post(signed({ body: '{"name":"other"}' }))).json).toEqual(fingerprint);
      expect((await post(signed({ uri: `${origin}/api/3/alerts/` }))).json).toEqual(fingerprint);
      expect((await post(signed({ uri: `${origin}/api/3/incidents` }))).json).toEqual(fingerprint);
      expect((await post(signed({ keys: { ...keys, privateKey: 'not-the-key' } }))).json).toEqual(
        fingerprint,
      );
      expect(
        (await post(signed({ keys: { publicKey: 'unknown', privateKey: keys.privateKey } }))).status,
      ).toBe(403);
      const late = await post(signed({ when: new Date(now.getTime() - 6 * 60_000) }));
      expect(late).toMatchObject({ status: 401, json: { message: expect.stringMatching(/expired/) } });
      expect(Date.parse(String(late.headers.date))).toBe(Math.floor(s.clock.now() / 1000) * 1000);
      const early = await post(signed({ when: new Date(now.getTime() + 6 * 60_000) }));
      expect(early.status).toBe(401);
      // Within the skew limit: accepted.
      expect((await post(signed({ when: new Date(now.getTime() - 4 * 60_000) }))).status).toBe(201);
      expect((await post('CS bm90IGEgc2lnbmF0dXJl')).status).toBe(403);
    });

    it('signs the query exactly as sent: an encoded $ differs from a plain one', async () => {
      const { keys, origin, now } = await setup();
      const signedPlain = sign('GET', `${origin}/api/3/alerts?$limit=1`, '', keys, now);
      expect((await s.send('GET', target, { headers: { authorization: signedPlain } })).status).toBe(403);
      expect(
        (await s.send('GET', '/api/3/alerts?$limit=1', { headers: { authorization: signedPlain } })).status,
      ).toBe(200);
    });
  });

  it('answers the stale-session fault with an expired token', async () => {
    s = await startRawSoar();
    const token = await s.login();
    s.sim.faults.inject({ kind: 'stale-session', product: 'fortisoar' });
    expect((await s.send('GET', '/api/3/alerts', { headers: s.bearer(token) })).json.message).toBe(
      'Expired JWT Token',
    );
    expect((await s.send('GET', '/api/3/alerts', { headers: s.bearer(token) })).status).toBe(401);
  });
});
