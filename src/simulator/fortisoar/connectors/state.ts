/**
 * The integration service's state: installed connectors and their configurations, the Connector
 * Studio workspace, Content Hub import jobs, connectors pushed to remote agents, and operations
 * sent to agents. Work that takes time (imports, agent installs, agent operations) advances one
 * step every `stepMs` of simulated time and is settled when read, so it needs no timers.
 */
import type { Clock } from '../../../core/clock.js';
import { BROKEN_PACKAGES, type ConnectorDef, type OperationRunner, RUNNERS } from './catalog.js';

export interface InstalledConnector {
  readonly id: number;
  readonly uuid: string;
  def: ConnectorDef;
  active: boolean;
  readonly created: number;
  modified: number;
}

export interface ConnectorConfig {
  readonly id: number;
  readonly configId: string;
  readonly connectorId: number;
  name: string;
  isDefault: boolean;
  config: Record<string, unknown>;
  /** The remote agent (`agentId`) the configuration runs on; null for the appliance itself. */
  agent: string | null;
}

export interface DevEntity {
  readonly id: number;
  readonly name: string;
  /** Folder of the workspace copy, e.g. `/hello-world_1_0_0_dev`. */
  readonly root: string;
  readonly files: Map<string, string>;
}

export interface ImportJob {
  readonly uuid: string;
  readonly def: ConnectorDef;
  readonly started: number;
  readonly fails: boolean;
  settled: boolean;
}

/** A connector pushed to a remote agent: awaiting -> in-progress -> Completed (if the agent is online). */
export interface AgentConnector {
  readonly agentId: string;
  readonly name: string;
  version: string;
  started: number;
}

/** An operation sent to a remote agent; its outcome is known `stepMs` later, if the agent is online. */
export interface AgentExecution {
  readonly requestId: string;
  readonly agentId: string;
  readonly connector: InstalledConnector;
  readonly operation: string;
  readonly params: Record<string, unknown>;
  readonly config: ConnectorConfig;
  readonly started: number;
  readonly user: { readonly name: string; readonly uuid: string };
  settled: boolean;
}

/** One line of the audit log (`/api/gateway/audit/activities`). */
export interface AuditEntry {
  readonly id: number;
  readonly component: string;
  readonly operation: string;
  readonly entityType: string;
  readonly entityUuid: string;
  readonly title: string;
  readonly transactionDate: number;
  readonly user: string;
  readonly userId: string;
  readonly source: string;
  readonly data: unknown;
}

export class IntegrationState {
  readonly connectors = new Map<number, InstalledConnector>();
  readonly configs: ConnectorConfig[] = [];
  readonly dev = new Map<number, DevEntity>();
  readonly jobs = new Map<string, ImportJob>();
  readonly agentConnectors = new Map<string, AgentConnector>();
  readonly executions: AgentExecution[] = [];
  readonly audit: AuditEntry[] = [];
  readonly offlineAgents = new Set<string>();
  #nextId = 1;

  constructor(
    private readonly clock: Clock,
    readonly newUuid: () => string,
    readonly stepMs: number,
  ) {}

  nextId(): number {
    return this.#nextId++;
  }

  now(): number {
    return this.clock.now();
  }

  byName(name: string): InstalledConnector | undefined {
    return [...this.connectors.values()].find((c) => c.def.name === name);
  }

  /** Installs (or replaces, keeping id and configurations) a connector. */
  install(def: ConnectorDef): InstalledConnector {
    const now = this.clock.now();
    const existing = this.byName(def.name);
    if (existing) {
      existing.def = def;
      existing.modified = now;
      return existing;
    }
    const installed: InstalledConnector = {
      id: this.nextId(),
      uuid: this.newUuid(),
      def,
      active: true,
      created: now,
      modified: now,
    };
    this.connectors.set(installed.id, installed);
    return installed;
  }

  /** Removes a connector from the appliance, with its configurations. */
  uninstall(connector: InstalledConnector): void {
    this.connectors.delete(connector.id);
    for (let i = this.configs.length - 1; i >= 0; i--)
      if (this.configs[i]!.connectorId === connector.id) this.configs.splice(i, 1);
  }

  configsOf(connector: InstalledConnector): ConnectorConfig[] {
    return this.configs.filter((c) => c.connectorId === connector.id);
  }

  runner(connector: InstalledConnector): OperationRunner {
    return (
      RUNNERS[connector.def.name] ?? ((operation, params) => ({ ok: true, data: { operation, params } }))
    );
  }

  startImport(def: ConnectorDef): ImportJob {
    const job: ImportJob = {
      uuid: this.newUuid(),
      def,
      started: this.clock.now(),
      fails: BROKEN_PACKAGES.has(`${def.name}@${def.version}`),
      settled: false,
    };
    this.jobs.set(job.uuid, job);
    return job;
  }

  /** Import progress in percent (25 per step); a failing package stops at 50. */
  importProgress(job: ImportJob): number {
    const percent = Math.min(100, Math.floor((this.clock.now() - job.started) / this.stepMs) * 25);
    return job.fails ? Math.min(percent, 50) : percent;
  }

  importFailed(job: ImportJob): boolean {
    return job.fails && this.clock.now() - job.started >= 3 * this.stepMs;
  }

  /** Agent install status as FortiSOAR reports it per agent. */
  agentConnectorStatus(entry: AgentConnector): 'awaiting' | 'in-progress' | 'Completed' {
    if (this.offlineAgents.has(entry.agentId)) return 'awaiting';
    const steps = Math.floor((this.clock.now() - entry.started) / this.stepMs);
    return steps < 1 ? 'awaiting' : steps < 2 ? 'in-progress' : 'Completed';
  }

  /** Applies whatever finished since the last call: imports install, agent operations reach the audit log. */
  settle(): void {
    const now = this.clock.now();
    for (const job of this.jobs.values()) {
      if (job.settled || job.fails || this.importProgress(job) < 100) continue;
      job.settled = true;
      this.install(job.def);
    }
    for (const run of this.executions) {
      if (run.settled || this.offlineAgents.has(run.agentId) || now - run.started < this.stepMs) continue;
      run.settled = true;
      const outcome = this.runner(run.connector)(run.operation, run.params, run.config.config);
      this.audit.push({
        id: this.audit.length + 1,
        component: 'agent',
        operation: 'Executed Action',
        entityType: 'connector',
        entityUuid: run.requestId,
        title: `Executed ${run.operation} of ${run.connector.def.name} on agent ${run.agentId}`,
        transactionDate: run.started + this.stepMs,
        user: run.user.name,
        userId: run.user.uuid,
        source: run.agentId,
        data: {
          request_id: run.requestId,
          operation: run.operation,
          status: outcome.ok ? 'Success' : 'Failed',
          message: outcome.ok ? (outcome.message ?? '') : outcome.message,
          data: outcome.ok ? outcome.data : {},
        },
      });
    }
  }
}
