/**
 * FortiManager benchmarks, against the simulator running in a process of its own (as a real
 * FortiManager runs on its own machine), so the client and the server do not share a CPU:
 * (a) 5,000 sequential gets: the client against a raw undici loop (the floor), as a ratio;
 * (b) bulk writes: one per request, `batch`, automatic coalescing and a raw undici loop sending the
 *     same multiplexed bodies, each in a cold process against a fresh simulator (`fortimanager-writes.ts`);
 * (c) a 200,000-row table read with `iterate` against one big get: time and peak memory, each
 *     variant in its own child process so that its peak is its own (and `iterate` on a 10x smaller
 *     table too, to show that its peak does not grow with the table).
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Agent, request } from 'undici';
import { FortiManager } from '../src/fortimanager/index.js';
import { bulkWrites, WRITE_CHUNK, type WritesResult } from './fortimanager-writes.js';
import { startSimulatorProcess } from './simulator-process.js';
import { formatSpread, type Spread } from './stats.js';

const SELF = fileURLToPath(import.meta.url);
const CHILD_FLAG = '--fmg-bench-child';
const ADDRESS = '/pm/config/adom/{adom}/obj/firewall/address';

export interface FortiManagerBenchResult {
  sequentialGets: { count: number; clientMs: number; rawMs: number; ratio: number };
  writes: WritesResult;
  bigTable: Array<{ variant: string; rows: number; ms: number; peakRssGrowthMb: number; peakHeapMb: number }>;
}

interface ChildReport {
  rows: number;
  ms: number;
  peakRssGrowthMb: number;
  peakHeapMb: number;
}

/** Runs the three benchmarks, prints them and returns the numbers. */
export async function runFortiManagerBench(): Promise<FortiManagerBenchResult> {
  const writes = await bulkWrites({ count: 10_000, singleCount: 2_000, rounds: 5 });
  await using sim = await startSimulatorProcess();
  const { password } = sim;
  const result: FortiManagerBenchResult = {
    sequentialGets: await sequentialGets(sim.url, password, 5_000),
    writes,
    bigTable: [],
  };
  await sim.seedAddresses('dc_emea', 200_000);
  await sim.seedAddresses('dc_amer', 20_000);
  for (const [variant, adom] of [
    ['iterate', 'dc_amer'],
    ['iterate', 'dc_emea'],
    ['get', 'dc_emea'],
  ] as const) {
    const report = await child(variant, sim.url, adom, password);
    result.bigTable.push({ variant: `${variant} (${adom})`, ...report });
  }
  print(result);
  return result;
}

async function sequentialGets(url: string, password: string, count: number) {
  const target = '/pm/config/adom/root/obj/firewall/address/host_001';
  const rounds = 5;
  const perRound = count / rounds;
  await using fmg = new FortiManager({ url, username: 'admin', password });
  const client = async () => {
    for (let i = 0; i < perRound; i++) await fmg.get(target);
  };
  const agent = new Agent({ connections: 8 });
  const login = await rawPost(agent, url, {
    id: 1,
    method: 'exec',
    params: [{ url: 'sys/login/user', data: { user: 'admin', passwd: password } }],
  });
  const session = (login as { session: string }).session;
  const raw = async () => {
    for (let i = 0; i < perRound; i++) {
      const reply = (await rawPost(agent, url, {
        id: i,
        method: 'get',
        params: [{ url: target }],
        session,
        verbose: 1,
      })) as {
        result: Array<{ status: { code: number } }>;
      };
      if (reply.result[0]?.status.code !== 0) throw new Error('raw get failed');
    }
  };
  await client(); // warm-up of both paths (JIT, sockets)
  await raw();
  // Interleaved rounds, alternating which goes first, so that load drifts hit both alike.
  let clientMs = 0;
  let rawMs = 0;
  for (let round = 0; round < rounds; round++) {
    if (round % 2 === 0) {
      clientMs += await timed(client);
      rawMs += await timed(raw);
    } else {
      rawMs += await timed(raw);
      clientMs += await timed(client);
    }
  }
  await rawPost(agent, url, { id: 0, method: 'exec', params: [{ url: 'sys/logout' }], session });
  await agent.close();
  return { count, clientMs, rawMs, ratio: clientMs / rawMs };
}

/** Runs one big-table variant in a child process (`--expose-gc`), so that its peak memory is its own. */
function child(
  variant: 'iterate' | 'get',
  url: string,
  adom: string,
  password: string,
): Promise<ChildReport> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [...process.execArgv, '--expose-gc', SELF, CHILD_FLAG, variant, url, adom],
      { env: { ...process.env, FMG_BENCH_PASSWORD: password }, maxBuffer: 1 << 20 },
      (error, stdout) => {
        if (error) return reject(error);
        resolve(JSON.parse(stdout.trim().split('\n').at(-1)!) as ChildReport);
      },
    );
  });
}

/** The child side: reads the table one way and reports rows, time and peak memory growth. */
async function childMain(variant: string, url: string, adom: string): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  await using fmg = new FortiManager({
    url,
    username: 'admin',
    password: process.env.FMG_BENCH_PASSWORD ?? '',
    adom,
    maxBodyBytes: 1 << 30,
    timeoutMs: 300_000,
  });
  await fmg.get('/sys/status');
  gc?.();
  const rssBefore = process.memoryUsage().rss;
  const heapBefore = process.memoryUsage().heapUsed;
  let peakHeap = 0;
  const sample = () => {
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed - heapBefore);
  };
  const query = { fields: ['name', 'subnet'], loadsub: false } as const;
  let rows = 0;
  const ms = await timed(async () => {
    if (variant === 'iterate') {
      for await (const _row of fmg.iterate(ADDRESS, { ...query, pageSize: 1_000 })) {
        if (++rows % 1_000 === 0) sample();
      }
    } else {
      const table = (await fmg.get(ADDRESS, query)) as unknown[];
      sample();
      rows = table.length;
    }
  });
  sample();
  // maxRSS is the true high-water mark (kB), also during JSON.parse where no sampling can run.
  const peakRssGrowthMb = (process.resourceUsage().maxRSS * 1024 - rssBefore) / 2 ** 20;
  process.stdout.write(`${JSON.stringify({ rows, ms, peakRssGrowthMb, peakHeapMb: peakHeap / 2 ** 20 })}\n`);
}

async function rawPost(agent: Agent, url: string, body: unknown): Promise<unknown> {
  const reply = await request(`${url}/jsonrpc`, {
    dispatcher: agent,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return JSON.parse(await reply.body.text());
}

async function timed(fn: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

function print(result: FortiManagerBenchResult): void {
  const { sequentialGets: a, writes: b, bigTable: c } = result;
  const r = (n: number, digits = 0) => n.toFixed(digits);
  console.log('FortiManager');
  console.log(
    `  (a) ${a.count} sequential gets: client ${r(a.clientMs)} ms, raw undici ${r(a.rawMs)} ms, ratio ${r(a.ratio, 2)} (target <= 1.15)`,
  );
  const ratio = (x: { cold: Spread; warm: Spread }, target: string) =>
    `one-shot ${formatSpread(x.cold)}, warm ${formatSpread(x.warm)} (target <= ${target})`;
  const perSec = (x: { cold: Spread; warm: Spread }) =>
    `one-shot ${formatSpread(x.cold, 0)}/s, warm ${formatSpread(x.warm, 0)}/s`;
  console.log(
    `  (b) address creations, median (range) of ${b.rounds} rounds, each variant in a cold process against a fresh simulator:`,
  );
  console.log(`      one per request (${b.singleCount}): ${perSec(b.perSec.single)}`);
  for (const v of ['batch', 'coalesce', 'raw'] as const) {
    const name = { batch: '`batch`', coalesce: 'coalescing', raw: 'raw undici, same bodies' }[v];
    console.log(
      `      ${name} (${b.count}, ${WRITE_CHUNK} per request): ${perSec(b.perSec[v])}; client CPU ${formatSpread(b.cpuMsPerThousand[v].cold, 1)} ms per 1,000 one-shot, ${formatSpread(b.cpuMsPerThousand[v].warm, 1)} warm`,
    );
  }
  console.log(`      batch ÷ raw multiplexed: ${ratio(b.batchVsRaw, '1.05')}`);
  console.log(`      coalescing ÷ raw multiplexed: ${ratio(b.coalesceVsRaw, '1.10')}`);
  console.log(
    `      batch ÷ one per request (rate): one-shot ${formatSpread(b.batchVsSingle.cold, 1)}x, warm ${formatSpread(b.batchVsSingle.warm, 1)}x (target >= 20x)`,
  );
  for (const v of c) {
    console.log(
      `  (c) ${v.variant}: ${v.rows} rows in ${r(v.ms)} ms, peak RSS growth ${r(v.peakRssGrowthMb, 1)} MB, peak heap growth ${r(v.peakHeapMb, 1)} MB`,
    );
  }
}

if (process.argv[1] === SELF && process.argv[2] === CHILD_FLAG) {
  const [variant, url, adom] = process.argv.slice(3);
  await childMain(variant!, url!, adom!);
}
