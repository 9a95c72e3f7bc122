import type { Logger } from '../../../src/core/logging.js';
import { FortiAuthenticator } from '../../../src/fortiauthenticator/index.js';
import { FortiCare } from '../../../src/forticare/index.js';
import { FortiManager } from '../../../src/fortimanager/index.js';
import { FortiSoar } from '../../../src/fortisoar/index.js';
import type { Simulator } from '../../../src/simulator/index.js';
import type { SimRequest } from '../../../src/simulator/types.js';
import { CALL_TIMEOUT_MS, FAST_RETRY, type OpTraits } from './faults.js';
import type { WireTap } from './wire-tap.js';

/** What every row can use: the simulator, the wire tap, and facts found at the start. */
export interface Env {
  readonly sim: Simulator;
  readonly tap: WireTap;
  /** A registered FortiCare product (for idempotent writes on it). */
  readonly registeredSerial: string;
}

export type OpKind = 'read' | 'idempotent write' | 'write' | 'batch' | 'auth';

/** One operation of one cell, ready to run. */
export interface PreparedOp<C> {
  run(client: C): Promise<unknown>;
  /** The requests the fault hits and the matrix counts. */
  target(req: SimRequest): boolean;
  /** For stale-session on a login: the call that carries the credential. */
  staleTarget?(req: SimRequest): boolean;
  /** Non-idempotent writes: text only this cell's write carries (to count duplicates). */
  marker?: string;
}

export interface OpRow<C> extends OpTraits {
  readonly kind: OpKind;
  /** Log in before the fault is armed, so that it hits the operation (not for `auth`). */
  readonly warm: boolean;
  /** Makes the cell's operation; may use the (logged-in) client to set things up first. */
  prepare(env: Env, cell: string, client: C): PreparedOp<C> | Promise<PreparedOp<C>>;
}

/** One product (or way in) of the matrix. Adding a product is adding one of these. */
export interface ProductRow<C extends { close(): Promise<void> }> {
  readonly name: string;
  client(env: Env, logger: Logger): C;
  /** A harmless call that logs in. */
  warmUp(client: C): Promise<unknown>;
  /**
   * What the product keeps for the client that the simulator's FortiManager and FortiCloud stats do
   * not count (say FortiSOAR tokens issued since `mark` and still accepted).
   */
  leftovers?(env: Env, mark: number): Promise<number>;
  readonly ops: readonly OpRow<C>[];
}

const ADDRESSES = '/pm/config/adom/{adom}/obj/firewall/address';
const rpc = (method: string, fragment: string) => (req: SimRequest) => {
  if (req.path !== '/jsonrpc') return false;
  const text = req.body.toString('utf8');
  return text.includes(`"method":"${method}"`) && text.includes(fragment);
};
const path =
  (pattern: RegExp, fragment = '') =>
  (req: SimRequest) =>
    pattern.test(req.path) && req.body.toString('utf8').includes(fragment);
const TOKEN_PATH = /^\/api\/v1\/oauth\/token\/$/;

let serial = 0;
/** A name no other cell uses. */
const unique = (cell: string) => `fm_${cell.replace(/\W+/g, '_')}_${++serial}`;
const subnet = (): `${string}/${number}` => `10.77.${Math.floor(serial / 250)}.${(serial % 250) + 1}/32`;

/** The FortiManager operations, the same whichever way the client logs in. */
function fortiManagerOps(
  auth: Pick<OpRow<FortiManager>, 'prepare'> & Partial<OpTraits>,
): OpRow<FortiManager>[] {
  const write = { retriesAfterSend: false, retries429: false, baseRequests: 1, isLogin: false, warm: true };
  return [
    {
      kind: 'read',
      retriesAfterSend: true,
      retries429: true,
      baseRequests: 1,
      isLogin: false,
      warm: true,
      prepare: () => ({
        run: (fmg) => fmg.get(ADDRESSES, { fields: ['name'] }),
        target: rpc('get', 'obj/firewall/address'),
      }),
    },
    {
      kind: 'idempotent write',
      ...write,
      prepare: (_env, cell) => {
        const name = unique(cell);
        return {
          run: (fmg) => fmg.set(ADDRESSES, { data: { name, subnet: subnet() } }),
          target: rpc('set', name),
        };
      },
    },
    {
      kind: 'write',
      ...write,
      prepare: (_env, cell) => {
        const name = unique(cell);
        return {
          run: (fmg) => fmg.add(ADDRESSES, { data: { name, subnet: subnet() } }),
          target: rpc('add', name),
          marker: name,
        };
      },
    },
    {
      kind: 'batch',
      ...write,
      prepare: (_env, cell) => {
        const [a, b] = [unique(cell), unique(cell)];
        return {
          async run(fmg) {
            const results = await fmg.batch([
              { method: 'add', url: ADDRESSES, data: { name: a, subnet: subnet() } },
              { method: 'add', url: ADDRESSES, data: { name: b, subnet: subnet() } },
            ]);
            const failed = results.find((r) => !r.ok);
            if (failed && !failed.ok) throw failed.error;
            return results;
          },
          target: rpc('add', a),
          marker: a,
        };
      },
    },
    {
      kind: 'auth',
      retriesAfterSend: false,
      retries429: false,
      baseRequests: 1,
      isLogin: true,
      freshRefusalIsDenial: true,
      warm: false,
      ...auth,
    },
  ];
}

function fortiManager(env: Env, logger: Logger, login: 'password' | 'cloud'): FortiManager {
  const { sim } = env;
  const cloud = sim.forticloud.defaultUser;
  return new FortiManager({
    url: sim.fortimanager.url,
    adom: 'root',
    timeoutMs: CALL_TIMEOUT_MS,
    retry: FAST_RETRY,
    logger,
    ...(login === 'password'
      ? { username: 'admin', password: sim.fortimanager.adminPassword }
      : { cloud: { username: cloud.username, password: cloud.password, authUrl: sim.forticloud.url } }),
  });
}

const statusCall = rpc('get', '/sys/status');

export const FORTIMANAGER: ProductRow<FortiManager> = {
  name: 'fortimanager',
  client: (env, logger) => fortiManager(env, logger, 'password'),
  warmUp: (fmg) => fmg.get('/sys/status'),
  ops: fortiManagerOps({
    prepare: () => ({
      run: (fmg) => fmg.get('/sys/status'),
      target: rpc('exec', 'sys/login/user'),
      staleTarget: statusCall,
    }),
  }),
};

/** FortiManager Cloud: FortiCloud OAuth token -> cloud login -> session (the token grant is the login). */
export const FORTIMANAGER_CLOUD: ProductRow<FortiManager> = {
  name: 'fortimanager-cloud',
  client: (env, logger) => fortiManager(env, logger, 'cloud'),
  warmUp: (fmg) => fmg.get('/sys/status'),
  ops: fortiManagerOps({
    // FortiCloud answers a 429 without issuing a token, so the grant is sent again.
    retries429: true,
    prepare: () => ({
      run: (fmg) => fmg.get('/sys/status'),
      target: path(TOKEN_PATH, '"client_id":"FortiManager"'),
      staleTarget: statusCall,
    }),
  }).filter((op) => op.kind === 'auth' || op.kind === 'read'),
};

export const FORTICARE: ProductRow<FortiCare> = {
  name: 'forticare',
  client: ({ sim }, logger) =>
    new FortiCare({
      url: sim.forticare.url,
      authUrl: sim.forticloud.url,
      ...sim.forticloud.defaultUser,
      timeoutMs: CALL_TIMEOUT_MS,
      retry: FAST_RETRY,
      logger,
    }),
  warmUp: (fc) => fc.folders.list(),
  ops: [
    {
      kind: 'read',
      retriesAfterSend: true,
      retries429: true,
      baseRequests: 1,
      isLogin: false,
      warm: true,
      prepare: () => ({
        run: (fc) => fc.products.list({ serialNumber: '%' }),
        target: path(/\/products\/list$/),
      }),
    },
    {
      kind: 'idempotent write',
      retriesAfterSend: true,
      retries429: true,
      baseRequests: 1,
      isLogin: false,
      warm: true,
      prepare: ({ registeredSerial }, cell) => ({
        run: (fc) =>
          fc.products.description({ serialNumber: registeredSerial, description: `matrix ${cell}` }),
        target: path(/\/products\/description$/),
      }),
    },
    {
      kind: 'write',
      retriesAfterSend: false,
      retries429: true,
      baseRequests: 1,
      isLogin: false,
      warm: true,
      prepare: (_env, cell) => {
        const folderName = unique(cell);
        return {
          run: (fc) => fc.folders.create({ folderName }),
          target: path(/\/folders\/create$/, folderName),
          marker: folderName,
        };
      },
    },
    {
      kind: 'batch',
      retriesAfterSend: false,
      retries429: true,
      // 12 units: two requests of at most 10.
      baseRequests: 2,
      isLogin: false,
      warm: true,
      prepare: ({ sim }) => {
        const serials = sim.forticare.addInventory(12);
        return {
          async run(fc) {
            const result = await fc.products.register({
              registrationUnits: serials.map((serialNumber) => ({ serialNumber })),
            });
            if (!result.ok) throw result.failed[0]?.error ?? new Error(result.failed[0]?.message);
            return result;
          },
          target: path(/\/products\/register$/),
          marker: serials[0],
        };
      },
    },
    {
      kind: 'auth',
      retriesAfterSend: false,
      // FortiCloud answers a 429 without issuing a token, so the grant is sent again.
      retries429: true,
      baseRequests: 1,
      isLogin: true,
      warm: false,
      prepare: () => ({
        run: (fc) => fc.folders.list(),
        target: path(TOKEN_PATH, '"client_id":"assetmanagement"'),
        staleTarget: path(/\/folders\/list$/),
      }),
    },
  ],
};

const SOAR_LOGIN = /^\/auth\/authenticate$/;
const alerts =
  (method: string, pattern: RegExp, fragment = '') =>
  (req: SimRequest) =>
    req.method === method && pattern.test(req.path) && req.body.toString('utf8').includes(fragment);

/** FortiSOAR with JWT login: tokens issued during the cell that still open the API are left behind. */
export const FORTISOAR: ProductRow<FortiSoar> = {
  name: 'fortisoar',
  client: ({ sim }, logger) => {
    const { username, password } = sim.fortisoar.credentials;
    return new FortiSoar({
      url: sim.fortisoar.url,
      username,
      password,
      timeoutMs: CALL_TIMEOUT_MS,
      retry: FAST_RETRY,
      logger,
    });
  },
  warmUp: (soar) => soar.alerts.list({ pageSize: 1 }),
  async leftovers({ sim, tap }, mark) {
    const issued = tap
      .handledSince(mark, (req) => SOAR_LOGIN.test(req.path))
      .map((r) => (r.reply.body as { token?: unknown } | undefined)?.token)
      .filter((token): token is string => typeof token === 'string');
    let live = 0;
    for (const token of issued) {
      const reply = await fetch(`${sim.fortisoar.url}/api/3/alerts?$limit=1`, {
        headers: { authorization: `Bearer ${token}` },
      });
      await reply.arrayBuffer();
      if (reply.status === 200) live++;
    }
    return live;
  },
  ops: [
    {
      kind: 'read',
      retriesAfterSend: true,
      retries429: true,
      baseRequests: 1,
      isLogin: false,
      warm: true,
      prepare: () => ({
        run: (soar) => soar.alerts.list({ pageSize: 1 }),
        target: alerts('GET', /^\/api\/3\/alerts$/),
      }),
    },
    {
      kind: 'idempotent write',
      retriesAfterSend: true,
      retries429: true,
      baseRequests: 1,
      isLogin: false,
      warm: true,
      async prepare(_env, cell, soar) {
        const { uuid } = await soar.alerts.create({ name: unique(cell) });
        return {
          run: (client) => client.alerts.update(uuid, { name: `${cell} renamed` }),
          target: alerts('PUT', new RegExp(`^/api/3/alerts/${uuid}$`)),
        };
      },
    },
    {
      kind: 'write',
      retriesAfterSend: false,
      retries429: true,
      baseRequests: 1,
      isLogin: false,
      warm: true,
      prepare: (_env, cell) => {
        const name = unique(cell);
        return {
          run: (soar) => soar.alerts.create({ name }),
          target: alerts('POST', /^\/api\/3\/alerts$/, name),
          marker: name,
        };
      },
    },
    {
      kind: 'batch',
      retriesAfterSend: false,
      retries429: true,
      baseRequests: 1,
      isLogin: false,
      warm: true,
      prepare: (_env, cell) => {
        const [a, b] = [unique(cell), unique(cell)];
        return {
          async run(soar) {
            const result = await soar.alerts.bulkInsert([{ name: a }, { name: b }]);
            const failed = result.items.find((item) => !item.ok);
            if (failed && !failed.ok) throw new Error(failed.error);
            return result;
          },
          target: alerts('POST', /^\/api\/3\/insert\/alerts$/, a),
          marker: a,
        };
      },
    },
    {
      kind: 'auth',
      retriesAfterSend: false,
      retries429: false,
      baseRequests: 1,
      isLogin: true,
      warm: false,
      prepare: () => ({
        run: (soar) => soar.alerts.list({ pageSize: 1 }),
        target: alerts('POST', SOAR_LOGIN),
        staleTarget: alerts('GET', /^\/api\/3\/alerts$/),
      }),
    },
  ],
};

const fac = (method: string, pattern: RegExp, fragment = '') => alerts(method, pattern, fragment);

/** FortiAuthenticator with its web-service access key (HTTP Basic): nothing to log in or out. */
export const FORTIAUTHENTICATOR: ProductRow<FortiAuthenticator> = {
  name: 'fortiauthenticator',
  client: ({ sim }, logger) => {
    const { username, apiKey } = sim.fortiauthenticator.credentials;
    return new FortiAuthenticator({
      url: sim.fortiauthenticator.url,
      username,
      apiKey,
      bulk: 'single',
      timeoutMs: CALL_TIMEOUT_MS,
      retry: FAST_RETRY,
      logger,
    });
  },
  warmUp: (client) => client.resource('usergroups').list(),
  ops: [
    {
      kind: 'read',
      retriesAfterSend: true,
      retries429: true,
      baseRequests: 1,
      isLogin: false,
      staticCredential: true,
      warm: true,
      prepare: () => ({
        run: (client) => client.resource('localusers').list(),
        target: fac('GET', /\/localusers\/$/),
      }),
    },
    {
      kind: 'idempotent write',
      retriesAfterSend: true,
      retries429: true,
      baseRequests: 1,
      isLogin: false,
      staticCredential: true,
      warm: true,
      async prepare(_env, cell, client) {
        const user = await client
          .resource('localusers')
          .create({ username: unique(cell), password: 'Matrix-Pw-0001' });
        return {
          run: (c) => c.resource('localusers').update(user.id, { last_name: 'Matrix' }),
          target: fac('PATCH', new RegExp(`/localusers/${user.id}/$`)),
        };
      },
    },
    {
      kind: 'write',
      retriesAfterSend: false,
      retries429: true,
      baseRequests: 1,
      isLogin: false,
      staticCredential: true,
      warm: true,
      prepare: (_env, cell) => {
        const name = unique(cell);
        return {
          run: (c) => c.resource('usergroups').create({ name }),
          target: fac('POST', /\/usergroups\/$/, name),
          marker: name,
        };
      },
    },
    {
      kind: 'batch',
      retriesAfterSend: false,
      retries429: true,
      baseRequests: 1,
      isLogin: false,
      staticCredential: true,
      warm: true,
      prepare: (_env, cell) => {
        const [a, b] = [unique(cell), unique(cell)];
        return {
          async run(c) {
            const results = await c.resource('usergroups').createMany([{ name: a }, { name: b }]);
            const failed = results.find((r) => !r.ok);
            if (failed && !failed.ok) throw failed.error;
            return results;
          },
          target: fac('POST', /\/usergroups\/$/, a),
          marker: a,
        };
      },
    },
    {
      // No login: the first request of a new client carries the access key, and is a read.
      kind: 'auth',
      retriesAfterSend: true,
      retries429: true,
      baseRequests: 1,
      isLogin: false,
      staticCredential: true,
      warm: false,
      prepare: () => ({
        run: (client) => client.resource('usergroups').list(),
        target: fac('GET', /\/usergroups\/$/),
      }),
    },
  ],
};
