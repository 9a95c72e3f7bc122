/**
 * Integer hashing for the generated log store: every field of every log is a pure function of the
 * seed and the log's position, so nothing has to be stored and any log can be produced on demand.
 */

/** A 32-bit avalanche mix (the murmur3 finalizer). */
export function mix32(value: number): number {
  let h = value | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A hash of a few integers, as an unsigned 32-bit number. */
export function hash(a: number, b: number, c = 0): number {
  return mix32(Math.imul(a, 0x9e3779b1) ^ mix32(Math.imul(b, 0x85ebca77) ^ mix32(c + 0x27d4eb2f)));
}

/**
 * A source of draws for one log: `next(n)` returns an integer in `[0, n)`. Draws are independent
 * per call and reproducible for the same key.
 */
export class Draws {
  #state: number;

  constructor(key: number) {
    this.#state = key >>> 0;
  }

  next(n: number): number {
    this.#state = mix32(this.#state + 0x6d2b79f5);
    return this.#state % n;
  }

  /** One item of a list. */
  pick<T>(items: readonly T[]): T {
    return items[this.next(items.length)]!;
  }

  /** One item of a list, chosen by weights (biased towards the first items, like real top-N data). */
  skewed<T>(items: readonly T[]): T {
    const a = this.next(items.length);
    const b = this.next(items.length);
    return items[Math.min(a, b)]!;
  }
}
