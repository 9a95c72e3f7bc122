/** Who a FortiSOAR client runs as: the actor `GET /api/3/actors/current` answers for its credential. */
import { isRecord } from '../../core/guards.js';

/** How the client authenticates: a login (JWT), an API key, or an HMAC key pair. */
export type SoarAuthMode = 'password' | 'api-key' | 'hmac';

/** What the actor may do with the records of one module. */
export interface SoarPermission {
  readonly read: boolean;
  readonly create: boolean;
  readonly update: boolean;
  readonly delete: boolean;
  readonly execute: boolean;
}

/** The person (or appliance) behind the client's credential. */
export interface FortiSoarIdentity {
  readonly auth: SoarAuthMode;
  /** The login id: the one the client logged in with, else the actor's `userId`. */
  readonly user: string | undefined;
  /** The actor's IRI, e.g. `/api/3/people/<uuid>` (`@id`). */
  readonly iri: string | undefined;
  /** `Person`, `Appliance`, ... (`@type`). */
  readonly type: string | undefined;
  readonly uuid: string | undefined;
  /** First and last name, as the actor's record has them. */
  readonly name: string | undefined;
  readonly email: string | undefined;
  readonly accessType: string | undefined;
  /** What the actor may do, per module (`@permissions`), when FortiSOAR says. */
  readonly permissions: Readonly<Record<string, SoarPermission>> | undefined;
}

/** The actor record `/api/3/actors/current` answered, as an identity. */
export function soarIdentity(
  actor: unknown,
  who: { readonly auth: SoarAuthMode; readonly loginId: string | undefined },
): FortiSoarIdentity {
  const record = isRecord(actor) ? actor : {};
  const name = [text(record.firstname), text(record.lastname)].filter(Boolean).join(' ');
  return {
    auth: who.auth,
    user: who.loginId ?? text(record.userId),
    iri: text(record['@id']),
    type: text(record['@type']),
    uuid: text(record.uuid),
    name: name === '' ? text(record.name) : name,
    email: text(record.email),
    accessType: text(record.accessType),
    permissions: permissionsOf(record['@permissions']),
  };
}

function permissionsOf(value: unknown): Record<string, SoarPermission> | undefined {
  if (!isRecord(value)) return undefined;
  const out: Record<string, SoarPermission> = {};
  for (const [module, rights] of Object.entries(value)) {
    if (!isRecord(rights)) continue;
    out[module] = {
      read: rights.read === true,
      create: rights.create === true,
      update: rights.update === true,
      delete: rights.delete === true,
      execute: rights.execute === true,
    };
  }
  return out;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
