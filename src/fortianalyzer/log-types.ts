/**
 * FortiAnalyzer log types, as its log search accepts them (the 29-entry catalogue of
 * `specs/fortianalyzer/logs.json`, minus the types FortiAnalyzer does not search: `generic`, `im`,
 * `sniffer`). The aliases the appliance resolves itself (`anomaly`, `icap`, `virtual-patch`) and `utm`
 * (which the appliance reads as "no log type at all") are refused, so that a search always says which
 * logs it reads.
 */
import { ValidationError } from '../core/errors.js';

export const LOG_TYPES = [
  'traffic',
  'event',
  'attack',
  'virus',
  'webfilter',
  'app-ctrl',
  'dns',
  'emailfilter',
  'dlp',
  'voip',
  'waf',
  'ssh',
  'ssl',
  'gtp',
  'file-filter',
  'protocol',
  'security',
  'content',
  'history',
  'netscan',
  'fct-event',
  'fct-traffic',
  'fct-netscan',
  'asset',
  'siem',
  'ztna',
] as const;

/** A log type a FortiAnalyzer log search reads. */
export type LogType = (typeof LOG_TYPES)[number];

const ALIASES: Readonly<Record<string, LogType>> = {
  anomaly: 'attack',
  icap: 'protocol',
  'virtual-patch': 'security',
};

const KNOWN: ReadonlySet<string> = new Set(LOG_TYPES);

/** `logtype` if FortiAnalyzer searches it; a `ValidationError` naming the right spelling otherwise. */
export function checkLogType(logtype: unknown, field = 'logtype'): LogType {
  if (typeof logtype === 'string' && KNOWN.has(logtype)) return logtype as LogType;
  if (typeof logtype === 'string' && logtype in ALIASES) {
    throw new ValidationError(`'${logtype}' is an alias: use logtype '${ALIASES[logtype]}'`, field);
  }
  if (logtype === 'utm') {
    throw new ValidationError(
      "'utm' is not a log type: FortiAnalyzer reads it as no log type filter; name the type (attack, virus, webfilter, ...)",
      field,
    );
  }
  throw new ValidationError(
    `Unknown log type ${JSON.stringify(logtype)}; use one of ${LOG_TYPES.join(', ')}`,
    field,
  );
}
