import type { ClientOptions } from '../core/client-options.js';
import { ValidationError } from '../core/errors.js';
import type { RateLimiter } from '../core/rate-limit.js';
import { createRuntime } from '../core/runtime.js';
import { FORTICLOUD_AUTH_URL, FortiCloudAuth, type FortiCloudIdentity } from '../forticloud/auth.js';
import type { FortiCloudToken } from '../forticloud/token-reply.js';
import { Caller, type CallOptions } from './caller.js';
import { Contracts } from './contracts.js';
import type { EndpointSpec } from './endpoints.js';
import { Folders } from './folders.js';
import { Licenses } from './licenses.js';
import { createFortiCareLimiter, type FortiCareLimits, resolveLimits } from './limits.js';
import { Products } from './products.js';
import { Services } from './services.js';
import type { Envelope } from './types.js';

/** FortiCare Asset Management V3 API. */
export const FORTICARE_BASE_URL = 'https://support.fortinet.com/ES/api/registration/v3';
const API_PATH = '/ES/api/registration/v3';
/** OAuth client id of the Asset Management portal. */
export const FORTICARE_CLIENT_ID = 'assetmanagement';

export interface FortiCareOptions extends ClientOptions {
  /**
   * The V3 API (default {@link FORTICARE_BASE_URL}); a bare origin gets `/ES/api/registration/v3`.
   */
  url?: string | undefined;
  /** IAM API user id ("API ID" of the downloaded credentials). */
  username?: string | undefined;
  /** IAM API user password. */
  password?: string | undefined;
  /** An access token obtained elsewhere (instead of, or in addition to, username/password). */
  token?: string | FortiCloudToken | undefined;
  /** Account to act on by default (mandatory for Organization-scope API users). */
  accountId?: number | undefined;
  /** FortiCloud OAuth; a bare origin gets `/api/v1/oauth`. Default https://customerapiauth.fortinet.com/api/v1/oauth. */
  authUrl?: string | undefined;
  /** OAuth client id. Default `assetmanagement`. */
  clientId?: string | undefined;
  /** Reuse a FortiCloudAuth (shared token); the client then neither revokes nor closes it. */
  auth?: FortiCloudAuth | undefined;
  /** The account's limits, when they differ from the documented ones. */
  limits?: FortiCareLimits | undefined;
  /** Share one limiter between clients of the same API user. */
  limiter?: RateLimiter | undefined;
}

/** Who a FortiCare client acts as: its FortiCloud OAuth login and the default account. */
export interface FortiCareIdentity extends FortiCloudIdentity {
  /** The account calls act on when they name none (`accountId` option). */
  readonly accountId: number | undefined;
}

/**
 * FortiCare Asset Management V3: products, licenses, contracts, folders, services. Logs in with
 * FortiCloud OAuth, keeps the documented limits (100 calls/min, 1000/h, 10 errors/h, 10 units per
 * batch) by construction, validates input before anything is sent, and revokes its token on close.
 *
 * @example
 * await using fc = new FortiCare({ username: process.env.FC_API_ID, password: process.env.FC_PASSWORD });
 * const details = await fc.products.details('FGT60FTK1234ABCD');
 */
export class FortiCare implements AsyncDisposable {
  readonly products: Products;
  readonly licenses: Licenses;
  readonly contracts: Contracts;
  readonly folders: Folders;
  readonly services: Services;
  /** The limiter this client schedules its calls with (share it via `options.limiter`). */
  readonly limiter: RateLimiter;
  readonly #caller: Caller;
  readonly #auth: FortiCloudAuth;
  readonly #accountId: number | undefined;
  readonly #close: () => Promise<void>;

  constructor(options: FortiCareOptions) {
    if (typeof options !== 'object' || options === null) {
      throw new ValidationError('FortiCare options must be an object', 'options');
    }
    const limits = resolveLimits(options.limits);
    if (
      options.accountId !== undefined &&
      (!Number.isSafeInteger(options.accountId) || options.accountId < 1)
    ) {
      throw new ValidationError('accountId must be a positive integer', 'accountId');
    }
    const auth = options.auth ?? newAuth(options);
    this.#auth = auth;
    this.#accountId = options.accountId;
    const runtime = createRuntime(options, {
      product: 'forticare',
      defaultUrl: FORTICARE_BASE_URL,
      apiPath: API_PATH,
      redactor: auth.redactor,
    });
    if (!options.auth) runtime.onClose(() => auth.close());
    this.#close = () => runtime.close();
    this.limiter = options.limiter ?? createFortiCareLimiter(limits, runtime.clock);
    this.#caller = new Caller({
      runtime,
      auth: auth.bearer(),
      limiter: this.limiter,
      accountId: options.accountId,
    });
    this.products = new Products(this.#caller, limits.unitsPerBatch);
    this.licenses = new Licenses(this.#caller);
    this.contracts = new Contracts(this.#caller);
    this.folders = new Folders(this.#caller);
    this.services = new Services(this.#caller);
  }

  /**
   * Calls any V3 endpoint as described by `spec` (see ENDPOINTS), with the client's auth, limits and
   * error mapping; for endpoints this SDK does not wrap yet.
   *
   * @example
   * const reply = await fc.raw(ENDPOINTS.productsList, { serialNumber: 'FGT%' });
   */
  raw<R extends Envelope>(spec: EndpointSpec, body: object, options?: CallOptions): Promise<R> {
    return this.#caller.call<R>(spec, body, options);
  }

  /**
   * Checks the credentials now (the FortiCloud OAuth login, not spent on a FortiCare call or its
   * rate limits) and answers the API user, the token's scope and expiry, and the default account.
   * A refused login is an `AuthError` at once; a second `login()` reuses the token.
   *
   * @example
   * const { user, scope, expiresAt } = await fc.login();
   */
  async login(options: { signal?: AbortSignal } = {}): Promise<FortiCareIdentity> {
    const identity = await this.#auth.login(options);
    return { ...identity, accountId: this.#accountId };
  }

  /** Revokes the token this client obtained and closes its sockets. Idempotent. */
  close(): Promise<void> {
    return this.#close();
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}

function newAuth(options: FortiCareOptions): FortiCloudAuth {
  return new FortiCloudAuth({
    ...options,
    clientId: options.clientId ?? FORTICARE_CLIENT_ID,
    url: options.authUrl ?? FORTICLOUD_AUTH_URL,
  });
}
