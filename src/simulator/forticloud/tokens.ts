import type { Clock } from '../../core/clock.js';

/** An issued OAuth token pair. */
export interface IssuedToken {
  accessToken: string;
  refreshToken: string;
  username: string;
  clientId: string;
  expiresAt: number;
  refreshExpiresAt: number;
  revoked: boolean;
}

export interface TokenStats {
  /** Password grants that issued a token. */
  issued: number;
  refreshed: number;
  revoked: number;
  /** Access tokens neither expired nor revoked. */
  active: number;
}

const TOKEN_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const TOKEN_LENGTH = 30;
const SWEEP_EVERY = 1000;

/** Access and refresh tokens with their lifetimes; expired entries are swept now and then. */
export class TokenStore {
  readonly #clock: Clock;
  readonly #random: () => number;
  readonly #access = new Map<string, IssuedToken>();
  readonly #refresh = new Map<string, IssuedToken>();
  #issued = 0;
  #refreshed = 0;
  #revoked = 0;

  constructor(clock: Clock, random: () => number) {
    this.#clock = clock;
    this.#random = random;
  }

  issue(
    username: string,
    clientId: string,
    lifetimeSec: number,
    refreshLifetimeSec: number,
    refresh = false,
  ): IssuedToken {
    if ((this.#issued + this.#refreshed) % SWEEP_EVERY === SWEEP_EVERY - 1) this.#sweep();
    const now = this.#clock.now();
    const token: IssuedToken = {
      accessToken: this.#newToken(),
      refreshToken: this.#newToken(),
      username,
      clientId,
      expiresAt: now + lifetimeSec * 1000,
      refreshExpiresAt: now + refreshLifetimeSec * 1000,
      revoked: false,
    };
    this.#access.set(token.accessToken, token);
    this.#refresh.set(token.refreshToken, token);
    if (refresh) this.#refreshed++;
    else this.#issued++;
    return token;
  }

  /** The live token for an access token, or undefined (unknown, expired or revoked). */
  access(accessToken: string): IssuedToken | undefined {
    const token = this.#access.get(accessToken);
    return token && !token.revoked && token.expiresAt > this.#clock.now() ? token : undefined;
  }

  /** Consumes a refresh token (each refresh token works once) and returns the pair it belonged to. */
  takeRefresh(refreshToken: string, clientId: string): IssuedToken | undefined {
    const token = this.#refresh.get(refreshToken);
    if (
      !token ||
      token.revoked ||
      token.refreshExpiresAt <= this.#clock.now() ||
      token.clientId !== clientId
    ) {
      return undefined;
    }
    this.#refresh.delete(refreshToken);
    return token;
  }

  /** Revokes an access or refresh token, and the other half of its pair. */
  revoke(value: string): void {
    const token = this.#access.get(value) ?? this.#refresh.get(value);
    if (!token || token.revoked) return;
    token.revoked = true;
    this.#revoked++;
    this.#access.delete(token.accessToken);
    this.#refresh.delete(token.refreshToken);
  }

  /** Revokes every token (as when an administrator resets the API user). */
  revokeAll(username?: string): void {
    for (const token of [...this.#access.values()]) {
      if (username === undefined || token.username === username) this.revoke(token.accessToken);
    }
  }

  stats(): TokenStats {
    const now = this.#clock.now();
    let active = 0;
    for (const token of this.#access.values()) if (!token.revoked && token.expiresAt > now) active++;
    return { issued: this.#issued, refreshed: this.#refreshed, revoked: this.#revoked, active };
  }

  #sweep(): void {
    const now = this.#clock.now();
    for (const [key, token] of this.#access) if (token.expiresAt <= now) this.#access.delete(key);
    for (const [key, token] of this.#refresh) if (token.refreshExpiresAt <= now) this.#refresh.delete(key);
  }

  #newToken(): string {
    let out = '';
    for (let i = 0; i < TOKEN_LENGTH; i++)
      out += TOKEN_CHARS[Math.floor(this.#random() * TOKEN_CHARS.length)];
    return this.#access.has(out) || this.#refresh.has(out) ? this.#newToken() : out;
  }
}
