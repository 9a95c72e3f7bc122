/**
 * `fortix/fortianalyzer`: the FortiAnalyzer client (on the FortiManager JSON-RPC engine) with log
 * searches, FortiView, reports, alerts and incidents, and the filter builder `q`; on a FortiAnalyzer
 * of its own or through a FortiManager's session (`FortiAnalyzer.through(fmg)`).
 *
 * @example
 * import { FortiAnalyzer, q } from 'fortix/fortianalyzer';
 * await using faz = new FortiAnalyzer({ url, apiKey });
 * for await (const row of faz.logs.search({ logtype: 'traffic', timeRange: { last: '15m' }, filter: q.eq('action', 'deny') })) {
 *   console.log(row.srcip);
 * }
 */
export type { CallOptions } from './caller.js';
export {
  type FazCallOptions,
  FortiAnalyzer,
  type FortiAnalyzerCloudOptions,
  type FortiAnalyzerIdentity,
  type FortiAnalyzerOptions,
  type FortiAnalyzerThroughOptions,
  type RawRequest,
} from './client.js';
export type { DeviceSelector } from './devices.js';
export {
  FortiAnalyzerApiError,
  type FortiAnalyzerErrorInit,
  FortiAnalyzerInvalidRequestError,
  FortiAnalyzerNotFoundError,
  FortiAnalyzerPermissionError,
  InvalidFilterError,
  ReportFailedError,
  SearchExpiredError,
  SearchSlotsExhaustedError,
} from './errors.js';
export {
  type Alert,
  type AlertListOptions,
  Alerts,
  INCIDENT_SEVERITIES,
  INCIDENT_STATUSES,
  type Incident,
  type IncidentChanges,
  type IncidentSeverity,
  type IncidentStatus,
  Incidents,
  type NewIncident,
} from './events.js';
export { type FilterValue, LogFilter, q } from './filter.js';
export {
  FortiView,
  type FortiViewName,
  type FortiViewOptions,
  FortiViewRun,
  type ViewRow,
} from './fortiview.js';
export { type LogRow, LogSearch, type SearchProgress, type SearchSummary } from './log-search.js';
export { LOG_TYPES, type LogType } from './log-types.js';
export { type LogField, type LogSearchOptions, type LogStat, Logs } from './logs.js';
export {
  type ReportDownload,
  type ReportFormat,
  type ReportLayout,
  type ReportPeriodName,
  type ReportRunOptions,
  type ReportStatus,
  Reports,
  type WaitOptions,
} from './reports.js';
export type { Duration, TimePoint, TimeRange } from './time.js';
export type { ArchiveFile } from './zip.js';
