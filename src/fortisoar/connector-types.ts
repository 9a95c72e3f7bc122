/** Connectors, configurations and operations as the integration service answers them. */

export interface ConfigurationSummary {
  config_id: string;
  name: string;
  default: boolean;
  /** The remote agent it runs on; null for the appliance. */
  agent: string | null;
}

/** A connector installed on the appliance (`/api/integration/connectors/`). */
export interface InstalledConnector {
  /** The integer install id other calls take. */
  id: number;
  name: string;
  label: string;
  version: string;
  active: boolean;
  status: string;
  config_count: number;
  configuration: ConfigurationSummary[];
  [field: string]: unknown;
}

export interface OperationParameter {
  name: string;
  title: string;
  type: string;
  required: boolean;
  [field: string]: unknown;
}

export interface ConnectorOperation {
  operation: string;
  title: string;
  description: string;
  parameters: OperationParameter[];
  [field: string]: unknown;
}

/** A configuration (`/api/integration/configuration/`): the connector's settings, secrets masked. */
export interface ConnectorConfiguration {
  id: number;
  config_id: string;
  name: string;
  default: boolean;
  /** Integer id of the connector. */
  connector: number;
  agent: string | null;
  config: Record<string, unknown>;
  [field: string]: unknown;
}

/** `POST /api/integration/connectors/<id>/`: the installed connector with its operations and configuration schema. */
export interface ConnectorDetail extends Omit<InstalledConnector, 'configuration'> {
  operations: ConnectorOperation[];
  configuration: ConnectorConfiguration[];
  config_schema: { fields: Array<Record<string, unknown>> };
}

export interface HealthcheckResult {
  name: string;
  version: string;
  /** `Available` when the connector reaches its server. */
  status: string;
  message: string;
  config_id: string;
  /** `status === 'Available'`. */
  healthy: boolean;
  [field: string]: unknown;
}

/** The result of an operation run on the appliance: known at once. */
export interface CompletedExecution<D = unknown> {
  readonly state: 'completed';
  readonly operation: string;
  /** `Success` or `Failed`. */
  readonly status: string;
  readonly ok: boolean;
  readonly message: string;
  readonly data: D;
}

/**
 * An operation sent to a remote agent: FortiSOAR only says it was submitted (fire and forget); the
 * result arrives later. Wait for it with `connectors.waitForOutcome(result)`.
 */
export interface SubmittedExecution {
  readonly state: 'submitted';
  readonly operation: string;
  readonly status: string;
  readonly message: string;
  /** Identifies the action in the audit log, where the agent reports its outcome. */
  readonly requestId: string;
}

export type ExecuteResult<D = unknown> = CompletedExecution<D> | SubmittedExecution;

/** A Content Hub install (an import job). */
export interface InstallJob {
  uuid: string;
  /** `Pending`, `In Progress`, `Import Complete`, `Failed`. */
  status: string;
  progressPercent: number;
  currentlyImporting: string | null;
  errorMessage: string | null;
  /** The import ended (completed or failed). */
  done: boolean;
  /** The import completed. */
  ok: boolean;
}

/** A connector checked out in the Connector Studio workspace. */
export interface DevEntity {
  id: number;
  name: string;
  label: string;
  version: string | null;
  development: boolean;
  [field: string]: unknown;
}

export interface DevFileTree {
  name: string;
  type: 'folder' | 'file';
  xpath: string;
  children?: DevFileTree[];
}

/** What Studio's Edit answers: the workspace copy with its operations and file tree. */
export interface DevEntityDetail extends DevEntity {
  operations: ConnectorOperation[];
  files: DevFileTree[];
}
