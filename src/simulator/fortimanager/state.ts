import type { SimContext } from '../context.js';
import { Admins, type Principal } from './access.js';
import { FortiGates } from './fortigates.js';
import type { DeviceRevision, ExternalResource, Revision, ScriptLog } from './records.js';
import { type SchemaProvider, SchemaRegistry } from './schema.js';
import { builtinSchemas } from './schemas/index.js';
import { SessionStore } from './sessions.js';
import { Database } from './store/database.js';
import { TaskManager } from './tasks.js';
import { Topology } from './topology.js';
import { Workspace, type WorkspaceMode } from './workspace.js';

export interface StateOptions {
  readonly idleTimeoutMs: number;
  readonly workspaceMode: WorkspaceMode;
  readonly taskStepMs: number;
  readonly schemaProviders: readonly SchemaProvider[];
}

/** Everything one simulated FortiManager knows. */
export class FmgState {
  readonly ctx: SimContext;
  readonly db: Database;
  readonly topology: Topology;
  readonly admins: Admins;
  readonly sessions: SessionStore;
  readonly workspace: Workspace;
  readonly tasks: TaskManager;
  readonly fortigates = new FortiGates();
  /** API keys -> API user. */
  readonly apiKeys = new Map<string, string>();
  /** Object revisions recorded by writes with a `revision note`, by `adom|object path`. */
  readonly revisions = new Map<string, Revision[]>();
  /** Configuration revisions of each device, newest first. */
  readonly deviceRevisions = new Map<string, DeviceRevision[]>();
  /** Logs of CLI script runs, oldest first. */
  readonly scriptLogs: ScriptLog[] = [];
  /** Local external resource files, by file name. */
  readonly resources = new Map<string, ExternalResource>();
  /** Finished install previews, by `adom/device`. */
  readonly previews = new Map<string, string>();
  /** Addresses appended by `seedAddresses`, per ADOM (their names continue the numbering). */
  readonly bulkSeeded = new Map<string, number>();
  requests = 0;

  constructor(ctx: SimContext, options: StateOptions) {
    this.ctx = ctx;
    this.db = new Database(new SchemaRegistry([builtinSchemas, ...options.schemaProviders]), ctx.random);
    this.topology = new Topology(this.db);
    this.admins = new Admins(this.db);
    this.workspace = new Workspace(this.db, this.topology, ctx.clock, options.workspaceMode);
    this.sessions = new SessionStore(ctx.clock, options.idleTimeoutMs, (session) =>
      this.workspace.releaseAll(session),
    );
    this.tasks = new TaskManager(ctx.clock, options.taskStepMs);
  }

  /** The layer a caller reads or writes a container through (see Workspace.layerFor). */
  layerFor(
    principal: Principal | undefined,
    containerKey: string,
    rowKey: string | undefined,
    forWrite: boolean,
  ) {
    return this.workspace.layerFor(principal?.session, containerKey, rowKey, forWrite);
  }
}
