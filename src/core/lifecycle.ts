import { FortixError } from './errors.js';

/**
 * Runs async cleanups once, in reverse order of registration, collecting errors (AggregateError if
 * several). Cleanups added while dispose() runs are still run by it.
 *
 * @example
 * const disposer = new Disposer();
 * disposer.add(() => agent.close());
 * disposer.add(() => logout(session)); // runs first
 * await disposer.dispose();
 */
export class Disposer {
  #cleanups: Array<() => Promise<void> | void> = [];
  #disposing: Promise<void> | undefined;
  #finished = false;

  /** True once dispose() has been called. */
  get closed(): boolean {
    return this.#disposing !== undefined;
  }

  /** Registers a cleanup; throws once dispose() has finished, because nobody would run it. */
  add(fn: () => Promise<void> | void): void {
    if (this.#finished) {
      throw new FortixError('Cannot register a cleanup: already closed; release the resource directly');
    }
    this.#cleanups.push(fn);
  }

  /** Runs every cleanup once; later calls return the same promise. */
  dispose(): Promise<void> {
    // Started a microtask later, so a cleanup that calls dispose() again gets this same promise.
    this.#disposing ??= Promise.resolve().then(() => this.#run());
    return this.#disposing;
  }

  async #run(): Promise<void> {
    const errors: unknown[] = [];
    for (let fn = this.#cleanups.pop(); fn; fn = this.#cleanups.pop()) {
      try {
        await fn();
      } catch (error) {
        errors.push(error);
      }
    }
    this.#finished = true;
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new AggregateError(errors, `${errors.length} cleanups failed`);
  }
}
