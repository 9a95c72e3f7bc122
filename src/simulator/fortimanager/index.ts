/**
 * The simulated FortiManager: JSON-RPC on `/jsonrpc` (and FortiManager Cloud login), a stateful
 * database, workspace locks, tasks and `sys/proxy/json`, plus a control API for tests.
 *
 * Default admins (password `fortinet`): `admin` (rpc-permit read-write), `reader` (read), `devops`
 * (none: cannot log in), `amer_rw` (read-write on ADOM `dc_amer` only).
 *
 * @example
 * await using sim = await startSimulator({ products: ['fortimanager'] });
 * const key = sim.fortimanager.createApiKey();
 * sim.fortimanager.seedAddresses('root', 10_000);
 */
import { randomBytes } from 'node:crypto';
import type { AnalyticsService } from '../analytics.js';
import type { SimContext } from '../context.js';
import type { FortiCloudSimulator } from '../forticloud/index.js';
import { asSimProduct, defineSimPlugin } from '../plugin.js';
import type { SimProduct, SimProductHandler } from '../types.js';
import { ADMIN_USERS_KEY } from './access.js';
import { FmgEndpoint } from './endpoint.js';
import type { SchemaProvider } from './schema.js';
import {
  addDevice,
  DEFAULT_PASSWORD,
  type DeviceSeed,
  seedAddresses,
  seedDefaults,
  UNREACHABLE_DEVICES,
} from './seed.js';
import { FmgState } from './state.js';
import { deviceTableKey } from './topology.js';
import type { WorkspaceMode } from './workspace.js';

export type { AttrSchema, ObjectSchema, SchemaEntry, SchemaProvider, WriteMethod } from './schema.js';
export type { DeviceSeed } from './seed.js';
export type { WorkspaceMode } from './workspace.js';

export interface FortiManagerSimOptions {
  /** Idle time after which a login session expires (default 5 minutes, on the simulator clock). */
  idleTimeoutMs?: number;
  /** `disabled` (default): writes apply at once. `normal`: writes need a workspace lock and a commit. */
  workspaceMode?: WorkspaceMode;
  /** Simulated time between two progress steps of a task (default 200 ms). */
  taskStepMs?: number;
  /** More table/object schemas; see `schema.ts`. Registered after the built-in ones, before the catalog. */
  schemaProviders?: readonly SchemaProvider[];
  /**
   * Every table and singleton of the generated catalog, with writes checked against its facts
   * (default true; `startSimulator` loads the facts). `false`: only the built-in schemas.
   */
  catalog?: boolean;
}

export interface FortiManagerSimStats {
  /** Live login sessions (API keys not counted). */
  sessions: number;
  /** Workspace locks held. */
  locks: number;
  /** Tasks created so far. */
  tasks: number;
  /** JSON-RPC requests served. */
  requests: number;
}

export interface FortiManagerSimulator {
  readonly handler: SimProductHandler;
  /** Password of every default admin. */
  readonly adminPassword: string;
  /** A new API key for `user` (default `api_001`, created as a read-write API admin when missing). */
  createApiKey(user?: string): string;
  stats(): FortiManagerSimStats;
  /** Ends every login session now, releasing their locks. */
  expireSessions(): void;
  setIdleTimeout(ms: number): void;
  /** Appends `count` host addresses (`bulk_<adom>_<n>`) to an ADOM, fast (200,000 in well under a second). */
  seedAddresses(adom: string, count: number): void;
  /** Makes a managed device answer (or not) installs and `sys/proxy/json`. */
  setDeviceReachable(name: string, reachable: boolean): void;
  setWorkspaceMode(mode: WorkspaceMode): void;
  /** User holding the workspace lock of an ADOM, if any. */
  lockOwner(adom: string): string | undefined;
  /** Adds a managed device (with its VDOMs and default device settings) to an ADOM. */
  addDevice(device: DeviceSeed): void;
}

/** `analytics`: the FortiAnalyzer features it serves, when a FortiAnalyzer runs beside it. */
export function createFortiManagerSimulator(
  ctx: SimContext,
  cloud: FortiCloudSimulator,
  options: FortiManagerSimOptions = {},
  analytics?: () => AnalyticsService | undefined,
): FortiManagerSimulator {
  const workspaceMode = options.workspaceMode ?? 'disabled';
  const state = new FmgState(ctx, {
    idleTimeoutMs: options.idleTimeoutMs ?? 5 * 60_000,
    workspaceMode,
    taskStepMs: options.taskStepMs ?? 200,
    schemaProviders: options.schemaProviders ?? [],
  });
  seedDefaults(state, workspaceMode);
  for (const device of UNREACHABLE_DEVICES) setReachable(state, device, false);
  const endpoint = new FmgEndpoint(state, cloud, analytics);

  return {
    handler: {
      product: 'fortimanager',
      handles: (path) => endpoint.handles(path),
      handle: (req) => endpoint.handle(req),
    },
    adminPassword: DEFAULT_PASSWORD,
    createApiKey(user = 'api_001') {
      const admins = state.db.root.tableForWrite(ADMIN_USERS_KEY, 'userid');
      if (!admins.has(user)) {
        admins.insert({
          userid: user,
          user_type: 'api',
          'rpc-permit': 'read-write',
          profileid: 'Super_User',
          oid: state.db.nextOid(),
        });
      }
      const key = apiKey();
      state.apiKeys.set(key, user);
      return key;
    },
    stats: () => ({
      sessions: state.sessions.count,
      locks: state.workspace.lockCount,
      tasks: state.tasks.count,
      requests: state.requests,
    }),
    expireSessions: () => state.sessions.endAll(),
    setIdleTimeout(ms) {
      state.sessions.idleTimeoutMs = ms;
    },
    seedAddresses: (adom, count) => seedAddresses(state, adom, count),
    setDeviceReachable: (name, reachable) => setReachable(state, name, reachable),
    setWorkspaceMode(mode) {
      state.db.root.setObject('/cli/global/system/global', {
        ...globalSettings(state),
        'workspace-mode': mode,
      });
      state.workspace.mode = mode;
      if (mode === 'disabled') state.workspace.releaseEvery();
    },
    lockOwner: (adom) => state.workspace.owner({ adom, kind: 'adom' })?.user,
    addDevice: (device) => addDevice(state, device),
  };
}

/** FortiManager as a simulator product: credentials of the read-write `admin` and an API key. */
export type FortiManagerSimProduct = FortiManagerSimulator & SimProduct;

export const fortimanagerPlugin = defineSimPlugin({
  name: 'fortimanager',
  async create(ctx, options: FortiManagerSimOptions | undefined): Promise<FortiManagerSimProduct> {
    const sim = createFortiManagerSimulator(ctx, ctx.forticloud, await withCatalogSchemas(options), () =>
      ctx.services.get('analytics'),
    );
    const credentials = { username: 'admin', password: sim.adminPassword, apiKey: sim.createApiKey() };
    return asSimProduct(sim, ctx.origin, () => credentials);
  },
});

/** Adds the catalog schemas (read lazily, once per process) unless `catalog: false`. */
export async function withCatalogSchemas(
  options: FortiManagerSimOptions = {},
): Promise<FortiManagerSimOptions> {
  if (options.catalog === false) return options;
  const { loadCatalogSchemas } = await import('./schemas/catalog.js');
  return { ...options, schemaProviders: [...(options.schemaProviders ?? []), await loadCatalogSchemas()] };
}

function setReachable(state: FmgState, device: string, reachable: boolean): void {
  state.fortigates.setReachable(device, reachable);
  const adom = state.topology.adomOfDevice(device);
  if (adom === undefined) return;
  const table = state.db.root.tableForWrite(deviceTableKey(adom), 'name');
  const row = table.get(device);
  if (row) table.replace(device, { ...row, conn_status: reachable ? 'up' : 'down' });
}

function globalSettings(state: FmgState) {
  const container = state.db.root.get('/cli/global/system/global');
  return container?.kind === 'object' ? container.row : {};
}

/** 32 lower-case letters and digits, like a FortiManager API key. */
function apiKey(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  let key = '';
  for (const byte of randomBytes(32)) key += alphabet[byte % alphabet.length];
  return key;
}
