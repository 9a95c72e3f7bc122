/**
 * Runs one task at a time for everyone who asks: while it runs, every caller gets the same promise
 * (one login, one token refresh, however many calls wait for it).
 *
 * @example
 * const login = new SingleFlight<string>();
 * const [a, b] = await Promise.all([login.run(() => post('/login')), login.run(() => post('/login'))]); // one POST
 */
export class SingleFlight<T> {
  #pending: Promise<T> | undefined;

  /** The task in flight, if any. */
  get pending(): Promise<T> | undefined {
    return this.#pending;
  }

  run(task: () => Promise<T>): Promise<T> {
    this.#pending ??= task().finally(() => {
      this.#pending = undefined;
    });
    return this.#pending;
  }
}
