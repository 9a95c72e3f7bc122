import { rootCertificates, type TLSSocket } from 'node:tls';
import { buildConnector } from 'undici';
import { TransportError, ValidationError } from './errors.js';

/** TLS settings of one client; they never affect other clients or the process. */
export interface TlsOptions {
  /** Verify the server certificate chain and host name. Default true. */
  verify?: boolean | undefined;
  /** Extra CA certificate(s), PEM, trusted in addition to the bundled root certificates. */
  ca?: string | Buffer | Array<string | Buffer> | undefined;
  /** SHA-256 fingerprint of the server certificate (hex, colons optional, any case). When set, the
   *  connection is accepted if and only if the leaf certificate matches, whatever its chain. */
  fingerprint?: string | undefined;
  /** SNI / host name to verify against, when it differs from the URL host. */
  servername?: string | undefined;
}

const HEX_ONLY = /^[0-9A-F]{64}$/;
const SEPARATORS = /[\s:]/g;
const BYTE_PAIRS = /.{2}/g;

/**
 * Normalizes a SHA-256 fingerprint to the form Node reports (`AB:CD:...`, upper case).
 *
 * @example
 * normalizeFingerprint('ab cd ...'); // 'AB:CD:...'
 */
export function normalizeFingerprint(fp: string): string {
  const hex = fp.replace(SEPARATORS, '').toUpperCase();
  if (!HEX_ONLY.test(hex)) {
    throw new ValidationError(
      'tls.fingerprint must be a SHA-256 fingerprint: 32 bytes as hex, colons optional ' +
        '(e.g. from `openssl x509 -noout -fingerprint -sha256`)',
      'tls.fingerprint',
    );
  }
  return hex.match(BYTE_PAIRS)!.join(':');
}

/** What undici's `connect` option takes: socket options, or a connector function. */
export type ConnectOption = buildConnector.BuildOptions | buildConnector.connector;

/**
 * Builds undici's `connect` option for these TLS settings. Without a pin it is plain socket options;
 * with a pin it is a connector that checks the leaf certificate before any byte of a request is sent.
 */
export function tlsConnectOption(tls: TlsOptions | undefined, connectTimeoutMs: number): ConnectOption {
  const options: buildConnector.BuildOptions = { timeout: connectTimeoutMs };
  if (tls?.ca !== undefined)
    options.ca = [...rootCertificates, ...(Array.isArray(tls.ca) ? tls.ca : [tls.ca])];
  if (tls?.servername !== undefined) options.servername = tls.servername;
  const pin = tls?.fingerprint === undefined ? undefined : normalizeFingerprint(tls.fingerprint);
  // The pin replaces chain and host-name checks: appliances ship self-signed certificates without a SAN.
  options.rejectUnauthorized = pin === undefined && tls?.verify !== false;
  if (pin === undefined) return options;

  // No TLS session resumption: a resumed session presents no certificate to check against the pin.
  const connect = buildConnector({ ...options, maxCachedSessions: 0 });
  return (target, callback) => {
    connect(target, (error, socket) => {
      if (error) return callback(error, null);
      const actual = (socket as TLSSocket).getPeerCertificate?.().fingerprint256;
      if (actual === pin) return callback(null, socket);
      const mismatch = new TransportError(
        `TLS certificate of ${target.hostname} does not match the pinned fingerprint ` +
          `(expected ${pin}, got ${actual ?? 'no certificate'}). If the certificate was replaced on ` +
          'purpose, check it out of band and update tls.fingerprint.',
        'tls',
        { requestSent: false, details: { expected: pin, actual } },
      );
      socket.destroy(mismatch);
      callback(mismatch, null);
    });
  };
}
