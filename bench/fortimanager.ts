/**
 * FortiManager benchmarks, against the simulator running in a process of its own (as a real
 * FortiManager runs on its own machine), so the client and the server do not share a CPU; each
 * figure comes with the CPU time the client process and the simulator process spent on it:
 * (a) 5,000 sequential gets: the client against a raw undici loop (the floor), in interleaved rounds;
 * (b) bulk writes: one per request, `batch`, automatic coalescing and a raw undici loop sending the
 *     same multiplexed bodies, each in a cold process against a fresh simulator (`fortimanager-writes.ts`);
 * (c) a 200,000-row table read with `iterate`, `pages` and a raw loop fetching the same pages, and
 *     the peak memory of `iterate` and of one big get (`fortimanager-reads.ts`);
 * (d) the simulator's own throughput for small gets, 1 and 16 in flight (`fortimanager-simulator.ts`).
 */
import { loadavg } from 'node:os';
import { loadBuilt } from './built.js';
import { bigTableReads, READ_VARIANTS, type ReadsResult } from './fortimanager-reads.js';
import { simulatorThroughput, type ThroughputRow } from './fortimanager-simulator.js';
import { bulkWrites, WRITE_CHUNK, type WritesResult } from './fortimanager-writes.js';
import { type Measured, measured } from './measure.js';
import { rawGet, rawLogin, rawLogout } from './raw-fmg.js';
import { warmUp } from './side-by-side.js';
import { type SimulatorProcess, startSimulatorProcess } from './simulator-process.js';
import { formatSpread, medianInterval, type Spread, spread } from './stats.js';

const { FortiManager } = await loadBuilt('fortimanager/index.js');

export interface SequentialGetsResult {
  count: number;
  rounds: number;
  /** Per round: client time ÷ raw time. */
  ratio: Spread;
  /** CPU time per get (µs), per loop, of the client process and of the simulator process. */
  clientCpuUs: { client: Spread; raw: Spread };
  simulatorCpuUs: { client: Spread; raw: Spread };
}

export interface FortiManagerBenchResult {
  sequentialGets: SequentialGetsResult;
  writes: WritesResult;
  reads: ReadsResult;
  throughput: ThroughputRow[];
}

/** Runs the four benchmarks, prints them and returns the numbers. */
export async function runFortiManagerBench(): Promise<FortiManagerBenchResult> {
  // 25 rounds: a cold run's CPU swings by ±20 % with when V8 tiers up undici's parser (BENCHMARKS.md).
  const writes = await bulkWrites({ count: 10_000, singleCount: 1_000, rounds: 25 });
  await using sim = await startSimulatorProcess();
  const sequentialGets = await sequentialGetsBench(sim, 5_000);
  const throughput = await simulatorThroughput(sim);
  await sim.seedAddresses('dc_emea', 200_000);
  await sim.seedAddresses('dc_amer', 20_000);
  const reads = await bigTableReads(sim);
  const result: FortiManagerBenchResult = { sequentialGets, writes, reads, throughput };
  print(result);
  return result;
}

async function sequentialGetsBench(sim: SimulatorProcess, count: number): Promise<SequentialGetsResult> {
  const target = '/pm/config/adom/root/obj/firewall/address/host_001';
  // Eleven rounds (five before): a median of five moved by ±10 % from one run to the next.
  const rounds = 11;
  const perRound = Math.ceil(count / rounds);
  await using fmg = new FortiManager({ url: sim.url, username: 'admin', password: sim.password });
  const raw = await rawLogin(sim.url, sim.password);
  const client = async () => {
    for (let i = 0; i < perRound; i++) await fmg.get(target);
  };
  const rawLoop = async () => {
    for (let i = 0; i < perRound; i++) await rawGet(raw, { url: target }, i);
  };
  const oneClient = async () => {
    await fmg.get(target);
  };
  const oneRaw = async () => {
    await rawGet(raw, { url: target });
  };
  await warmUp([oneClient, oneRaw], 500, 1);
  // Interleaved rounds, alternating which goes first, so that load drifts hit both alike.
  const runs = { client: [] as Measured[], raw: [] as Measured[] };
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? (['client', 'raw'] as const) : (['raw', 'client'] as const);
    for (const loop of order) runs[loop].push(await measured(sim, loop === 'client' ? client : rawLoop));
  }
  await rawLogout(raw);
  const perGet = (runsOf: Measured[], pick: (run: Measured) => number) =>
    spread(runsOf.map((run) => (pick(run) / perRound) * 1000));
  return {
    count: perRound * rounds,
    rounds,
    ratio: spread(runs.client.map((run, i) => run.ms / runs.raw[i]!.ms)),
    clientCpuUs: { client: perGet(runs.client, (r) => r.cpuMs), raw: perGet(runs.raw, (r) => r.cpuMs) },
    simulatorCpuUs: {
      client: perGet(runs.client, (r) => r.simulatorCpuMs),
      raw: perGet(runs.raw, (r) => r.simulatorCpuMs),
    },
  };
}

function print(result: FortiManagerBenchResult): void {
  const { sequentialGets: a, writes: b, reads: c, throughput: d } = result;
  const f = formatSpread;
  const load = loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');
  console.log(`FortiManager (median (range) over rounds; load average ${load} at the end)`);
  console.log(
    `  (a) ${a.count} sequential gets, ${a.rounds} rounds: client ÷ raw undici ${f(a.ratio)} (target <= 1.15)`,
  );
  console.log(
    `      CPU per get, client loop: client ${f(a.clientCpuUs.client, 0)} µs, simulator ${f(a.simulatorCpuUs.client, 0)} µs; raw loop: client ${f(a.clientCpuUs.raw, 0)} µs, simulator ${f(a.simulatorCpuUs.raw, 0)} µs`,
  );
  /** The median, its range and where the median could as well have fallen (see `medianInterval`). */
  const withInterval = (s: Spread) => {
    const { low, high } = medianInterval(s.rounds);
    return `${f(s)}, median's 90 % interval ${low.toFixed(2)} – ${high.toFixed(2)}`;
  };
  const ratio = (x: { cold: Spread; warm: Spread }, target: string) =>
    `one-shot ${withInterval(x.cold)}; warm ${withInterval(x.warm)} (target <= ${target})`;
  const perSec = (x: { cold: Spread; warm: Spread }) => `one-shot ${f(x.cold, 0)}/s, warm ${f(x.warm, 0)}/s`;
  console.log(
    `  (b) address creations, ${b.rounds} rounds, each variant in a cold process against a fresh simulator:`,
  );
  console.log(`      one per request (${b.singleCount}): ${perSec(b.perSec.single)}`);
  for (const v of ['batch', 'coalesce', 'raw'] as const) {
    const name = { batch: '`batch`', coalesce: 'coalescing', raw: 'raw undici, same bodies' }[v];
    console.log(
      `      ${name} (${b.count}, ${WRITE_CHUNK} per request): ${perSec(b.perSec[v])}; client CPU ${f(b.cpuMsPerThousand[v].cold, 1)} ms per 1,000 one-shot, ${f(b.cpuMsPerThousand[v].warm, 1)} warm`,
    );
  }
  console.log(
    `      CPU per 1,000 over both runs, client / simulator: ${(
      ['single', 'batch', 'coalesce', 'raw'] as const
    )
      .map((v) => `${v} ${f(b.clientCpuMsPerThousand[v], 1)} / ${f(b.simulatorCpuMsPerThousand[v], 1)} ms`)
      .join('; ')}`,
  );
  console.log(`      batch ÷ raw multiplexed: ${ratio(b.batchVsRaw, '1.05')}`);
  console.log(`      coalescing ÷ raw multiplexed: ${ratio(b.coalesceVsRaw, '1.10')}`);
  console.log(
    `      batch ÷ one per request (rate): one-shot ${f(b.batchVsSingle.cold, 1)}x, warm ${f(b.batchVsSingle.warm, 1)}x (target >= 20x)`,
  );
  console.log(
    `  (c) ${c.rows} full rows in pages of 1,000, ${c.rounds} rounds, one-shot: each variant in a process of its own; warm: all three in each of those processes, after one read each:`,
  );
  for (const phase of ['cold', 'warm'] as const) {
    const when = phase === 'cold' ? 'one-shot' : 'warm';
    for (const v of READ_VARIANTS) {
      const name = { raw: 'raw undici, same pages', iterate: '`iterate`', pages: '`pages`' }[v];
      console.log(
        `      ${when}, ${name}: ${f(c.ms[phase][v], 0)} ms; CPU client ${f(c.clientCpuMs[phase][v], 0)} ms, simulator ${f(c.simulatorCpuMs[phase][v], 0)} ms; peak heap growth ${f(c.peakHeapMb[phase][v], 1)} MB`,
      );
    }
    console.log(
      `      ${when}: iterate ÷ raw ${f(c.iterateVsRaw[phase])} (target <= 1.10), pages ÷ raw ${f(c.pagesVsRaw[phase])} (target <= 1.05); client CPU ÷ raw's: iterate ${f(c.iterateCpuVsRaw[phase])}, pages ${f(c.pagesCpuVsRaw[phase])}`,
    );
  }
  for (const m of c.memory) {
    console.log(
      `  (c) ${m.variant}, two fields: ${m.rows} rows in ${m.ms.toFixed(0)} ms, peak RSS growth ${m.peakRssGrowthMb.toFixed(1)} MB, peak heap growth ${m.peakHeapMb.toFixed(1)} MB; CPU client ${m.cpuMs.toFixed(0)} ms, simulator ${m.simulatorCpuMs.toFixed(0)} ms`,
    );
  }
  for (const row of d) {
    console.log(
      `  (d) simulator alone, small gets ${row.inFlight} in flight: ${f(row.perSec, 0)}/s (target at 16: >= 10,000/s); CPU per 1,000: raw client ${f(row.clientCpuMs, 1)} ms, simulator ${f(row.simulatorCpuMs, 1)} ms`,
    );
  }
}
