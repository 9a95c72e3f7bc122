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
