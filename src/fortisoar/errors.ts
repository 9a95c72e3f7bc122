import {
  ApiError,
  type ApiErrorCategory,
  AuthError,
  FortixError,
  type ValidationIssue,
} from '../core/errors.js';
import { isRecord } from '../core/guards.js';

/** FortiSOAR answered with an error status. Subclasses name the well-known cases. */
export class FortiSoarApiError extends ApiError {
  override readonly code: string = 'FORTISOAR_API_ERROR';
}

/** The record, module, connector, configuration, agent or run does not exist (HTTP 404). */
export class FortiSoarNotFoundError extends FortiSoarApiError {
  static override readonly category: ApiErrorCategory = 'not-found';
  override readonly code: string = 'FORTISOAR_NOT_FOUND';
}

/** A record or configuration with the same unique value exists (HTTP 409, or a uniqueness refusal). */
export class FortiSoarAlreadyExistsError extends FortiSoarApiError {
  static override readonly category: ApiErrorCategory = 'already-exists';
  override readonly code: string = 'FORTISOAR_ALREADY_EXISTS';
}

/** The user's role does not allow this (HTTP 403). */
export class FortiSoarPermissionError extends FortiSoarApiError {
  static override readonly category: ApiErrorCategory = 'permission-denied';
  override readonly code: string = 'FORTISOAR_PERMISSION_DENIED';
}

/** FortiSOAR refused the request as invalid (HTTP 400, 405, 415, 422); `issues` names the fields. */
export class FortiSoarInvalidRequestError extends FortiSoarApiError {
  static override readonly category: ApiErrorCategory = 'invalid-request';
  override readonly code: string = 'FORTISOAR_INVALID_REQUEST';
}

/** A wait (install, playbook run, agent action) did not see the end in time; the work goes on on the server. */
export class FortiSoarWaitTimeoutError extends FortixError {
  override readonly code: string = 'FORTISOAR_WAIT_TIMEOUT';
}

type ErrorClass = typeof FortiSoarApiError;

/** What the server said, from whichever of its error shapes it used. */
export interface ServerWords {
  readonly message: string | undefined;
  readonly apiCode: string | number;
  readonly issues: ValidationIssue[];
}

/**
 * The words of an error body: API Platform (`hydra:description`, `violations[]`), the gateway
 * (`message`), Django (`detail`, `non_field_errors`), RFC 7807 (`title`, `detail`, `type`).
 */
export function serverWords(data: unknown, status: number): ServerWords {
  if (!isRecord(data))
    return { message: typeof data === 'string' ? data : undefined, apiCode: status, issues: [] };
  const issues: ValidationIssue[] = Array.isArray(data.violations)
    ? data.violations
        .filter(isRecord)
        .map((v) => ({ path: String(v.propertyPath ?? ''), message: String(v.message ?? '') }))
    : [];
  const nonField = Array.isArray(data.non_field_errors)
    ? data.non_field_errors.map(String).join(' ')
    : undefined;
  const message =
    text(data['hydra:description']) ??
    text(data.message) ??
    text(data.detail) ??
    nonField ??
    text(data.title);
  const apiCode =
    text(data.type) ?? text(data['@type']) ?? (typeof data.code === 'number' ? data.code : status);
  return { message, apiCode, issues };
}

const UNIQUENESS = /must make a unique set|already exists|already installed/i;

/** A failed reply as the most specific error, with the server's words and what to do. */
export function toFortiSoarError(status: number, data: unknown, where: string): FortixError {
  const words = serverWords(data, status);
  const said = words.message ? `: ${words.message.replace(/\.+$/, '')}` : '';
  if (status === 401 || (status === 403 && /HMAC/i.test(words.message ?? ''))) {
    return new AuthError(
      `FortiSOAR refused the credentials for ${where} (HTTP ${status})${said}. Check the API key, key pair or password`,
      {
        details: { status, apiMessage: words.message },
      },
    );
  }
  const [Class, advice] = classify(status, words.message);
  return new Class(`FortiSOAR ${where} failed (HTTP ${status})${said}. ${advice}`, {
    product: 'fortisoar',
    apiCode: words.apiCode,
    url: where,
    status,
    apiMessage: words.message,
    issues: words.issues,
  });
}

function classify(status: number, message: string | undefined): [ErrorClass, string] {
  if (status === 404) return [FortiSoarNotFoundError, 'Check the module, id or name.'];
  if (status === 409 || ((status === 400 || status === 500) && UNIQUENESS.test(message ?? '')))
    return [FortiSoarAlreadyExistsError, 'Update the existing one, or choose another unique value.'];
  if (status === 403)
    return [FortiSoarPermissionError, 'Give the user a role with this right on the module.'];
  if (status === 400 || status === 405 || status === 415 || status === 422)
    return [FortiSoarInvalidRequestError, 'Fix the request: sending it again fails again.'];
  return [FortiSoarApiError, status >= 500 ? 'The server failed; try again later.' : 'See the message.'];
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** A playbook run ended `failed`; `details.outcome` holds the runs and their steps (the log). */
export class FortiSoarRunFailedError extends FortixError {
  override readonly code: string = 'FORTISOAR_RUN_FAILED';
}
