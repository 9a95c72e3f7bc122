/**
 * Verification of FortiSOAR's HMAC request signatures (`Authorization: CS <base64>`), the scheme
 * appliances and connectors use with a public/private key pair:
 *
 * - the header decodes to `sha256;<YYYY-MM-DD HH:MM:SS UTC>;<public key>;<signature>`;
 * - payload = the body as sent, or the public key for a GET;
 * - signature = hex HMAC-SHA256(private key, `sha256.<VERB>.<timestamp>.<full URI>.<hex sha256(payload)>`),
 *   where the full URI is scheme, host and request target exactly as sent.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export type HmacVerdict =
  | { readonly ok: true; readonly publicKey: string }
  | { readonly ok: false; readonly reason: 'malformed' | 'unknown-key' | 'expired' | 'mismatch' };

export interface SignedRequest {
  readonly method: string;
  /** `https://host:port/path?query`, as the client addressed it. */
  readonly fullUri: string;
  readonly body: Buffer;
}

/** Checks the credentials of a `CS` header; `privateKeyOf` maps a public key to its private key. */
export function verifyHmac(
  credentials: string,
  request: SignedRequest,
  privateKeyOf: (publicKey: string) => string | undefined,
  now: number,
  maxSkewMs: number,
): HmacVerdict {
  const fields = Buffer.from(credentials, 'base64').toString('utf8').split(';');
  if (fields.length !== 4) return { ok: false, reason: 'malformed' };
  const [algorithm, timestamp, publicKey, signature] = fields as [string, string, string, string];
  const signedAt = parseTimestamp(timestamp);
  if (algorithm !== 'sha256' || signedAt === undefined || !/^[0-9a-f]{64}$/.test(signature))
    return { ok: false, reason: 'malformed' };
  const privateKey = privateKeyOf(publicKey);
  if (privateKey === undefined) return { ok: false, reason: 'unknown-key' };
  if (Math.abs(now - signedAt) > maxSkewMs) return { ok: false, reason: 'expired' };
  const payload = request.method === 'GET' ? Buffer.from(publicKey) : request.body;
  const hashedPayload = createHash('sha256').update(payload).digest('hex');
  const fingerprint = `${algorithm}.${request.method}.${timestamp}.${request.fullUri}.${hashedPayload}`;
  const expected = createHmac('sha256', privateKey).update(fingerprint).digest();
  const given = Buffer.from(signature, 'hex');
  return timingSafeEqual(expected, given) ? { ok: true, publicKey } : { ok: false, reason: 'mismatch' };
}

/** Milliseconds since the epoch of `YYYY-MM-DD HH:MM:SS` (UTC), or undefined when malformed. */
function parseTimestamp(text: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s] = match.map(Number) as number[];
  const ms = Date.UTC(y!, mo! - 1, d!, h!, mi!, s!);
  return Number.isNaN(ms) ? undefined : ms;
}
