/**
 * The one error tree shared by every fortix client. All classes are `instanceof`-safe and carry a
 * stable `code` string, so callers can branch either way.
 *
 * ```text
 * FortixError
 * ├── TransportError   connection refused/reset, TLS, timeout, abort
 * ├── ProtocolError    the reply was not the expected JSON (HTML page, truncated body, ...)
 * ├── AuthError        login refused, token invalid or expired
 * ├── RateLimitError   the server or the client-side limiter says "not now" (retryAfterMs)
 * ├── ValidationError  bad input, caught before anything was sent
 * └── ApiError         the product answered with an error status (product, code, url)
 *     └── one subclass per well-known product code (see each product's errors module)
 * ```
 */

/** Extra, machine-readable facts about an error; never contains secrets. */
export type ErrorDetails = Readonly<Record<string, unknown>>;

export interface FortixErrorOptions {
  cause?: unknown;
  details?: ErrorDetails;
}

/** Root of every error thrown by fortix. */
export class FortixError extends Error {
  /** A stable, machine-readable identifier of the error class. */
  readonly code: string = 'FORTIX_ERROR';
  readonly details: ErrorDetails;

  constructor(message: string, options: FortixErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.details = options.details ?? {};
  }
}

export type TransportErrorKind = 'connect' | 'reset' | 'tls' | 'timeout' | 'abort' | 'closed';

/** The request could not be completed on the network level. */
export class TransportError extends FortixError {
  override readonly code: string = 'TRANSPORT_ERROR';
  readonly kind: TransportErrorKind;
  /** False when the failure happened before any byte of the request reached the server. */
  readonly requestSent: boolean;

  constructor(
    message: string,
    kind: TransportErrorKind,
    options: FortixErrorOptions & { requestSent?: boolean } = {},
  ) {
    super(message, options);
    this.kind = kind;
    this.requestSent = options.requestSent ?? true;
  }
}

/** The server answered, but not with the reply the protocol promises. */
export class ProtocolError extends FortixError {
  override readonly code: string = 'PROTOCOL_ERROR';
  /** HTTP status of the reply. */
  readonly status: number;
  readonly contentType: string | undefined;
  /** The first characters of the body, with secrets redacted. */
  readonly snippet: string;

  constructor(
    message: string,
    reply: { status: number; contentType?: string | undefined; snippet?: string },
    options: FortixErrorOptions = {},
  ) {
    super(message, options);
    this.status = reply.status;
    this.contentType = reply.contentType;
    this.snippet = reply.snippet ?? '';
  }
}

/** Credentials were refused, or a token/session is no longer valid. */
export class AuthError extends FortixError {
  override readonly code: string = 'AUTH_ERROR';
}

/** Too many calls: wait `retryAfterMs` before trying again. */
export class RateLimitError extends FortixError {
  override readonly code: string = 'RATE_LIMITED';
  /** How long to wait before the next attempt, in milliseconds (undefined when unknown). */
  readonly retryAfterMs: number | undefined;

  constructor(message: string, retryAfterMs?: number, options: FortixErrorOptions = {}) {
    super(message, options);
    this.retryAfterMs = retryAfterMs;
  }
}

/** The input is invalid; nothing was sent. */
export class ValidationError extends FortixError {
  override readonly code: string = 'VALIDATION_ERROR';
  /** The option or field at fault, as a dotted path (e.g. `data.subnet`). */
  readonly field: string | undefined;

  constructor(message: string, field?: string, options: FortixErrorOptions = {}) {
    super(message, options);
    this.field = field;
  }
}

export type ProductName = 'fortimanager' | 'forticare' | 'forticloud' | 'fortisoar' | 'fortiauthenticator';

export interface ApiErrorInit {
  product: ProductName;
  /** The product's own status/error code (FortiManager: -3; FortiCare: an errorCode, ...). */
  apiCode: number | string;
  /** The URL or API path the call addressed. */
  url: string;
  requestId?: string | number | undefined;
  /** The product's own message, verbatim. */
  apiMessage?: string | undefined;
}

/** The product processed the call and answered with an error status. */
export class ApiError extends FortixError {
  override readonly code: string = 'API_ERROR';
  readonly product: ProductName;
  readonly apiCode: number | string;
  readonly url: string;
  readonly requestId: string | number | undefined;
  readonly apiMessage: string | undefined;

  constructor(message: string, init: ApiErrorInit, options: FortixErrorOptions = {}) {
    super(message, options);
    this.product = init.product;
    this.apiCode = init.apiCode;
    this.url = init.url;
    this.requestId = init.requestId;
    this.apiMessage = init.apiMessage;
  }
}
