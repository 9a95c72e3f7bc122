/**
 * The calls a client has handed out that have not settled yet. When the client closes, each of them
 * is marked as handled: in `async function f() { await using c = ...; return c.get(...) }` the call
 * fails while `close()` runs, before the caller can attach its handler, and Node would otherwise end
 * the process with an unhandled rejection that the caller does catch a moment later.
 */
export class CallTracker {
  readonly #pending = new Set<Promise<unknown>>();

  /** The same outcome as `work`, as a promise the tracker can mark handled on close. */
  track<T>(work: Promise<T>): Promise<T> {
    // `call` (what the caller holds) rejects as `work` does, so an uncaught failure still surfaces.
    const call: Promise<T> = work.then(
      (value) => {
        this.#pending.delete(call);
        return value;
      },
      (error: unknown) => {
        this.#pending.delete(call);
        throw error;
      },
    );
    this.#pending.add(call);
    return call;
  }

  /** Marks every pending call handled; its caller still gets the rejection. */
  quiet(): void {
    for (const call of this.#pending) call.catch(ignore);
  }
}

/** `call` tracked by `tracker`, or as it is without one. */
export function tracked<T>(tracker: CallTracker | undefined, call: Promise<T>): Promise<T> {
  return tracker ? tracker.track(call) : call;
}

export function ignore(): void {}
