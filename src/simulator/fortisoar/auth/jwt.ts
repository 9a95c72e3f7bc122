/** HS256 JSON Web Tokens, as FortiSOAR issues from `/auth/authenticate`. */
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface TokenClaims {
  /** The login id. */
  readonly username: string;
  /** Issued at, seconds since the epoch. */
  readonly iat: number;
  /** Expires at, seconds since the epoch. */
  readonly exp: number;
  readonly jti: string;
  /** Tokens of an older generation are expired (see `SoarAuth.expireTokens`). */
  readonly gen: number;
}

const HEADER = base64url(JSON.stringify({ typ: 'JWT', alg: 'HS256' }));

export function signToken(claims: TokenClaims, secret: Buffer): string {
  const body = `${HEADER}.${base64url(JSON.stringify(claims))}`;
  return `${body}.${mac(body, secret)}`;
}

/** The claims of a token signed with `secret`, or undefined when it is malformed or forged. */
export function verifyToken(token: string, secret: Buffer): TokenClaims | undefined {
  const [header, payload, signature, extra] = token.split('.');
  if (header !== HEADER || !payload || !signature || extra !== undefined) return undefined;
  const expected = Buffer.from(mac(`${header}.${payload}`, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as TokenClaims;
    return typeof claims.username === 'string' && typeof claims.exp === 'number' ? claims : undefined;
  } catch {
    return undefined;
  }
}

function mac(data: string, secret: Buffer): string {
  return createHmac('sha256', secret).update(data).digest('base64url');
}

function base64url(text: string): string {
  return Buffer.from(text).toString('base64url');
}
