/**
 * The calls that the helpers (`tasks`, `workspace`, installs, `proxy`) make on a client: a narrow
 * view of it, so that they depend on what they use and never on the `FortiManager` class.
 */

/** Options of a helper's call: loose, because its URLs are built at run time. */
export type LooseOptions = Readonly<Record<string, unknown>>;

export interface FortiManagerCalls {
  /** The client's default ADOM. */
  readonly adom: string | undefined;
  /** Who the calls run as, when known (the login name, or the API key's `accessUser`). */
  readonly user: string | undefined;
  get(url: string, options?: LooseOptions): Promise<unknown>;
  exec(url: string, options?: LooseOptions): Promise<unknown>;
  /** Hands a call to the client's bookkeeping, so that `close()` never leaves it as an unhandled rejection. */
  track<T>(call: Promise<T>): Promise<T>;
}
