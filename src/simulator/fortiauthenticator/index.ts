/**
 * The simulated FortiAuthenticator REST API (`/api/v1/`): every documented resource with state, the
 * Tastypie envelope and `resource_uri`s, HTTP Basic with the web-service access key, OAuth, the
 * write replies of the chosen version, and hooks for tests (token codes, the outbox, pushes).
 *
 * @example
 * await using sim = await startSimulator({ products: ['fortiauthenticator'], fortiauthenticator: { version: '6.6' } });
 * const { username, apiKey } = sim.fortiauthenticator.credentials;
 */
import type { TokenStats } from '../forticloud/tokens.js';
import { asSimProduct, defineSimPlugin } from '../plugin.js';
import type { SimProduct, SimProductHandler } from '../types.js';
import { Admins, type SimAdmin, type SimAdminSpec } from './admins.js';
import { FacSim, type SimMessage } from './engine.js';
import { allHooks } from './hooks/index.js';
import { type PushOptions, PushSessions, type SimPush } from './hooks/push.js';
import { FacServices, type SsoSession } from './hooks/services.js';
import { addTokens, type TokenSpec, tokenBySerial, totp } from './hooks/tokens.js';
import { type OAuthOptions, OAuthService, type SimOAuthClient } from './oauth.js';
import { FacRouter } from './router.js';
import { addLocalUsers, type SeedOptions, seed } from './seed.js';
import { DEFAULT_VERSION, parseVersion, writeStyle } from './versions.js';

export type { SimAdmin, SimAdminAccess, SimAdminSpec } from './admins.js';
export type { SimMessage } from './engine.js';
export type { PushOptions, SimPush } from './hooks/push.js';
export type { SsoSession } from './hooks/services.js';
export type { TokenSpec } from './hooks/tokens.js';
export type { SimOAuthClient } from './oauth.js';
export { DEFAULT_VERSION } from './versions.js';

export interface FortiAuthenticatorSimOptions extends OAuthOptions {
  /**
   * The version whose write replies to give (default `8.0.3`): `4.0`-`5.x` answer POST with 201, an
   * empty body and an absolute `Location`, PATCH with 202 and no body; `6.x`-`7.x` POST like that
   * (with a path `Location`) and PATCH with the object; `8.0.0`+ POST with the object, and `8.0.3`+
   * POST to `localusers` (one object or a list) with 207 and per-item results.
   */
  version?: string;
  /** Administrators besides the default `admin` (full access). */
  admins?: SimAdminSpec[];
  /** The token pool and local users at start. */
  seed?: SeedOptions;
  /** How the simulated users answer push authentication. */
  push?: PushOptions;
  /** Whether the SSO web service is on (default true; off, `/ssoauth/` answers 404). */
  sso?: boolean;
}

/** The simulated FortiAuthenticator and what tests can do to it directly. */
export interface FortiAuthenticatorSimulator {
  readonly handler: SimProductHandler;
  readonly version: string;
  /** The default administrator (full access). */
  readonly admin: SimAdmin;
  /** The OAuth application clients use (public: no secret). */
  readonly oauthClient: SimOAuthClient;
  addAdmin(spec?: SimAdminSpec): SimAdmin;
  addOAuthClient(client: SimOAuthClient): SimOAuthClient;
  /** Adds `n` local users (`<prefix>0001`, password `<username>-pw`) at once; returns their ids. */
  addUsers(n: number, prefix?: string): number[];
  /** Adds tokens to the pool; returns their serial numbers. */
  addTokens(n: number, spec: TokenSpec): string[];
  /** Adds a FortiGate group filter (the API cannot create them); returns its id. */
  addGroupFilter(filter: { shortname: string; nasname: string }): number;
  /** The code a user's (or a serial's) FortiToken shows now. */
  tokenCode(usernameOrSerial: string): string;
  /** Mails and SMS the appliance sent: activations, generated passwords, e-mail/SMS token codes. */
  readonly outbox: readonly SimMessage[];
  /** Pushes waiting for an answer. */
  pushes(): SimPush[];
  /** Answers a pending push as the user would on the phone. */
  answerPush(sessionId: string, approve: boolean): boolean;
  /** FortiSSO sessions, from `/ssoauth/` logon events. */
  ssoSessions(): SsoSession[];
  /**
   * Makes the next `times` FortiToken Mobile activations fail as the appliance sometimes does: the
   * user is created and the mail sent, yet the reply is 400 "Failed to send FortiToken Mobile
   * activation message".
   */
  failActivationMail(times?: number): void;
  /** OAuth tokens issued, refreshed, revoked and still active. */
  tokenStats(): TokenStats;
  /** Every object of a collection, as GET shows it. */
  objects(resource: string, parent?: number): Record<string, unknown>[];
  /** A singleton, as GET shows it. */
  settings(resource: string): Record<string, unknown>;
}

export type FortiAuthenticatorSimProduct = FortiAuthenticatorSimulator & SimProduct;

export const fortiauthenticatorPlugin = defineSimPlugin({
  name: 'fortiauthenticator',
  create(ctx, options: FortiAuthenticatorSimOptions | undefined): FortiAuthenticatorSimProduct {
    const sim = createFortiAuthenticatorSimulator(ctx, options);
    return asSimProduct(sim, ctx.origin, () => ({
      username: sim.admin.username,
      apiKey: sim.admin.apiKey,
      password: sim.admin.password,
      clientId: sim.oauthClient.clientId,
    }));
  },
});

export function createFortiAuthenticatorSimulator(
  ctx: Parameters<(typeof fortiauthenticatorPlugin)['create']>[0],
  options: FortiAuthenticatorSimOptions = {},
): FortiAuthenticatorSimulator {
  const version = options.version ?? DEFAULT_VERSION;
  parseVersion(version);
  const admins = new Admins(ctx.random);
  const admin = admins.add({ username: 'admin' });
  for (const spec of options.admins ?? []) admins.add(spec);
  const services = new FacServices();
  services.ssoEnabled = options.sso ?? true;
  const pushes = new PushSessions(options.push);
  const sim = new FacSim({
    clock: ctx.clock,
    random: ctx.random,
    origin: ctx.origin,
    version,
    style: writeStyle(version),
    admins,
    hooks: allHooks(services, pushes),
  });
  const oauth = new OAuthService(
    {
      clock: ctx.clock,
      random: ctx.random,
      admins,
      localUser(username) {
        const row = sim.collection('localusers').find('username', username);
        if (!row) return undefined;
        const groups = sim.valueOf('localusers', row, 'user_groups') as string[];
        return {
          username,
          password: row.data.password as string | undefined,
          email: String(row.data.email ?? ''),
          groups: groups.map((uri) => String(sim.lookup('usergroups', 'uri', uri)?.data.name ?? '')),
        };
      },
    },
    options,
  );
  seed(sim, options.seed);
  const router = new FacRouter(sim, oauth, ctx.faults);

  return {
    handler: {
      product: 'fortiauthenticator',
      handles: (path) => path.startsWith('/api/'),
      handle: (req) => router.handle(req),
      close: () => pushes.close(),
    },
    version,
    admin,
    oauthClient: oauth.defaultClient,
    addAdmin: (spec) => admins.add(spec),
    addOAuthClient: (client) => oauth.addClient(client),
    addUsers: (n, prefix) => addLocalUsers(sim, n, prefix),
    addTokens: (n, spec) => addTokens(sim, n, spec),
    addGroupFilter: (filter) => sim.collection('fgtgroupfilter').insert({ ...filter, sso_groups: [] }).id,
    tokenCode(name) {
      const user = sim.collection('localusers').find('username', name);
      const serial = user ? user.data._token : name;
      const token = typeof serial === 'string' ? tokenBySerial(sim, serial) : undefined;
      if (!token) throw new Error(`No FortiToken for '${name}'`);
      return totp(token.data._secret as string, ctx.clock.now());
    },
    outbox: sim.outbox,
    pushes: () => pushes.pending(),
    answerPush: (sessionId, approve) => pushes.answer(sessionId, approve),
    ssoSessions: () => [...services.sso.values()],
    failActivationMail(times = 1) {
      services.activationFailures += times;
    },
    tokenStats: () => oauth.stats(),
    objects: (resource, parent) =>
      sim
        .collection(resource)
        .rows(parent)
        .map((row) => sim.render(resource, row)),
    settings: (resource) => sim.singletonView(resource),
  };
}
