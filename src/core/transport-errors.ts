import { TransportError, type TransportErrorKind } from './errors.js';

const CONNECT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
]);
const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);
const CLOSED_CODES = new Set(['UND_ERR_DESTROYED', 'UND_ERR_CLOSED']);
const TLS_CODE = /^(ERR_TLS_|ERR_SSL_|EPROTO$)|CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)/;

/** The first `code` found on an error, its cause chain, or the first error of an AggregateError. */
export function errorCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; depth < 5 && typeof current === 'object' && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = current instanceof AggregateError ? current.errors[0] : (current as { cause?: unknown }).cause;
  }
  return undefined;
}

type NetworkFailure = Exclude<TransportErrorKind, 'abort'>;

function kindOf(code: string | undefined): NetworkFailure {
  if (code === undefined) return 'reset';
  if (CONNECT_CODES.has(code)) return 'connect';
  if (TIMEOUT_CODES.has(code)) return 'timeout';
  if (CLOSED_CODES.has(code)) return 'closed';
  if (TLS_CODE.test(code)) return 'tls';
  return 'reset';
}

const ADVICE: Record<NetworkFailure, string> = {
  connect: 'could not connect; check the address and port and that the service is reachable from here',
  tls:
    'the TLS handshake failed; give the server CA with tls.ca, or pin the certificate with tls.fingerprint ' +
    '(tls.verify: false only for throw-away labs)',
  reset:
    'the connection closed before the reply was complete; the server or a proxy dropped it (a write may or may not have been applied)',
  timeout: 'no complete reply in time; raise timeoutMs or check the server load',
  closed: 'the client is closed; create a new client',
};

export interface FailedCall {
  /** `METHOD origin/path`, without the query string. */
  where: string;
  timeoutMs: number;
  timedOut: boolean;
  aborted: boolean;
  /** Scrubs secrets from the final message. */
  redact: (text: string) => string;
}

/**
 * Maps whatever undici or the socket threw to a `TransportError` whose message names the call and
 * says what to do. Only `connect`, `tls` and `closed` failures are known to happen before sending.
 */
export function toTransportError(error: unknown, call: FailedCall): TransportError {
  if (call.timedOut) {
    const message = `${call.where} timed out after ${call.timeoutMs} ms; ${ADVICE.timeout}`;
    return new TransportError(call.redact(message), 'timeout', { cause: error });
  }
  if (call.aborted) {
    return new TransportError(call.redact(`${call.where} was aborted by the caller`), 'abort', {
      cause: error,
    });
  }
  if (error instanceof TransportError) {
    return new TransportError(call.redact(`${call.where}: ${error.message}`), error.kind, {
      cause: error,
      requestSent: error.requestSent,
      details: error.details,
    });
  }
  const code = errorCode(error);
  const kind = kindOf(code);
  const reason = error instanceof Error ? error.message : String(error);
  const what = code === undefined || reason.includes(code) ? reason : `${code}: ${reason}`;
  return new TransportError(call.redact(`${call.where} failed (${what}); ${ADVICE[kind]}`), kind, {
    cause: error,
    requestSent: kind !== 'connect' && kind !== 'tls' && kind !== 'closed',
    details: code === undefined ? {} : { code },
  });
}
