/**
 * FortiSOAR benchmark: the client against a raw undici loop (the floor) on the same simulator, side
 * by side in one run: a record get (sequential and 16 in flight), and iterating 100,000 records a
 * page at a time. The client authenticates with an API key, as the raw loop does.
 */
import { Agent, request } from 'undici';
import { loadBuilt } from './built.js';
import { type SideBySideRun, sideBySide, sideBySideLine, sideBySideWhole } from './side-by-side.js';

const { FortiSoar } = await loadBuilt('fortisoar/index.js');
const { startSimulator } = await loadBuilt('simulator/index.js');

export interface FortiSoarBenchResult {
  getSequential: SideBySideRun;
  getConcurrent16: SideBySideRun;
  iterate: SideBySideRun & { records: number; pageSize: number; clientPeakHeapMiB: number };
}

const MiB = 1024 * 1024;

/** Runs the benchmark, prints it and returns the numbers. */
export async function runFortiSoarBench(
  options: { calls?: number; records?: number } = {},
): Promise<FortiSoarBenchResult> {
  const calls = options.calls ?? 4_000;
  const records = options.records ?? 100_000;
  const pageSize = 1_000;
  await using sim = await startSimulator({ products: ['fortisoar'] });
  const { url, apiKey } = sim.fortisoar;
  const [iri] = sim.fortisoar.seedRecords('alerts', 1);
  sim.fortisoar.seedRecords('tasks', records, (n) => ({ name: `task ${n}`, description: 'bench record' }));
  const uuid = iri!.split('/').pop()!;
  await using soar = new FortiSoar({ url, apiKey });
  const agent = new Agent({ connections: 8 });
  const headers = { authorization: `API-KEY ${apiKey}`, accept: 'application/json' };

  const clientGet = async () => {
    const alert = await soar.alerts.get(uuid);
    if (alert.uuid !== uuid) throw new Error('unexpected reply');
  };
  const rawGet = async () => {
    const reply = await request(`${url}/api/3/alerts/${uuid}`, { headers, dispatcher: agent });
    const data = (await reply.body.json()) as { uuid: string };
    if (reply.statusCode !== 200 || data.uuid !== uuid) throw new Error('raw call failed');
  };
  let clientPeak = 0;
  const clientIterate = async () => {
    let count = 0;
    const baseline = process.memoryUsage().heapUsed;
    for await (const _ of soar.tasks.iterate({ pageSize })) {
      if (++count % 10_000 === 0)
        clientPeak = Math.max(clientPeak, process.memoryUsage().heapUsed - baseline);
    }
    if (count !== records) throw new Error(`iterated ${count} of ${records}`);
  };
  const rawIterate = async () => {
    let count = 0;
    for (let page = 1; ; page++) {
      const reply = await request(`${url}/api/3/tasks?%24limit=${pageSize}&%24page=${page}`, {
        headers,
        dispatcher: agent,
      });
      const data = (await reply.body.json()) as {
        'hydra:member': unknown[];
        'hydra:view': { 'hydra:next'?: string };
      };
      count += data['hydra:member'].length;
      if (!data['hydra:view']['hydra:next']) break;
    }
    if (count !== records) throw new Error(`raw iterated ${count} of ${records}`);
  };

  try {
    const getSequential = await sideBySide(clientGet, rawGet, calls, 1);
    const getConcurrent16 = await sideBySide(clientGet, rawGet, calls, 16);
    const iterate = await sideBySideWhole(clientIterate, rawIterate);
    const result: FortiSoarBenchResult = {
      getSequential,
      getConcurrent16,
      iterate: { ...iterate, records, pageSize, clientPeakHeapMiB: clientPeak / MiB },
    };
    print(result);
    return result;
  } finally {
    await agent.close();
  }
}

function print(result: FortiSoarBenchResult): void {
  console.log('FortiSOAR: alerts.get vs a raw undici GET, tasks.iterate vs a raw page loop, same simulator');
  console.log(sideBySideLine('get, sequential', result.getSequential));
  console.log(sideBySideLine('get, 16 in flight', result.getConcurrent16));
  const it = result.iterate;
  console.log(
    `${sideBySideLine('iterate 100k', it)}; ${it.records} records, pages of ${it.pageSize}, client peak heap growth ${it.clientPeakHeapMiB.toFixed(1)} MiB`,
  );
}
