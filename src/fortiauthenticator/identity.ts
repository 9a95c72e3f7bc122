/**
 * Who a FortiAuthenticator client runs as, as far as the REST API says: with Basic auth the admin
 * whose access key it is (and the appliance `systeminfo` shows it, when its profile allows that
 * read); with OAuth the token's owner, as `oauth/userinfo/` names it.
 */
import { isRecord } from '../core/guards.js';
import type { SystemInfo } from './generated/types.js';
import { versionOfFirmware } from './version.js';

/** How the client authenticates: HTTP Basic with the access key, OAuth it logs in with, or a token given to it. */
export type FacAuthMode = 'basic' | 'oauth' | 'token';

/** The appliance, from `systeminfo`. */
export interface FacSystem {
  readonly serialNumber: string | undefined;
  /** e.g. `FACVM v6.4.0-build0888 (GA)`. */
  readonly firmware: string | undefined;
  /** e.g. `6.4.0`. */
  readonly version: string | undefined;
}

export interface FortiAuthenticatorIdentity {
  readonly auth: FacAuthMode;
  /** The admin: the Basic username, or the token's owner as `oauth/userinfo/` names it. */
  readonly user: string | undefined;
  /** OAuth: the owner's e-mail and groups (`oauth/userinfo/`). */
  readonly email: string | undefined;
  readonly groups: readonly string[] | undefined;
  /** OAuth: the token's scope and expiry (epoch ms), when known. */
  readonly scope: string | undefined;
  readonly expiresAt: number | undefined;
  /** Basic: the appliance, when the admin profile may read `systeminfo`. */
  readonly system: FacSystem | undefined;
}

/** The identity of a Basic-auth client whose access key was accepted. */
export function basicIdentity(
  username: string | undefined,
  info: SystemInfo | undefined,
): FortiAuthenticatorIdentity {
  const firmware = info?.firmware || undefined;
  return {
    auth: 'basic',
    user: username,
    email: undefined,
    groups: undefined,
    scope: undefined,
    expiresAt: undefined,
    system: info && {
      serialNumber: info.sn || undefined,
      firmware,
      version: firmware === undefined ? undefined : versionOfFirmware(firmware),
    },
  };
}

/** The identity of a bearer-token client, from the `oauth/userinfo/` reply. */
export function tokenIdentity(
  auth: Exclude<FacAuthMode, 'basic'>,
  userinfo: unknown,
  token: { readonly scope: string | undefined; readonly expiresAt: number | undefined },
): FortiAuthenticatorIdentity {
  const info = isRecord(userinfo) ? userinfo : {};
  const groups = typeof info.groups === 'string' ? info.groups.split(',').filter(Boolean) : undefined;
  return {
    auth,
    user: text(info.username) ?? text(info.sub),
    email: text(info.email),
    groups,
    scope: token.scope,
    expiresAt: token.expiresAt,
    system: undefined,
  };
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
