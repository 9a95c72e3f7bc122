/**
 * FortiAuthenticator benchmark: the overhead of the client (resource table, query building, auth,
 * error mapping, reply checks) against a raw undici loop (the floor) sending the same requests to the
 * same simulator: iterating over 100,000 users (pages of 1,000 following `meta.next`; a simulator of
 * their own, so that the others' filters scan 5,000), pages of 100 users with a filter (16 in
 * flight), and GETs of one user. The last one is almost all fixed per-call cost: the simulator
 * answers it in ~0.1 ms, where an appliance takes milliseconds.
 */
import { Agent, request } from 'undici';
import { loadBuilt } from './built.js';
import { type SideBySideRun, sideBySide, sideBySideLine, sideBySideWhole } from './side-by-side.js';

const { FortiAuthenticator } = await loadBuilt('fortiauthenticator/index.js');
const { startSimulator } = await loadBuilt('simulator/index.js');

/** Users iterated, as FortiSOAR's records are (issue 14 item 5: iterating 100,000 records). */
const ITERATED = 100_000;

export interface FortiAuthenticatorBenchResult {
  iterate: SideBySideRun;
  getSequential: SideBySideRun;
  get16: SideBySideRun;
  page16: SideBySideRun;
}

/** Runs the benchmark, prints it and returns the numbers. */
export async function runFortiAuthenticatorBench(
  options: { calls?: number } = {},
): Promise<FortiAuthenticatorBenchResult> {
  const calls = options.calls ?? 4_000;
  await using sim = await startSimulator({
    products: ['fortiauthenticator'],
    fortiauthenticator: { seed: { users: 5000 } },
  });
  const { url, credentials } = sim.fortiauthenticator;
  const { username, apiKey } = credentials;
  await using fac = new FortiAuthenticator({ url, username, apiKey });
  const users = fac.resource('localusers');
  const agent = new Agent({ connections: 8 });
  const headers = rawHeaders(username, apiKey);
  let n = 0;
  const nextId = () => (n++ % 500) + 1;

  const clientGet = async () => {
    const id = nextId();
    if ((await users.get(id)).id !== id) throw new Error('unexpected reply');
  };
  const rawGet = async () => {
    const id = nextId();
    const reply = await request(`${url}/api/v1/localusers/${id}/`, { headers, dispatcher: agent });
    if (reply.statusCode !== 200 || ((await reply.body.json()) as { id: number }).id !== id)
      throw new Error('raw call failed');
  };
  const clientPage = async () => {
    const page = await users.list({
      filter: { username__contains: 'user0' },
      limit: 100,
      offset: nextId() % 300,
    });
    if (page.objects.length !== 100) throw new Error('unexpected page');
  };
  const rawPage = async () => {
    const query = `username__contains=user0&limit=100&offset=${nextId() % 300}`;
    const reply = await request(`${url}/api/v1/localusers/?${query}`, { headers, dispatcher: agent });
    const data = (await reply.body.json()) as { objects: unknown[] };
    if (data.objects.length !== 100) throw new Error('raw call failed');
  };

  try {
    const getSequential = await sideBySide(clientGet, rawGet, calls, 1);
    const get16 = await sideBySide(clientGet, rawGet, calls, 16);
    const page16 = await sideBySide(clientPage, rawPage, Math.ceil(calls / 4), 16);
    const result: FortiAuthenticatorBenchResult = {
      iterate: await iterateUsers(agent),
      getSequential,
      get16,
      page16,
    };
    print(result);
    return result;
  } finally {
    await agent.close();
  }
}

/** Iterating 100,000 users, client against raw, on a simulator of their own (started last). */
async function iterateUsers(agent: Agent): Promise<SideBySideRun> {
  await using sim = await startSimulator({
    products: ['fortiauthenticator'],
    fortiauthenticator: { seed: { users: ITERATED } },
  });
  const { url, credentials } = sim.fortiauthenticator;
  const { username, apiKey } = credentials;
  await using fac = new FortiAuthenticator({ url, username, apiKey });
  const headers = rawHeaders(username, apiKey);
  const clientIterate = async () => {
    let count = 0;
    for await (const _ of fac.resource('localusers').iterate()) count++;
    if (count !== ITERATED) throw new Error('unexpected count');
  };
  const rawIterate = async () => {
    let count = 0;
    let next: string | null = '/api/v1/localusers/?limit=1000';
    while (next) {
      const reply = await request(`${url}${next}`, { headers, dispatcher: agent });
      const page = (await reply.body.json()) as { meta: { next: string | null }; objects: unknown[] };
      count += page.objects.length;
      next = page.meta.next;
    }
    if (count !== ITERATED) throw new Error('raw iteration failed');
  };
  // Awaited here: the client and the simulator are disposed when this function returns.
  const run = await sideBySideWhole(clientIterate, rawIterate);
  return run;
}

/** The headers of the raw loops: the API user and key as Basic auth, as the client sends them. */
function rawHeaders(username: string | undefined, apiKey: string | undefined): Record<string, string> {
  return {
    authorization: `Basic ${Buffer.from(`${username}:${apiKey}`).toString('base64')}`,
    accept: 'application/json',
  };
}

function print(result: FortiAuthenticatorBenchResult): void {
  const line = (name: string, run: SideBySideRun) => sideBySideLine(name, run, 30);
  console.log('FortiAuthenticator: client calls vs raw undici requests to the same simulator');
  console.log(line('iterate 100,000 users', result.iterate));
  console.log(line('get localuser, sequential', result.getSequential));
  console.log(line('get localuser, 16 in flight', result.get16));
  console.log(line('list 100 users, 16 in flight', result.page16));
}
