/**
 * Measuring a client call against its floor (a raw undici call) side by side in one run: interleaved
 * rounds, alternating which goes first, so that load drifts hit both alike.
 */

import { formatSpread, type Spread, spread } from './stats.js';

export interface SideBySideRun {
  /** Calls of each side, over all rounds. */
  calls: number;
  clientMs: number;
  rawMs: number;
  /** Client time ÷ raw time, round by round: the median is the figure; 1.0 means no overhead. */
  ratio: Spread;
}

export interface SideBySideOptions {
  /** Rounds, each `calls / rounds` calls of both sides (default 12). */
  rounds?: number;
  /** Most warm-up batches of a round's size per side (default 12; fewer for long calls). */
  warmUpBatches?: number;
}

/**
 * `calls` of each side, `inFlight` at a time, in rounds. Both sides are first warmed alike at the
 * concurrency measured (sockets opened, code compiled); each round's ratio is its own, so the spread
 * shows what a sum would hide.
 */
export async function sideBySide(
  client: () => Promise<void>,
  raw: () => Promise<void>,
  calls: number,
  inFlight: number,
  { rounds = 12, warmUpBatches = 12 }: SideBySideOptions = {},
): Promise<SideBySideRun> {
  const perRound = Math.max(1, Math.ceil(calls / rounds));
  await warmUp([client, raw], perRound, inFlight, warmUpBatches);
  let clientMs = 0;
  let rawMs = 0;
  const ratios: number[] = [];
  for (let round = 0; round < rounds; round++) {
    let clientRound: number;
    let rawRound: number;
    if (round % 2 === 0) {
      clientRound = await timeCalls(client, perRound, inFlight);
      rawRound = await timeCalls(raw, perRound, inFlight);
    } else {
      rawRound = await timeCalls(raw, perRound, inFlight);
      clientRound = await timeCalls(client, perRound, inFlight);
    }
    clientMs += clientRound;
    rawMs += rawRound;
    ratios.push(clientRound / rawRound);
  }
  return { calls: perRound * rounds, clientMs, rawMs, ratio: spread(ratios) };
}

/** Rounds of {@link sideBySideWhole}. */
const WHOLE_ROUNDS = 5;

/**
 * Side by side for calls that each take long (iterating a whole table): one call of each side per
 * round, five rounds, warmed by at most two calls of each.
 */
export function sideBySideWhole(
  client: () => Promise<void>,
  raw: () => Promise<void>,
): Promise<SideBySideRun> {
  return sideBySide(client, raw, WHOLE_ROUNDS, 1, { rounds: WHOLE_ROUNDS, warmUpBatches: 2 });
}

/** `name  client 0.123 ms/call, raw undici 0.120 ms/call, ratio 1.02 (0.95 – 1.10)`. */
export function sideBySideLine(name: string, run: SideBySideRun, width = 22): string {
  const perCall = (ms: number) => (ms / run.calls).toFixed(run.clientMs / run.calls >= 10 ? 0 : 3);
  return `  ${name.padEnd(width)} client ${perCall(run.clientMs)} ms/call, raw undici ${perCall(run.rawMs)} ms/call, ratio ${formatSpread(run.ratio)}`;
}

/**
 * Warms every path in turn until each one's time per call settles (within 5 % of its previous batch),
 * at most `maxBatches` batches: the simulator and the client both take a few thousand calls before
 * V8 has optimized them, and a path measured first during that time would carry the cold share.
 */
export async function warmUp(
  paths: ReadonlyArray<() => Promise<void>>,
  batch: number,
  inFlight: number,
  maxBatches = 12,
): Promise<void> {
  const previous = paths.map(() => Number.POSITIVE_INFINITY);
  for (let round = 0; round < maxBatches; round++) {
    let settled = true;
    for (const [index, path] of paths.entries()) {
      const ms = await timeCalls(path, batch, inFlight);
      if (Math.abs(ms - previous[index]!) > 0.05 * ms) settled = false;
      previous[index] = ms;
    }
    if (settled && round >= 2) return;
  }
}

/** Milliseconds for `count` calls with `inFlight` of them running at a time. */
export async function timeCalls(call: () => Promise<void>, count: number, inFlight: number): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next++ < count) await call();
    }),
  );
  return performance.now() - started;
}
