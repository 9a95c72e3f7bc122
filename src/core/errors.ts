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
 * ├── ValidationError  bad input, caught before anything was sent (`issues`)
 * └── ApiError         the product answered with an error status (product, apiCode, url, status)
 *     ├── NotFoundError          category 'not-found'
 *     ├── AlreadyExistsError     category 'already-exists'
 *     ├── PermissionDeniedError  category 'permission-denied'
 *     ├── InvalidRequestError    category 'invalid-request'
 *     └── each product's own classes (see its errors module), which name one of these categories
 * ```
 *
 * The categories match by `category`, so a product's class (say FortiManager's `ObjectExistsError`,
 * a `FortiManagerApiError`) is also an `AlreadyExistsError`: `instanceof` works both ways.
 *
 * Stable `code`s: the core classes use a bare name (`NOT_FOUND`, `TRANSPORT_ERROR`, ...); a product's
 * classes prefix it with the product (`FORTIMANAGER_OBJECT_EXISTS`, `FORTICARE_INVALID_TOKEN`, ...).
 *
 * `status` is always the HTTP status of the reply (undefined when there was none).
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

/** One problem with the input: where (a dotted path such as `data.subnet`) and what is wrong. */
export interface ValidationIssue {
  readonly path: string;
  readonly message: string;
  /** A machine-readable kind, where the check has one (`unknown-attribute`, `enum`, ...). */
  readonly code?: string;
}

/** The input is invalid; nothing was sent. */
export class ValidationError extends FortixError {
  override readonly code: string = 'VALIDATION_ERROR';
  /** The option or field at fault, as a dotted path (the first issue's path). */
  readonly field: string | undefined;
  /** Every problem found, so that all can be fixed in one go. */
  readonly issues: readonly ValidationIssue[];

  constructor(
    message: string,
    field?: string,
    options: FortixErrorOptions & { issues?: readonly ValidationIssue[] } = {},
  ) {
    super(message, options);
    this.issues = options.issues ?? (field === undefined ? [] : [{ path: field, message }]);
    this.field = field ?? this.issues[0]?.path;
  }
}

export type ProductName =
  | 'fortimanager'
  | 'fortianalyzer'
  | 'forticare'
  | 'forticloud'
  | 'fortisoar'
  | 'fortiauthenticator';

/** What kind of refusal an ApiError is, across products. */
export type ApiErrorCategory =
  | 'not-found'
  | 'already-exists'
  | 'permission-denied'
  | 'invalid-request'
  | 'other';

export interface ApiErrorInit {
  product: ProductName;
  /** The product's own status/error code (FortiManager: -3; FortiCare: an errorCode, ...). */
  apiCode: number | string;
  /** The URL or API path the call addressed. */
  url: string;
  /** HTTP status of the reply. */
  status?: number | undefined;
  requestId?: string | number | undefined;
  /** The product's own message, verbatim. */
  apiMessage?: string | undefined;
  /** Field-level problems the product named (e.g. a 400 body per field). */
  issues?: readonly ValidationIssue[] | undefined;
}

/** The product processed the call and answered with an error status. */
export class ApiError extends FortixError {
  /** The category of every instance of the class; subclasses set their own (default 'other'). */
  static readonly category: ApiErrorCategory = 'other';
  override readonly code: string = 'API_ERROR';
  readonly product: ProductName;
  readonly apiCode: number | string;
  readonly url: string;
  readonly category: ApiErrorCategory;
  /** HTTP status of the reply (undefined when the transport carries no meaningful status). */
  readonly status: number | undefined;
  readonly requestId: string | number | undefined;
  readonly apiMessage: string | undefined;
  /** Field-level problems the product named; empty when it named none. */
  readonly issues: readonly ValidationIssue[];

  constructor(message: string, init: ApiErrorInit, options: FortixErrorOptions = {}) {
    super(message, options);
    this.product = init.product;
    this.apiCode = init.apiCode;
    this.url = init.url;
    this.category = (new.target as typeof ApiError).category;
    this.status = init.status;
    this.requestId = init.requestId;
    this.apiMessage = init.apiMessage;
    this.issues = init.issues ?? [];
  }
}

/**
 * A category class: `instanceof` is true for every ApiError of its category, whichever product
 * class it is; subclasses of the category class keep the ordinary prototype check.
 */
function categoryClass(category: ApiErrorCategory, code: string) {
  const Category = class extends ApiError {
    static override readonly category: ApiErrorCategory = category;
    override readonly code: string = code;
    static override [Symbol.hasInstance](value: unknown): boolean {
      // biome-ignore lint/complexity/noThisInStatic: `this` is the class `instanceof` asks about, maybe a subclass
      if (this !== Category) return Function.prototype[Symbol.hasInstance].call(this, value);
      return value instanceof ApiError && value.category === category;
    }
  };
  return Category;
}
/** The object, record or resource does not exist. */
export const NotFoundError = categoryClass('not-found', 'NOT_FOUND');
export type NotFoundError = InstanceType<typeof NotFoundError>;

/** An object with this key exists already. */
export const AlreadyExistsError = categoryClass('already-exists', 'ALREADY_EXISTS');
export type AlreadyExistsError = InstanceType<typeof AlreadyExistsError>;

/** The credentials are valid but not allowed to do this (profile, scope, ADOM). */
export const PermissionDeniedError = categoryClass('permission-denied', 'PERMISSION_DENIED');
export type PermissionDeniedError = InstanceType<typeof PermissionDeniedError>;

/** The product refused the request as invalid (fields, values, URL); `issues` names the fields. */
export const InvalidRequestError = categoryClass('invalid-request', 'INVALID_REQUEST');
export type InvalidRequestError = InstanceType<typeof InvalidRequestError>;
