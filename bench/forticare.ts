/**
 * FortiCare benchmark: the overhead of a FortiCare client call (limiter, token, validation, envelope
 * mapping) against a raw undici loop (the floor) sending the same `products/details` request to the
 * same simulator, sequentially and with 16 calls in flight. The simulator's limits are off and the
 * client's set out of reach, so that only the per-call cost is measured.
 */
import { Agent, request } from 'undici';
import { loadBuilt } from './built.js';
import { type SideBySideRun, sideBySide, sideBySideLine } from './side-by-side.js';

const { FortiCare } = await loadBuilt('forticare/index.js');
const { startSimulator } = await loadBuilt('simulator/index.js');

export interface FortiCareBenchResult {
  sequential: SideBySideRun;
  concurrent16: SideBySideRun;
}

const UNLIMITED = { callsPerMinute: 1_000_000, callsPerHour: 1_000_000 };

/** Runs the benchmark, prints it and returns the numbers. */
export async function runFortiCareBench(options: { calls?: number } = {}): Promise<FortiCareBenchResult> {
  const calls = options.calls ?? 4_000;
  await using sim = await startSimulator({
    products: ['forticare'],
    forticare: { enforceLimits: false, seedAssets: 5 },
  });
  const { username, password } = sim.forticloud.defaultUser;
  const serialNumber = sim.forticare.seedAssets(1)[0]!;
  await using fc = new FortiCare({
    url: sim.forticare.url,
    authUrl: sim.forticloud.url,
    username,
    password,
    limits: UNLIMITED,
  });
  const agent = new Agent({ connections: 8 });
  const token = await rawToken(agent, sim.forticloud.url, username, password);
  const url = `${sim.forticare.url}/ES/api/registration/v3/products/details`;
  const body = JSON.stringify({ serialNumber });
  const headers = {
    authorization: `Bearer ${token}`,
    'content-type': 'application/json',
    accept: 'application/json',
  };

  const client = async () => {
    const asset = await fc.products.details(serialNumber);
    if (asset.serialNumber !== serialNumber) throw new Error('unexpected reply');
  };
  const raw = async () => {
    const reply = await request(url, { method: 'POST', headers, body, dispatcher: agent });
    const data = (await reply.body.json()) as { status: number; assetDetails: { serialNumber: string } };
    if (data.status !== 0 || data.assetDetails.serialNumber !== serialNumber)
      throw new Error('raw call failed');
  };

  try {
    const result: FortiCareBenchResult = {
      sequential: await sideBySide(client, raw, calls, 1),
      concurrent16: await sideBySide(client, raw, calls, 16),
    };
    print(result);
    return result;
  } finally {
    await agent.close();
  }
}

async function rawToken(agent: Agent, url: string, username: string, password: string): Promise<string> {
  const reply = await request(`${url}/api/v1/oauth/token/`, {
    method: 'POST',
    dispatcher: agent,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password, client_id: 'assetmanagement', grant_type: 'password' }),
  });
  return ((await reply.body.json()) as { access_token: string }).access_token;
}

function print(result: FortiCareBenchResult): void {
  console.log('FortiCare: products.details vs a raw undici POST to the same simulator');
  console.log(sideBySideLine('sequential', result.sequential));
  console.log(sideBySideLine('16 in flight', result.concurrent16));
}
