import type { Clock } from '../core/clock.js';
import type { FaultController } from './faults.js';

/** What every simulated product shares: time, fault injection and a seeded random source. */
export interface SimContext {
  readonly clock: Clock;
  readonly faults: FaultController;
  /** Deterministic for a given `seed` option, so simulated data is reproducible. */
  readonly random: () => number;
}

/** A small, fast, seedable PRNG (mulberry32). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
