/**
 * What the JSON-RPC products (FortiManager, FortiAnalyzer) share at their door: the paths they
 * serve, the POST-only rule and reading the envelope. Each answers an unreadable one its own way.
 */
import type { SimRequest, SimResponse } from './types.js';

/** A JSON-RPC request body: an object with a `params` list. */
export type Envelope = Record<string, unknown> & { readonly params: unknown[] };

/** The FortiCloud login of FortiManager and FortiAnalyzer Cloud, with and without the slash. */
export const CLOUD_LOGIN_PATHS: ReadonlySet<string> = new Set([
  '/p/forticloud_jsonrpc_login/',
  '/p/forticloud_jsonrpc_login',
]);

/** The paths a JSON-RPC product answers: `/jsonrpc` and its cloud login. */
export function isJsonRpcPath(path: string): boolean {
  return path === '/jsonrpc' || CLOUD_LOGIN_PATHS.has(path);
}

export const METHOD_NOT_ALLOWED: SimResponse = {
  status: 405,
  headers: { allow: 'POST' },
  body: 'Method Not Allowed',
};

/** The envelope of a request, or why there is none: the body is not JSON, or has no `params` list. */
export function readEnvelope(req: SimRequest): Envelope | 'not json' | 'no params' {
  let envelope: unknown;
  try {
    envelope = JSON.parse(req.body.toString('utf8'));
  } catch {
    return 'not json';
  }
  if (typeof envelope !== 'object' || envelope === null || !Array.isArray((envelope as Envelope).params))
    return 'no params';
  return envelope as Envelope;
}
