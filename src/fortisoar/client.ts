import { type AuthStrategy, SessionAuth, StaticAuth } from '../core/auth.js';
import type { CallOptions, ClientOptions } from '../core/client-options.js';
import { ValidationError } from '../core/errors.js';
import type { RestReply } from '../core/rest.js';
import { createRuntime } from '../core/runtime.js';
import type { HttpMethod } from '../core/transport.js';
import { Agents } from './agents.js';
import { HmacAuth } from './auth/hmac.js';
import { type FortiSoarIdentity, type SoarAuthMode, soarIdentity } from './auth/identity.js';
import { jwtLogin } from './auth/login.js';
import { callOptions, SoarCaller } from './caller.js';
import { Connectors } from './connectors.js';
import { ENDPOINTS } from './endpoints.js';
import { Files } from './files.js';
import { Picklists } from './picklists.js';
import { Playbooks } from './playbooks.js';
import { Records } from './records.js';
import type { Alert, Incident, Indicator, SoarRecord, Task } from './types.js';

export interface FortiSoarOptions extends ClientOptions {
  /** The appliance, e.g. `https://soar.example.com`. */
  url: string | undefined;
  /** A user's login id: the client logs in (`/auth/authenticate`), renews the token on a 401 and logs out on close. */
  username?: string | undefined;
  password?: string | undefined;
  /** An API key, sent as `Authorization: API-KEY <key>`. */
  apiKey?: string | undefined;
  /** An appliance key pair: every request is signed (HMAC-SHA256, `Authorization: CS ...`). */
  publicKey?: string | undefined;
  privateKey?: string | undefined;
}

/** A raw call: any method and path, with the client's auth; the reply is answered whatever its status. */
export interface RawRequest extends CallOptions {
  method: HttpMethod;
  /** Path and query, e.g. `/api/3/alerts?$limit=1` or `/api/wf/api/workflows/`. */
  path: string;
  query?: Readonly<Record<string, string | number | boolean | undefined>>;
  json?: unknown;
  /** Safe to send twice (retried after transient failures); default: GET only. */
  idempotent?: boolean;
}

/**
 * FortiSOAR: records and the query API, connectors and agents, playbooks, files. Authenticates with
 * a username/password (JWT), an API key or an HMAC key pair, on the shared fortix runtime.
 *
 * @example
 * await using soar = new FortiSoar({ url: 'https://soar.example.com', apiKey: process.env.SOAR_API_KEY });
 * const high = await soar.picklists.iri('Severity', 'High');
 * const alert = await soar.alerts.create({ name: 'Suspicious login', severity: high });
 */
export class FortiSoar implements AsyncDisposable {
  readonly alerts: Records<Alert>;
  readonly incidents: Records<Incident>;
  readonly tasks: Records<Task>;
  readonly indicators: Records<Indicator>;
  readonly picklists: Picklists;
  readonly connectors: Connectors;
  readonly agents: Agents;
  readonly playbooks: Playbooks;
  readonly files: Files;
  readonly #caller: SoarCaller;
  readonly #mode: SoarAuthMode;
  readonly #loginId: string | undefined;
  readonly #close: () => Promise<void>;

  constructor(options: FortiSoarOptions) {
    const mode = authMode(options);
    this.#mode = mode;
    this.#loginId = mode === 'password' ? options.username : undefined;
    const runtime = createRuntime(options, {
      product: 'fortisoar',
      secrets: [options.password, options.apiKey, options.privateKey],
    });
    const auth = buildAuth(mode, options, runtime);
    runtime.onClose(() => auth.close());
    this.#close = () => runtime.close();
    this.#caller = new SoarCaller(runtime, auth);
    this.alerts = this.records<Alert>('alerts');
    this.incidents = this.records<Incident>('incidents');
    this.tasks = this.records<Task>('tasks');
    this.indicators = this.records<Indicator>('indicators');
    this.picklists = new Picklists(this.#caller);
    this.connectors = new Connectors(this.#caller, runtime.clock);
    this.agents = new Agents(this.#caller);
    this.playbooks = new Playbooks(this.#caller, runtime.clock);
    this.files = new Files(this.#caller);
  }

  /** The records of any module, e.g. `records('assets')`. */
  records<T extends SoarRecord = SoarRecord>(module: string): Records<T> {
    return new Records<T>(this.#caller, module);
  }

  /**
   * Any request, with the client's auth (renewed once on a 401); the reply's status, headers and
   * JSON are answered, errors included.
   *
   * @example
   * const { status, data } = await soar.raw({ method: 'GET', path: '/api/3/model_metadatas' });
   */
  async raw(request: RawRequest): Promise<RestReply> {
    if (typeof request?.path !== 'string' || !request.path.startsWith('/'))
      throw new ValidationError('path must start with /', 'path');
    return this.#caller.raw(
      {
        method: request.method,
        path: request.path,
        idempotent: request.idempotent ?? request.method === 'GET',
      },
      { query: request.query, json: request.json, signal: request.signal, timeoutMs: request.timeoutMs },
    );
  }

  /**
   * Checks the credentials now (a login gets its token; a second `login()` reuses it) and answers
   * who the calls run as: the actor FortiSOAR names for the token, API key or key pair
   * (`GET /api/3/actors/current`). Refused credentials are an `AuthError` at once.
   *
   * @example
   * const me = await soar.login(); // { auth: 'api-key', name: 'CS Admin', iri: '/api/3/people/…', … }
   */
  async login(options: CallOptions = {}): Promise<FortiSoarIdentity> {
    const actor = await this.#caller.call<unknown>(ENDPOINTS.currentActor, callOptions(options));
    return soarIdentity(actor, { auth: this.#mode, loginId: this.#loginId });
  }

  /** Logs out (a login session) and closes the sockets. Idempotent. */
  close(): Promise<void> {
    return this.#close();
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}

function authMode(options: FortiSoarOptions): SoarAuthMode {
  const modes: SoarAuthMode[] = [];
  if (options.username !== undefined || options.password !== undefined) modes.push('password');
  if (options.apiKey !== undefined) modes.push('api-key');
  if (options.publicKey !== undefined || options.privateKey !== undefined) modes.push('hmac');
  if (modes.length !== 1) {
    throw new ValidationError(
      modes.length === 0
        ? 'FortiSOAR needs credentials: username + password, apiKey, or publicKey + privateKey'
        : `Give one kind of FortiSOAR credentials, not ${modes.join(' and ')}`,
      'auth',
    );
  }
  const [mode] = modes as [SoarAuthMode];
  const pairs: Record<SoarAuthMode, [string, unknown][]> = {
    password: [
      ['username', options.username],
      ['password', options.password],
    ],
    'api-key': [['apiKey', options.apiKey]],
    hmac: [
      ['publicKey', options.publicKey],
      ['privateKey', options.privateKey],
    ],
  };
  for (const [field, value] of pairs[mode]) {
    if (typeof value !== 'string' || value === '')
      throw new ValidationError(`${field} must be a non-empty string`, field);
  }
  return mode;
}

function buildAuth(
  mode: SoarAuthMode,
  options: FortiSoarOptions,
  runtime: ReturnType<typeof createRuntime>,
): AuthStrategy {
  switch (mode) {
    case 'password':
      return new SessionAuth(jwtLogin(runtime, options.username!, options.password!), {
        redactor: runtime.redactor,
        log: runtime.log,
        product: 'FortiSOAR',
      });
    case 'api-key':
      return new StaticAuth({ authorization: `API-KEY ${options.apiKey}` });
    case 'hmac': {
      const base = new URL(runtime.url);
      return new HmacAuth(
        { publicKey: options.publicKey!, privateKey: options.privateKey! },
        `${base.origin}${base.pathname.replace(/\/+$/, '')}`,
        runtime.clock,
      );
    }
  }
}
