/**
 * Replays every request example of the FortiManager seeds (extracted to test/fixtures/fmg-seed-exchanges)
 * against the simulator over loopback, and compares the answer with the documented one: status codes,
 * urls, and the shape of everything else (keys, nesting, per-target structure).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { type FmgHarness, type Json, type RpcReply, startFmg } from './helpers.js';
import { shapeDifferences } from './shape.js';

interface Fixture {
  seed: string;
  as: string | null;
  endpoint?: string;
  setup: Json[];
  request: Json;
  response: Json | null;
  expectCodes?: number[];
  ignoreKeys?: string[];
  note?: string;
}

const dir = new URL('../../../fixtures/fmg-seed-exchanges/', import.meta.url);
const fixtures = readdirSync(dir)
  .filter((file) => file.endsWith('.json'))
  .sort()
  .map((file) => ({ file, fixture: JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as Fixture }));

let harness: FmgHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function runSetup(h: FmgHarness, steps: Json[]): Promise<Record<string, string>> {
  const captured: Record<string, string> = {};
  const session = await h.login();
  let last: RpcReply | undefined;
  for (const step of steps) {
    if (step.rpc) {
      const { method, params } = step.rpc as { method: string; params: Json[] };
      last = await h.rpc(method, params, { session });
      expect(
        last.result.map((r) => r.status.code),
        JSON.stringify(step),
      ).toEqual(params.map(() => 0));
    } else if (step.addDevice) {
      h.sim.fortimanager.addDevice(step.addDevice as { name: string; adom: string });
    } else if (step.reachable) {
      const [name, reachable] = step.reachable as [string, boolean];
      h.sim.fortimanager.setDeviceReachable(name, reachable);
    } else if (step.capture) {
      captured[String(step.capture)] = String(
        (last?.result[0]?.data as Json | undefined)?.[String(step.capture)],
      );
    } else if (step.advanceMs) {
      h.clock.advance(Number(step.advanceMs));
    } else {
      throw new Error(`unknown setup step ${JSON.stringify(step)}`);
    }
  }
  return captured;
}

function fill(value: Json, replacements: Record<string, string>): Json {
  let text = JSON.stringify(value);
  for (const [name, replacement] of Object.entries(replacements)) {
    text = text.replaceAll(`{{${name}}}`, replacement.replaceAll('"', '\\"'));
  }
  return JSON.parse(text) as Json;
}

describe('FortiManager seed exchanges replayed against the simulator', () => {
  it('has fixtures for both seeds', () => {
    expect(fixtures.filter(({ fixture }) => fixture.seed === '001').length).toBeGreaterThanOrEqual(19);
    expect(fixtures.filter(({ fixture }) => fixture.seed === '003').length).toBeGreaterThanOrEqual(10);
  });

  for (const { file, fixture } of fixtures.filter(({ fixture }) => fixture.endpoint === undefined)) {
    it(file, async () => {
      const h = await startFmg();
      harness = h;
      const replacements = await runSetup(h, fixture.setup);
      if (fixture.as) replacements.session = await h.login(fixture.as);
      const request = fill(fixture.request, replacements);
      const params = request.params as Json[];
      const { status, json } = await h.post(request);
      const reply = json as RpcReply;

      expect(status).toBe(200);
      expect(reply.id).toEqual(request.id ?? null);
      expect(reply.result.map((r) => r.url)).toEqual(params.map((p) => p.url));
      if (fixture.response) {
        const documented = fixture.response.result as Json[];
        expect(reply.result.map((r) => r.status.code)).toEqual(
          documented.map((r) => (r.status as Json).code),
        );
        documented.forEach((item, index) => {
          expect(shapeDifferences(item, reply.result[index], fixture.ignoreKeys)).toEqual([]);
        });
        if (typeof fixture.response.session === 'string') expect(reply.session).toMatch(/^[A-Za-z0-9+/]+=*$/);
      } else {
        expect(reply.result.map((r) => r.status.code)).toEqual(
          params.map(() => fixture.expectCodes?.[0] ?? 0),
        );
      }
      if (String(params[0]?.url).endsWith('login/user') && fixture.request.session === null) {
        expect(typeof reply.session === 'string' || reply.result[0]?.status.code !== 0).toBe(true);
      }
    });
  }

  const cloudFixture = fixtures.find(({ fixture }) => fixture.endpoint !== undefined);
  it(cloudFixture?.file ?? 'cloud login fixture', async () => {
    const fixture = cloudFixture!.fixture;
    const h = await startFmg();
    harness = h;
    const { username, password } = h.sim.forticloud.defaultUser;
    const oauth = async (clientId: string) => {
      const response = await fetch(`${h.sim.forticloud.url}/api/v1/oauth/token/`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password, client_id: clientId, grant_type: 'password' }),
      });
      return ((await response.json()) as Json).access_token as string;
    };
    const login = (token: string) =>
      h.post(fill(fixture.request, { cloud_token: token }), { path: fixture.endpoint! });
    const { status, json } = await login(await oauth('FortiManager'));
    expect(status).toBe(200);
    expect(shapeDifferences(fixture.response, json)).toEqual([]);
    const session = (json as Json).session as string;
    const reply = await h.rpc('get', [{ url: '/cli/global/system/status' }], { session });
    expect(reply.result[0]?.status.code).toBe(0);
    expect(reply.result[0]?.data).toMatchObject({ Version: expect.stringMatching(/^v7\./) });
    expect((await login('not-a-token')).status).toBe(401);
    expect((await login(await oauth('assetmanagement'))).status).toBe(401);
    expect(h.sim.fortimanager.stats().sessions).toBe(1);
  });
});
