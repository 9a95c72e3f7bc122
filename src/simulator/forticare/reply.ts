import type { SimResponse } from '../types.js';

/**
 * Error codes of the simulated FortiCare. 101, 102, 201 and 301 appear in public FortiCare replies;
 * 202 (HTTP 403 "Access denied") and 429 (limit reached) are this simulator's choice.
 */
export const CODE = {
  invalidRequest: 101,
  invalidValue: 102,
  invalidToken: 201,
  permissionDenied: 202,
  failed: 301,
  rateLimited: 429,
} as const;

export const INVALID_REQUEST = 'Invalid incoming request.';
export const SUCCESS = 'Request processed successfully';

/** A refusal of the whole request, thrown by the route handlers and turned into an envelope. */
export class SimFailure {
  constructor(
    readonly httpStatus: number,
    readonly status: number,
    readonly errorCode: number,
    readonly message: string,
    readonly detail: string,
    /** Endpoint fields the refusal carries filled in (`licenses/download` echoes `serialNumber`). */
    readonly fields: Record<string, unknown> = {},
  ) {}
}

/** 400, status -1: a required field is missing or empty (101) or a value is invalid (102). */
export function invalid(detail: string, errorCode: number = CODE.invalidRequest): SimFailure {
  return new SimFailure(400, -1, errorCode, INVALID_REQUEST, detail);
}

/** 400, status -2, 301: the request was understood but cannot be done. */
export function failed(detail: string): SimFailure {
  return new SimFailure(400, -2, CODE.failed, detail, detail);
}

export function denied(): SimFailure {
  return new SimFailure(
    403,
    -1,
    CODE.permissionDenied,
    INVALID_REQUEST,
    'Access denied. No permission to access the requested action or resource.',
  );
}

export function badToken(detail: string): SimFailure {
  return new SimFailure(401, -1, CODE.invalidToken, INVALID_REQUEST, detail);
}

/** The V3 envelope: build, version, status, message, token, error, then the endpoint's fields. */
export function envelope(
  httpStatus: number,
  token: string | undefined,
  head: { status: number; message: string; error: { errorCode: number; message: string } | null },
  payload: Record<string, unknown>,
  headers?: Record<string, string>,
): SimResponse {
  return {
    status: httpStatus,
    headers: { 'content-type': 'application/json', ...headers },
    body: { build: '1.0.0', version: '3.0', ...head, token: token ?? null, ...payload },
  };
}

export function failureReply(
  failure: SimFailure,
  token: string | undefined,
  empty: Record<string, unknown>,
): SimResponse {
  return envelope(
    failure.httpStatus,
    token,
    {
      status: failure.status,
      message: failure.message,
      error: { errorCode: failure.errorCode, message: failure.detail },
    },
    { ...empty, ...failure.fields },
  );
}
