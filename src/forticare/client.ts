import type { Dispatcher } from 'undici';
import { type Clock, systemClock } from '../core/clock.js';
import { ValidationError } from '../core/errors.js';
import { Disposer } from '../core/lifecycle.js';
import { type Logger, Redactor, SafeLog } from '../core/logging.js';
import type { RateLimiter } from '../core/rate-limit.js';
import type { RetryOptions } from '../core/retry.js';
import type { TlsOptions } from '../core/tls.js';
import { HttpTransport } from '../core/transport.js';
import { FORTICLOUD_AUTH_URL, FortiCloudAuth } from '../forticloud/auth.js';
import type { FortiCloudToken } from '../forticloud/token-reply.js';
import { serviceUrl } from '../forticloud/urls.js';
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

export interface FortiCareOptions {
  /** IAM API user id ("API ID" of the downloaded credentials). */
  username?: string;
  /** IAM API user password. */
  password?: string;
  /** An access token obtained elsewhere (instead of, or in addition to, username/password). */
  token?: string | FortiCloudToken;
  /** Account to act on by default (mandatory for Organization-scope API users). */
  accountId?: number;
  /** One origin serving both the API and OAuth (e.g. the simulator's `sim.url`). */
  url?: string;
  /** V3 API base; a bare origin gets `/ES/api/registration/v3`. Default {@link FORTICARE_BASE_URL}. */
  baseUrl?: string;
  /** FortiCloud OAuth base; a bare origin gets `/api/v1/oauth`. Default https://customerapiauth.fortinet.com/api/v1/oauth. */
  authUrl?: string;
  /** OAuth client id. Default `assetmanagement`. */
  clientId?: string;
  /** Reuse a FortiCloudAuth (shared token); the client then neither revokes nor closes it. */
  auth?: FortiCloudAuth;
  tls?: TlsOptions;
  /** Per call, default 60 s. */
  timeoutMs?: number;
  /** Default 10 s. */
  connectTimeoutMs?: number;
  /** Safe repeats only (reads, and calls FortiCare refused with 429); `false` turns retries off. */
  retry?: RetryOptions | false;
  /** The account's limits, when they differ from the documented ones. */
  limits?: FortiCareLimits;
  /** Share one limiter between clients of the same API user. */
  limiter?: RateLimiter;
  logger?: Logger;
  clock?: Clock;
  /** Injectable undici dispatcher (tests, proxies). */
  dispatcher?: Dispatcher;
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
  readonly #disposer = new Disposer();

  constructor(options: FortiCareOptions) {
    const clock = options.clock ?? systemClock;
    const limits = resolveLimits(options.limits);
    if (
      options.accountId !== undefined &&
      (!Number.isSafeInteger(options.accountId) || options.accountId < 1)
    ) {
      throw new ValidationError('accountId must be a positive integer', 'accountId');
    }
    const retry = options.retry === false ? { retries: 0 } : options.retry;
    const redactor = options.auth?.redactor ?? new Redactor();
    const log = new SafeLog(options.logger, redactor);
    const auth = options.auth ?? newAuth(options, retry, redactor, clock);
    const transport = new HttpTransport({
      baseUrl: serviceUrl(options.baseUrl ?? options.url ?? FORTICARE_BASE_URL, API_PATH, 'baseUrl'),
      tls: options.tls,
      timeoutMs: options.timeoutMs,
      connectTimeoutMs: options.connectTimeoutMs,
      log,
      redactor,
      dispatcher: options.dispatcher,
    });
    this.#disposer.add(() => transport.close());
    if (!options.auth) this.#disposer.add(() => auth.close());
    this.limiter = options.limiter ?? createFortiCareLimiter(limits, clock);
    this.#caller = new Caller({
      transport,
      auth,
      limiter: this.limiter,
      clock,
      log,
      retry,
      accountId: options.accountId,
    });
    this.products = new Products(this.#caller, limits.unitsPerBatch);
    this.licenses = new Licenses(this.#caller);
    this.contracts = new Contracts(this.#caller);
    this.folders = new Folders(this.#caller);
    this.services = new Services(this.#caller);
  }

  /** Calls any V3 endpoint as described by `spec` (see ENDPOINTS); for endpoints this SDK does not wrap yet. */
  request<R extends Envelope>(spec: EndpointSpec, body: object, options?: CallOptions): Promise<R> {
    return this.#caller.call<R>(spec, body, options);
  }

  /** Revokes the token this client obtained and closes its sockets. Idempotent. */
  close(): Promise<void> {
    return this.#disposer.dispose();
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}

function newAuth(
  options: FortiCareOptions,
  retry: RetryOptions | undefined,
  redactor: Redactor,
  clock: Clock,
): FortiCloudAuth {
  return new FortiCloudAuth({
    clientId: options.clientId ?? FORTICARE_CLIENT_ID,
    username: options.username,
    password: options.password,
    token: options.token,
    url: options.authUrl ?? options.url ?? FORTICLOUD_AUTH_URL,
    tls: options.tls,
    retry,
    logger: options.logger,
    redactor,
    clock,
    dispatcher: options.dispatcher,
  });
}
