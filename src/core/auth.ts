import type { Clock } from './clock.js';
import { TransportError } from './errors.js';
import { checkHeaders } from './headers.js';
import type { Redactor, SafeLog } from './logging.js';
import { finalError, isRetryableRelease, type RetryOptions, withRetry } from './retry.js';
import { SingleFlight } from './single-flight.js';
import { abortable, within } from './timeouts.js';

/** The request a credential is made for: what a signature covers. */
export interface AuthRequest {
  readonly method: string;
  /** Path and query string exactly as sent, e.g. `/api/3/alerts?%24limit=30`. */
  readonly path: string;
  /** The body exactly as sent (undefined without a body). */
  readonly body: string | Uint8Array | undefined;
}

/** How one request proves who sends it. */
export interface Credential {
  /** Headers to send (Authorization, ...). */
  readonly headers?: Readonly<Record<string, string>>;
  /** A session id the product places where its protocol wants it (FortiManager: the JSON-RPC envelope). */
  readonly session?: string;
}

/**
 * Auth as a strategy, one interface for every product: a credential per request (logging in first
 * when needed), renewal after a rejection shared by every waiting call, release on close.
 * Implementations: {@link StaticAuth} (API keys, Basic), {@link SessionAuth} (login -> token or
 * session -> logout), and products' own (FortiCloud OAuth, FortiSOAR HMAC signing).
 */
export interface AuthStrategy {
  /** Who the calls run as, when known. */
  readonly user: string | undefined;
  /** The credential for one request; may log in first (one login however many calls wait). */
  authorize(request: AuthRequest, signal?: AbortSignal): Promise<Credential>;
  /**
   * The credential for `request` when one is at hand without waiting (a live session or token, a
   * key, a signature), else undefined and the caller awaits {@link authorize}: most calls then
   * start without a promise or a timer for the credential.
   */
  current?(request: AuthRequest): Credential | undefined;
  /** A reply to a request sent with `used` was accepted: the credential works. */
  accepted?(used: Credential): void;
  /**
   * The server rejected a request sent with `used`. Renews (once, however many callers ask) when
   * that can help; true: send the request again, once, with a new credential.
   */
  renew(used: Credential, signal?: AbortSignal): Promise<boolean>;
  /** Releases what it holds (logout, revoke); later authorize() calls fail with kind 'closed'. */
  close(): Promise<void>;
}

/** How {@link sendWithAuth} waits. */
export interface SendWithAuthOptions {
  signal?: AbortSignal | undefined;
  /** Runs before each credential is made (a rate limiter's wait). */
  ready?: () => Promise<void>;
  /**
   * The call's timeout: waiting for a credential (a login, a token) longer than this fails with a
   * TransportError of kind `timeout` (nothing was sent), as a slow reply would.
   */
  timeoutMs?: number | undefined;
}

/**
 * Sends a request with a credential and, when the reply says the credential was rejected, renews it
 * and sends once more: the one "refused -> renew once -> replay" of every product. Replaying is safe
 * because the server refused the request without running it; a request whose body cannot be sent
 * twice (`replayable: false`) returns the rejected reply instead. `ready` runs before each
 * credential is made (a rate limiter's wait), so that no token or signature ages while waiting.
 */
export async function sendWithAuth<R>(
  auth: AuthStrategy,
  request: AuthRequest & { readonly replayable?: boolean },
  send: (credential: Credential) => Promise<R>,
  rejected: (reply: R) => boolean,
  options: SendWithAuthOptions = {},
): Promise<R> {
  const { signal, ready, timeoutMs } = options;
  // No await unless there is something to wait for: with a credential at hand, the request leaves
  // in the caller's turn (a batch prepares its next chunk while this one is on the wire).
  if (ready) await ready();
  const credential =
    auth.current?.(request) ?? (await credentialWithin(auth.authorize(request, signal), request, timeoutMs));
  const reply = await send(credential);
  if (!rejected(reply)) {
    auth.accepted?.(credential);
    return reply;
  }
  if (request.replayable === false) return reply;
  if (!(await credentialWithin(auth.renew(credential, signal), request, timeoutMs))) return reply;
  if (ready) await ready();
  const fresh =
    auth.current?.(request) ?? (await credentialWithin(auth.authorize(request, signal), request, timeoutMs));
  const replay = await send(fresh);
  if (!rejected(replay)) auth.accepted?.(fresh);
  return replay;
}

/**
 * A login, token request or renew that the call waits for, bounded by the call's timeout (made here,
 * not per call: with a credential at hand nothing waits). Its failure had its own retries, so it is
 * the call's final error: repeating the call would log in again.
 */
function credentialWithin<T>(
  work: Promise<T>,
  request: AuthRequest,
  timeoutMs: number | undefined,
): Promise<T> {
  const late = () =>
    new TransportError(
      `${request.method} ${request.path}: no credential (login or token) within the call's ${timeoutMs} ms; nothing was sent`,
      'timeout',
      { requestSent: false },
    );
  return within(work, timeoutMs, late).catch((error: unknown) => Promise.reject(finalError(error)));
}

/** Credentials that never change: an API key header, HTTP Basic. Nothing to renew or release. */
export class StaticAuth implements AuthStrategy {
  readonly user: string | undefined;
  readonly #credential: Credential;

  /** Header values are checked here: a line break in an API key is a ValidationError now, not a reset later. */
  constructor(headers: Readonly<Record<string, string>>, user?: string) {
    checkHeaders(headers, 'credentials');
    this.user = user;
    this.#credential = { headers: Object.freeze({ ...headers }) };
  }

  authorize(): Promise<Credential> {
    return Promise.resolve(this.#credential);
  }

  current(): Credential {
    return this.#credential;
  }

  renew(): Promise<boolean> {
    return Promise.resolve(false);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

/** How a session (or token) is opened and closed: the product-specific part of {@link SessionAuth}. */
export interface SessionLogin {
  readonly user: string | undefined;
  /**
   * Opens a session and returns its secret (session id, JWT, access token). Not tied to any one
   * caller's signal: it is shared by every waiting call (each waiter can still give up on its own).
   */
  login(): Promise<string>;
  /** Closes the session (best effort; a failure is logged). */
  logout?(secret: string): Promise<void>;
  /** The credential that carries the secret on a request. */
  credential(secret: string): Credential;
}

export interface SessionAuthOptions {
  readonly redactor: Redactor;
  readonly log: SafeLog;
  /** For messages: `FortiManager`, `FortiSOAR`, ... */
  readonly product: string;
  /**
   * Renew only a session that has worked before (FortiManager: -11 on a fresh session is a real
   * "no permission", not a stale session). Default false: any rejection renews.
   */
  readonly renewOnlyVerified?: boolean;
  /** Retries of a logout cut off on the way (reset, 5xx): a logout is safe to repeat. Default 2. */
  readonly retry?: RetryOptions | undefined;
  readonly clock?: Clock | undefined;
}

/**
 * A login session: opened on first use (one login however many calls wait), renewed once when the
 * server rejects it, closed on close(). The secret is registered with the redactor.
 */
export class SessionAuth implements AuthStrategy {
  readonly #login: SessionLogin;
  readonly #options: SessionAuthOptions;
  readonly #flight = new SingleFlight<string>();
  #current: string | undefined;
  #credential: Credential | undefined;
  #verified = false;
  #closed = false;
  /** Logouts of replaced sessions still in flight (awaited by close). */
  readonly #retiring = new Set<Promise<void>>();

  constructor(login: SessionLogin, options: SessionAuthOptions) {
    this.#login = login;
    this.#options = options;
  }

  get user(): string | undefined {
    return this.#login.user;
  }

  /** The current session secret, if logged in. */
  get secret(): string | undefined {
    return this.#current;
  }

  authorize(_request?: AuthRequest, signal?: AbortSignal): Promise<Credential> {
    if (this.#credential !== undefined) return Promise.resolve(this.#credential);
    return abortable(this.#open(), signal).then(() => this.#credential!);
  }

  current(): Credential | undefined {
    return this.#credential;
  }

  accepted(used: Credential): void {
    if (used === this.#credential) this.#verified = true;
  }

  async renew(used: Credential, signal?: AbortSignal): Promise<boolean> {
    if (this.#closed) return false;
    // Another caller already replaced the session (or is doing so): replay on the new one.
    if (used !== this.#credential) return true;
    if (this.#options.renewOnlyVerified && !this.#verified) return false;
    const stale = this.#current!;
    this.#current = undefined;
    this.#credential = undefined;
    this.#options.log.info(`${this.#options.product} session is no longer valid; logging in again`, {
      user: this.user,
    });
    // The rejection may have been a real refusal on a live session: close it so it does not linger.
    this.#retire(stale);
    await abortable(this.#open(), signal);
    return true;
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.#flight.pending?.catch(() => undefined);
    await Promise.all(this.#retiring);
    const secret = this.#current;
    this.#current = undefined;
    this.#credential = undefined;
    if (secret === undefined || !this.#login.logout) return;
    try {
      await this.#logout(secret);
      this.#options.log.debug(`${this.#options.product} session closed`, { user: this.user });
    } catch (error) {
      this.#options.log.warn(`${this.#options.product} logout failed; the session expires on its own`, {
        error,
      });
    }
  }

  #logout(secret: string): Promise<void> {
    const logout = this.#login.logout!;
    const { retry, clock } = this.#options;
    return withRetry(() => logout(secret), {
      idempotent: true,
      retry,
      clock,
      shouldRetry: isRetryableRelease,
    });
  }

  #retire(secret: string): void {
    if (!this.#login.logout) return;
    const done = this.#logout(secret)
      .catch((error: unknown) => this.#options.log.debug('Logout of the replaced session failed', { error }))
      .finally(() => this.#retiring.delete(done));
    this.#retiring.add(done);
  }

  #open(): Promise<string> {
    if (this.#closed) {
      return Promise.reject(
        new TransportError(`The ${this.#options.product} client is closed; create a new client`, 'closed', {
          requestSent: false,
        }),
      );
    }
    return this.#flight.run(async () => {
      const secret = await this.#login.login();
      this.#options.redactor.addSecret(secret);
      if (this.#closed) {
        // Closed while logging in: do not keep a session nobody will log out.
        if (this.#login.logout) await this.#logout(secret).catch(() => undefined);
        throw new TransportError(
          `The ${this.#options.product} client was closed while logging in`,
          'closed',
          {
            requestSent: false,
          },
        );
      }
      this.#current = secret;
      this.#credential = frozen(this.#login.credential(secret));
      this.#verified = false;
      this.#options.log.debug(`${this.#options.product} session opened`, { user: this.user });
      return secret;
    });
  }
}

/** A credential whose headers cannot change, so that the transport checks them once. */
function frozen(credential: Credential): Credential {
  if (credential.headers) Object.freeze(credential.headers);
  return credential;
}
