/** An IAM API user's permission profile on the Asset Management portal. */
export type SimProfile = 'read' | 'read-write';

/** `local`: one home account; `org`: several accounts of an Organization (accountId then mandatory). */
export type SimScope = 'local' | 'org';

export interface SimApiUserSpec {
  /** API user id; generated when absent. */
  username?: string;
  /** Generated when absent. */
  password?: string;
  /** Portals (OAuth client ids) the user may get tokens for. Default `assetmanagement`, `FortiManager`. */
  clientIds?: string[];
  /** Default `read-write`. */
  profile?: SimProfile;
  /** Default `local`. */
  scope?: SimScope;
  /** Home account of a local-scope user (default: the FortiCare simulator's default account). */
  accountId?: number;
  /** Accounts an org-scope user reaches (default: all). */
  accountIds?: number[];
}

export interface SimApiUser {
  readonly username: string;
  readonly password: string;
  readonly clientIds: readonly string[];
  readonly profile: SimProfile;
  readonly scope: SimScope;
  readonly accountId: number | undefined;
  readonly accountIds: readonly number[] | undefined;
}

export const DEFAULT_CLIENT_IDS: readonly string[] = ['assetmanagement', 'FortiManager'];

const HEX = '0123456789ABCDEF';
const PASSWORD_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** The IAM API users the simulated FortiCloud knows. */
export class ApiUsers {
  readonly #users = new Map<string, SimApiUser>();
  readonly #random: () => number;

  constructor(random: () => number) {
    this.#random = random;
  }

  add(spec: SimApiUserSpec = {}): SimApiUser {
    const user: SimApiUser = Object.freeze({
      username: spec.username ?? this.#apiId(),
      password: spec.password ?? this.#password(),
      clientIds: Object.freeze([...(spec.clientIds ?? DEFAULT_CLIENT_IDS)]),
      profile: spec.profile ?? 'read-write',
      scope: spec.scope ?? 'local',
      accountId: spec.accountId,
      accountIds: spec.accountIds ? Object.freeze([...spec.accountIds]) : undefined,
    });
    this.#users.set(user.username, user);
    return user;
  }

  get(username: string): SimApiUser | undefined {
    return this.#users.get(username);
  }

  /** True when some API user may use this OAuth client id (otherwise the client itself is unknown). */
  knowsClient(clientId: string): boolean {
    for (const user of this.#users.values()) if (user.clientIds.includes(clientId)) return true;
    return false;
  }

  /** Like an IAM API id: `8-4-4-4-12` upper-case hex. */
  #apiId(): string {
    const hex = (n: number) => Array.from({ length: n }, () => HEX[Math.floor(this.#random() * 16)]).join('');
    return `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`;
  }

  /** Like the downloaded credentials: 32 characters ending in `!1Aa` (the password rules need all classes). */
  #password(): string {
    const body = Array.from(
      { length: 28 },
      () => PASSWORD_CHARS[Math.floor(this.#random() * PASSWORD_CHARS.length)],
    );
    return `${body.join('')}!1Aa`;
  }
}
