/**
 * Who is calling: `POST /auth/authenticate` issues 30-minute JWTs, and every other call carries
 * `Bearer <jwt>`, `API-KEY <key>` or an HMAC signature (`CS <base64>`), checked for real.
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from '../../../core/clock.js';
import type { SimRequest, SimResponse } from '../../types.js';
import { isObject, objectBody } from '../http/body.js';
import { hydraError, json, unauthorized } from '../http/replies.js';
import { verifyHmac } from './hmac.js';
import { signToken, verifyToken } from './jwt.js';
import type { SoarUser, SoarUsers } from './users.js';

export type AuthMethod = 'jwt' | 'apikey' | 'hmac';

export interface Principal {
  readonly user: SoarUser;
  readonly method: AuthMethod;
  /** The JWT id, for a bearer token. */
  readonly tokenId?: string;
}

export interface AuthOptions {
  /** Lifetime of a login token (FortiSOAR: 30 minutes). */
  readonly tokenTtlMs: number;
  /** Largest difference between an HMAC timestamp and the server clock. */
  readonly hmacMaxSkewMs: number;
}

export interface AuthStats {
  logins: number;
  failedLogins: number;
  /** Tokens ended by `POST /api/3/logout`. */
  logouts: number;
  /** Calls refused for missing, expired or invalid credentials. */
  refused: number;
}

/** Messages of the refusals, as the gateway words them. */
export const AUTH_MESSAGES = {
  missing: 'JWT Token not found',
  expired: 'Expired JWT Token',
  invalidToken: 'Invalid JWT Token',
  invalidKey: 'Invalid API key',
  badSignature: 'Could not validate HMAC fingerprint',
  signatureExpired: 'HMAC signature expired: the timestamp is outside the allowed clock skew',
} as const;

export class SoarAuth {
  readonly stats: AuthStats = { logins: 0, failedLogins: 0, logouts: 0, refused: 0 };
  readonly #secret = randomBytes(32);
  readonly #revoked = new Map<string, number>();
  /** Tokens of an older generation are expired (see {@link expireTokens}). */
  #generation = 0;

  constructor(
    private readonly users: SoarUsers,
    private readonly clock: Clock,
    private readonly options: AuthOptions,
    private readonly scheme: () => string,
  ) {}

  /** `POST /auth/authenticate`. */
  login(req: SimRequest): SimResponse {
    const credentials = objectBody(req).credentials;
    const loginid = isObject(credentials) ? credentials.loginid : undefined;
    const password = isObject(credentials) ? credentials.password : undefined;
    if (typeof loginid !== 'string' || typeof password !== 'string')
      throw hydraError(400, 'credentials.loginid and credentials.password are required.');
    const user = this.users.get(loginid);
    if (!user || user.password !== password) {
      this.stats.failedLogins++;
      throw hydraError(401, 'Invalid credentials.');
    }
    this.stats.logins++;
    const iat = Math.floor(this.clock.now() / 1000);
    const exp = iat + Math.ceil(this.options.tokenTtlMs / 1000);
    const token = signToken(
      { username: user.loginid, iat, exp, jti: randomBytes(12).toString('hex'), gen: this.#generation },
      this.#secret,
    );
    return json(200, { token });
  }

  /** `POST /api/3/logout`: the caller's token stops working. */
  logout(principal: Principal): void {
    if (!principal.tokenId) return;
    this.stats.logouts++;
    this.revoke(principal);
  }

  /** The caller's token stops working (a logout, or the server dropping it). */
  revoke(principal: Principal): void {
    if (principal.tokenId) this.#revoked.set(principal.tokenId, this.clock.now() + this.options.tokenTtlMs);
  }

  /** Every token issued so far is expired, as after a server restart or a token lifetime passing. */
  expireTokens(): void {
    this.#generation++;
  }

  /** The caller, or a refusal (thrown). */
  authenticate(req: SimRequest): Principal {
    try {
      return this.#authenticate(req);
    } catch (error) {
      this.stats.refused++;
      throw error;
    }
  }

  #authenticate(req: SimRequest): Principal {
    const header = String(req.headers.authorization ?? '');
    const space = header.indexOf(' ');
    const scheme = space < 0 ? header : header.slice(0, space);
    const credentials = header.slice(space + 1).trim();
    switch (scheme.toUpperCase()) {
      case 'BEARER':
        return this.#bearer(credentials);
      case 'API-KEY': {
        const user = this.users.byApiKey(credentials);
        if (!user) throw unauthorized(AUTH_MESSAGES.invalidKey);
        return { user, method: 'apikey' };
      }
      case 'CS':
        return this.#hmac(req, credentials);
      default:
        throw unauthorized(AUTH_MESSAGES.missing);
    }
  }

  #bearer(token: string): Principal {
    const claims = verifyToken(token, this.#secret);
    const user = claims && this.users.get(claims.username);
    if (!claims || !user || this.#revoked.has(claims.jti)) throw unauthorized(AUTH_MESSAGES.invalidToken);
    if (claims.exp * 1000 <= this.clock.now() || claims.gen !== this.#generation)
      throw unauthorized(AUTH_MESSAGES.expired);
    this.#pruneRevoked();
    return { user, method: 'jwt', tokenId: claims.jti };
  }

  #hmac(req: SimRequest, credentials: string): Principal {
    const verdict = verifyHmac(
      credentials,
      {
        method: req.method,
        fullUri: `${this.scheme()}://${req.headers.host ?? ''}${req.target}`,
        body: req.body,
      },
      (publicKey) => this.users.privateKeyOf(publicKey),
      this.clock.now(),
      this.options.hmacMaxSkewMs,
    );
    if (!verdict.ok) {
      if (verdict.reason === 'expired') throw unauthorized(AUTH_MESSAGES.signatureExpired);
      throw unauthorized(AUTH_MESSAGES.badSignature, 403);
    }
    return { user: this.users.byPublicKey(verdict.publicKey)!, method: 'hmac' };
  }

  #pruneRevoked(): void {
    if (this.#revoked.size < 1_000) return;
    const now = this.clock.now();
    for (const [id, until] of this.#revoked) if (until <= now) this.#revoked.delete(id);
  }
}
