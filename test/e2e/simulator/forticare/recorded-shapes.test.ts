/**
 * The simulated FortiCare against replies recorded from the real one (issue 13): for each, the same
 * HTTP status, envelope keys, status, message and error, and per product or per unit the same keys
 * (contract entries with `terms`). Fixture: test/fixtures/forticare/recorded-replies.json.
 */
import { readFileSync } from 'node:fs';
import { request } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../../../../src/simulator/index.js';

type Json = Record<string, unknown>;

const API = '/ES/api/registration/v3';
const RECORDED = JSON.parse(
  readFileSync(new URL('../../../fixtures/forticare/recorded-replies.json', import.meta.url), 'utf8'),
).replies as Record<string, { http: number; body: Json }>;

let sim: Simulator;
let bearer: string;

beforeEach(async () => {
  sim = await startSimulator({ products: ['forticare'] });
  const { username, password } = sim.forticloud.defaultUser;
  const login = await post('/api/v1/oauth/token/', {
    username,
    password,
    client_id: 'assetmanagement',
    grant_type: 'password',
  });
  bearer = login.body.access_token as string;
});

afterEach(() => sim.close());

async function post(path: string, body: unknown): Promise<{ status: number; body: Json }> {
  const origin = path.startsWith('/api/v1/oauth/') ? sim.forticloud.url : sim.forticare.url;
  const res = await request(`${origin}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.statusCode, body: (await res.body.json()) as Json };
}

const keys = (value: unknown) => Object.keys(value as Json).sort();

/** Same HTTP status, envelope keys, status, message and error as the recorded reply. */
function expectEnvelope(got: { status: number; body: Json }, name: string): Json {
  const recorded = RECORDED[name]!;
  expect(got.status, name).toBe(recorded.http);
  expect(keys(got.body), name).toEqual(keys(recorded.body));
  expect(got.body.status, name).toBe(recorded.body.status);
  expect(got.body.message, name).toBe(recorded.body.message);
  expect(got.body.error, name).toEqual(recorded.body.error);
  return recorded.body;
}

const register = (units: Json[]) => post(`${API}/products/register`, { registrationUnits: units });

describe('FortiCare replies, as recorded', () => {
  it('a FortiGate-40F without its FortiCloud key: refused per unit, the batch on HTTP 400', async () => {
    const [serial] = sim.forticare.addInventory(1, { model: 'FortiGate-40F' });
    const got = await register([{ serialNumber: serial, description: '', isGovernment: false }]);
    const recorded = expectEnvelope(got, 'register-missing-cloud-key');
    const [unit] = got.body.assets as Json[];
    const [model] = recorded.assets as Json[];
    expect(keys(unit)).toEqual(keys(model));
    expect(unit).toMatchObject({
      serialNumber: serial,
      status: 2,
      message: model!.message,
      contractTerms: null,
    });
    // With its key it registers.
    const ok = await register([{ serialNumber: serial, cloudKey: 'ABCD1234' }]);
    expect(ok.status).toBe(200);
    expect((ok.body.assets as Json[])[0]).toMatchObject({ status: 0 });
  });

  it('an already registered serial is reported as such before its malformed cloud key', async () => {
    const [serial] = sim.forticare.seedAssets(1);
    const got = await register([
      { serialNumber: serial, cloudKey: 'ABC', description: '', isGovernment: false },
    ]);
    const recorded = expectEnvelope(got, 'register-already-registered');
    const [unit] = got.body.assets as Json[];
    const [model] = recorded.assets as Json[];
    expect(keys(unit)).toEqual(keys(model));
    expect(unit).toMatchObject({ status: 2, message: model!.message });
  });

  it('a malformed cloud key of a new unit refuses the request', async () => {
    const [serial] = sim.forticare.addInventory(1, { model: 'FortiGate-40F' });
    const got = await register([{ serialNumber: serial, cloudKey: 'ABC' }]);
    expectEnvelope(got, 'register-invalid-cloud-key');
    expect(got.body.assets).toBeNull();
  });

  it('a batch with one failed unit among good ones: HTTP 400, status 2, every unit answered', async () => {
    const good = sim.forticare.addInventory(2);
    const got = await register([
      { serialNumber: good[0] },
      { serialNumber: 'FGT60FTK99999999' },
      { serialNumber: good[1] },
    ]);
    expect(got.status).toBe(400);
    expect(got.body).toMatchObject({
      status: 2,
      message: 'Failed',
      error: { errorCode: 301, message: 'Failed' },
    });
    const units = got.body.assets as Json[];
    expect(units.map((u) => u.status)).toEqual([0, 2, 0]);
    const model = (RECORDED['register-missing-cloud-key']!.body.assets as Json[])[0];
    for (const unit of units) expect(keys(unit)).toEqual(keys(model));
  });

  it('products/list: items with their contracts (terms), without an account', async () => {
    sim.forticare.seedAssets(2);
    const got = await post(`${API}/products/list`, { serialNumber: '%' });
    const recorded = expectEnvelope(got, 'products-list');
    const [item] = got.body.assets as Json[];
    const [model] = recorded.assets as Json[];
    expect(keys(item)).toEqual(keys(model));
    expect(item).not.toHaveProperty('accountId');
    const [contract] = item!.contracts as Json[];
    const [modelContract] = model!.contracts as Json[];
    expect(keys(contract)).toEqual(keys(modelContract));
    expect(keys((contract!.terms as Json[])[0])).toEqual(keys((modelContract!.terms as Json[])[0]));
  });

  it('products/details: message "Success", the recorded keys only, contracts with terms', async () => {
    const [serial] = sim.forticare.seedAssets(1);
    const got = await post(`${API}/products/details`, { serialNumber: serial });
    const recorded = expectEnvelope(got, 'products-details');
    const details = got.body.assetDetails as Json;
    const model = recorded.assetDetails as Json;
    expect(keys(details)).toEqual(keys(model));
    for (const absent of ['accountId', 'licenseKeys', 'status', 'warrantyTypeName'])
      expect(details).not.toHaveProperty(absent);
    const [contract] = details.contracts as Json[];
    expect(keys(contract)).toEqual(keys((model.contracts as Json[])[0]));
    expect(contract).not.toHaveProperty('contractTerms');
  });

  it('licenses/download of a product without a license file echoes the serial number', async () => {
    const [serial] = sim.forticare.seedAssets(1);
    const got = await post(`${API}/licenses/download`, { serialNumber: serial });
    expect(got.status).toBe(400);
    expect(got.body).toMatchObject({ status: -2, serialNumber: serial, error: { errorCode: 301 } });
  });
});
