/**
 * The simulated FortiSOAR: JWT login, API keys and HMAC-signed requests (checked for real);
 * modules of records with picklists, relationships and hydra paging; the query API; connectors with
 * configurations, operations, Connector Studio and Content Hub installs; remote agents; playbooks
 * whose runs progress; files. It serves unmodified third-party clients too: they log in before
 * every call, percent-encode `$` keys (`%24limit`) and may send the JSON login as multipart.
 *
 * @example
 * await using sim = await startSimulator({ products: ['fortisoar'] });
 * const { username, password } = sim.fortisoar.credentials;
 * sim.fortisoar.seedRecords('alerts', 100_000);
 */
import type { SimContext } from '../context.js';
import { asSimProduct, defineSimPlugin } from '../plugin.js';
import type { SimOrigin, SimProduct, SimProductHandler, SimRequest, SimResponse } from '../types.js';
import { AUTH_MESSAGES, type AuthStats, SoarAuth } from './auth/gate.js';
import { type SoarKeyPair, type SoarUser, type SoarUserSpec, SoarUsers } from './auth/users.js';
import { Agents, registerAgentRoutes } from './connectors/agents.js';
import { PREINSTALLED } from './connectors/catalog.js';
import { registerInstallRoutes } from './connectors/install.js';
import { registerConnectorRoutes } from './connectors/routes.js';
import { IntegrationState } from './connectors/state.js';
import { checkOut, registerStudioRoutes } from './connectors/studio.js';
import { registerFileRoutes } from './files/routes.js';
import type { SoarHandler } from './http/call.js';
import { hydraError, SoarFailure, unauthorized } from './http/replies.js';
import { Router } from './http/router.js';
import { registerMiscRoutes } from './misc.js';
import { type PlaybookScript, seedPlaybooks } from './playbooks/catalog.js';
import { registerPlaybookRoutes } from './playbooks/routes.js';
import { PlaybookRuns } from './playbooks/runs.js';
import { registerBulkRoutes } from './records/bulk.js';
import { registerPicklistRoutes } from './records/picklist-routes.js';
import { Picklists } from './records/picklists.js';
import { registerQueryRoutes } from './records/query.js';
import { registerRecordRoutes } from './records/routes.js';
import { seedRecords } from './records/seed.js';
import { RecordService } from './records/service.js';
import { RecordStore, type SoarRecord } from './records/store.js';
import { uuidSource } from './uuid.js';

export type { SoarKeyPair, SoarUser, SoarUserSpec } from './auth/users.js';

export interface FortiSoarSimOptions {
  /** Lifetime of a login token (default 30 minutes of simulator time). */
  tokenTtlMs?: number;
  /** Largest clock difference accepted in an HMAC signature (default 5 minutes). */
  hmacMaxSkewMs?: number;
  /** Simulated time per step of an import job, an agent install or action, and a playbook step (default 100 ms). */
  stepMs?: number;
  /** Users besides `csadmin` (read-write) and `analyst` (read-only). */
  users?: SoarUserSpec[];
}

export interface FortiSoarSimStats extends AuthStats {
  /** Calls that reached a route (logins excepted). */
  calls: number;
  /** Playbook runs started. */
  runs: number;
}

/** The simulated FortiSOAR and its control surface for tests. */
export interface FortiSoarSimulator {
  readonly handler: SimProductHandler;
  /** The read-write administrator. */
  readonly admin: SoarUser;
  /** A read-only analyst: every write answers 403. */
  readonly analyst: SoarUser;
  /** An API key of the administrator (`Authorization: API-KEY <key>`). */
  readonly apiKey: string;
  /** An HMAC key pair of the administrator (`Authorization: CS <signature>`). */
  readonly keyPair: SoarKeyPair;
  /** The `agentId` of the appliance's own agent, and of a remote agent that is online. */
  readonly agents: { readonly self: string; readonly online: string; readonly offline: string };
  addUser(spec: SoarUserSpec): SoarUser;
  createApiKey(loginid?: string): string;
  createKeyPair(loginid?: string): SoarKeyPair;
  /** Appends `count` records quickly; returns their IRIs. */
  seedRecords(module: string, count: number, fill?: (n: number) => Record<string, unknown>): string[];
  /** Live records of a module (the recycle bin excluded). */
  count(module: string): number;
  /** A record as `GET` answers it (with relationships), or undefined. */
  record(iri: string): Record<string, unknown> | undefined;
  /** The IRI of a picklist item, e.g. `picklistIri('Severity', 'High')`. */
  picklistIri(list: string, value: string): string;
  /** The playbooks as `{ name, uuid, route, trigger }`. */
  playbooks(): Array<{ name: string; uuid: string; route: string; trigger: string }>;
  /** Every login token issued so far stops working (as when its 30 minutes have passed). */
  expireTokens(): void;
  /** Takes a remote agent off (or back on) the message bus. */
  setAgentOnline(agentId: string, online: boolean): void;
  stats(): FortiSoarSimStats;
}

/** FortiSOAR as a simulator product; credentials name the client options (`username`, `password`, `apiKey`, `publicKey`, `privateKey`). */
export type FortiSoarSimProduct = FortiSoarSimulator & SimProduct;

export const fortisoarPlugin = defineSimPlugin({
  name: 'fortisoar',
  create(ctx, options: FortiSoarSimOptions | undefined): FortiSoarSimProduct {
    const sim = createFortiSoarSimulator(ctx, ctx.origin, options);
    const credentials = {
      username: sim.admin.loginid,
      password: sim.admin.password,
      apiKey: sim.apiKey,
      publicKey: sim.keyPair.publicKey,
      privateKey: sim.keyPair.privateKey,
    };
    return asSimProduct(sim, ctx.origin, () => credentials);
  },
});

const LOGIN_PATH = '/auth/authenticate';

export function createFortiSoarSimulator(
  ctx: SimContext,
  origin: SimOrigin,
  options: FortiSoarSimOptions = {},
): FortiSoarSimulator {
  const newUuid = uuidSource(ctx.random);
  const stepMs = options.stepMs ?? 100;
  const users = new SoarUsers(newUuid);
  const admin = users.add({ loginid: 'csadmin', password: 'Fortinet#Soar1', name: 'CS Admin' });
  const analyst = users.add({
    loginid: 'analyst',
    password: 'Analyst#Soar1',
    name: 'SOC Analyst',
    readOnly: true,
  });
  for (const spec of options.users ?? []) users.add(spec);
  const auth = new SoarAuth(
    users,
    ctx.clock,
    { tokenTtlMs: options.tokenTtlMs ?? 30 * 60_000, hmacMaxSkewMs: options.hmacMaxSkewMs ?? 5 * 60_000 },
    () => new URL(origin.url).protocol.slice(0, -1),
  );
  const picklists = new Picklists(newUuid);
  const records = new RecordService(new RecordStore(), picklists, ctx.clock, newUuid);
  const personIri = (user: SoarUser) => `/api/3/people/${user.uuid}`;
  const addPerson = (user: SoarUser) =>
    records.create(
      'people',
      { uuid: user.uuid, userId: user.loginid, name: user.name, firstname: user.name },
      personIri(admin),
    );
  for (const user of users.all()) addPerson(user);

  const agentIds = { self: 'fsr-self-agent', online: 'edge-1', offline: 'edge-2' };
  const availableIri = picklists.iri('AgentStatus', 'Available')!;
  for (const [agentId, name] of [
    [agentIds.self, 'Self Agent'],
    [agentIds.online, 'Edge Collector 1'],
    [agentIds.offline, 'Edge Collector 2'],
  ] as const)
    records.create(
      'agents',
      { agentId, name, active: true, version: '7.6.1', configurationHealth: availableIri },
      personIri(admin),
    );
  const agents = new Agents(records, agentIds.self);
  const integration = new IntegrationState(ctx.clock, newUuid, stepMs);
  integration.offlineAgents.add(agentIds.offline);
  seedIntegration(integration, agentIds.online);
  const scripts: PlaybookScript[] = seedPlaybooks(records, personIri(admin), newUuid);
  const runs = new PlaybookRuns(ctx.clock, stepMs);
  seedRecords(records, 'alerts', 25, personIri(admin), newUuid);
  seedRecords(records, 'indicators', 10, personIri(admin), newUuid);
  seedRecords(records, 'incidents', 5, personIri(admin), newUuid);

  const router = new Router<SoarHandler>();
  registerMiscRoutes(router, auth, records);
  registerPicklistRoutes(router, picklists);
  registerFileRoutes(router, records, new Map());
  registerInstallRoutes(router, integration, agentIds.self);
  registerBulkRoutes(router, records);
  registerQueryRoutes(router, records);
  registerConnectorRoutes(router, integration, agents, records);
  registerStudioRoutes(router, integration);
  registerAgentRoutes(router, integration, agents);
  registerPlaybookRoutes(router, scripts, runs, records, newUuid);
  registerRecordRoutes(router, records);

  let calls = 0;
  const serve = (req: SimRequest): SimResponse => {
    if (req.path === LOGIN_PATH) {
      if (req.method !== 'POST')
        throw hydraError(
          405,
          `No route found for "${req.method} ${LOGIN_PATH}": Method Not Allowed (Allow: POST)`,
        );
      return auth.login(req);
    }
    const route = router.match(req.method, req.path);
    if (!route) throw hydraError(404, `No route found for "${req.method} ${req.path}"`);
    const principal = auth.authenticate(req);
    if (principal.method === 'jwt' && ctx.faults.take(req, 'fortisoar', ['stale-session'])) {
      auth.revoke(principal);
      throw unauthorized(AUTH_MESSAGES.expired);
    }
    if ('methodNotAllowed' in route)
      throw hydraError(405, `No route found for "${req.method} ${req.path}": Method Not Allowed`);
    calls++;
    integration.settle();
    runs.settle();
    return route.handler({ req, params: route.params, principal, userIri: personIri(principal.user) });
  };

  const mustFind = (loginid: string) => {
    const user = users.get(loginid);
    if (!user) throw new Error(`Unknown FortiSOAR user '${loginid}'`);
    return user;
  };

  return {
    handler: {
      product: 'fortisoar',
      handles: (path) => path === LOGIN_PATH || path.startsWith('/api/'),
      handle(req) {
        let reply: SimResponse;
        try {
          reply = serve(req);
        } catch (error) {
          if (!(error instanceof SoarFailure)) throw error;
          reply = error.reply;
        }
        reply.headers = { ...reply.headers, date: new Date(ctx.clock.now()).toUTCString() };
        return reply;
      },
    },
    admin,
    analyst,
    apiKey: users.createApiKey(admin.loginid),
    keyPair: users.createKeyPair(admin.loginid),
    agents: agentIds,
    addUser(spec) {
      const user = users.add(spec);
      addPerson(user);
      return user;
    },
    createApiKey: (loginid = admin.loginid) => users.createApiKey(mustFind(loginid).loginid),
    createKeyPair: (loginid = admin.loginid) => users.createKeyPair(mustFind(loginid).loginid),
    seedRecords: (module, count, fill) =>
      seedRecords(records, module, count, personIri(admin), newUuid, fill).map((r: SoarRecord) => r.iri),
    count: (module) => records.table(module).live().length,
    record(iri) {
      const found = records.store.byIri(iri);
      return found ? records.views.render(found, { relationships: true }) : undefined;
    },
    picklistIri(list, value) {
      const iri = picklists.iri(list, value);
      if (!iri) throw new Error(`No picklist item '${value}' in '${list}'`);
      return iri;
    },
    playbooks: () =>
      scripts.map((s) => ({
        name: String(s.workflow.values.name),
        uuid: s.workflow.uuid,
        route: s.route,
        trigger: s.trigger,
      })),
    expireTokens: () => auth.expireTokens(),
    setAgentOnline(agentId, online) {
      if (online) integration.offlineAgents.delete(agentId);
      else integration.offlineAgents.add(agentId);
    },
    stats: () => ({ ...auth.stats, calls, runs: runs.runs.length }),
  };
}

/** Installed connectors with one configuration each (FortiGate's runs on a remote agent), and a Studio checkout. */
function seedIntegration(state: IntegrationState, remoteAgent: string): void {
  const configs: Record<string, { config: Record<string, unknown>; agent?: string }> = {
    cyops_utilities: { config: {} },
    virustotal: {
      config: { server: 'https://www.virustotal.com', api_key: 'vt-demo-key', verify_ssl: true },
    },
    'fortigate-firewall': {
      config: { address: '192.0.2.1', api_key: 'fgt-demo-key', verify_ssl: false },
      agent: remoteAgent,
    },
    'hello-world': { config: { greeting: 'Hello' } },
  };
  for (const def of PREINSTALLED) {
    const connector = state.install(def);
    const seed = configs[def.name];
    if (!seed) continue;
    state.configs.push({
      id: state.nextId(),
      configId: state.newUuid(),
      connectorId: connector.id,
      name: 'Default',
      isDefault: true,
      config: seed.config,
      agent: seed.agent ?? null,
    });
  }
  const hello = PREINSTALLED.find((d) => d.name === 'hello-world');
  if (hello) checkOut(state, hello);
}
