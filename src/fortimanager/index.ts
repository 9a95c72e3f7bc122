/**
 * `fortix/fortimanager`: the FortiManager / FortiAnalyzer JSON-RPC client.
 *
 * @example
 * import { FortiManager, f } from 'fortix/fortimanager';
 * await using fmg = new FortiManager({ url, apiKey, adom: 'root' });
 * const hosts = await fmg.get('/pm/config/adom/{adom}/obj/firewall/address', { filter: f.like('name', 'h%') });
 */
export type {
  BatchItem,
  BatchOptions,
  BatchReply,
  BatchResult,
  GetBatchItem,
  WriteBatchItem,
} from './batch.js';
export {
  FortiManager,
  type FortiManagerCloudOptions,
  type FortiManagerOptions,
  type RawReply,
  type RawRequest,
} from './client.js';
export { describeUrl, type FieldDescription, type UrlDescription } from './describe.js';
export {
  FortiManagerApiError,
  type FortiManagerErrorInit,
  InvalidDataError,
  InvalidUrlError,
  ObjectExistsError,
  ObjectNotFoundError,
  PermissionError,
  TaskFailedError,
  TaskTimeoutError,
  WorkspaceLockError,
} from './errors.js';
export {
  type Filter,
  type FilterCondition,
  type FilterOperator,
  type FilterValue,
  f,
  type RawFilter,
} from './filter.js';
export type { InstallDeviceOptions, InstallPackageOptions, InstallResult, InstallScope } from './install.js';
export type { IterateOptions } from './iterate.js';
export type {
  CallOptions,
  ExpandDatasrc,
  GetQuery,
  ScopeMember,
  SubFetch,
  SubFetchSpec,
  WireParams,
  WriteOptions,
} from './options.js';
export type { ProxyRequest, ProxyTarget, ProxyTargetResult } from './proxy.js';
export type { RpcResultItem, RpcStatus } from './rpc.js';
export type { CoalesceOptions } from './scheduler.js';
export type { TaskHistoryEntry, TaskLine, TaskResult, Tasks, WaitOptions, WatchOptions } from './tasks.js';
export type {
  CatalogUrl,
  FieldList,
  FieldName,
  FmgRecord,
  GetItem,
  GetOptionsOf,
  GetReply,
  IterateOptionsOf,
  ParamValue,
  RpcMethod,
  UrlParamsOf,
  WriteData,
  WriteMethod,
  WriteOptionsOf,
  WriteReply,
} from './typing.js';
export { fillUrl, placeholdersOf } from './url-template.js';
export type { ParamsValidator, ValidatedCall } from './validate.js';
export type {
  LockInfo,
  LockTarget,
  WithLockOptions,
  Workspace,
  WorkspaceLock,
  WorkspaceMode,
} from './workspace.js';
