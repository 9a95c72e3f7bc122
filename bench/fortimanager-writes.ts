/**
 * FortiManager bulk writes, (b) of `fortimanager.ts`: firewall addresses created one per request,
 * with `batch` (500 per request), with automatic coalescing (`batch: { maxSize: 500 }` and every
 * `add` at once), and by a raw undici loop that sends the same multiplexed bodies (the floor).
 *
 * Every variant runs in a process of its own (cold, as a script runs it) against a fresh simulator
 * process, so that no run meets a table another run filled: first one-shot into ADOM `root`, then,
 * warmed by that, the same again into the empty ADOM `dc_amer`. Each run starts from the list of
 * addresses to create, built inside the timing the same way for every variant (as a script holds
 * the rows it read from a file). Rounds rotate the variants' order.
 *
 * The simulator stands for a FortiManager that has long been running: before each variant its
 * write path is warmed by three runs of the same raw writes into ADOM `dc_emea`, which the measured
 * runs do not touch (a fresh simulator process otherwise spends its JIT warm-up inside the runs
 * measured).
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Agent } from 'undici';
import { loadBuilt } from './built.js';
import { rawPost } from './raw-fmg.js';
import { startSimulatorProcess } from './simulator-process.js';
import { type Spread, spread } from './stats.js';

const { FortiManager } = await loadBuilt('fortimanager/index.js');

const SELF = fileURLToPath(import.meta.url);
const CHILD_FLAG = '--fmg-writes-child';
const ADDRESS = '/pm/config/adom/{adom}/obj/firewall/address';
/**
 * Raw runs of `count` writes a fresh simulator serves before a variant's process starts: after one,
 * the simulator still spent ~15.5 ms of CPU per 1,000 addresses in the measured runs (V8 still
 * optimizing its per-request code), after three ~10.8, as a long-running one does.
 */
const SIMULATOR_WARMUP_RUNS = 3;
/** Items per multiplexed request, for `batch`, coalescing and raw alike. */
export const WRITE_CHUNK = 500;

const VARIANTS = ['single', 'batch', 'coalesce', 'raw'] as const;
type Variant = (typeof VARIANTS)[number];

export interface WritesOptions {
  /** Addresses per multiplexed run (`batch`, coalescing, raw). */
  count: number;
  /** Addresses per one-per-request run (its rate is what counts; it is 20x slower). */
  singleCount: number;
  rounds: number;
}

export interface WritesResult {
  count: number;
  singleCount: number;
  rounds: number;
  /** Items per second, per variant, one-shot (cold) and warm. */
  perSec: Record<Variant, { cold: Spread; warm: Spread }>;
  /** Per round: variant time ÷ raw multiplexed time in that round (same item count). */
  batchVsRaw: { cold: Spread; warm: Spread };
  coalesceVsRaw: { cold: Spread; warm: Spread };
  /** batch rate ÷ one-per-request rate. */
  batchVsSingle: { cold: Spread; warm: Spread };
  /** The client process's CPU time per 1,000 items, per variant (the simulator's is not in it). */
  cpuMsPerThousand: Record<Variant, { cold: Spread; warm: Spread }>;
  /** CPU time per 1,000 items of the simulator process and of the client, over both runs (one-shot + warm). */
  simulatorCpuMsPerThousand: Record<Variant, Spread>;
  clientCpuMsPerThousand: Record<Variant, Spread>;
}

interface ChildReport {
  coldMs: number;
  warmMs: number;
  /** CPU time of the client process (user + system) during each run. */
  coldCpuMs: number;
  warmCpuMs: number;
}
type Phase = 'coldMs' | 'warmMs';

/** Runs every variant `rounds` times, each in a cold process against a fresh simulator. */
export async function bulkWrites(options: WritesOptions): Promise<WritesResult> {
  const runs = new Map<Variant, Array<ChildReport & { simulatorCpuMs: number }>>(
    VARIANTS.map((v) => [v, []]),
  );
  for (let round = 0; round < options.rounds; round++) {
    for (let k = 0; k < VARIANTS.length; k++) {
      const variant = VARIANTS[(k + round) % VARIANTS.length]!;
      const items = variant === 'single' ? options.singleCount : options.count;
      await using sim = await startSimulatorProcess();
      for (let run = 0; run < SIMULATOR_WARMUP_RUNS; run++)
        await rawMultiplexed(sim.url, sim.password, addresses(options.count, `warmup${run}`), 'dc_emea');
      const simulatorBefore = await sim.cpuMs();
      const report = await child(variant, sim.url, sim.password, items);
      runs.get(variant)!.push({ ...report, simulatorCpuMs: (await sim.cpuMs()) - simulatorBefore });
    }
  }
  const rate = (variant: Variant, phase: Phase) => {
    const items = variant === 'single' ? options.singleCount : options.count;
    return runs.get(variant)!.map((r) => (items / r[phase]) * 1000);
  };
  const both = (f: (phase: Phase) => number[]) => ({
    cold: spread(f('coldMs')),
    warm: spread(f('warmMs')),
  });
  /** Per round, rate of `b` ÷ rate of `a` (for equal item counts: time of `a` ÷ time of `b`). */
  const versus = (a: Variant, b: Variant) => (phase: Phase) => {
    const ra = rate(a, phase);
    const rb = rate(b, phase);
    return ra.map((x, i) => rb[i]! / x);
  };
  return {
    ...options,
    perSec: Object.fromEntries(
      VARIANTS.map((v) => [v, both((phase) => rate(v, phase))]),
    ) as WritesResult['perSec'],
    batchVsRaw: both(versus('batch', 'raw')),
    coalesceVsRaw: both(versus('coalesce', 'raw')),
    batchVsSingle: both(versus('single', 'batch')),
    cpuMsPerThousand: Object.fromEntries(
      VARIANTS.map((v) => {
        const items = v === 'single' ? options.singleCount : options.count;
        const per = (key: 'coldCpuMs' | 'warmCpuMs') =>
          spread(runs.get(v)!.map((r) => (r[key] / items) * 1000));
        return [v, { cold: per('coldCpuMs'), warm: per('warmCpuMs') }];
      }),
    ) as WritesResult['cpuMsPerThousand'],
    ...bothRunsCpu(runs, options),
  };
}

function bothRunsCpu(
  runs: Map<Variant, Array<ChildReport & { simulatorCpuMs: number }>>,
  options: WritesOptions,
): Pick<WritesResult, 'simulatorCpuMsPerThousand' | 'clientCpuMsPerThousand'> {
  const per = (pick: (r: ChildReport & { simulatorCpuMs: number }) => number) =>
    Object.fromEntries(
      VARIANTS.map((v) => {
        const items = 2 * (v === 'single' ? options.singleCount : options.count);
        return [v, spread(runs.get(v)!.map((r) => (pick(r) / items) * 1000))];
      }),
    ) as Record<Variant, Spread>;
  return {
    simulatorCpuMsPerThousand: per((r) => r.simulatorCpuMs),
    clientCpuMsPerThousand: per((r) => r.coldCpuMs + r.warmCpuMs),
  };
}

function child(variant: Variant, url: string, password: string, count: number): Promise<ChildReport> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [...process.execArgv, SELF, CHILD_FLAG, variant, url, String(count)],
      { env: { ...process.env, FMG_BENCH_PASSWORD: password }, maxBuffer: 1 << 20 },
      (error, stdout) => {
        if (error) return reject(error);
        resolve(JSON.parse(stdout.trim().split('\n').at(-1)!) as ChildReport);
      },
    );
  });
}

type Run = (adom: string, prefix: string) => Promise<void>;

interface Address {
  name: string;
  subnet: `${number}.${number}.${number}.${number}/32`;
}

/** The rows a run creates, distinct per `prefix`. */
function addresses(count: number, prefix: string): Address[] {
  return Array.from({ length: count }, (_, i) => ({
    name: `${prefix}_${i}`,
    subnet: `10.${i >> 16}.${(i >> 8) & 255}.${i & 255}/32` as const,
  }));
}

/** The child side: one variant, one-shot into `root`, then warm into `dc_amer`. */
async function childMain(variant: Variant, url: string, count: number): Promise<void> {
  const password = process.env.FMG_BENCH_PASSWORD ?? '';
  const run = runner(variant, url, password, count);
  const cold = await measured(() => run('root', 'cold'));
  const warm = await measured(() => run('dc_amer', 'warm'));
  const report: ChildReport = {
    coldMs: cold.ms,
    warmMs: warm.ms,
    coldCpuMs: cold.cpuMs,
    warmCpuMs: warm.cpuMs,
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

/** Each run logs in, creates `count` addresses in `adom` and logs out, all inside the timing. */
function runner(variant: Variant, url: string, password: string, count: number): Run {
  if (variant === 'raw')
    return (adom, prefix) => rawMultiplexed(url, password, addresses(count, prefix), adom);
  return async (adom, prefix) => {
    const rows = addresses(count, prefix);
    await using fmg = new FortiManager({
      url,
      username: 'admin',
      password,
      adom,
      batch: variant === 'coalesce' ? { maxSize: WRITE_CHUNK } : false,
    });
    if (variant === 'single') {
      for (const data of rows) await fmg.add(ADDRESS, { data });
    } else if (variant === 'coalesce') {
      await Promise.all(rows.map((data) => fmg.add(ADDRESS, { data })));
    } else {
      const results = await fmg.batch(
        rows.map((data) => ({ method: 'add' as const, url: ADDRESS, data })),
        { chunkSize: WRITE_CHUNK },
      );
      if (!results.every((r) => r.ok)) throw new Error('batch creation failed');
    }
  };
}

/** The floor: the bodies `batch` sends (500 adds each, verbose), posted one after the other. */
async function rawMultiplexed(url: string, password: string, rows: Address[], adom: string): Promise<void> {
  const count = rows.length;
  const agent = new Agent({ connections: 8 });
  const target = `/pm/config/adom/${adom}/obj/firewall/address`;
  const login = (await rawPost(agent, url, {
    id: 1,
    method: 'exec',
    params: [{ url: 'sys/login/user', data: { user: 'admin', passwd: password } }],
    session: null,
  })) as { session: string };
  const { session } = login;
  let id = 1;
  for (let start = 0; start < count; start += WRITE_CHUNK) {
    const params = [];
    for (let i = start; i < Math.min(start + WRITE_CHUNK, count); i++)
      params.push({ url: target, data: rows[i] });
    const reply = (await rawPost(agent, url, { id: ++id, method: 'add', params, session, verbose: 1 })) as {
      result: Array<{ status: { code: number } }>;
    };
    if (!reply.result.every((r) => r.status.code === 0)) throw new Error('raw creation failed');
  }
  await rawPost(agent, url, { id: ++id, method: 'exec', params: [{ url: 'sys/logout' }], session });
  await agent.close();
}

async function measured(fn: () => Promise<void>): Promise<{ ms: number; cpuMs: number }> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await fn();
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { ms, cpuMs: (used.user + used.system) / 1000 };
}

if (process.argv[1] === SELF && process.argv[2] === CHILD_FLAG) {
  const [variant, url, count] = process.argv.slice(3);
  if (!VARIANTS.includes(variant as Variant)) throw new Error(`unknown variant ${variant}`);
  await childMain(variant as Variant, url!, Number(count));
}
