/**
 * FortiSOAR's HMAC request signature, for appliances and connectors that call the API with a key
 * pair instead of a user:
 *
 * 1. timestamp: `YYYY-MM-DD HH:MM:SS` in UTC;
 * 2. payload: the body as sent, or the public key for a GET;
 * 3. fingerprint: `sha256.<VERB>.<timestamp>.<full URI with query>.<hex sha256(payload)>`;
 * 4. signature: hex HMAC-SHA256 of the fingerprint, keyed with the private key;
 * 5. header: `Authorization: CS <base64("sha256;<timestamp>;<public key>;<signature>")>`.
 */
import { createHash, createHmac } from 'node:crypto';

export interface SignatureInput {
  readonly method: string;
  /** Scheme, host, path and query exactly as sent: `https://soar.example.com/api/3/alerts?%24limit=30`. */
  readonly fullUri: string;
  /** The body as sent; ignored for GET (the public key is signed instead). */
  readonly body: string | Uint8Array | undefined;
  readonly publicKey: string;
  readonly privateKey: string;
  /** Milliseconds since the epoch. */
  readonly time: number;
}

/** `YYYY-MM-DD HH:MM:SS` (UTC) of a time. */
export function signatureTimestamp(time: number): string {
  return new Date(time).toISOString().slice(0, 19).replace('T', ' ');
}

/** The string the signature covers. */
export function fingerprint(input: SignatureInput): string {
  const method = input.method.toUpperCase();
  const payload = method === 'GET' ? input.publicKey : (input.body ?? '');
  const hashed = createHash('sha256').update(payload).digest('hex');
  return `sha256.${method}.${signatureTimestamp(input.time)}.${input.fullUri}.${hashed}`;
}

/** The value of the `Authorization` header for one request. */
export function authorizationHeader(input: SignatureInput): string {
  const signature = createHmac('sha256', input.privateKey).update(fingerprint(input)).digest('hex');
  const fields = `sha256;${signatureTimestamp(input.time)};${input.publicKey};${signature}`;
  return `CS ${Buffer.from(fields).toString('base64')}`;
}
