import {
  ApiError,
  type ApiErrorCategory,
  AuthError,
  type FortixError,
  ValidationError,
  type ValidationIssue,
} from '../core/errors.js';
import { isRecord } from '../core/guards.js';

/** FortiAuthenticator answered with an error status. Subclasses name the well-known cases. */
export class FortiAuthenticatorApiError extends ApiError {
  override readonly code: string = 'FORTIAUTHENTICATOR_API_ERROR';
}

/** The object or resource does not exist (HTTP 404). */
export class FacNotFoundError extends FortiAuthenticatorApiError {
  static override readonly category: ApiErrorCategory = 'not-found';
  override readonly code: string = 'FORTIAUTHENTICATOR_NOT_FOUND';
}

/** A unique value (user name, group name, serial, ...) is taken already (HTTP 400 naming it). */
export class FacAlreadyExistsError extends FortiAuthenticatorApiError {
  static override readonly category: ApiErrorCategory = 'already-exists';
  override readonly code: string = 'FORTIAUTHENTICATOR_ALREADY_EXISTS';
}

/** The admin's profile does not allow this (HTTP 403). */
export class FacPermissionError extends FortiAuthenticatorApiError {
  static override readonly category: ApiErrorCategory = 'permission-denied';
  override readonly code: string = 'FORTIAUTHENTICATOR_PERMISSION_DENIED';
}

/**
 * FortiAuthenticator refused the request (HTTP 400, 405); `issues` names the fields of a
 * `{"<resource>": {"<field>": [...]}}` body.
 */
export class FacInvalidRequestError extends FortiAuthenticatorApiError {
  static override readonly category: ApiErrorCategory = 'invalid-request';
  override readonly code: string = 'FORTIAUTHENTICATOR_INVALID_REQUEST';
}

/**
 * A credential check (`/auth/`, `/realmauth/`, `/pushauth/`, `/pushauthresp/`) said no: wrong
 * password or token code, disabled or locked-out user, push denied or unanswered (HTTP 401).
 */
export class FacCredentialsRejectedError extends FortiAuthenticatorApiError {
  override readonly code: string = 'FORTIAUTHENTICATOR_CREDENTIALS_REJECTED';
}

/** The resource does not allow this method; refused before anything was sent. */
export class FacMethodNotAllowedError extends ValidationError {
  override readonly code: string = 'FORTIAUTHENTICATOR_METHOD_NOT_ALLOWED';
}

const UNIQUENESS = /already exists|already a member/i;

/** The server's words in an error body: `{"error": "..."}` or `{"<resource>": {"<field>": [...]}}`. */
export function errorWords(data: unknown): { message: string | undefined; issues: ValidationIssue[] } {
  if (!isRecord(data))
    return { message: typeof data === 'string' && data !== '' ? data : undefined, issues: [] };
  if (typeof data.error === 'string') return { message: data.error, issues: [] };
  const issues: ValidationIssue[] = [];
  for (const fields of Object.values(data)) {
    if (!isRecord(fields)) continue;
    for (const [field, messages] of Object.entries(fields)) {
      for (const message of Array.isArray(messages) ? messages : [messages]) {
        issues.push({ path: field, message: String(message) });
      }
    }
  }
  const message = issues.length > 0 ? issues.map((i) => `${i.path}: ${i.message}`).join('; ') : undefined;
  return { message, issues };
}

/** A failed reply as the most specific error, with the server's words and what to do. */
export function toFacError(
  status: number,
  data: unknown,
  where: string,
  headers: Record<string, string | string[] | undefined> = {},
): FortixError {
  const { message, issues } = errorWords(data);
  const said = message ? `: ${message.replace(/\.+$/, '')}` : '';
  if (status === 401) {
    return new AuthError(
      `FortiAuthenticator refused the credentials for ${where} (HTTP 401)${said}. ` +
        "Use the admin's web-service access key (the login password is refused), or a valid OAuth token",
      { details: { status } },
    );
  }
  const init = {
    product: 'fortiauthenticator' as const,
    apiCode: status,
    url: where,
    status,
    apiMessage: message,
    issues,
  };
  switch (status) {
    case 403:
      return new FacPermissionError(
        `FortiAuthenticator denied ${where} (HTTP 403)${said}. Give the admin a profile that allows it`,
        init,
      );
    case 404:
      return new FacNotFoundError(`FortiAuthenticator has no ${where} (HTTP 404)`, init);
    case 405: {
      const allow = headers.allow;
      const allowed = allow ? ` (it allows ${String(allow)})` : '';
      return new FacInvalidRequestError(`${where} does not allow this method (HTTP 405)${allowed}`, init);
    }
  }
  if (status === 400 && UNIQUENESS.test(message ?? '')) {
    return new FacAlreadyExistsError(`FortiAuthenticator refused ${where}${said}`, init);
  }
  if (status >= 400 && status < 500) {
    return new FacInvalidRequestError(
      `FortiAuthenticator refused ${where} (HTTP ${status})${said}. Fix the request`,
      init,
    );
  }
  return new FortiAuthenticatorApiError(
    `FortiAuthenticator failed on ${where} (HTTP ${status})${said}`,
    init,
  );
}
