/**
 * FortiAnalyzer benchmark: streaming 500,000 log lines (each row written as a JSON line to a null
 * sink, as `fortix faz logs search -o jsonl` does), the client's `logs.search` against a raw undici
 * loop doing the least a correct reader must (one search per page, fetch), side by side in one run.
 * Throughput, time and peak memory per variant; each variant runs in a child process of its own so
 * its peak is its own, and the simulator runs in another one (scans instant), so that neither the
 * simulator's CPU nor another variant's garbage is measured.
 */
import { execFile, fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { Agent, request } from 'undici';
import { loadBuilt } from './built.js';

const { FortiAnalyzer } = await loadBuilt('fortianalyzer/index.js');
const { startSimulator } = await loadBuilt('simulator/index.js');

const SELF = fileURLToPath(import.meta.url);
const SIM_FLAG = '--faz-simulator';
const CHILD_FLAG = '--faz-bench-child';
const ROWS = 500_000;
const PAGE = 1000;

export interface FortiAnalyzerBenchResult {
  rows: number;
  variants: Array<{
    variant: string;
    ms: number;
    rowsPerSec: number;
    peakRssGrowthMb: number;
    peakHeapMb: number;
  }>;
  /** Client time / raw undici time (best of each). */
  ratio: number;
}

interface ChildReport {
  rows: number;
  bytes: number;
  ms: number;
  peakRssGrowthMb: number;
  peakHeapMb: number;
}

interface Target {
  url: string;
  password: string;
  /** The window, in seconds since the epoch (settled: it ended 30 minutes before the start). */
  startSec: number;
  endSec: number;
}

/** Runs the benchmark (two rounds, alternating which variant goes first), prints it and returns the numbers. */
export async function runFortiAnalyzerBench(): Promise<FortiAnalyzerBenchResult> {
  const sim = fork(SELF, [SIM_FLAG], { execArgv: process.execArgv, stdio: 'inherit' });
  try {
    const [ready] = (await once(sim, 'message')) as [{ url: string; password: string; nowSec: number }];
    const target: Target = {
      url: ready.url,
      password: ready.password,
      startSec: ready.nowSec - 86_400 + 60,
      endSec: ready.nowSec - 1800,
    };
    const runs: Record<string, ChildReport[]> = { client: [], raw: [] };
    for (const order of [
      ['raw', 'client'],
      ['client', 'raw'],
    ] as const) {
      for (const variant of order) runs[variant]!.push(await child(variant, target));
    }
    const best = (variant: string) => runs[variant]!.reduce((a, b) => (b.ms < a.ms ? b : a));
    const client = best('client');
    const raw = best('raw');
    if (client.rows !== ROWS || raw.rows !== ROWS || client.bytes !== raw.bytes) {
      throw new Error(`the variants read different data: ${JSON.stringify({ client, raw })}`);
    }
    const result: FortiAnalyzerBenchResult = {
      rows: ROWS,
      variants: [
        ['logs.search (client)', client],
        ['raw undici loop', raw],
      ].map(([variant, r]) => {
        const report = r as ChildReport;
        return {
          variant: variant as string,
          ms: report.ms,
          rowsPerSec: (ROWS / report.ms) * 1000,
          peakRssGrowthMb: report.peakRssGrowthMb,
          peakHeapMb: report.peakHeapMb,
        };
      }),
      ratio: client.ms / raw.ms,
    };
    print(result);
    return result;
  } finally {
    sim.send('close');
    await once(sim, 'exit');
  }
}

function child(variant: 'client' | 'raw', target: Target): Promise<ChildReport> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [...process.execArgv, '--expose-gc', SELF, CHILD_FLAG, variant, JSON.stringify(target)],
      { maxBuffer: 1 << 20 },
      (error, stdout) => {
        if (error) return reject(error);
        resolve(JSON.parse(stdout.trim().split('\n').at(-1)!) as ChildReport);
      },
    );
  });
}

/** The child side: streams the rows one way into a null sink and reports time and peak memory. */
async function childMain(variant: string, target: Target): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const rssBefore = process.memoryUsage().rss;
  const heapBefore = process.memoryUsage().heapUsed;
  let peakHeap = 0;
  let rows = 0;
  let bytes = 0;
  const sink = (row: unknown) => {
    bytes += JSON.stringify(row).length + 1;
    if (++rows % PAGE === 0) peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed - heapBefore);
  };
  const started = performance.now();
  if (variant === 'client') await clientRead(target, sink);
  else await rawRead(target, sink);
  const ms = performance.now() - started;
  const peakRssGrowthMb = (process.resourceUsage().maxRSS * 1024 - rssBefore) / 2 ** 20;
  process.stdout.write(
    `${JSON.stringify({ rows, bytes, ms, peakRssGrowthMb, peakHeapMb: peakHeap / 2 ** 20 })}\n`,
  );
}

async function clientRead(target: Target, sink: (row: unknown) => void): Promise<void> {
  await using faz = new FortiAnalyzer({
    url: target.url,
    username: 'admin',
    password: target.password,
    timeoutMs: 120_000,
  });
  const search = faz.logs.search({
    logtype: 'traffic',
    timeRange: { start: target.startSec * 1000, end: target.endSec * 1000 },
    maxRows: ROWS,
  });
  for await (const row of search) sink(row);
}

/** The floor: log in, then per page one search at the offset and one fetch; log out. */
async function rawRead(target: Target, sink: (row: unknown) => void): Promise<void> {
  const agent = new Agent({ connections: 8 });
  const post = async (body: unknown) => {
    const reply = await request(`${target.url}/jsonrpc`, {
      dispatcher: agent,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return (await reply.body.json()) as { session?: string; result?: Record<string, unknown> };
  };
  const { session } = await post({
    id: 1,
    method: 'exec',
    params: [{ url: '/sys/login/user', data: { user: 'admin', passwd: target.password } }],
  });
  const iso = (sec: number) => new Date(sec * 1000).toISOString().slice(0, 19).replace('T', ' ');
  const base = '/logview/adom/root/logsearch';
  for (let offset = 0; offset < ROWS; offset += PAGE) {
    const started = await post({
      jsonrpc: '2.0',
      id: 2,
      method: 'add',
      session,
      params: [
        {
          url: base,
          apiver: 3,
          logtype: 'traffic',
          device: [{ devid: 'All_FortiGate' }],
          'time-range': { start: iso(target.startSec), end: iso(target.endSec) },
          timezone: 'UTC',
          'time-order': 'desc',
          offset,
          limit: PAGE,
        },
      ],
    });
    const page = await post({
      jsonrpc: '2.0',
      id: 3,
      method: 'get',
      session,
      params: [{ url: `${base}/${started.result!.tid}`, apiver: 3, offset, limit: PAGE }],
    });
    for (const row of page.result!.data as unknown[]) sink(row);
  }
  await post({ id: 4, method: 'exec', params: [{ url: '/sys/logout' }], session });
  await agent.close();
}

async function simulatorMain(): Promise<void> {
  const sim = await startSimulator({
    products: ['fortianalyzer'],
    fortianalyzer: { scanRowsPerSecond: Number.POSITIVE_INFINITY },
  });
  process.on('message', async () => {
    await sim.close();
    process.disconnect();
  });
  process.send?.({
    url: sim.fortianalyzer.url,
    password: sim.fortianalyzer.adminPassword,
    nowSec: Math.floor(Date.now() / 1000),
  });
}

function print(result: FortiAnalyzerBenchResult): void {
  const r = (n: number, digits = 0) => n.toFixed(digits);
  console.log('FortiAnalyzer');
  for (const v of result.variants) {
    console.log(
      `  ${result.rows} log lines, ${v.variant}: ${r(v.ms)} ms (${r(v.rowsPerSec)} rows/s), ` +
        `peak RSS growth ${r(v.peakRssGrowthMb, 1)} MB, peak heap growth ${r(v.peakHeapMb, 1)} MB`,
    );
  }
  console.log(`  client / raw undici: ${r(result.ratio, 2)}`);
}

if (process.argv[1] === SELF && process.argv[2] === SIM_FLAG) await simulatorMain();
if (process.argv[1] === SELF && process.argv[2] === CHILD_FLAG) {
  await childMain(process.argv[3]!, JSON.parse(process.argv[4]!) as Target);
}
