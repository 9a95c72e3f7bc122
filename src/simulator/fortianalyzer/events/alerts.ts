/**
 * Event management (`/eventmgmt/adom/{adom}/...`): alerts raised by event handlers, generated from
 * the seed over the log history, listed and filtered (the string dialect), counted, and changed by
 * acknowledge, unacknowledge, comment, assign and read.
 *
 * As recorded against real appliances: the trigger field is `trigger_name` in `/alerts` filters but
 * `triggername` in `/alerts/count` (the other spelling matches nothing); `alerts/extra-details` wants
 * `alertids` (with `alertid`: "Invalid params: No Params."); the state changes are method `update`
 * with `alertid` as a list; `limit` is 1-2000. An unknown alert id in a change is a per-result
 * status (-3), not an envelope error.
 *
 * Severity is a number: 1 low, 2 medium, 3 high, 4 critical (recorded filters compare `severity >= 3`;
 * the meaning of each number is the simulator's reading).
 */
import type { Clock } from '../../../core/clock.js';
import type { SimAdom } from '../inventory.js';
import { compileFilter } from '../logs/filter.js';
import { Draws, hash } from '../logs/hash.js';
import { numberParam } from '../logs/query.js';
import type { LogStore } from '../logs/store.js';
import { effectiveZone, parseTimeRange } from '../logs/time.js';
import { DESTINATIONS, USERS } from '../logs/values.js';
import { FazCode, invalidParams, MalformedRequest } from '../status.js';

export type AlertRow = Record<string, string | number>;

interface Trigger {
  readonly name: string;
  readonly eventtype: string;
  readonly severity: number;
  readonly logdesc: string;
}

const TRIGGERS: readonly Trigger[] = [
  { name: 'Local Device Event', eventtype: 'event', severity: 2, logdesc: 'Admin login failed' },
  { name: 'Default-Login-Failures', eventtype: 'event', severity: 2, logdesc: 'Multiple login failures' },
  {
    name: 'Default-Configuration-Changes',
    eventtype: 'event',
    severity: 1,
    logdesc: 'Object attribute configured',
  },
  {
    name: 'Default-Risky-Destination-Detection-By-Threat',
    eventtype: 'webfilter',
    severity: 3,
    logdesc: 'Risky destination',
  },
  {
    name: 'Default-IPS-Critical-Severity',
    eventtype: 'attack',
    severity: 4,
    logdesc: 'Critical intrusion detected',
  },
  {
    name: 'Default-Compromised Host-Detection-IOC-By-Threat',
    eventtype: 'ioc',
    severity: 4,
    logdesc: 'Compromised host detected',
  },
  {
    name: 'Default-Botnet-Communication-Detection',
    eventtype: 'botnet',
    severity: 4,
    logdesc: 'Botnet communication',
  },
];

export const MAX_ALERT_ROWS = 2000;

export interface AlertContext {
  readonly clock: Clock;
  readonly store: LogStore;
  readonly seed: number;
  readonly startSec: number;
  readonly historySec: number;
  readonly systemZone: string;
  /** Alerts raised per day in an ADOM of log scale 1. */
  readonly perDay: number;
}

/** What a change did: the ids changed, and those that do not exist. */
export interface AlertChange {
  readonly changed: number;
  readonly missing: readonly string[];
}

export class Alerts {
  readonly #ctx: AlertContext;
  readonly #alerts = new Map<string, AlertRow[]>();

  constructor(ctx: AlertContext) {
    this.#ctx = ctx;
  }

  /** `get .../alerts`: one page of alerts, newest first unless `time-order` is `asc`. */
  list(adom: SimAdom, param: Readonly<Record<string, unknown>>): Record<string, unknown> {
    const limit = numberParam(param.limit, 1000);
    if (limit < 1 || limit > MAX_ALERT_ROWS) invalidParams(`limit must be between 1 and ${MAX_ALERT_ROWS}`);
    const offset = Math.max(0, numberParam(param.offset, 0));
    const rows = this.#select(adom, param, (row) => ({ ...row, trigger_name: row.triggername! }));
    if (param['time-order'] === 'asc') rows.reverse();
    return { data: rows.slice(offset, offset + limit) };
  }

  /** `get .../alerts/count`: totals, or counts per `group-by` value. */
  count(adom: SimAdom, param: Readonly<Record<string, unknown>>): Record<string, unknown> {
    const rows = this.#select(adom, param, (row) => row);
    const groupBy = typeof param['group-by'] === 'string' ? param['group-by'] : undefined;
    if (!groupBy) {
      return { data: { total: rows.length, unacknowledged: rows.filter((r) => r.ackflag === 'no').length } };
    }
    const field = groupBy === 'trigger' ? 'triggername' : groupBy.replace(/_(timescale|epdevtype)$/, '');
    const counts = new Map<string | number, number>();
    for (const row of rows) counts.set(row[field] ?? '', (counts.get(row[field] ?? '') ?? 0) + 1);
    return { data: [...counts].map(([value, count]) => ({ [field]: value, count })) };
  }

  /** Applies a change to the alerts listed in `alertid`. */
  change(
    adom: SimAdom,
    param: Readonly<Record<string, unknown>>,
    apply: (row: AlertRow) => void,
  ): AlertChange {
    const ids = param.alertid;
    if (!Array.isArray(ids) || ids.length === 0) return invalidParams('No Params.');
    const byId = new Map(this.#rows(adom).map((row) => [String(row.alertid), row]));
    const missing: string[] = [];
    let changed = 0;
    for (const id of ids.map(String)) {
      const row = byId.get(id);
      if (!row) {
        missing.push(id);
        continue;
      }
      apply(row);
      row.lastupdate = Math.floor(this.#ctx.clock.now() / 1000);
      changed++;
    }
    return { changed, missing };
  }

  /** `get .../alerts/extra-details` (needs `alertids`). */
  extraDetails(adom: SimAdom, param: Readonly<Record<string, unknown>>): Record<string, unknown> {
    if (!Array.isArray(param.alertids)) return invalidParams('No Params.');
    const wanted = new Set(param.alertids.map(String));
    const data = this.#rows(adom)
      .filter((row) => wanted.has(String(row.alertid)))
      .map((row) => ({ alertid: row.alertid, devs: [row.devid], epids: [row.epid], euids: [row.euid] }));
    return { data };
  }

  /** `get .../alertlogs`: the logs that raised the alerts listed in `alertid`. */
  logs(adom: SimAdom, param: Readonly<Record<string, unknown>>): Record<string, unknown> {
    const ids = Array.isArray(param.alertid) ? new Set(param.alertid.map(String)) : undefined;
    if (!ids) return invalidParams('No Params.');
    const limit = Math.min(MAX_ALERT_ROWS, Math.max(1, numberParam(param.limit, 100)));
    const offset = Math.max(0, numberParam(param.offset, 0));
    const stream = this.#ctx.store.stream(adom, 'event');
    const zone = adom.timeZone ?? this.#ctx.systemZone;
    const data: Array<Record<string, unknown>> = [];
    for (const row of this.#rows(adom)) {
      if (!ids.has(String(row.alertid))) continue;
      const first = stream.firstAtOrAfter(Number(row.alerttime) - 60);
      for (let k = 0; k < Math.min(20, Number(row.count)); k++) {
        data.push({ ...stream.row(first + k, zone), alertid: row.alertid });
      }
    }
    return { data: data.slice(offset, offset + limit) };
  }

  #select(
    adom: SimAdom,
    param: Readonly<Record<string, unknown>>,
    view: (row: AlertRow) => AlertRow,
  ): AlertRow[] {
    const zone = effectiveZone(param.timezone, adom.timeZone ?? this.#ctx.systemZone);
    const window = parseTimeRange(param['time-range'], zone);
    if (!window) throw new MalformedRequest("'time-range' must be an object");
    if (param.filter !== undefined && typeof param.filter !== 'string') {
      throw new MalformedRequest("'filter' must be a string");
    }
    const filter = compileFilter(param.filter ?? '', false);
    return this.#rows(adom).filter((row) => {
      const time = Number(row.alerttime);
      if (window.start !== undefined && time < window.start) return false;
      if (window.end !== undefined && time > window.end) return false;
      return filter.test(view(row));
    });
  }

  /** The ADOM's alerts, newest first, raised up to now. */
  #rows(adom: SimAdom): AlertRow[] {
    let rows = this.#alerts.get(adom.name);
    if (!rows) {
      rows = this.#generate(adom);
      this.#alerts.set(adom.name, rows);
    }
    const nowSec = Math.floor(this.#ctx.clock.now() / 1000);
    return rows.filter((row) => Number(row.alerttime) <= nowSec);
  }

  #generate(adom: SimAdom): AlertRow[] {
    const { seed, startSec, historySec, perDay } = this.#ctx;
    // Alerts for the history and for the next week of simulated time.
    const span = historySec + 7 * 86_400;
    const count = Math.max(1, Math.round((perDay * adom.logScale * span) / 86_400));
    const rows: AlertRow[] = [];
    for (let n = 0; n < count; n++) {
      const d = new Draws(hash(seed, adom.oid, 0xa1e7 + n));
      const trigger = d.skewed(TRIGGERS);
      const device = adom.devices[d.next(adom.devices.length)]!;
      const time = startSec - historySec + Math.floor((n * span) / count) + d.next(60);
      const endpoint = `10.${adom.devices.indexOf(device)}.${d.next(16)}.${1 + d.next(254)}`;
      const acknowledged = time < startSec - 86_400 && d.next(3) === 0;
      rows.push({
        alertid: String(202_600_000_000 + adom.oid * 100_000 + n),
        triggername: trigger.name,
        eventtype: trigger.eventtype,
        severity: trigger.severity,
        ackflag: acknowledged ? 'yes' : 'no',
        mgmt_state: acknowledged ? 'acknowledged' : 'pending_triage',
        assigned: 'no',
        alerttime: time,
        createtime: time,
        lastlogtime: time + d.next(300),
        lastupdate: time,
        devid: device.serial,
        devname: device.name,
        vdom: device.vdoms[0]!,
        subject: `${trigger.logdesc} on ${device.name}`,
        logdesc: trigger.logdesc,
        description: `${trigger.logdesc}: ${endpoint} -> ${DESTINATIONS[d.next(40)]!.ip}`,
        event_value: endpoint,
        epid: 1000 + d.next(500),
        epname: endpoint,
        epip: endpoint,
        euid: 1000 + d.next(50),
        euname: d.pick(USERS),
        count: 1 + d.next(30),
        comment: '',
        flags: 0,
        tag: '',
        eventstatus: 0,
        groupby1: endpoint,
        groupby2: trigger.eventtype,
      });
    }
    return rows.reverse();
  }
}

/** The per-result status of a change that named unknown alerts. */
export function missingStatus(missing: readonly string[]): { code: number; message: string } | undefined {
  if (missing.length === 0) return undefined;
  return { code: FazCode.notFound, message: `Object does not exist: alert ${missing.join(', ')}` };
}
