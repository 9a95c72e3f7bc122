/** The median and range of a few rounds' figures, as the benchmarks print them. */
export interface Spread {
  median: number;
  min: number;
  max: number;
  /** Every round's figure, in the order measured. */
  rounds: number[];
}

export function spread(rounds: readonly number[]): Spread {
  if (rounds.length === 0) throw new Error('spread needs at least one figure');
  const sorted = [...rounds].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0]!, max: sorted.at(-1)!, rounds: [...rounds] };
}

/** `1.03 (0.98 – 1.07)`: the median, then the range. */
export function formatSpread(s: Spread, digits = 2): string {
  return `${s.median.toFixed(digits)} (${s.min.toFixed(digits)} – ${s.max.toFixed(digits)})`;
}

/**
 * Where the median of these rounds could as well have fallen: the 5th and 95th percentiles of the
 * medians of `resamples` resamplings of the rounds (with replacement). Seeded, so that one set of
 * rounds always gives one interval. A target inside it is neither met nor missed by this run.
 */
export function medianInterval(rounds: readonly number[], resamples = 2_000): { low: number; high: number } {
  const random = seeded(rounds.length);
  const medians = Array.from(
    { length: resamples },
    () => spread(Array.from(rounds, () => rounds[Math.floor(random() * rounds.length)]!)).median,
  ).sort((a, b) => a - b);
  return { low: medians[Math.floor(resamples * 0.05)]!, high: medians[Math.ceil(resamples * 0.95) - 1]! };
}

/** A small seeded generator of numbers in [0, 1) (mulberry32). */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}
