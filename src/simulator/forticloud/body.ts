import type { SimRequest } from '../types.js';

/** A JSON or form-encoded body as string fields; undefined when it is neither. */
export function parseBody(req: SimRequest): Record<string, string> | undefined {
  const text = req.body.toString('utf8');
  const type = String(req.headers['content-type'] ?? '');
  if (type.includes('application/x-www-form-urlencoded'))
    return Object.fromEntries(new URLSearchParams(text));
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    const out: Record<string, string> = {};
    for (const [key, item] of Object.entries(value)) if (typeof item === 'string') out[key] = item;
    return out;
  } catch {
    return undefined;
  }
}
