/**
 * Replies in FortiAuthenticator's (Django/Tastypie) style: JSON with sorted keys, empty bodies for
 * 204/404/405/401, `{"<resource>": {"<field>": ["message"]}}` for field errors and `{"error": "..."}`
 * for everything else that is the caller's fault.
 */
import type { SimRequest, SimResponse } from '../types.js';

const JSON_TYPE = 'application/json';
const HTML_TYPE = 'text/html; charset=utf-8';

/** Field name -> messages, as a Tastypie validation error lists them. */
export type FieldErrors = Record<string, string[]>;

/** A refusal thrown by handlers and turned into a reply by the router. */
export class FacFailure extends Error {
  constructor(readonly reply: SimResponse) {
    super(`HTTP ${reply.status}`);
  }
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): SimResponse {
  return { status, headers: { 'content-type': JSON_TYPE, vary: 'Accept', ...headers }, body: sortKeys(body) };
}

export function empty(status: number, headers: Record<string, string> = {}): SimResponse {
  return { status, headers: { 'content-type': HTML_TYPE, ...headers }, body: '' };
}

/** A short HTML body (Django's own refusals). */
export function html(status: number, text: string): SimResponse {
  return { status, headers: { 'content-type': HTML_TYPE }, body: text };
}

/** 400 `{"error": message}`. */
export function badRequest(message: string): FacFailure {
  return new FacFailure(json(400, { error: message }));
}

/** 400 `{"<resource>": {"<field>": [messages]}}`. */
export function fieldErrors(resource: string, errors: FieldErrors): FacFailure {
  return new FacFailure(json(400, { [resource]: errors }));
}

export function notFound(): FacFailure {
  return new FacFailure(empty(404));
}

export function methodNotAllowed(allowed: readonly string[]): FacFailure {
  return new FacFailure(empty(405, { allow: allowed.join(',') }));
}

export function unauthorized(): FacFailure {
  return new FacFailure(empty(401, { 'www-authenticate': 'Basic Realm="django-tastypie"' }));
}

export function forbidden(): FacFailure {
  return new FacFailure(empty(403));
}

/** Objects with their keys sorted, as the appliance serialises them. */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
  return out;
}

/** A parsed request body: JSON (object or list), form fields, or multipart parts (files as Buffers). */
export type Body = Record<string, unknown> | unknown[];

/** The request body, parsed by its content type; an empty body is `{}`. */
export async function readBody(req: SimRequest): Promise<Body> {
  const type = String(req.headers['content-type'] ?? '').toLowerCase();
  if (req.body.length === 0) return {};
  if (type.startsWith('multipart/form-data')) return readMultipart(req, type);
  const text = req.body.toString('utf8');
  if (type.startsWith('application/x-www-form-urlencoded'))
    return Object.fromEntries(new URLSearchParams(text));
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw badRequest('The request body is not valid JSON.');
  }
  if (typeof value !== 'object' || value === null)
    throw badRequest('The request body must be a JSON object.');
  return value as Body;
}

async function readMultipart(req: SimRequest, type: string): Promise<Record<string, unknown>> {
  try {
    const form = await new Response(req.body, { headers: { 'content-type': type } }).formData();
    const out: Record<string, unknown> = {};
    for (const [key, value] of form.entries()) {
      out[key] = typeof value === 'string' ? value : Buffer.from(await value.arrayBuffer());
    }
    return out;
  } catch {
    throw badRequest('The multipart body could not be read.');
  }
}
