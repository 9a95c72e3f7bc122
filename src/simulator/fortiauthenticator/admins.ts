/**
 * Administrators and how a request proves to be one: HTTP Basic with the admin's web-service access
 * key (the login password is refused), or a Bearer token from the simulator's OAuth endpoint.
 */
import type { SimRequest } from '../types.js';

/**
 * What an admin may do: `full`, `read` (GET only), or per resource (`read`/`write` list resource names,
 * as a custom admin profile grants permission sets).
 */
export type SimAdminAccess = 'full' | 'read' | { read?: readonly string[]; write?: readonly string[] };

export interface SimAdminSpec {
  username?: string;
  /** Web-service access key (generated when not given). */
  apiKey?: string;
  /** GUI login password: refused by the REST API, accepted by the OAuth password grant. */
  password?: string;
  access?: SimAdminAccess;
}

export interface SimAdmin {
  readonly username: string;
  readonly apiKey: string;
  readonly password: string;
  readonly access: SimAdminAccess;
}

const KEY_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A random string like FortiAuthenticator's access keys (40 letters and digits). */
export function randomKey(random: () => number, length = 40): string {
  let out = '';
  for (let i = 0; i < length; i++) out += KEY_CHARS[Math.floor(random() * KEY_CHARS.length)];
  return out;
}

export class Admins {
  readonly #random: () => number;
  readonly #byName = new Map<string, SimAdmin>();

  constructor(random: () => number) {
    this.#random = random;
  }

  add(spec: SimAdminSpec = {}): SimAdmin {
    const username = spec.username ?? `api_admin${this.#byName.size + 1}`;
    if (this.#byName.has(username)) throw new Error(`Admin '${username}' exists already`);
    const admin: SimAdmin = {
      username,
      apiKey: spec.apiKey ?? randomKey(this.#random),
      password: spec.password ?? randomKey(this.#random, 16),
      access: spec.access ?? 'full',
    };
    this.#byName.set(username, admin);
    return admin;
  }

  get(username: string): SimAdmin | undefined {
    return this.#byName.get(username);
  }

  remove(username: string): void {
    this.#byName.delete(username);
  }

  /** The admin of a Basic `username:apiKey` header, or undefined (wrong key, login password, no header). */
  basic(req: SimRequest): SimAdmin | undefined {
    const header = req.headers.authorization;
    const match = typeof header === 'string' ? /^Basic\s+(\S+)$/i.exec(header) : null;
    if (!match) return undefined;
    const decoded = Buffer.from(match[1] as string, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return undefined;
    const admin = this.#byName.get(decoded.slice(0, colon));
    return admin && admin.apiKey === decoded.slice(colon + 1) ? admin : undefined;
  }
}

/** Whether `admin` may use `method` on `resource` (a top-level resource name). */
export function allowed(admin: SimAdmin, resource: string, method: string): boolean {
  const write = method !== 'GET' && method !== 'HEAD';
  const { access } = admin;
  if (access === 'full') return true;
  if (access === 'read') return !write;
  const list = write ? access.write : [...(access.read ?? []), ...(access.write ?? [])];
  return list?.includes(resource) ?? false;
}
