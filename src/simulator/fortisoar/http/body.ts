import type { SimRequest } from '../../types.js';
import { type FormPart, multipartBoundary, parseMultipart } from './multipart.js';
import { detail, hydraError } from './replies.js';

/**
 * The JSON body of a request, whatever its content type says: clients written against FortiSOAR
 * send JSON under a leftover `multipart/form-data` (or no) content type, and FortiSOAR reads it.
 * Undefined for an empty body; a body that is not JSON is refused with `refuse(detail)`.
 */
export function jsonBody(req: SimRequest, refuse = hydraError.bind(null, 400)): unknown {
  if (req.body.length === 0) return undefined;
  try {
    return JSON.parse(req.body.toString('utf8'));
  } catch {
    throw refuse('Syntax error: the request body is not valid JSON.');
  }
}

/** A JSON object body; anything else (array, scalar, nothing) is refused. */
export function objectBody(req: SimRequest, refuse = hydraError.bind(null, 400)): Record<string, unknown> {
  const value = jsonBody(req, refuse);
  if (!isObject(value)) throw refuse('The request body must be a JSON object.');
  return value;
}

/** A JSON object body for the Django services: an empty body is refused as FortiSOAR does (415). */
export function djangoObjectBody(req: SimRequest): Record<string, unknown> {
  if (req.body.length === 0) throw detail(415, 'Unsupported media type "" in request.');
  return objectBody(req, detail.bind(null, 400));
}

/** The parts of a multipart upload, or undefined when the request is not one. */
export function formParts(req: SimRequest): FormPart[] | undefined {
  const boundary = multipartBoundary(String(req.headers['content-type'] ?? ''));
  return boundary ? parseMultipart(req.body, boundary) : undefined;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
