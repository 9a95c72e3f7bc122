/** How the client authenticates each JSON-RPC call. */
export interface Auth {
  /** The login name behind the calls, when known (used to recognise our own workspace locks). */
  readonly user: string | undefined;
  /** Headers for every call (the API key), or undefined. */
  headers(): Record<string, string> | undefined;
  /** The session id for the next call, logging in on first use; undefined with an API key. */
  session(signal?: AbortSignal): Promise<string | undefined>;
  /** Records that a reply on `session` was not stale: the session has worked. */
  confirm(session: string | undefined): void;
  /**
   * Called after a reply on `used` looked stale (-11 everywhere). Logs in again, once however many
   * callers ask, if `used` had worked before. True: replay the call on the new session.
   */
  renew(used: string, signal?: AbortSignal): Promise<boolean>;
  /** Logs out; later calls fail. */
  close(): Promise<void>;
}

/**
 * An API key, sent as `Authorization: Bearer` (never in the query string), with the optional
 * `access_user` header naming the API user. No session, nothing to renew or close.
 */
export class ApiKeyAuth implements Auth {
  readonly user: string | undefined;
  readonly #headers: Record<string, string>;

  constructor(apiKey: string, accessUser?: string) {
    this.user = accessUser;
    this.#headers = { authorization: `Bearer ${apiKey}` };
    if (accessUser !== undefined) this.#headers.access_user = accessUser;
  }

  headers(): Record<string, string> {
    return this.#headers;
  }

  session(): Promise<undefined> {
    return Promise.resolve(undefined);
  }

  confirm(): void {}

  renew(): Promise<boolean> {
    return Promise.resolve(false);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
