/**
 * The FortiManager simulator's own speed, (d) of `fortimanager.ts`: small gets (one address) per
 * second from a raw undici client, one at a time and 16 in flight, with the CPU time each process
 * spent. The simulator runs in a process of its own; the client is as cheap as a client can be, so
 * that what is measured is the simulator. One unmeasured warm-up of each concurrency, then rounds of
 * both (order alternating).
 */
import { measured } from './measure.js';
import { rawGet, rawLogin, rawLogout } from './raw-fmg.js';
import { timeCalls } from './side-by-side.js';
import type { SimulatorProcess } from './simulator-process.js';
import { type Spread, spread } from './stats.js';

const TARGET = '/pm/config/adom/root/obj/firewall/address/host_001';
const IN_FLIGHT = [1, 16] as const;

export interface ThroughputRow {
  inFlight: number;
  requests: number;
  perSec: Spread;
  /** CPU time per 1,000 requests, in ms, of the client process and of the simulator process. */
  clientCpuMs: Spread;
  simulatorCpuMs: Spread;
}

export async function simulatorThroughput(
  sim: SimulatorProcess,
  { requests = 10_000, rounds = 5 } = {},
): Promise<ThroughputRow[]> {
  const raw = await rawLogin(sim.url, sim.password, 16);
  const get = async () => {
    await rawGet(raw, { url: TARGET });
  };
  const runs = IN_FLIGHT.map(() => [] as Array<Awaited<ReturnType<typeof measured>>>);
  for (const inFlight of IN_FLIGHT) await timeCalls(get, requests / 2, inFlight);
  for (let round = 0; round < rounds; round++) {
    for (const k of round % 2 === 0 ? [0, 1] : [1, 0]) {
      runs[k]!.push(await measured(sim, () => timeCalls(get, requests, IN_FLIGHT[k]!)));
    }
  }
  await rawLogout(raw);
  const perThousand = (ms: number) => (ms / requests) * 1000;
  return IN_FLIGHT.map((inFlight, k) => ({
    inFlight,
    requests,
    perSec: spread(runs[k]!.map((run) => (requests / run.ms) * 1000)),
    clientCpuMs: spread(runs[k]!.map((run) => perThousand(run.cpuMs))),
    simulatorCpuMs: spread(runs[k]!.map((run) => perThousand(run.simulatorCpuMs))),
  }));
}
