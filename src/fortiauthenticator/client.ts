import type { CallOptions, ClientOptions } from '../core/client-options.js';
import { PermissionDeniedError, ValidationError } from '../core/errors.js';
import { isRecord } from '../core/guards.js';
import type { QueryValue } from '../core/rest.js';
import { createRuntime } from '../core/runtime.js';
import type { HttpMethod } from '../core/transport.js';
import { createAuth, type FacAuth, type FacAuthOptions } from './auth.js';
import { FacCaller, type FacReply } from './caller.js';
import type { FacResourceFacts } from './facts.js';
import { FAC_RESOURCES } from './generated/table.js';
import { basicIdentity, type FortiAuthenticatorIdentity, tokenIdentity } from './identity.js';
import { FacAuthentication } from './jobs/authentication.js';
import { FacSso } from './jobs/sso.js';
import { FacUsers } from './jobs/users.js';
import { type FacContext, FacResourceHandle } from './resource.js';
import { type FacDescription, Schemas } from './schema.js';
import type { FacParentArgs, FacResource, FacResourceName } from './typing.js';
import { compareVersions, versionOfFirmware } from './version.js';

const API_PATH = '/api/v1';
/** The owner of a bearer token (OAuth), as FortiAuthenticator describes it. */
const USERINFO = { method: 'GET', path: '/oauth/userinfo/', idempotent: true } as const;
const RESOURCES = FAC_RESOURCES as unknown as Readonly<Record<string, FacResourceFacts>>;
/** Resources whose POST takes a list from this version on (answering 207 per item). */
const BULK_LISTS: Readonly<Record<string, string>> = { localusers: '8.0.3' };

export interface FortiAuthenticatorOptions extends ClientOptions, FacAuthOptions {
  /** The appliance: `https://fac.example.com` (a bare origin gets `/api/v1`). */
  url?: string | undefined;
  /** Check writes against the live schema (`/<resource>/schema/`) before sending (default false). */
  validate?: boolean | undefined;
  /**
   * The appliance's version (e.g. `6.6.2`), when known; otherwise bulk writes read it from
   * `systeminfo` once. It decides whether many objects go in one POST.
   */
  version?: string | undefined;
  /** Bulk creates: `auto` (by version, default), `lists` (always one POST per chunk), `single` (one POST per object). */
  bulk?: 'auto' | 'lists' | 'single' | undefined;
}

/**
 * FortiAuthenticator REST API (`/api/v1/`): every documented resource with only the methods it allows,
 * typed objects, bodies and filters, `meta.next` iteration with bounded memory, write replies of every
 * version turned into the resulting object, per-item results for bulk writes, and the everyday jobs
 * (users with tokens and groups, bulk provisioning, authentication, push, SSO events, HR clean-up).
 *
 * @example
 * await using fac = new FortiAuthenticator({ url: 'https://fac.example.com', username: 'api', apiKey });
 * for await (const user of fac.resource('localusers').iterate({ filter: { active: true } })) console.log(user.username);
 */
export class FortiAuthenticator implements AsyncDisposable {
  /** Local users: create with token and groups, provision in bulk, disable after an HR export. */
  readonly users: FacUsers;
  /** SSO logon/logoff events. */
  readonly sso: FacSso;
  readonly #caller: FacCaller;
  readonly #auth: FacAuth;
  readonly #context: FacContext;
  readonly #authn: FacAuthentication;
  readonly #close: () => Promise<void>;
  readonly #options: FortiAuthenticatorOptions;
  #version: Promise<string | undefined> | undefined;

  constructor(options: FortiAuthenticatorOptions) {
    if (options.bulk !== undefined && !['auto', 'lists', 'single'].includes(options.bulk)) {
      throw new ValidationError("bulk must be 'auto', 'lists' or 'single'", 'bulk');
    }
    const runtime = createRuntime(options, {
      product: 'fortiauthenticator',
      apiPath: API_PATH,
      secrets: [options.apiKey, options.password],
    });
    this.#options = options;
    this.#close = () => runtime.close();
    try {
      this.#auth = createAuth(options, runtime);
      this.#caller = new FacCaller(runtime, this.#auth.strategy);
    } catch (error) {
      void runtime.close();
      throw error;
    }
    const schemas = new Schemas(this.#caller);
    this.#context = {
      caller: this.#caller,
      schemas,
      validate: options.validate ?? false,
      bulkLists: (resource, call) => this.#bulkLists(resource, call),
    };
    this.#authn = new FacAuthentication(this);
    this.users = new FacUsers(this);
    this.sso = new FacSso(this);
  }

  /**
   * A handle on one resource, typed by its name; a sub-resource takes its parent object's id.
   *
   * @example
   * const filters = fac.resource('fgtgroupfilter/ssofilterobjects', 1);
   * await filters.create({ name: 'CN=VPN,DC=example,DC=com', obj_type: 'group' });
   */
  resource<N extends FacResourceName>(name: N, ...parent: FacParentArgs<N>): FacResource<N> {
    const facts = RESOURCES[name];
    if (!facts) throw new ValidationError(`Unknown FortiAuthenticator resource '${String(name)}'`, 'name');
    const [parentId] = parent as number[];
    const needsParent = facts.path.includes('{id}');
    if (needsParent && !Number.isSafeInteger(parentId)) {
      throw new ValidationError(`${name} is below another object: give its id`, 'parentId');
    }
    return new FacResourceHandle(
      this.#context,
      name,
      facts,
      needsParent ? parentId : undefined,
    ) as unknown as FacResource<N>;
  }

  /** The fields, methods and filters of a resource, from the appliance's live schema where it has one. */
  describe(name: FacResourceName, options: CallOptions = {}): Promise<FacDescription> {
    const facts = RESOURCES[name];
    if (!facts)
      return Promise.reject(
        new ValidationError(`Unknown FortiAuthenticator resource '${String(name)}'`, 'name'),
      );
    return this.#context.schemas.describe(name, facts, options);
  }

  /** `GET /api/v1/`: the resources the appliance lists, with their list and schema paths. */
  async directory(
    options: CallOptions = {},
  ): Promise<Record<string, { list_endpoint: string; schema: string }>> {
    const reply = await this.raw('GET', '/', options);
    return isRecord(reply.data)
      ? (reply.data as Record<string, { list_endpoint: string; schema: string }>)
      : {};
  }

  /** The appliance's version, read from `systeminfo` (undefined when the admin may not read it). */
  version(options: CallOptions = {}): Promise<string | undefined> {
    this.#version ??= this.#readVersion(options);
    return this.#version;
  }

  /**
   * Checks the credentials now and answers whose they are. Basic auth: the access key is tried on
   * `systeminfo` (which also tells the appliance, when the admin profile allows that read); OAuth:
   * the token is obtained (a second `login()` reuses it) and `oauth/userinfo/` names its owner.
   * Refused credentials are an `AuthError` at once.
   *
   * @example
   * const me = await fac.login(); // { auth: 'basic', user: 'api_admin', system: { version: '6.6.2', … }, … }
   */
  async login(options: CallOptions = {}): Promise<FortiAuthenticatorIdentity> {
    const { mode, oauth } = this.#auth;
    if (mode === 'basic') {
      try {
        return basicIdentity(this.#options.username, await this.resource('systeminfo').get(options));
      } catch (error) {
        // The key was accepted; the admin profile just does not include the system information.
        if (error instanceof PermissionDeniedError) return basicIdentity(this.#options.username, undefined);
        throw error;
      }
    }
    const token = oauth ? await oauth.login(options) : { scope: undefined, expiresAt: undefined };
    const userinfo = await this.#caller.call(USERINFO, options);
    return tokenIdentity(mode, userinfo.data, token);
  }

  /** Validates a user's password and/or token code (`/auth/`, or `/realmauth/` with a realm). */
  authenticate(...args: Parameters<FacAuthentication['authenticate']>) {
    return this.#authn.authenticate(...args);
  }

  /** Sends a push to the user's FortiToken Mobile and waits for the answer. */
  push(...args: Parameters<FacAuthentication['push']>) {
    return this.#authn.push(...args);
  }

  /** Answers a push as FortiToken Mobile does (`/pushauthresp/`). */
  pushResponse(...args: Parameters<FacAuthentication['pushResponse']>) {
    return this.#authn.pushResponse(...args);
  }

  /**
   * Any call, with the client's auth, retries and error mapping: the escape hatch for what the
   * typed handles do not cover. `path` is below `/api/v1`.
   *
   * @example
   * const reply = await fac.raw('GET', '/localusers/', { query: { username__exact: 'alice' } });
   */
  raw(
    method: HttpMethod,
    path: string,
    options: CallOptions & {
      query?: Readonly<Record<string, QueryValue | readonly QueryValue[] | undefined>>;
      json?: unknown;
    } = {},
  ): Promise<FacReply> {
    if (!path.startsWith('/')) return Promise.reject(new ValidationError('path must start with /', 'path'));
    const { query, json, ...call } = options;
    return this.#caller.call(
      {
        method,
        path: this.#caller.pathOfLink(path).replace(/[{}]/g, encodeURIComponent),
        idempotent: method !== 'POST',
      },
      { ...call, query, json },
    );
  }

  /** Revokes the OAuth token this client obtained (if any) and closes its sockets. Idempotent. */
  close(): Promise<void> {
    return this.#close();
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  async #readVersion(options: CallOptions): Promise<string | undefined> {
    if (this.#options.version) return this.#options.version;
    try {
      const info = await this.resource('systeminfo').get(options);
      return versionOfFirmware(String(info.firmware ?? ''));
    } catch (error) {
      this.#version = undefined;
      if (error instanceof Error && 'category' in error) return undefined;
      throw error;
    }
  }

  async #bulkLists(resource: string, options?: CallOptions): Promise<boolean> {
    const mode = this.#options.bulk ?? 'auto';
    if (mode !== 'auto') return mode === 'lists';
    const since = BULK_LISTS[resource];
    if (!since) return false;
    const version = await this.version(options);
    return version !== undefined && compareVersions(version, since) >= 0;
  }
}
