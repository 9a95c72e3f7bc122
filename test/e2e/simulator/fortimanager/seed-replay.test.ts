/**
 * Replays every request example of the FortiManager seeds (extracted to test/fixtures/fmg-seed-exchanges)
 * against the simulator over loopback, and compares the answer with the documented one: status codes,
 * urls, and the shape of everything else (keys, nesting, per-target structure).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { FaultController } from '../../../../src/simulator/faults.js';
import type { FortiCloudSimulator } from '../../../../src/simulator/forticloud/index.js';
import { createFortiManagerSimulator } from '../../../../src/simulator/fortimanager/index.js';
import { SimServer } from '../../../../src/simulator/server.js';
import { seededRandom } from '../../../../src/simulator/context.js';
import { systemClock } from '../../../../src/core/clock.js';
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
      expect(last.result.map((r) => r.status.code), JSON.stringify(step)).toEqual(params.map(() => 0));
    } else if (step.addDevice) {
      h.sim.fortimanager.addDevice(step.addDevice as { name: string; adom: string });
    } else if (step.reachable) {
      const [name, reachable] = step.reachable as [string, boolean];
      h.sim.fortimanager.setDeviceReachable(name, reachable);
    } else if (step.capture) {
      captured[String(step.capture)] = String((last?.result[0]?.data as Json)[String(step.capture)]);
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
        expect(reply.result.map((r) => r.status.code)).toEqual(documented.map((r) => (r.status as Json).code));
        documented.forEach((item, index) => {
          expect(shapeDifferences(item, reply.result[index], fixture.ignoreKeys)).toEqual([]);
        });
        if (typeof fixture.response.session === 'string') expect(reply.session).toMatch(/^[A-Za-z0-9+/]+=*$/);
      } else {
        expect(reply.result.map((r) => r.status.code)).toEqual(params.map(() => fixture.expectCodes?.[0] ?? 0));
      }
      if ((params[0]?.url as string).endsWith('login/user') && fixture.request.session === null) {
        expect(typeof reply.session === 'string' || reply.result[0]?.status.code !== 0).toBe(true);
      }
    });
  }

  const cloudFixture = fixtures.find(({ fixture }) => fixture.endpoint !== undefined);
  it(cloudFixture?.file ?? 'cloud login fixture', async () => {
    const fixture = cloudFixture!.fixture;
    const token = 'cloud-token-for-test';
    const cloud: FortiCloudSimulator = {
      handler: { product: 'forticloud', handles: () => false, handle: () => ({ status: 501 }) },
      verifyAccessToken: (value) => (value === token ? { username: 'E8766032-IAM', clientId: 'FortiManager' } : undefined),
    };
    const faults = new FaultController();
    const fmg = createFortiManagerSimulator({ clock: systemClock, faults, random: seededRandom(1) }, cloud);
    const server = new SimServer({ host: '127.0.0.1', port: 0, handlers: [fmg.handler], faults });
    const url = await server.listen();
    try {
      const post = (body: unknown) =>
        fetch(`${url}${fixture.endpoint}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const response = await post(fill(fixture.request, { cloud_token: token }));
      expect(response.status).toBe(200);
      const body = (await response.json()) as Json;
      expect(shapeDifferences(fixture.response, body)).toEqual([]);
      const rpc = await fetch(`${url}/jsonrpc`, {
        method: 'POST',
        body: JSON.stringify({ id: 3, method: 'get', params: [{ url: '/cli/global/system/status' }], session: body.session }),
      });
      const reply = (await rpc.json()) as RpcReply;
      expect(reply.result[0]?.status.code).toBe(0);
      expect((reply.result[0]?.data as Json).Version).toMatch(/^v7\./);
      expect((await post({ access_token: 'not-a-token' })).status).toBe(401);
      expect(fmg.stats().sessions).toBe(1);
    } finally {
      await server.close();
    }
  });
});
