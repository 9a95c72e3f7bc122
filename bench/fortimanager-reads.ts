/**
 * FortiManager big reads, (c) of `fortimanager.ts`, against a simulator whose ADOM `dc_emea` holds a
 * 200,000-row address table and `dc_amer` a 20,000-row one (seeded by the caller):
 * - full rows, pages of 1,000: `iterate` (row by row), `pages` (page by page) and a raw undici loop
 *   fetching the same pages (the floor). In each round every variant starts a process of its own
 *   (`--expose-gc`, so that a pass's peak memory is its own) and reads the table one-shot (cold, as
 *   a script runs it); that process then reads it once with each other variant to warm them up, and
 *   once more with every variant, measured warm. One-shot ratios are taken within a round, warm ones
 *   within a process: variants compared in one process share its heap and its machine moment, which
 *   processes side by side do not (their warm figures differed by up to 15 % from run to run).
 * - peak memory: `iterate` over both tables and one big `get` of the large one (two fields, no
 *   sub-tables), one-shot, to show that `iterate`'s peak does not grow with the table.
 * `FMG_BENCH_READS_PROFILE=<dir>` profiles each child (`--cpu-prof`).
 */
import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { getHeapStatistics } from 'node:v8';
import { loadBuilt } from './built.js';
import { cpuMs } from './measure.js';
import { type RawSession, rawGet, rawLogin, rawLogout } from './raw-fmg.js';
import type { SimulatorProcess } from './simulator-process.js';
import { type Spread, spread } from './stats.js';

const { FortiManager } = await loadBuilt('fortimanager/index.js');
type FortiManager = InstanceType<typeof FortiManager>;

const SELF = fileURLToPath(import.meta.url);
const CHILD_FLAG = '--fmg-reads-child';
const ADDRESS = '/pm/config/adom/{adom}/obj/firewall/address';
const PAGE = 1_000;
/** The two-field rendering of the memory runs, as the client sends it (`loadsub: false` is `0`). */
const TWO_FIELDS = { fields: ['name', 'subnet'], loadsub: 0 };

export const READ_VARIANTS = ['raw', 'iterate', 'pages'] as const;
type ReadVariant = (typeof READ_VARIANTS)[number];
type Variant = ReadVariant | 'get';

/** A pass over the table with one variant: measured, or only run (to warm up). */
interface Pass {
  variant: Variant;
  measure: boolean;
}

interface ChildJob {
  adom: string;
  /** Full rows, or two fields without sub-tables. */
  full: boolean;
  passes: Pass[];
}

interface ChildReport {
  rows: number;
  ms: number;
  cpuMs: number;
  peakRssGrowthMb: number;
  peakHeapMb: number;
}

type ChildMessage = { type: 'ready' } | ({ type: 'done' } & ChildReport);
type Phase = 'cold' | 'warm';

export interface ReadRun extends ChildReport {
  simulatorCpuMs: number;
}

export interface ReadsResult {
  rounds: number;
  rows: number;
  /** Per phase (one-shot, warm) and variant, over the rounds. */
  ms: Record<Phase, Record<ReadVariant, Spread>>;
  clientCpuMs: Record<Phase, Record<ReadVariant, Spread>>;
  simulatorCpuMs: Record<Phase, Record<ReadVariant, Spread>>;
  peakHeapMb: Record<Phase, Record<ReadVariant, Spread>>;
  /** Per phase and round: variant time (or client CPU) ÷ the raw loop's in that round. */
  iterateVsRaw: Record<Phase, Spread>;
  pagesVsRaw: Record<Phase, Spread>;
  iterateCpuVsRaw: Record<Phase, Spread>;
  pagesCpuVsRaw: Record<Phase, Spread>;
  memory: Array<{ variant: string } & ReadRun>;
}

export async function bigTableReads(sim: SimulatorProcess, { rounds = 5 } = {}): Promise<ReadsResult> {
  // The simulator renders a row the first time a rendering of it is asked for, then answers it from
  // its cache: the runs measure the client, so each rendering is read before (the full rows twice:
  // the pass after the first still pays for the garbage of rendering 200,000 rows).
  for (const adom of ['dc_amer', 'dc_emea']) await rawPass(sim, adom, TWO_FIELDS);
  for (let pass = 0; pass < 2; pass++) await rawPass(sim, 'dc_emea', {});
  const cold = new Map<ReadVariant, ReadRun[]>(READ_VARIANTS.map((v) => [v, []]));
  const warm = new Map<ReadVariant, ReadRun[]>(READ_VARIANTS.map((v) => [v, []]));
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < READ_VARIANTS.length; k++) {
      // The variants in an order that rotates with the child: its one-shot one first.
      const order = READ_VARIANTS.map((_, i) => READ_VARIANTS[(k + round + i) % READ_VARIANTS.length]!);
      const passes = [
        { variant: order[0]!, measure: true },
        ...order.slice(1).map((variant) => ({ variant, measure: false })),
        ...order.map((variant) => ({ variant, measure: true })),
      ];
      const [oneShot, ...warmRuns] = await child(sim, { adom: 'dc_emea', full: true, passes });
      cold.get(order[0]!)!.push(oneShot!);
      for (const [i, variant] of order.entries()) warm.get(variant)!.push(warmRuns[i]!);
    }
  }
  const memory: ReadsResult['memory'] = [];
  for (const [variant, adom] of [
    ['iterate', 'dc_amer'],
    ['iterate', 'dc_emea'],
    ['get', 'dc_emea'],
  ] as const) {
    const [run] = await child(sim, { adom, full: false, passes: [{ variant, measure: true }] });
    memory.push({ variant: `${variant} (${adom})`, ...run! });
  }
  // One-shot runs pair up by round (the order they ran in), warm ones by process.
  const of = (variant: ReadVariant, phase: Phase) => (phase === 'cold' ? cold : warm).get(variant)!;
  const per = (pick: (run: ReadRun) => number) =>
    byPhase(
      (phase) =>
        Object.fromEntries(READ_VARIANTS.map((v) => [v, spread(of(v, phase).map(pick))])) as Record<
          ReadVariant,
          Spread
        >,
    );
  const versusRaw = (variant: ReadVariant, pick: (run: ReadRun) => number) =>
    byPhase((phase) => spread(of(variant, phase).map((run, i) => pick(run) / pick(of('raw', phase)[i]!))));
  return {
    rounds,
    rows: of('raw', 'cold')[0]!.rows,
    ms: per((run) => run.ms),
    clientCpuMs: per((run) => run.cpuMs),
    simulatorCpuMs: per((run) => run.simulatorCpuMs),
    peakHeapMb: per((run) => run.peakHeapMb),
    iterateVsRaw: versusRaw('iterate', (run) => run.ms),
    pagesVsRaw: versusRaw('pages', (run) => run.ms),
    iterateCpuVsRaw: versusRaw('iterate', (run) => run.cpuMs),
    pagesCpuVsRaw: versusRaw('pages', (run) => run.cpuMs),
    memory,
  };
}

function byPhase<T>(f: (phase: Phase) => T): Record<Phase, T> {
  return { cold: f('cold'), warm: f('warm') };
}

/** Reads a whole table through a raw session (unmeasured). */
async function rawPass(sim: SimulatorProcess, adom: string, extra: Record<string, unknown>): Promise<void> {
  const raw = await rawLogin(sim.url, sim.password);
  await rawPages(raw, adom, extra, () => {});
  await rawLogout(raw);
}

async function rawPages(
  raw: RawSession,
  adom: string,
  extra: Record<string, unknown>,
  sample: () => void,
): Promise<number> {
  const url = `/pm/config/adom/${adom}/obj/firewall/address`;
  let rows = 0;
  for (let offset = 0, id = 1; ; offset += PAGE) {
    const page = (await rawGet(raw, { url, ...extra, range: [offset, PAGE] }, ++id)) as unknown[];
    rows += page.length;
    sample();
    if (page.length < PAGE) return rows;
  }
}

/** Runs one job in a child process; the simulator's CPU is read around each measured pass only. */
async function child(sim: SimulatorProcess, job: ChildJob): Promise<ReadRun[]> {
  const worker = fork(SELF, [CHILD_FLAG, JSON.stringify(job), sim.url], {
    execArgv: [...process.execArgv, '--expose-gc', ...profiling()],
    env: { ...process.env, FMG_BENCH_PASSWORD: sim.password },
  });
  const exited = once(worker, 'exit');
  const runs: ReadRun[] = [];
  for (const pass of job.passes) {
    if (!pass.measure) continue;
    const ready = await nextMessage(worker);
    if (ready.type !== 'ready') throw new Error('the read child did not get ready');
    const simulatorBefore = await sim.cpuMs();
    worker.send('go');
    const done = await nextMessage(worker);
    if (done.type !== 'done') throw new Error('the read child did not report');
    const { type: _type, ...report } = done;
    runs.push({ ...report, simulatorCpuMs: (await sim.cpuMs()) - simulatorBefore });
  }
  await exited;
  return runs;
}

/** `FMG_BENCH_READS_PROFILE=<dir>`: each read child writes a CPU profile there (`--cpu-prof`). */
function profiling(): string[] {
  const dir = process.env.FMG_BENCH_READS_PROFILE;
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : [];
}

async function nextMessage(worker: ChildProcess): Promise<ChildMessage> {
  const [message] = (await Promise.race([
    once(worker, 'message'),
    once(worker, 'exit').then(([code]) => {
      throw new Error(`the read child exited (${String(code)})`);
    }),
  ])) as [ChildMessage];
  return message;
}

/** The child side: runs the job's passes; before each measured one, says so and waits for `go`. */
async function childMain(job: ChildJob, url: string): Promise<void> {
  const password = process.env.FMG_BENCH_PASSWORD ?? '';
  await using fmg = new FortiManager({
    url,
    username: 'admin',
    password,
    adom: job.adom,
    maxBodyBytes: 1 << 30,
    timeoutMs: 300_000,
  });
  const raw = await rawLogin(url, password);
  await fmg.get('/sys/status');
  for (const pass of job.passes) {
    const read = reader(pass.variant, job.full, fmg, raw, job.adom);
    if (!pass.measure) await read(() => {});
    else process.send?.({ type: 'done', ...(await measuredPass(read)) } satisfies ChildMessage);
  }
  await rawLogout(raw);
  process.disconnect();
}

async function measuredPass(read: (sample: () => void) => Promise<number>): Promise<ChildReport> {
  const gc = (globalThis as { gc?: () => void }).gc;
  const go = once(process, 'message');
  process.send?.({ type: 'ready' } satisfies ChildMessage);
  await go;
  gc?.();
  const rssBefore = process.memoryUsage().rss;
  // The heap alone (`process.memoryUsage()` reads the RSS too, which costs more than a page's work).
  const heapBefore = getHeapStatistics().used_heap_size;
  let peakHeap = 0;
  const sample = () => {
    peakHeap = Math.max(peakHeap, getHeapStatistics().used_heap_size - heapBefore);
  };
  const cpuBefore = cpuMs();
  const started = performance.now();
  const rows = await read(sample);
  const ms = performance.now() - started;
  const cpu = cpuMs() - cpuBefore;
  sample();
  // maxRSS is the true high-water mark (kB), also during JSON.parse where no sampling can run; it
  // never goes down, so after a first pass it shows that pass's peak, if higher.
  const peakRssGrowthMb = (process.resourceUsage().maxRSS * 1024 - rssBefore) / 2 ** 20;
  return { rows, ms, cpuMs: cpu, peakRssGrowthMb, peakHeapMb: peakHeap / 2 ** 20 };
}

/** One pass over the table with `variant`; `sample` is called once per page (or 1,000 rows). */
function reader(
  variant: Variant,
  full: boolean,
  fmg: FortiManager,
  raw: RawSession,
  adom: string,
): (sample: () => void) => Promise<number> {
  const query = full ? {} : ({ fields: ['name', 'subnet'], loadsub: false } as const);
  switch (variant) {
    case 'iterate':
      return async (sample) => {
        let rows = 0;
        for await (const _row of fmg.iterate(ADDRESS, { ...query, pageSize: PAGE }))
          if (++rows % PAGE === 0) sample();
        return rows;
      };
    case 'pages':
      return async (sample) => {
        let rows = 0;
        for await (const page of fmg.pages(ADDRESS, { ...query, pageSize: PAGE })) {
          rows += page.length;
          sample();
        }
        return rows;
      };
    case 'get':
      return async (sample) => {
        const table = (await fmg.get(ADDRESS, query)) as unknown[];
        sample();
        return table.length;
      };
    case 'raw':
      // The same params as the client's pages: the url and the range (`fields` and `loadsub` if asked).
      return (sample) => rawPages(raw, adom, full ? {} : TWO_FIELDS, sample);
  }
}

if (process.argv[1] === SELF && process.argv[2] === CHILD_FLAG) {
  await childMain(JSON.parse(process.argv[3]!) as ChildJob, process.argv[4]!);
}
