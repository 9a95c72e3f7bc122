import type { AuthStrategy, Credential } from '../core/auth.js';
import type { ClientOptions } from '../core/client-options.js';
import type { Clock } from '../core/clock.js';
import { AuthError, ProtocolError, RateLimitError, TransportError, ValidationError } from '../core/errors.js';
import { isRecord } from '../core/guards.js';
import { checkHeaderValue } from '../core/headers.js';
import type { Redactor, SafeLog } from '../core/logging.js';
import { isRetryable, isRetryableRelease, type RetryOptions, withRetry } from '../core/retry.js';
import { createRuntime, type Runtime } from '../core/runtime.js';
import { SingleFlight } from '../core/single-flight.js';
import { abortable, checkCallOptions } from '../core/timeouts.js';
import type { HttpTransport } from '../core/transport.js';
import { type FortiCloudToken, type GrantType, parseTokenReply } from './token-reply.js';

/** The FortiCloud OAuth service (token at `/token/`, revocation at `/revoke_token/`). */
export const FORTICLOUD_AUTH_URL = 'https://customerapiauth.fortinet.com/api/v1/oauth';
const OAUTH_PATH = '/api/v1/oauth';
const DEFAULT_REFRESH_MARGIN_MS = 60_000;

/** Who a FortiCloud OAuth client logs in as, for which portal, until when. */
export interface FortiCloudIdentity {
  /** The IAM API user: from the credentials, or as FortiCloud names the owner of a token given to the client. */
  readonly user: string | undefined;
  readonly clientId: string;
  /** The token's scope as FortiCloud granted it (e.g. `read write`), when it said. */
  readonly scope: string | undefined;
  /** Epoch ms when the access token expires, when known. */
  readonly expiresAt: number | undefined;
}

export interface FortiCloudAuthOptions extends ClientOptions {
  /** OAuth client id of the portal: `assetmanagement` (FortiCare), `FortiManager` (FortiManager Cloud), ... */
  clientId: string;
  /** IAM API user id (the "API ID" of the downloaded credentials). */
  username?: string | undefined;
  /** IAM API user password. */
  password?: string | undefined;
  /**
   * A token obtained elsewhere. Used as is; refreshed only if it carries a refresh token (or
   * username/password are given too); not revoked on close unless `revokeOnClose` is true.
   */
  token?: string | FortiCloudToken | undefined;
  /** Shared with the product client, so that its logs and errors never show the tokens either. */
  redactor?: Redactor | undefined;
  /**
   * Refresh this long before the access token expires (default 60 s, at most half the token's
   * lifetime), so that no call ever goes out with a token about to expire.
   */
  refreshMarginMs?: number | undefined;
  /** Revoke the access token on close(). Default: true for tokens this client obtained, false for `token`. */
  revokeOnClose?: boolean | undefined;
}

/**
 * FortiCloud OAuth for an IAM API user: password grant, refresh before expiry (one refresh at a time,
 * however many calls wait), revocation on close. Tokens and the password are registered with the
 * redactor, so no log line or error message ever shows them.
 *
 * @example
 * await using auth = new FortiCloudAuth({ clientId: 'FortiManager', username: apiId, password });
 * const token = await auth.accessToken();
 *
 * `url` is the OAuth service (default {@link FORTICLOUD_AUTH_URL}; a bare origin gets `/api/v1/oauth`).
 */
export class FortiCloudAuth implements AsyncDisposable {
  readonly clientId: string;
  readonly redactor: Redactor;
  readonly #username: string | undefined;
  readonly #password: string | undefined;
  readonly #runtime: Runtime;
  readonly #transport: HttpTransport;
  readonly #log: SafeLog;
  readonly #clock: Clock;
  readonly #retry: RetryOptions;
  readonly #marginMs: number;
  readonly #revokeOnClose: boolean | undefined;
  readonly #renewal = new SingleFlight<FortiCloudToken>();
  #token: FortiCloudToken | undefined;
  /** True when this client obtained the current token (it then owns it and revokes it on close). */
  #owned = false;
  /** Owned tokens replaced by a newer one while still valid: revoked on close unless expired by then. */
  readonly #replaced: FortiCloudToken[] = [];
  /** A token given to the client, as `verify_token/` described it (see login()). */
  #verified: { accessToken: string; user: string | undefined; expiresAt: number | undefined } | undefined;

  constructor(options: FortiCloudAuthOptions) {
    if (typeof options !== 'object' || options === null) {
      throw new ValidationError('FortiCloudAuth options must be an object', 'options');
    }
    if (typeof options.clientId !== 'string' || options.clientId === '')
      throw new ValidationError('clientId is required (e.g. assetmanagement)', 'clientId');
    const hasCredentials = options.username !== undefined || options.password !== undefined;
    if (hasCredentials && (!options.username || !options.password)) {
      throw new ValidationError(
        'Give both username (the API user id) and password',
        options.username ? 'password' : 'username',
      );
    }
    if (!hasCredentials && options.token === undefined) {
      throw new ValidationError('Give username and password of an IAM API user, or a token', 'username');
    }
    const token = normalizeToken(options.token);
    this.#marginMs = options.refreshMarginMs ?? DEFAULT_REFRESH_MARGIN_MS;
    if (!(this.#marginMs >= 0 && Number.isFinite(this.#marginMs)))
      throw new ValidationError('refreshMarginMs must be a finite number >= 0', 'refreshMarginMs');
    this.clientId = options.clientId;
    this.#username = options.username;
    this.#password = options.password;
    this.#runtime = createRuntime(options, {
      product: 'forticloud',
      defaultUrl: FORTICLOUD_AUTH_URL,
      apiPath: OAUTH_PATH,
      redactor: options.redactor,
      secrets: [options.password, token?.accessToken, token?.refreshToken],
      defaults: { timeoutMs: 30_000, connections: 2 },
    });
    this.redactor = this.#runtime.redactor;
    this.#transport = this.#runtime.transport;
    this.#log = this.#runtime.log;
    this.#clock = this.#runtime.clock;
    this.#retry = this.#runtime.retry;
    this.#token = token;
    this.#revokeOnClose = options.revokeOnClose;
    // Runs once close() has stopped every retry sleep, before the sockets close.
    this.#runtime.onClose(() => this.#release());
  }

  /** Epoch ms when the current access token expires (undefined: none yet, or unknown). */
  get expiresAt(): number | undefined {
    return this.#token?.expiresAt;
  }

  /**
   * A valid access token: the current one, or a new one (refresh grant, else password grant) when it
   * is missing or about to expire. Concurrent callers share one token request.
   */
  async accessToken(options: { signal?: AbortSignal } = {}): Promise<string> {
    checkCallOptions(options);
    this.#assertOpen();
    const live = this.#liveToken();
    if (live !== undefined) return live;
    const renewed = await abortable(this.#renew(), options.signal);
    return renewed.accessToken;
  }

  /**
   * Marks `accessToken` as rejected by the server (revoked or expired early), so that the next
   * accessToken() obtains a new one. A newer token is left alone.
   */
  invalidate(accessToken: string): void {
    if (this.#token?.accessToken === accessToken) this.#token = { ...this.#token, expiresAt: 0 };
  }

  /**
   * Checks the credentials now and answers who they are: a token is obtained when there is none
   * (a refused grant is an AuthError, never retried), and a token given to the client is shown to
   * FortiCloud (`verify_token/`) once. A second call reuses the token.
   *
   * @example
   * const { user, scope, expiresAt } = await auth.login();
   */
  async login(options: { signal?: AbortSignal } = {}): Promise<FortiCloudIdentity> {
    const accessToken = await this.accessToken(options);
    const token = this.#token;
    if (this.#owned || token?.accessToken !== accessToken) {
      return {
        user: this.#username,
        clientId: this.clientId,
        scope: token?.scope,
        expiresAt: token?.expiresAt,
      };
    }
    if (this.#verified?.accessToken !== accessToken) await this.#verify(accessToken, options.signal);
    return {
      user: this.#username ?? this.#verified?.user,
      clientId: this.clientId,
      scope: token.scope,
      expiresAt: token.expiresAt ?? this.#verified?.expiresAt,
    };
  }

  /** `GET verify_token/?client_id=…` with the token: its owner and remaining lifetime, or an AuthError. */
  async #verify(accessToken: string, signal: AbortSignal | undefined): Promise<void> {
    const reply = await withRetry(
      () =>
        this.#transport.requestJson({
          method: 'GET',
          path: '/verify_token/',
          query: { client_id: this.clientId },
          headers: { authorization: `Bearer ${accessToken}` },
          signal,
        }),
      { idempotent: true, retry: this.#retry, clock: this.#clock, signal, closing: this.#runtime.closing },
    );
    const body = isRecord(reply.data) ? reply.data : {};
    if (reply.status !== 200) {
      throw new AuthError(
        `FortiCloud does not accept the access token given to client '${this.clientId}' (HTTP ${reply.status}); ` +
          'pass a new token, or username and password so that the client can log in itself',
        { details: { status: reply.status, clientId: this.clientId } },
      );
    }
    const expiresIn = typeof body.expires_in === 'number' ? body.expires_in : undefined;
    this.#verified = {
      accessToken,
      user: typeof body.username === 'string' ? body.username : undefined,
      expiresAt: expiresIn === undefined ? undefined : this.#clock.now() + expiresIn * 1000,
    };
  }

  /** Revokes the current access token (and with it its refresh token). Safe to call twice. */
  async revoke(options: { signal?: AbortSignal } = {}): Promise<void> {
    checkCallOptions(options);
    await this.#renewal.pending?.catch(() => undefined);
    const token = this.#token;
    if (!token) return;
    this.#token = undefined;
    this.#owned = false;
    await this.#revokeToken(token, options.signal);
    this.#log.debug('FortiCloud token revoked', { clientId: this.clientId });
  }

  /**
   * Revokes the tokens this client obtained (a failure is logged, not thrown) and closes the sockets.
   * A token request waiting to be retried is stopped at once.
   */
  close(): Promise<void> {
    return this.#runtime.close();
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  async #release(): Promise<void> {
    const now = this.#clock.now();
    const replaced = this.#replaced
      .splice(0)
      .filter((token) => token.expiresAt === undefined || token.expiresAt > now);
    const revocations = replaced.map((token) => this.#revokeToken(token));
    if (this.#revokeOnClose ?? this.#owned) revocations.push(this.revoke());
    for (const outcome of await Promise.allSettled(revocations)) {
      if (outcome.status === 'fulfilled') continue;
      const error = outcome.reason as unknown;
      this.#log.warn('Could not revoke a FortiCloud token on close; it expires on its own', {
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  /** Revokes one token; a reset or a 5xx is retried (revoking twice is harmless), a timeout is not. */
  async #revokeToken(token: FortiCloudToken, signal?: AbortSignal): Promise<void> {
    // FortiCloud answers 200 with or without a body: only the status matters.
    const reply = await withRetry(
      async () => {
        const reply = await this.#transport.request({
          method: 'POST',
          path: '/revoke_token/',
          json: { client_id: this.clientId, token: token.accessToken },
          signal,
        });
        if (reply.status >= 500) {
          throw new ProtocolError(`FortiCloud failed to revoke a token (HTTP ${reply.status})`, {
            status: reply.status,
          });
        }
        return reply;
      },
      { idempotent: true, retry: this.#retry, clock: this.#clock, signal, shouldRetry: isRetryableRelease },
    );
    if (reply.status >= 400) {
      throw new AuthError(
        `FortiCloud did not revoke the token of client '${this.clientId}' (HTTP ${reply.status}); it expires on its own`,
        { details: { status: reply.status } },
      );
    }
  }

  #assertOpen(): void {
    if (this.#runtime.closed) {
      throw new TransportError('The FortiCloud client is closed; create a new client', 'closed', {
        requestSent: false,
      });
    }
  }

  #expiring(token: FortiCloudToken): boolean {
    if (token.expiresAt === undefined) return false;
    const margin = Math.min(this.#marginMs, (token.lifetimeMs ?? Number.POSITIVE_INFINITY) / 2);
    return this.#clock.now() >= token.expiresAt - margin;
  }

  #renew(): Promise<FortiCloudToken> {
    return this.#renewal.run(() => this.#obtain());
  }

  /**
   * This client as an {@link AuthStrategy}: `Authorization: Bearer <token>` on every request; a
   * rejected token is dropped and replaced once. Closing the strategy leaves the tokens to this client.
   */
  bearer(): AuthStrategy {
    return new BearerTokens(this, () => (this.#runtime.closed ? undefined : this.#liveToken()));
  }

  /** The current access token unless it is missing or about to expire. */
  #liveToken(): string | undefined {
    const token = this.#token;
    return token && !this.#expiring(token) ? token.accessToken : undefined;
  }

  async #obtain(): Promise<FortiCloudToken> {
    const refreshToken = this.#token?.refreshToken;
    if (refreshToken) {
      try {
        return await this.#grant('refresh_token', { refresh_token: refreshToken });
      } catch (error) {
        if (!(error instanceof AuthError) || !this.#password) throw error;
        this.#log.info('FortiCloud refresh token refused; logging in again', { clientId: this.clientId });
      }
    }
    if (this.#username && this.#password) {
      return this.#grant('password', { username: this.#username, password: this.#password });
    }
    throw new AuthError(
      this.#token
        ? `The FortiCloud access token for client '${this.clientId}' expired or was rejected and cannot be ` +
            'refreshed; pass a new token, or username and password so that the client can log in itself'
        : `No FortiCloud token for client '${this.clientId}'; pass a token or username and password`,
    );
  }

  /**
   * One token request. A grant issues a new token every time it is processed, so it is sent again
   * only when it surely was not processed: it never left (connection refused) or the server refused
   * it with 429. A cut or slow reply is not resent: that would leave live tokens nobody knows of.
   */
  async #grant(grant: GrantType, fields: Record<string, string>): Promise<FortiCloudToken> {
    const body = { ...fields, client_id: this.clientId, grant_type: grant };
    const token = await withRetry(
      async () => {
        const reply = await this.#transport.requestJson({ method: 'POST', path: '/token/', json: body });
        return parseTokenReply(reply.status, reply.data, this.#clock.now(), {
          grant,
          clientId: this.clientId,
          url: `${this.#runtime.url}/token/`,
        });
      },
      {
        idempotent: false,
        retry: this.#retry,
        clock: this.#clock,
        maxWaitMs: this.#transport.timeoutMs,
        closing: this.#runtime.closing,
        shouldRetry: (error) =>
          isRetryable(error, false) || (error instanceof RateLimitError && error.details.status === 429),
      },
    );
    this.redactor.addSecret(token.accessToken);
    this.redactor.addSecret(token.refreshToken);
    if (this.#runtime.closed) {
      // Closed while the request was in flight: do not keep a token nobody will revoke.
      await this.#revokeToken(token).catch(() => undefined);
      this.#assertOpen();
    }
    const previous = this.#token;
    if (previous && (this.#owned || this.#revokeOnClose) && previous.expiresAt !== 0) {
      this.#replaced.push(previous);
    }
    this.#token = token;
    this.#owned = true;
    this.#log.debug('FortiCloud token issued', {
      clientId: this.clientId,
      grant,
      expiresInSec: token.lifetimeMs === undefined ? undefined : token.lifetimeMs / 1000,
    });
    return token;
  }
}

function normalizeToken(token: string | FortiCloudToken | undefined): FortiCloudToken | undefined {
  if (token === undefined) return undefined;
  const value = typeof token === 'string' ? { accessToken: token } : { ...token };
  if (typeof value.accessToken !== 'string' || value.accessToken.trim() === '') {
    throw new ValidationError('token must be a non-empty access token', 'token');
  }
  checkHeaderValue('authorization', value.accessToken, 'token');
  if (value.refreshToken !== undefined && typeof value.refreshToken !== 'string') {
    throw new ValidationError('token.refreshToken must be a string', 'token.refreshToken');
  }
  return value;
}

/** The bearer-token strategy of a {@link FortiCloudAuth}. */
class BearerTokens implements AuthStrategy {
  readonly user = undefined;
  readonly #auth: FortiCloudAuth;
  readonly #liveToken: () => string | undefined;
  /** One credential per token, so that calls share its (frozen, checked once) headers. */
  #credential: Credential | undefined;

  constructor(auth: FortiCloudAuth, liveToken: () => string | undefined) {
    this.#auth = auth;
    this.#liveToken = liveToken;
  }

  async authorize(_request: unknown, signal?: AbortSignal): Promise<Credential> {
    return this.#credentialFor(await this.#auth.accessToken({ signal }));
  }

  current(): Credential | undefined {
    const token = this.#liveToken();
    return token === undefined ? undefined : this.#credentialFor(token);
  }

  #credentialFor(token: string): Credential {
    if (this.#credential?.session !== token) {
      this.#credential = { headers: Object.freeze({ authorization: `Bearer ${token}` }), session: token };
    }
    return this.#credential;
  }

  renew(used: Credential): Promise<boolean> {
    if (used.session !== undefined) this.#auth.invalidate(used.session);
    return Promise.resolve(true);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
