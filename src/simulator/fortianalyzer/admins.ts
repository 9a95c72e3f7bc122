/**
 * FortiAnalyzer administrators: `admin` (read-write) and `reader` (read only), password `fortinet`,
 * plus API users whose keys authenticate with `Authorization: Bearer`.
 */
import type { AnalyticsCaller } from '../analytics.js';
import type { Session } from '../fortimanager/sessions.js';

export const DEFAULT_PASSWORD = 'fortinet';

/**
 * Who is calling, whether they may change things, and which ADOMs they may use. `session` is the
 * FortiAnalyzer session; a caller a FortiManager authenticated (its FortiAnalyzer features) has none.
 */
export interface Principal extends AnalyticsCaller {
  readonly session?: Session;
}

interface Admin {
  readonly password: string | undefined;
  readonly permit: 'read-write' | 'read';
}

export class Admins {
  readonly #admins = new Map<string, Admin>([
    ['admin', { password: DEFAULT_PASSWORD, permit: 'read-write' }],
    ['reader', { password: DEFAULT_PASSWORD, permit: 'read' }],
  ]);

  /** True for a known user with this password (API users cannot log in). */
  checkLogin(user: string, password: string): boolean {
    const admin = this.#admins.get(user);
    return admin?.password !== undefined && admin.password === password;
  }

  /** Adds an API user (read-write) when missing. */
  addApiUser(user: string): void {
    if (!this.#admins.has(user)) this.#admins.set(user, { password: undefined, permit: 'read-write' });
  }

  principal(session: Session): Principal | undefined {
    if (session.kind === 'cloud')
      return { session, user: session.user, permit: 'read-write', adoms: undefined };
    const admin = this.#admins.get(session.user);
    return admin && { session, user: session.user, permit: admin.permit, adoms: undefined };
  }
}
