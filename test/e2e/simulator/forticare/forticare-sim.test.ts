import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../../src/core/clock.js';
import { type Simulator, startSimulator } from '../../../../src/simulator/index.js';

const API = '/ES/api/registration/v3';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown>;
}

async function post(sim: Simulator, path: string, body: unknown, token?: string): Promise<Reply> {
  const origin = path.startsWith('/api/v1/oauth/') ? sim.forticloud.url : sim.forticare.url;
  const res = await request(`${origin}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const text = await res.body.text();
  return {
    status: res.statusCode,
    headers: res.headers,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
  };
}

async function login(
  sim: Simulator,
  user = sim.forticloud.defaultUser,
  clientId = 'assetmanagement',
): Promise<Reply> {
  return post(sim, '/api/v1/oauth/token/', {
    username: user.username,
    password: user.password,
    client_id: clientId,
    grant_type: 'password',
  });
}

async function token(sim: Simulator, user = sim.forticloud.defaultUser): Promise<string> {
  return (await login(sim, user)).body.access_token as string;
}

describe('FortiCloud OAuth simulator', () => {
  let sim: Simulator;

  afterEach(() => sim.close());

  it('issues tokens in the documented shape and refuses bad requests the OAuth way', async () => {
    sim = await startSimulator({ products: ['forticare'] });
    const ok = await login(sim);
    expect(ok.status).toBe(200);
    expect(Object.keys(ok.body).sort()).toEqual([
      'access_token',
      'expires_in',
      'message',
      'refresh_token',
      'scope',
      'status',
      'token_type',
    ]);
    expect(ok.body).toMatchObject({
      expires_in: 3600,
      message: 'successfully authenticated',
      scope: 'read write',
      status: 'success',
      token_type: 'Bearer',
    });
    expect(ok.body.access_token).toMatch(/^[A-Za-z0-9]{30}$/);

    const wrong = await login(sim, { username: sim.forticloud.defaultUser.username, password: 'nope' });
    expect(wrong).toMatchObject({
      status: 401,
      body: { error: 'invalid_grant', error_description: 'Invalid credentials given.' },
    });
    expect((await login(sim, sim.forticloud.defaultUser, 'unknown')).body.error).toBe('invalid_client');
    expect(
      (await post(sim, '/api/v1/oauth/token/', { client_id: 'assetmanagement', grant_type: 'magic' })).status,
    ).toBe(400);
    expect((await post(sim, '/api/v1/oauth/token', {})).status).toBe(404);
  });

  it('rotates refresh tokens, revokes, and verifies', async () => {
    sim = await startSimulator({ products: ['forticare'] });
    const first = (await login(sim)).body;
    const refresh = {
      client_id: 'assetmanagement',
      grant_type: 'refresh_token',
      refresh_token: first.refresh_token,
    };
    const second = await post(sim, '/api/v1/oauth/token/', refresh);
    expect(second.status).toBe(200);
    expect(second.body.access_token).not.toBe(first.access_token);
    expect((await post(sim, '/api/v1/oauth/token/', refresh)).body.error).toBe('invalid_grant');
    const access = second.body.access_token as string;
    expect(sim.forticloud.verifyAccessToken(access)).toEqual({
      username: sim.forticloud.defaultUser.username,
      clientId: 'assetmanagement',
    });
    const verify = await request(
      `${sim.forticloud.url}/api/v1/oauth/verify_token/?client_id=assetmanagement`,
      {
        headers: { authorization: `Bearer ${access}` },
      },
    );
    expect(verify.statusCode).toBe(200);
    expect(await verify.body.json()).toMatchObject({ username: sim.forticloud.defaultUser.username });
    expect(
      (await post(sim, '/api/v1/oauth/revoke_token/', { client_id: 'assetmanagement', token: access }))
        .status,
    ).toBe(200);
    expect(sim.forticloud.verifyAccessToken(access)).toBeUndefined();
    expect((await post(sim, '/api/v1/oauth/revoke_token/', { client_id: 'assetmanagement' })).status).toBe(
      400,
    );
    expect(sim.forticloud.stats()).toMatchObject({ issued: 1, refreshed: 1, revoked: 1 });
  });

  it('lets tokens expire on the simulator clock, and serves FortiManager Cloud logins', async () => {
    const clock = new VirtualClock();
    sim = await startSimulator({ products: ['forticare'], clock, forticloud: { tokenLifetimeSec: 60 } });
    const fmg = (await login(sim, sim.forticloud.defaultUser, 'FortiManager')).body.access_token as string;
    expect(sim.forticloud.verifyAccessToken(fmg)?.clientId).toBe('FortiManager');
    clock.advance(60_000);
    expect(sim.forticloud.verifyAccessToken(fmg)).toBeUndefined();
    expect(sim.forticloud.stats().active).toBe(0);
  });
});

describe('FortiCare V3 simulator', () => {
  let sim: Simulator;

  afterEach(() => sim.close());

  it('answers with the V3 envelope and the real error codes', async () => {
    sim = await startSimulator({ products: ['forticare'] });
    const bearer = await token(sim);
    const ok = await post(sim, `${API}/folders/list`, {}, bearer);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      build: '1.0.0',
      version: '3.0',
      status: 0,
      message: 'Request processed successfully',
      error: null,
      token: bearer,
    });

    const empty = await post(sim, `${API}/products/list`, {}, bearer);
    expect(empty).toMatchObject({
      status: 400,
      body: {
        status: -1,
        message: 'Invalid incoming request.',
        error: {
          errorCode: 101,
          message: 'Both serialNumber and expireBefore cannot be empty at the same time.',
        },
        assets: null,
        pageNumber: 0,
        totalPages: 0,
      },
    });
    expect((await post(sim, `${API}/products/list`, { serialNumber: '%' })).body).toMatchObject({
      status: -1,
      error: { errorCode: 201, message: 'Please provide token in request.' },
    });
    expect((await post(sim, `${API}/folders/list`, {}, 'x'.repeat(30))).body.error).toEqual({
      errorCode: 201,
      message: 'Invalid security token.',
    });
    const hardware = sim.forticare.seedAssets(1)[0];
    expect(
      (await post(sim, `${API}/licenses/download`, { serialNumber: hardware }, bearer)).body,
    ).toMatchObject({
      status: -2,
      error: {
        errorCode: 301,
        message: 'The license download function for given product category is not supported.',
      },
      licenseFile: '',
    });
    expect((await post(sim, `${API}/products/nothing`, {}, bearer)).status).toBe(404);
    expect(sim.forticare.stats()).toMatchObject({ errors: 5, violations: 0 });
  });

  it('reports per-unit failures of a registration batch with status 2, and stops after 5 failed units', async () => {
    sim = await startSimulator({ products: ['forticare'] });
    const bearer = await token(sim);
    const [good] = sim.forticare.addInventory(1);
    const units = [...Array.from({ length: 6 }, (_, i) => `FGT60FTK9999999${i}`), good].map(
      (serialNumber) => ({ serialNumber }),
    );
    const reply = await post(sim, `${API}/products/register`, { registrationUnits: units }, bearer);
    expect(reply.body).toMatchObject({
      status: 2,
      message: 'Failed',
      error: { errorCode: 301, message: 'Failed' },
    });
    const assets = reply.body.assets as Array<{ serialNumber: string; status: number; message: string }>;
    expect(assets.map((a) => a.status)).toEqual([2, 2, 2, 2, 2, -1, -1]);
    expect(assets[6]?.message).toContain('Not processed');
    expect(sim.forticare.asset(good!)).toBeUndefined();
    const tooMany = Array.from({ length: 11 }, (_, i) => ({
      serialNumber: `FGT60FTK999999${String(i).padStart(2, '0')}`,
    }));
    expect(
      (await post(sim, `${API}/products/register`, { registrationUnits: tooMany }, bearer)).body.error,
    ).toMatchObject({ errorCode: 102 });
  });

  it('enforces the call limits with 429 and Retry-After, and counts the violations', async () => {
    const clock = new VirtualClock();
    sim = await startSimulator({
      products: ['forticare'],
      clock,
      forticare: { limits: { callsPerMinute: 3 } },
    });
    const bearer = await token(sim);
    for (let i = 0; i < 3; i++) expect((await post(sim, `${API}/folders/list`, {}, bearer)).status).toBe(200);
    clock.advance(20_000);
    const refused = await post(sim, `${API}/folders/list`, {}, bearer);
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBe('40');
    expect(refused.body).toMatchObject({ status: -1, error: { errorCode: 429 } });
    expect(sim.forticare.stats()).toEqual({ calls: 3, errors: 0, violations: 1 });
    clock.advance(40_000);
    expect((await post(sim, `${API}/folders/list`, {}, bearer)).status).toBe(200);
  });

  it('blocks an API user whose calls failed too often within the hour', async () => {
    const clock = new VirtualClock();
    sim = await startSimulator({
      products: ['forticare'],
      clock,
      forticare: { limits: { errorsPerHour: 2 } },
    });
    const bearer = await token(sim);
    for (let i = 0; i < 2; i++)
      expect(
        (await post(sim, `${API}/products/details`, { serialNumber: 'FGT60FTK00000000' }, bearer)).status,
      ).toBe(400);
    const blocked = await post(sim, `${API}/folders/list`, {}, bearer);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBe(3600);
    const other = sim.forticloud.addApiUser();
    expect((await post(sim, `${API}/folders/list`, {}, await token(sim, other))).status).toBe(200);
    clock.advance(3_600_000);
    expect((await post(sim, `${API}/folders/list`, {}, await token(sim))).status).toBe(200);
    expect(sim.forticare.stats().violations).toBe(1);
  });

  it('checks permission profiles and keeps the folder tree consistent', async () => {
    sim = await startSimulator({ products: ['forticare'] });
    const reader = await token(sim, sim.forticloud.addApiUser({ profile: 'read' }));
    expect(await post(sim, `${API}/folders/create`, { folderName: 'x' }, reader)).toMatchObject({
      status: 403,
      body: {
        error: {
          errorCode: 202,
          message: 'Access denied. No permission to access the requested action or resource.',
        },
      },
    });
    const writer = await token(sim);
    const created = await post(sim, `${API}/folders/create`, { folderName: 'Lab' }, writer);
    const lab = (created.body.assetFolders as Array<{ folderId: number }>)[0]!;
    await post(sim, `${API}/folders/create`, { folderName: 'Rack 1', parentFolderId: lab.folderId }, writer);
    const refused = await post(sim, `${API}/folders/delete`, { folderId: lab.folderId }, writer);
    expect(refused.body).toMatchObject({ status: -2, error: { errorCode: 301 } });
    expect(sim.forticare.folders().map((f) => f.folderPath)).toEqual([
      '/My Assets',
      '/My Assets/Lab',
      '/My Assets/Lab/Rack 1',
    ]);
  });

  it('forgets a token on a stale-session fault', async () => {
    sim = await startSimulator({ products: ['forticare'] });
    const bearer = await token(sim);
    sim.faults.inject({ kind: 'stale-session', product: 'forticare' });
    expect((await post(sim, `${API}/folders/list`, {}, bearer)).body.error).toMatchObject({ errorCode: 201 });
    expect(sim.forticloud.verifyAccessToken(bearer)).toBeUndefined();
  });
});
