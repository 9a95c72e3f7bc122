/**
 * Measuring a client call against its floor (a raw undici call) side by side in one run: interleaved
 * rounds, alternating which goes first, so that load drifts hit both alike.
 */

export interface SideBySideRun {
  calls: number;
  clientMs: number;
  rawMs: number;
  /** clientMs / rawMs: 1.0 means no overhead. */
  ratio: number;
}

export async function sideBySide(
  client: () => Promise<void>,
  raw: () => Promise<void>,
  calls: number,
  inFlight: number,
  rounds = 4,
): Promise<SideBySideRun> {
  const perRound = Math.ceil(calls / rounds);
  let clientMs = 0;
  let rawMs = 0;
  for (let round = 0; round < rounds; round++) {
    if (round % 2 === 0) {
      clientMs += await timeCalls(client, perRound, inFlight);
      rawMs += await timeCalls(raw, perRound, inFlight);
    } else {
      rawMs += await timeCalls(raw, perRound, inFlight);
      clientMs += await timeCalls(client, perRound, inFlight);
    }
  }
  return { calls: perRound * rounds, clientMs, rawMs, ratio: clientMs / rawMs };
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
