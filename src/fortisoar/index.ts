/**
 * `fortix/fortisoar`: the FortiSOAR client.
 *
 * @example
 * import { FortiSoar, q } from 'fortix/fortisoar';
 * await using soar = new FortiSoar({ url: 'https://soar.example.com', username: 'csadmin', password: process.env.SOAR_PASSWORD });
 * for await (const alert of soar.alerts.iterate({ query: { filter: q.eq('status.itemValue', 'Open') } })) console.log(alert.name);
 */
export type { AgentConnector, AgentConnectorStatus, Heartbeat } from './agents.js';
export { Agents } from './agents.js';
export type { FortiSoarIdentity, SoarAuthMode, SoarPermission } from './auth/identity.js';
export {
  authorizationHeader,
  fingerprint,
  type SignatureInput,
  signatureTimestamp,
} from './auth/signature.js';
export type { BulkItemResult, BulkResult } from './bulk.js';
export { FortiSoar, type FortiSoarOptions, type RawRequest } from './client.js';
export type * from './connector-types.js';
export { ConnectorStudio, Connectors, type ExecuteOptions, type InstallOptions } from './connectors.js';
export {
  FortiSoarAlreadyExistsError,
  FortiSoarApiError,
  FortiSoarInvalidRequestError,
  FortiSoarNotFoundError,
  FortiSoarPermissionError,
  FortiSoarRunFailedError,
  FortiSoarWaitTimeoutError,
} from './errors.js';
export { type AttachOptions, Files, type UploadOptions } from './files.js';
export type { SoarPage } from './hydra.js';
export { Picklists } from './picklists.js';
export type {
  PlaybookOutcome,
  PlaybookRun,
  PlaybookRunDetail,
  PlaybookTrigger,
  RunProgress,
  RunStatus,
  RunStep,
  WaitForRunOptions,
} from './playbooks.js';
export { Playbooks } from './playbooks.js';
export type { WaitOptions } from './poll.js';
export {
  type Aggregate,
  type AggregateOperator,
  agg,
  type Condition,
  type Filter,
  type Group,
  type Operator,
  QUERY_OPERATORS,
  type Query,
  q,
  type Scalar,
} from './query.js';
export {
  type BulkOptions,
  type DeleteOptions,
  type DeleteSummary,
  type GetOptions,
  type ListOptions,
  Records,
} from './records.js';
export type * from './types.js';
export type { UploadSource } from './upload.js';
