import { TransportError } from '../../core/errors.js';
import type { Redactor, SafeLog } from '../../core/logging.js';
import { abortable } from '../../core/timeouts.js';
import type { Auth } from './auth.js';

/** How a session is opened and closed: user/password, or FortiManager Cloud. */
export interface LoginStrategy {
  readonly user: string | undefined;
  /** Opens a session and returns its id. */
  login(): Promise<string>;
  /** Closes the session (best effort). */
  logout(session: string): Promise<void>;
}

/**
 * A FortiManager session: opened on first use (one login however many calls wait), renewed once
 * when it goes stale, closed on `close()`. The session id is registered as a secret.
 */
export class SessionAuth implements Auth {
  readonly #strategy: LoginStrategy;
  readonly #redactor: Redactor;
  readonly #log: SafeLog;
  #current: string | undefined;
  #verified = false;
  #pending: Promise<string> | undefined;
  #closed = false;
  /** Logouts of replaced sessions still in flight (awaited by close). */
  readonly #retiring = new Set<Promise<void>>();

  constructor(strategy: LoginStrategy, redactor: Redactor, log: SafeLog) {
    this.#strategy = strategy;
    this.#redactor = redactor;
    this.#log = log;
  }

  get user(): string | undefined {
    return this.#strategy.user;
  }

  headers(): undefined {
    return undefined;
  }

  session(signal?: AbortSignal): Promise<string> {
    if (this.#current !== undefined) return Promise.resolve(this.#current);
    return abortable(this.#login(), signal);
  }

  confirm(session: string | undefined): void {
    if (session !== undefined && session === this.#current) this.#verified = true;
  }

  async renew(used: string, signal?: AbortSignal): Promise<boolean> {
    if (this.#closed) return false;
    // Another caller already replaced the session (or is doing so): replay on the new one.
    if (used !== this.#current) return true;
    // A session that never worked is not stale: -11 is a real "no permission".
    if (!this.#verified) return false;
    this.#current = undefined;
    this.#log.info('FortiManager session is no longer valid; logging in again', { user: this.user });
    // -11 may also have been a real "no permission" on a live session: close the old one so it
    // does not linger (harmless when it is gone already).
    this.#retire(used);
    await abortable(this.#login(), signal);
    return true;
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.#pending?.catch(() => undefined);
    await Promise.all(this.#retiring);
    const session = this.#current;
    this.#current = undefined;
    if (session === undefined) return;
    try {
      await this.#strategy.logout(session);
      this.#log.debug('FortiManager session closed', { user: this.user });
    } catch (error) {
      this.#log.warn('FortiManager logout failed; the session expires on its own', { error });
    }
  }

  #retire(session: string): void {
    const done = this.#strategy
      .logout(session)
      .catch((error: unknown) => this.#log.debug('Logout of the replaced session failed', { error }))
      .finally(() => this.#retiring.delete(done));
    this.#retiring.add(done);
  }

  #login(): Promise<string> {
    if (this.#closed) {
      return Promise.reject(
        new TransportError('The FortiManager client is closed; create a new client', 'closed', {
          requestSent: false,
        }),
      );
    }
    this.#pending ??= this.#strategy
      .login()
      .then((session) => {
        this.#redactor.addSecret(session);
        this.#current = session;
        this.#verified = false;
        this.#log.debug('FortiManager session opened', { user: this.user });
        return session;
      })
      .finally(() => {
        this.#pending = undefined;
      });
    return this.#pending;
  }
}
