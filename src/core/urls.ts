import { ValidationError } from './errors.js';

/**
 * Resolves a service URL: a bare origin (`https://host` or `http://127.0.0.1:8080`) gets the
 * service's default path appended, so that one simulator URL serves every product; a URL that
 * already has a path is used as given. Trailing slashes are dropped.
 *
 * @example
 * serviceUrl('http://127.0.0.1:4000', '/api/v1/oauth', 'authUrl'); // 'http://127.0.0.1:4000/api/v1/oauth'
 */
export function serviceUrl(url: string, defaultPath: string, field: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ValidationError(`${field} is not a URL: ${JSON.stringify(url)}`, field);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new ValidationError(`${field} must start with https:// or http://, got ${parsed.protocol}`, field);
  }
  if (parsed.search || parsed.hash) {
    throw new ValidationError(`${field} must not carry a query string or fragment`, field);
  }
  const path = parsed.pathname.replace(/\/+$/, '');
  return `${parsed.origin}${path === '' ? defaultPath : path}`;
}
