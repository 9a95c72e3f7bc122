/** Time and CPU of a piece of bench work, on the client side and in the simulator's own process. */

/** This process's CPU time so far (user + system), in ms. */
export function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

export interface Measured {
  ms: number;
  /** CPU time of this (the client) process during the work. */
  cpuMs: number;
  /** CPU time of the simulator process during the work. */
  simulatorCpuMs: number;
}

/** What `measured` needs of the simulator process (see simulator-process.ts). */
export interface CpuReporter {
  cpuMs(): Promise<number>;
}

/** Runs `work` and measures it (the simulator's CPU is read over IPC before and after). */
export async function measured(sim: CpuReporter, work: () => Promise<unknown>): Promise<Measured> {
  const simulatorBefore = await sim.cpuMs();
  const before = cpuMs();
  const started = performance.now();
  await work();
  const ms = performance.now() - started;
  const cpu = cpuMs() - before;
  return { ms, cpuMs: cpu, simulatorCpuMs: (await sim.cpuMs()) - simulatorBefore };
}
