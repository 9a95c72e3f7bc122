import { abortError } from '../core/clock.js';

/**
 * At most `size` requests on the wire at once; the others wait here, in order. Waiting here rather
 * than in the socket pool means a queued call takes its session when it leaves, so that calls
 * queued behind a re-login go out on the new session, not on the one known to be dead.
 */
export class Slots {
  #free: number;
  readonly #waiting: Array<() => void> = [];

  constructor(size: number) {
    this.#free = size;
  }

  /** Takes a slot: undefined when one was free, else a promise (rejects with kind 'abort' on `signal`). */
  acquire(signal?: AbortSignal): Promise<void> | undefined {
    if (this.#free > 0 && this.#waiting.length === 0) {
      this.#free--;
      return undefined;
    }
    if (signal?.aborted) return Promise.reject(abortError(signal));
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        const at = this.#waiting.indexOf(take);
        if (at >= 0) this.#waiting.splice(at, 1);
        reject(abortError(signal!));
      };
      const take = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#waiting.push(take);
    });
  }

  /** Gives a slot back: to the next waiter, if any. */
  release(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#free++;
  }
}
