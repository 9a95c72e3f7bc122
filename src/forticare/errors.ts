import { ApiError, type ApiErrorCategory, type FortixErrorOptions, RateLimitError } from '../core/errors.js';
import type { Envelope } from './types.js';

/**
 * FortiCare `error.errorCode` values seen in public replies:
 * 101 invalid request (a required field missing/empty), 102 invalid value in a field (e.g. a
 * registration unit), 201 invalid or missing security token, 301 the operation failed (not found,
 * already registered, not supported, ...). 202 (permission denied) is this SDK's name for the
 * HTTP 403 "Access denied" reply.
 */
export const FORTICARE_ERROR_CODES = {
  invalidRequest: 101,
  invalidValue: 102,
  invalidToken: 201,
  permissionDenied: 202,
  failed: 301,
} as const;

export interface FortiCareErrorInit {
  /** API path, e.g. `products/register`. */
  path: string;
  httpStatus: number;
  envelope: Pick<Envelope, 'status' | 'message' | 'error'>;
}

/** FortiCare answered with `status != 0`. Subclasses name the well-known cases. */
export class FortiCareApiError extends ApiError {
  override readonly code: string = 'FORTICARE_API_ERROR';
  /** The envelope's `status` (-1 invalid request, -2 / 2 failed, ...); `status` is the HTTP status. */
  readonly envelopeStatus: number;
  /** `error.errorCode`, when the reply has one. */
  readonly errorCode: number | undefined;

  constructor(message: string, init: FortiCareErrorInit, options: FortixErrorOptions = {}) {
    const { envelope } = init;
    super(
      message,
      {
        product: 'forticare',
        apiCode: envelope.error?.errorCode ?? envelope.status,
        url: init.path,
        status: init.httpStatus,
        apiMessage: envelope.error?.message ?? envelope.message,
      },
      options,
    );
    this.envelopeStatus = envelope.status;
    this.errorCode = envelope.error?.errorCode;
  }
}

/** 101/102: the request or one of its fields is invalid. Fix the input; repeating it fails again. */
export class FortiCareInvalidRequestError extends FortiCareApiError {
  static override readonly category: ApiErrorCategory = 'invalid-request';
  override readonly code: string = 'FORTICARE_INVALID_REQUEST';
}

/** 201: the token is missing, expired or revoked (the client re-authenticates once by itself). */
export class FortiCareInvalidTokenError extends FortiCareApiError {
  override readonly code: string = 'FORTICARE_INVALID_TOKEN';
}

/** HTTP 403: the API user's permission profile or scope does not allow this call or account. */
export class FortiCarePermissionError extends FortiCareApiError {
  static override readonly category: ApiErrorCategory = 'permission-denied';
  override readonly code: string = 'FORTICARE_PERMISSION_DENIED';
}

/** 301: FortiCare could not do it (unknown serial, already registered, not supported, folder not empty, ...). */
export class FortiCareOperationError extends FortiCareApiError {
  override readonly code: string = 'FORTICARE_OPERATION_FAILED';
}

/**
 * The client refused to send a risky call because the hourly error budget is nearly spent (each
 * failed call counts, and an exhausted budget blocks the account). Nothing was sent.
 */
export class FortiCareErrorBudgetError extends RateLimitError {
  override readonly code: string = 'FORTICARE_ERROR_BUDGET';
}

type ErrorClass = typeof FortiCareApiError;

/** Maps a failed reply to the most specific error class, with a message that says what to do. */
export function toFortiCareError(init: FortiCareErrorInit): FortiCareApiError {
  const [Class, advice] = classify(init);
  const { envelope } = init;
  const code = envelope.error?.errorCode;
  const parts = [envelope.message || 'Failed', envelope.error?.message ?? ''].map((p) =>
    p.trim().replace(/\.+$/, ''),
  );
  const what = parts[1] && parts[1] !== parts[0] ? `${parts[0]}: ${parts[1]}` : parts[0];
  const tag =
    code === undefined ? `status ${envelope.status}` : `errorCode ${code}, status ${envelope.status}`;
  return new Class(
    `FortiCare ${init.path} failed (${tag}, HTTP ${init.httpStatus}): ${what}. ${advice}`,
    init,
  );
}

function classify(init: FortiCareErrorInit): [ErrorClass, string] {
  const invalid: [ErrorClass, string] = [
    FortiCareInvalidRequestError,
    'Fix the request fields: sending it again fails again and spends the hourly error budget.',
  ];
  const token: [ErrorClass, string] = [
    FortiCareInvalidTokenError,
    'The token expired or was revoked; log in again.',
  ];
  const permission: [ErrorClass, string] = [
    FortiCarePermissionError,
    'Give the API user a permission profile with this right (read-write for changes) and access to the account.',
  ];
  switch (init.envelope.error?.errorCode) {
    case FORTICARE_ERROR_CODES.invalidRequest:
    case FORTICARE_ERROR_CODES.invalidValue:
      return invalid;
    case FORTICARE_ERROR_CODES.invalidToken:
      return token;
    case FORTICARE_ERROR_CODES.permissionDenied:
      return permission;
    case FORTICARE_ERROR_CODES.failed:
      return [FortiCareOperationError, 'Check the serial numbers, codes and folder ids involved.'];
  }
  if (init.httpStatus === 401) return token;
  if (init.httpStatus === 403) return permission;
  if (init.envelope.status === -1) return invalid;
  return [FortiCareApiError, 'See apiMessage for the details.'];
}
