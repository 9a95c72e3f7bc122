/**
 * Who a FortiManager (or FortiAnalyzer) client runs as, in one multiplexed `get` on its session:
 * `/sys/status` (the appliance; refused only when the credential is), `/dvmdb/adom` (the ADOMs this
 * admin is shown) and, when the user is known, the admin's own entry
 * `/cli/global/system/admin/user/{user}` (profile, rpc-permit, ADOM access), which not every admin
 * profile may read.
 */
import { AuthError } from '../../core/errors.js';
import { isRecord } from '../../core/guards.js';
import { settle } from '../rpc.js';
import type { RpcReply, RpcResultItem, WireParams } from '../types.js';
import { escapeName } from '../url-escape.js';

/** How the client logs in: a password session, an API key, or FortiManager (FortiAnalyzer) Cloud. */
export type LoginMode = 'session' | 'api-key' | 'cloud';

/** Whose credential a client sends: how it logs in, and the user when it knows it. */
export interface LoginSubject {
  readonly auth: LoginMode;
  readonly user: string | undefined;
}

/** How an admin's ADOMs are chosen (`adom-access`, FortiManager >= 7.0.3). */
export type AdomAccess = 'all' | 'specify' | 'exclude' | 'per-adom-profile';

/** What `/sys/status` says about the appliance. */
export interface ApplianceStatus {
  readonly hostname: string | undefined;
  readonly serialNumber: string | undefined;
  /** e.g. `v7.4.7-build2525 250416 (GA)`. */
  readonly version: string | undefined;
  /** e.g. `FMG-VM64`. */
  readonly platform: string | undefined;
  /** Whether ADOMs are on (`Admin Domain Configuration`). */
  readonly adomsEnabled: boolean | undefined;
}

/** Who the calls run as, and what they may reach, as far as the API says. */
export interface FortiManagerIdentity {
  readonly auth: LoginMode;
  /**
   * The admin: the login name, the API key's `accessUser`, the IAM API user of a Cloud login;
   * undefined for an API key without `accessUser` (FortiManager does not say whose key it is).
   */
  readonly user: string | undefined;
  /** The admin profile (`profileid`), when the admin may read its own entry. */
  readonly profile: string | undefined;
  /** JSON-RPC access (`rpc-permit`: `read`, `read-write`, `from-profile`), from the same entry. */
  readonly rpcPermit: string | undefined;
  /** `local`, `api`, `radius`, ... (`user_type`), from the same entry. */
  readonly userType: string | undefined;
  /** From the same entry (derived from its ADOM list before 7.0.3). */
  readonly adomAccess: AdomAccess | undefined;
  /**
   * The ADOMs the admin may use: from its entry when readable (every ADOM `/dvmdb/adom` lists when
   * its access is `all`, less the excluded ones), else the ADOMs `/dvmdb/adom` shows it; undefined
   * when neither can be read.
   */
  readonly adoms: readonly string[] | undefined;
  readonly system: ApplianceStatus;
}

const ADMIN_FIELDS = [
  'userid',
  'profileid',
  'rpc-permit',
  'user_type',
  'adom-access',
  'adom',
  'adom-exclude',
];
const ADOM_ACCESS: ReadonlySet<string> = new Set<AdomAccess>([
  'all',
  'specify',
  'exclude',
  'per-adom-profile',
]);
/** The ADOM list entry of FortiManager before 7.0.3 that means "every ADOM". */
const ALL_ADOMS = 'all_adoms';

/**
 * Reads the identity with `send` (one multiplexed `get`, verbose, on the client's credential).
 * The credential is refused -> AuthError (from the login, the API-key check, or here).
 *
 * @example
 * const me = await readIdentity((params) => engine.send('get', params, { verbose: true }), { auth: 'session', user: 'admin' }, 'FortiManager');
 */
export async function readIdentity(
  send: (params: readonly WireParams[]) => Promise<RpcReply>,
  who: LoginSubject,
  label: string,
): Promise<FortiManagerIdentity> {
  const params: WireParams[] = [{ url: '/sys/status' }, { url: '/dvmdb/adom', fields: ['name'], loadsub: 0 }];
  if (who.user !== undefined) {
    params.push({
      url: `/cli/global/system/admin/user/${escapeName(who.user, 'user')}`,
      fields: ADMIN_FIELDS,
    });
  }
  const reply = await send(params);
  const [status, listed, own] = reply.items as [RpcResultItem, RpcResultItem, RpcResultItem?];
  if (status.status.code === -11) {
    throw new AuthError(
      `${label} refuses /sys/status to ${who.user === undefined ? 'this API key' : `'${who.user}'`} (code -11): ` +
        'the credential is not accepted, or the admin has no rpc-permit',
      { details: { code: -11, user: who.user } },
    );
  }
  const system = settle(status, { method: 'get', url: '/sys/status' }, reply.id);
  const admin = own?.status.code === 0 && isRecord(own.data) ? own.data : undefined;
  const adoms =
    listed.status.code === 0 && Array.isArray(listed.data) ? names(listed.data, 'name') : undefined;
  const access = adomAccess(admin);
  return {
    auth: who.auth,
    user: who.user,
    profile: text(admin?.profileid),
    rpcPermit: text(admin?.['rpc-permit']),
    userType: text(admin?.user_type),
    adomAccess: access,
    adoms: admin === undefined ? adoms : adomsOf(admin, access!, adoms),
    system: applianceStatus(isRecord(system) ? system : {}),
  };
}

function adomAccess(admin: Record<string, unknown> | undefined): AdomAccess | undefined {
  if (admin === undefined) return undefined;
  const given = admin['adom-access'];
  if (typeof given === 'string' && ADOM_ACCESS.has(given)) return given as AdomAccess;
  const named = names(admin.adom, 'adom-name');
  return named.length === 0 || named.includes(ALL_ADOMS) ? 'all' : 'specify';
}

/**
 * The ADOMs of an admin entry. A list of names restricts the admin to them (FortiManager keeps one
 * only for `specify` and `per-adom-profile`), or excludes them (`exclude`); otherwise every ADOM,
 * less those in `adom-exclude` (before 7.0.3).
 */
function adomsOf(
  admin: Record<string, unknown>,
  access: AdomAccess,
  every: readonly string[] | undefined,
): readonly string[] | undefined {
  const named = names(admin.adom, 'adom-name').filter((name) => name !== ALL_ADOMS);
  if (access === 'exclude') return every?.filter((name) => !named.includes(name));
  if (named.length > 0) return named;
  const excluded = names(admin['adom-exclude'], 'adom-name');
  return every?.filter((name) => !excluded.includes(name));
}

function applianceStatus(status: Record<string, unknown>): ApplianceStatus {
  const adoms = text(status['Admin Domain Configuration']);
  return {
    hostname: text(status.Hostname),
    serialNumber: text(status['Serial Number']),
    version: text(status.Version),
    platform: text(status['Platform Type']),
    adomsEnabled: adoms === undefined ? undefined : adoms === 'Enabled',
  };
}

function names(rows: unknown, key: string): string[] {
  if (!Array.isArray(rows)) return [];
  const out: string[] = [];
  for (const row of rows) if (isRecord(row) && typeof row[key] === 'string') out.push(row[key]);
  return out;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
