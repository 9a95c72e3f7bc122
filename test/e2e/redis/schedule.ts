import type { RateWindow } from '../../../src/core/rate-limit.js';

/** The earliest possible start of each of `n` calls from 0: call i waits for the start `limit` places before it. */
export function fastestSchedule(n: number, windows: readonly RateWindow[]): number[] {
  const starts: number[] = [];
  for (let i = 0; i < n; i++) {
    let t = i === 0 ? 0 : starts[i - 1]!;
    for (const w of windows) if (i >= w.limit) t = Math.max(t, starts[i - w.limit]! + w.intervalMs);
    starts.push(t);
  }
  return starts;
}

/** Largest number of starts found in any half-open span [t, t + intervalMs). */
export function busiestSpan(starts: readonly number[], intervalMs: number): number {
  let busiest = 0;
  for (let first = 0, last = 0; last < starts.length; last++) {
    while (starts[last]! - starts[first]! >= intervalMs) first++;
    busiest = Math.max(busiest, last - first + 1);
  }
  return busiest;
}
