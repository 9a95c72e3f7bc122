/** The people who may call the simulated FortiSOAR, and the keys they hold. */
import { randomBytes } from 'node:crypto';

export interface SoarUser {
  readonly loginid: string;
  readonly password: string;
  readonly name: string;
  /** UUID of the user's `people` record (`/api/3/people/<uuid>`). */
  readonly uuid: string;
  /** May read but never write (any write answers 403). */
  readonly readOnly: boolean;
}

export interface SoarUserSpec {
  loginid: string;
  password?: string;
  name?: string;
  readOnly?: boolean;
}

export interface SoarKeyPair {
  readonly publicKey: string;
  readonly privateKey: string;
}

export class SoarUsers {
  readonly #users = new Map<string, SoarUser>();
  readonly #apiKeys = new Map<string, SoarUser>();
  readonly #keyPairs = new Map<string, { privateKey: string; user: SoarUser }>();

  constructor(private readonly newUuid: () => string) {}

  add(spec: SoarUserSpec): SoarUser {
    const user: SoarUser = {
      loginid: spec.loginid,
      password: spec.password ?? secret(12),
      name: spec.name ?? spec.loginid,
      uuid: this.newUuid(),
      readOnly: spec.readOnly ?? false,
    };
    this.#users.set(user.loginid, user);
    return user;
  }

  get(loginid: string): SoarUser | undefined {
    return this.#users.get(loginid);
  }

  all(): SoarUser[] {
    return [...this.#users.values()];
  }

  /** A new API key acting as `loginid`. */
  createApiKey(loginid: string): string {
    const key = secret(48);
    this.#apiKeys.set(key, this.#require(loginid));
    return key;
  }

  byApiKey(key: string): SoarUser | undefined {
    return this.#apiKeys.get(key);
  }

  /** A new HMAC key pair acting as `loginid` (an appliance's keys act as its service user). */
  createKeyPair(loginid: string): SoarKeyPair {
    const pair = { publicKey: secret(32), privateKey: secret(64) };
    this.#keyPairs.set(pair.publicKey, { privateKey: pair.privateKey, user: this.#require(loginid) });
    return pair;
  }

  privateKeyOf(publicKey: string): string | undefined {
    return this.#keyPairs.get(publicKey)?.privateKey;
  }

  byPublicKey(publicKey: string): SoarUser | undefined {
    return this.#keyPairs.get(publicKey)?.user;
  }

  #require(loginid: string): SoarUser {
    const user = this.#users.get(loginid);
    if (!user) throw new Error(`Unknown FortiSOAR user '${loginid}'`);
    return user;
  }
}

/** Letters and digits from a secure source, like the keys FortiSOAR generates. */
function secret(length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let out = '';
  for (const byte of randomBytes(length)) out += alphabet[byte % alphabet.length];
  return out;
}
