/**
 * `fortix/fortimanager`: the FortiManager / FortiAnalyzer JSON-RPC client.
 *
 * @example
 * import { FortiManager, f } from 'fortix/fortimanager';
 * await using fmg = new FortiManager({ url, apiKey, adom: 'root' });
 * const hosts = await fmg.get('/pm/config/adom/{adom}/obj/firewall/address', { filter: f.like('name', 'h%') });
 */

export type {
  AdomAccess,
  ApplianceStatus,
  FortiManagerIdentity,
  LoginMode,
} from './auth/identity.js';
export type {
  BatchItem,
  BatchItemResult,
  BatchOptions,
  BatchReply,
  GetBatchItem,
  WriteBatchItem,
} from './batch.js';
export type {
  CallOptions,
  ExpandDatasrc,
  GetQuery,
  IterateOptions,
  ScopeMember,
  SubFetch,
  SubFetchSpec,
} from './call-options.js';
export type { FortiManagerCalls } from './calls.js';
/** The per-object types of the catalog (`FirewallAddress`, `FirewallAddressInput`, ...) and `FmgCatalog`. */
export type * from './catalog/generated/index.js';
export type {
  DvmTaskAnswer,
  InputOf,
  ObjectOf,
  ProxyAnswer,
  RowOf,
  TaskAnswer,
} from './catalog/types.js';
export {
  FortiManager,
  type FortiManagerCloudOptions,
  type FortiManagerOptions,
  type RawReply,
  type RawRequest,
} from './client.js';
export { describeUrl, type FieldDescription, nearestUrls, type UrlDescription } from './describe.js';
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
export type { ProxyRequest, ProxyTarget, ProxyTargetResult } from './proxy.js';
export type { CoalesceOptions } from './scheduler.js';
export type { TaskHistoryEntry, TaskLine, TaskResult } from './task-result.js';
export type { Tasks, WaitOptions, WatchOptions } from './tasks.js';
export type {
  FmgRecord,
  ParamValue,
  RpcMethod,
  RpcResultItem,
  RpcStatus,
  WireParams,
  WriteMethod,
} from './types.js';
export type {
  CatalogUrl,
  CheckedData,
  CountOption,
  DataArg,
  FieldList,
  FieldName,
  GetItem,
  GetOption,
  GetOptionsOf,
  GetReply,
  IterateOptionsOf,
  UrlParamsOf,
  WriteData,
  WriteOptions,
  WriteOptionsOf,
  WriteReply,
} from './typing.js';
export { escapeName, escapePath, splitUrl } from './url-escape.js';
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
