import type { Session } from './sessions.js';
import type { Database } from './store/database.js';
import type { Row } from './store/table.js';

export const ADMIN_USERS_KEY = '/cli/global/system/admin/user';

/** Who is calling and what they may do. */
export interface Principal {
  readonly session: Session;
  readonly user: string;
  /** `read`: get only. */
  readonly permit: 'read-write' | 'read';
  /** ADOMs the admin may use; undefined: every ADOM. */
  readonly adoms: ReadonlySet<string> | undefined;
}

type Rights = Pick<Principal, 'permit' | 'adoms'>;

/**
 * FortiManager administrators (`/cli/global/system/admin/user`): passwords, `rpc-permit`, and the ADOMs
 * they are restricted to. Reads the stored table, so admins created through the API can log in.
 */
export class Admins {
  readonly #db: Database;
  readonly #rights = new WeakMap<Row, Rights>();

  constructor(db: Database) {
    this.#db = db;
  }

  row(userid: string): Row | undefined {
    const container = this.#db.root.get(ADMIN_USERS_KEY);
    return container?.kind === 'table' ? container.table.get(userid) : undefined;
  }

  /** `ok`, `denied` (rpc-permit none: -11) or `failed` (unknown user or wrong password). */
  checkLogin(userid: string, password: string): 'ok' | 'denied' | 'failed' {
    const row = this.row(userid);
    if (!row || row.password !== password || row.user_type === 'api') return 'failed';
    return this.#rightsOf(row) ? 'ok' : 'denied';
  }

  /** The rights of a live session, or undefined when its admin no longer may use the API. */
  principal(session: Session): Principal | undefined {
    if (session.kind === 'cloud')
      return { session, user: session.user, permit: 'read-write', adoms: undefined };
    const row = this.row(session.user);
    const rights = row && this.#rightsOf(row);
    return rights ? { session, user: session.user, ...rights } : undefined;
  }

  #rightsOf(row: Row): Rights | undefined {
    const cached = this.#rights.get(row);
    if (cached) return cached;
    const permit = row['rpc-permit'];
    if (permit !== 'read' && permit !== 'read-write') return undefined;
    const entries = Array.isArray(row.adom) ? (row.adom as Row[]) : [];
    const names = entries.map((entry) => String(entry['adom-name']));
    const rights: Rights = {
      permit,
      adoms: names.length === 0 || names.includes('all_adoms') ? undefined : new Set(names),
    };
    this.#rights.set(row, rights);
    return rights;
  }
}

export function allowsAdom(principal: Principal, adom: string | undefined): boolean {
  return adom === undefined || principal.adoms === undefined || principal.adoms.has(adom);
}
