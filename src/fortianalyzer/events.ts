/**
 * Event management (alerts) and incident management.
 *
 * What the client takes care of: the trigger field is spelled `trigger_name` in `/alerts` filters and
 * `triggername` in `/alerts/count` (either spelling may be used, the client writes the right one);
 * `extra-details` wants `alertids`; state changes are `update` with `alertid` as a list; a single
 * incident is read through `incids: [id]` (there is no single-incident get); incident `status` and
 * `severity` are checked before sending.
 */
import { ValidationError } from '../core/errors.js';
import { bounded, type CallOptions, dataList, type FazCaller, nonEmpty, record, segment } from './caller.js';
import { FortiAnalyzerNotFoundError } from './errors.js';
import { type LogFilter, toLogFilter } from './filter.js';
import { resolveRange, type TimeRange, wireRange } from './time.js';

export interface Alert {
  readonly alertid: string;
  readonly triggername?: string;
  readonly severity?: number;
  /** `yes` or `no`. */
  readonly ackflag?: string;
  readonly alerttime?: number;
  readonly devid?: string;
  readonly devname?: string;
  readonly [key: string]: unknown;
}

export interface AlertListOptions extends CallOptions {
  adom?: string;
  filter?: LogFilter | string;
  timeRange?: TimeRange;
  order?: 'desc' | 'asc';
  /** Alerts per request (1-2000, default 500). */
  pageSize?: number;
  maxRows?: number;
}

export const INCIDENT_STATUSES = ['draft', 'analysis', 'response', 'closed', 'cancelled'] as const;
export const INCIDENT_SEVERITIES = ['high', 'medium', 'low'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];
export type IncidentSeverity = (typeof INCIDENT_SEVERITIES)[number];

export interface Incident {
  readonly incid: string;
  readonly name?: string;
  readonly severity?: IncidentSeverity;
  readonly status?: IncidentStatus;
  readonly category?: string;
  /** `YYYY-MM-DD HH:MM:SS` in the appliance's zone (as FortiAnalyzer answers it). */
  readonly createtime?: string;
  /** Epoch seconds as digits. */
  readonly lastupdate?: string;
  readonly [key: string]: unknown;
}

export interface NewIncident {
  reporter: string;
  endpoint: string;
  category: string;
  name?: string;
  description?: string;
  severity?: IncidentSeverity;
  status?: IncidentStatus;
  epid?: number;
  euid?: number;
}

export type IncidentChanges = Partial<Omit<NewIncident, 'reporter'>>;

const toCount = (field: string) => (field === 'trigger_name' ? 'triggername' : field);
const toList = (field: string) => (field === 'triggername' ? 'trigger_name' : field);

/** Alerts of event management. */
export class Alerts {
  readonly #caller: FazCaller;
  readonly #defaultZone: string;

  /** @internal */
  constructor(caller: FazCaller, defaultZone: string) {
    this.#caller = caller;
    this.#defaultZone = defaultZone;
  }

  /**
   * Alerts, newest first, page by page (each alert once even if new alerts shift the pages).
   *
   * @example
   * for await (const alert of faz.alerts.list({ filter: q.and(q.ge('severity', 3), q.eq('ackflag', 'no')) })) ...
   */
  async *list(options: AlertListOptions = {}): AsyncGenerator<Alert, void, undefined> {
    const url = `/eventmgmt/adom/${this.#adom(options)}/alerts`;
    const pageSize = bounded(options.pageSize, 500, 1, 2000, 'pageSize');
    const maxRows = options.maxRows ?? Number.POSITIVE_INFINITY;
    const params = {
      ...this.#common(options, toList),
      'time-order': options.order ?? 'desc',
      limit: pageSize,
    };
    const seen = new Set<string>();
    for (let offset = 0; seen.size < maxRows; offset += pageSize) {
      const rows = dataList<Alert>(await this.#caller.v3('get', url, { ...params, offset }, options));
      for (const alert of rows) {
        if (seen.has(alert.alertid)) continue;
        seen.add(alert.alertid);
        yield alert;
        if (seen.size >= maxRows) return;
      }
      if (rows.length < pageSize) return;
    }
  }

  /** Alert counts: `{total, unacknowledged}`, or rows per `groupBy` value. */
  async count(
    options: Omit<AlertListOptions, 'order' | 'pageSize' | 'maxRows'> & {
      groupBy?:
        | 'severity'
        | 'trigger'
        | 'eventtype'
        | 'mgmt_state'
        | 'severity_timescale'
        | 'severity_epdevtype';
    } = {},
  ): Promise<unknown> {
    const params = {
      ...this.#common(options, toCount),
      ...(options.groupBy ? { 'group-by': options.groupBy } : {}),
    };
    return record(
      await this.#caller.v3('get', `/eventmgmt/adom/${this.#adom(options)}/alerts/count`, params, options),
    ).data;
  }

  /** Acknowledges alerts (recorded as done by `by`). */
  ack(ids: readonly string[], options: CallOptions & { adom?: string; by?: string } = {}): Promise<void> {
    return this.#change('ack', ids, { 'update-by': options.by ?? 'fortix' }, options);
  }

  unack(ids: readonly string[], options: CallOptions & { adom?: string; by?: string } = {}): Promise<void> {
    return this.#change('unack', ids, { 'update-by': options.by ?? 'fortix' }, options);
  }

  comment(
    ids: readonly string[],
    text: string,
    options: CallOptions & { adom?: string; by?: string } = {},
  ): Promise<void> {
    if (typeof text !== 'string') throw new ValidationError('comment must be a string', 'comment');
    return this.#change('comment', ids, { comment: text, 'update-by': options.by ?? 'fortix' }, options);
  }

  assign(ids: readonly string[], user: string, options: CallOptions & { adom?: string } = {}): Promise<void> {
    return this.#change('assign', ids, { 'assign-to': nonEmpty(user, 'user') }, options);
  }

  markRead(ids: readonly string[], options: CallOptions & { adom?: string } = {}): Promise<void> {
    return this.#change('read', ids, {}, options);
  }

  /** Devices, endpoints and users of alerts (`extra-details`). */
  async details(
    ids: readonly string[],
    options: CallOptions & { adom?: string } = {},
  ): Promise<Record<string, unknown>[]> {
    const url = `/eventmgmt/adom/${this.#adom(options)}/alerts/extra-details`;
    return dataList(await this.#caller.v3('get', url, { alertids: alertIds(ids) }, options));
  }

  /** The logs that raised alerts. */
  async logs(
    ids: readonly string[],
    options: CallOptions & { adom?: string; limit?: number; offset?: number } = {},
  ): Promise<Record<string, unknown>[]> {
    const url = `/eventmgmt/adom/${this.#adom(options)}/alertlogs`;
    const params = {
      alertid: alertIds(ids),
      limit: bounded(options.limit, 100, 1, 2000, 'limit'),
      offset: options.offset ?? 0,
    };
    return dataList(await this.#caller.v3('get', url, params, options));
  }

  async #change(
    action: string,
    ids: readonly string[],
    extra: Record<string, unknown>,
    options: CallOptions & { adom?: string },
  ): Promise<void> {
    const url = `/eventmgmt/adom/${this.#adom(options)}/alerts/${action}`;
    await this.#caller.v3('update', url, { alertid: alertIds(ids), ...extra }, options);
  }

  #common(options: AlertListOptions, rename: (field: string) => string): Record<string, unknown> {
    const filter = toLogFilter(options.filter);
    const range = options.timeRange
      ? resolveRange(options.timeRange, this.#caller.clock.now(), this.#defaultZone)
      : undefined;
    return {
      ...(filter ? { filter: filter.render(rename) } : {}),
      ...(range ? wireRange(range.startSec, range.endSec, range.timeZone) : {}),
    };
  }

  #adom(options: { adom?: string | undefined }): string {
    return segment(this.#caller.adom(options.adom), 'adom');
  }
}

/** Incidents of incident management. */
export class Incidents {
  readonly #caller: FazCaller;
  readonly #defaultZone: string;

  /** @internal */
  constructor(caller: FazCaller, defaultZone: string) {
    this.#caller = caller;
    this.#defaultZone = defaultZone;
  }

  /** Incidents, page by page. */
  async *list(
    options: CallOptions & {
      adom?: string;
      filter?: LogFilter | string;
      timeRange?: TimeRange;
      detail?: 'basic' | 'standard' | 'extended';
      sortBy?: { field: string; order?: 'asc' | 'desc' };
      pageSize?: number;
    } = {},
  ): AsyncGenerator<Incident, void, undefined> {
    const url = `/incidentmgmt/adom/${this.#adom(options)}/incidents`;
    const pageSize = bounded(options.pageSize, 500, 1, 2000, 'pageSize');
    const filter = toLogFilter(options.filter);
    const range = options.timeRange
      ? resolveRange(options.timeRange, this.#caller.clock.now(), this.#defaultZone)
      : undefined;
    const params = {
      ...(filter ? { filter: filter.text } : {}),
      ...(range ? wireRange(range.startSec, range.endSec, range.timeZone) : {}),
      ...(options.detail ? { 'detail-level': options.detail } : {}),
      ...(options.sortBy
        ? { 'sort-by': [{ field: options.sortBy.field, order: options.sortBy.order ?? 'desc' }] }
        : {}),
      limit: pageSize,
    };
    const seen = new Set<string>();
    for (let offset = 0; ; offset += pageSize) {
      const rows = dataList<Incident>(await this.#caller.v3('get', url, { ...params, offset }, options));
      for (const incident of rows) {
        if (seen.has(incident.incid)) continue;
        seen.add(incident.incid);
        yield incident;
      }
      if (rows.length < pageSize) return;
    }
  }

  /** One incident; `FortiAnalyzerNotFoundError` when there is none with this id. */
  async get(incid: string, options: CallOptions & { adom?: string } = {}): Promise<Incident> {
    const url = `/incidentmgmt/adom/${this.#adom(options)}/incidents`;
    const [row] = dataList<Incident>(
      await this.#caller.v3('get', url, { incids: [nonEmpty(incid, 'incid')] }, options),
    );
    if (!row) {
      throw new FortiAnalyzerNotFoundError(`FortiAnalyzer has no incident ${incid}`, {
        code: -3,
        message: 'Object does not exist',
        method: 'get',
        url,
      });
    }
    return row;
  }

  async count(options: CallOptions & { adom?: string; filter?: LogFilter | string } = {}): Promise<number> {
    const filter = toLogFilter(options.filter);
    const url = `/incidentmgmt/adom/${this.#adom(options)}/incidents/count`;
    return Number(
      record(await this.#caller.v3('get', url, filter ? { filter: filter.text } : {}, options)).count ?? 0,
    );
  }

  /** Creates an incident; answers its id. */
  async create(incident: NewIncident, options: CallOptions & { adom?: string } = {}): Promise<string> {
    for (const key of ['reporter', 'endpoint', 'category'] as const) {
      if (typeof incident[key] !== 'string' || incident[key] === '') {
        throw new ValidationError(`An incident needs a ${key}`, key);
      }
    }
    checkIncident(incident);
    const url = `/incidentmgmt/adom/${this.#adom(options)}/incident`;
    const incid = record(await this.#caller.v3('add', url, { ...incident }, options)).incid;
    return String(incid);
  }

  async update(
    incid: string,
    changes: IncidentChanges,
    options: CallOptions & { adom?: string } = {},
  ): Promise<void> {
    checkIncident(changes);
    const url = `/incidentmgmt/adom/${this.#adom(options)}/incident/${segment(incid, 'incid')}`;
    await this.#caller.v3('update', url, { ...changes }, options);
  }

  #adom(options: { adom?: string | undefined }): string {
    return segment(this.#caller.adom(options.adom), 'adom');
  }
}

function alertIds(ids: readonly string[]): string[] {
  if (!Array.isArray(ids) || ids.length === 0 || ids.some((id) => typeof id !== 'string' || id === '')) {
    throw new ValidationError('Name at least one alert id', 'ids');
  }
  return [...ids];
}

function checkIncident(incident: IncidentChanges): void {
  if (incident.status !== undefined && !INCIDENT_STATUSES.includes(incident.status)) {
    throw new ValidationError(`status is one of ${INCIDENT_STATUSES.join(', ')}`, 'status');
  }
  if (incident.severity !== undefined && !INCIDENT_SEVERITIES.includes(incident.severity)) {
    throw new ValidationError(`severity is one of ${INCIDENT_SEVERITIES.join(', ')}`, 'severity');
  }
}
