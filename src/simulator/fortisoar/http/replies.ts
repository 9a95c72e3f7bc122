/**
 * The error shapes FortiSOAR answers with, by layer: API Platform (`/api/3`, `/api/query`) answers
 * hydra errors and constraint violation lists, the gateway answers JWT-style `{code, message}`, and
 * the Django services (`/api/integration`, `/api/wf`) answer `{detail}` or `{message}`.
 */
import type { SimResponse } from '../../types.js';

/** A refusal thrown by a handler; the endpoint sends its `reply`. */
export class SoarFailure extends Error {
  constructor(readonly reply: SimResponse) {
    super(`HTTP ${reply.status}`);
  }
}

export interface Violation {
  readonly propertyPath: string;
  readonly message: string;
}

export const json = (status: number, body: unknown, headers?: Record<string, string>): SimResponse => ({
  status,
  headers: { 'content-type': 'application/json', ...headers },
  body,
});

const LD_JSON = 'application/ld+json; charset=utf-8';

/** `hydra:Error` of API Platform. */
export function hydraError(status: number, description: string): SoarFailure {
  return new SoarFailure({
    status,
    headers: { 'content-type': LD_JSON },
    body: {
      '@context': '/api/3/contexts/Error',
      '@type': 'hydra:Error',
      'hydra:title': 'An error occurred',
      'hydra:description': description,
    },
  });
}

/** 400 `ConstraintViolationList` of API Platform validation. */
export function violations(list: readonly Violation[]): SoarFailure {
  return new SoarFailure({
    status: 400,
    headers: { 'content-type': LD_JSON },
    body: {
      '@context': '/api/3/contexts/ConstraintViolationList',
      '@type': 'ConstraintViolationList',
      'hydra:title': 'An error occurred',
      'hydra:description': list.map((v) => `${v.propertyPath}: ${v.message}`).join('\n'),
      violations: list,
    },
  });
}

/** RFC 7807 problem details (the query service). */
export function problem(status: number, detail: string): SoarFailure {
  return new SoarFailure({
    status,
    headers: { 'content-type': 'application/problem+json' },
    body: {
      type: 'https://tools.ietf.org/html/rfc2616#section-10',
      title: 'An error occurred',
      detail,
      status,
    },
  });
}

/** Django REST framework's `{detail}`. */
export function detail(status: number, text: string): SoarFailure {
  return new SoarFailure(json(status, { detail: text }));
}

/** The integration service's `{status, message}`. */
export function failedMessage(status: number, message: string): SoarFailure {
  return new SoarFailure(json(status, { status: 'failed', message }));
}

/** The gateway's refusal of missing, expired or invalid credentials. */
export function unauthorized(message: string, status = 401): SoarFailure {
  return new SoarFailure(json(status, { code: status, message }));
}
