/**
 * Incident management (`/incidentmgmt/adom/{adom}/...`): incidents seeded from the seed, listed
 * (string-dialect `filter`, `incids`, `sort-by`, `detail-level`, and the undocumented but effective
 * `time-range`), counted, created and updated.
 *
 * As recorded against real appliances: there is no single-incident read (`get .../incident/{incid}`
 * is refused by the router; read with `incids: [id]`); `add` needs `reporter`, `endpoint` and
 * `category` and answers `{incid}` with no `data` wrapper; `status` is one of draft, analysis,
 * response, closed, cancelled ("not a valid enum value for 'status'" otherwise) and severity high,
 * medium or low; `detail-level: 'extended'` adds endpoint and user lists but leaves out severity and
 * status; `createtime` is a `YYYY-MM-DD HH:MM:SS` string while `lastupdate` is epoch digits.
 */
import type { Clock } from '../../../core/clock.js';
import type { SimAdom } from '../inventory.js';
import { compileFilter } from '../logs/filter.js';
import { Draws, hash } from '../logs/hash.js';
import { numberParam } from '../logs/query.js';
import { effectiveZone, parseTime, parseTimeRange } from '../logs/time.js';
import { USERS } from '../logs/values.js';
import { wallText } from '../reports/period.js';
import { FazCode, FazFailure, invalidParams, MalformedRequest } from '../status.js';

export const INCIDENT_STATUSES = ['draft', 'analysis', 'response', 'closed', 'cancelled'] as const;
export const INCIDENT_SEVERITIES = ['high', 'medium', 'low'] as const;
const CATEGORIES = [
  'Unauthorized access',
  'Malicious code',
  'Denial of service',
  'Scans/probes/attempted access',
  'Improper usage',
  'Uncategorized',
];
const UPDATABLE = ['category', 'description', 'endpoint', 'epid', 'euid', 'severity', 'status', 'name'];

type Incident = Record<string, string | number>;

export interface IncidentContext {
  readonly clock: Clock;
  readonly seed: number;
  readonly startSec: number;
  readonly historySec: number;
  readonly systemZone: string;
}

export class Incidents {
  readonly #ctx: IncidentContext;
  readonly #incidents = new Map<string, Incident[]>();
  #next = 1;

  constructor(ctx: IncidentContext) {
    this.#ctx = ctx;
  }

  list(adom: SimAdom, param: Readonly<Record<string, unknown>>): Record<string, unknown> {
    const limit = numberParam(param.limit, 100);
    if (limit < 1 || limit > 2000) invalidParams('limit must be between 1 and 2000');
    const offset = Math.max(0, numberParam(param.offset, 0));
    const rows = this.#select(adom, param);
    const sort = Array.isArray(param['sort-by'])
      ? (param['sort-by'][0] as Record<string, unknown> | undefined)
      : undefined;
    if (sort && typeof sort.field === 'string') {
      const field = sort.field;
      const desc = sort.order === 'desc';
      rows.sort((a, b) => {
        const order = (a[field] ?? '') < (b[field] ?? '') ? -1 : (a[field] ?? '') > (b[field] ?? '') ? 1 : 0;
        return desc ? -order : order;
      });
    }
    const level = param['detail-level'];
    return { data: rows.slice(offset, offset + limit).map((row) => detail(row, level)) };
  }

  count(adom: SimAdom, param: Readonly<Record<string, unknown>>): Record<string, unknown> {
    return { count: this.#select(adom, param).length };
  }

  add(adom: SimAdom, user: string, param: Readonly<Record<string, unknown>>): { incid: string } {
    for (const key of ['reporter', 'endpoint', 'category']) {
      if (typeof param[key] !== 'string' || param[key] === '') invalidParams(`'${key}' is required`);
    }
    checkEnums(param);
    const now = Math.floor(this.#ctx.clock.now() / 1000);
    const rows = this.#rows(adom);
    const incid = this.#nextId();
    const zone = adom.timeZone ?? this.#ctx.systemZone;
    rows.unshift({
      incid,
      name: String(param.name ?? `Incident ${incid}`),
      severity: String(param.severity ?? 'medium'),
      status: String(param.status ?? 'draft'),
      category: String(param.category),
      description: String(param.description ?? ''),
      reporter: String(param.reporter),
      incident_reporter: String(param.reporter),
      lastuser: user,
      endpoint: String(param.endpoint),
      epid: Number(param.epid ?? 0),
      euid: Number(param.euid ?? 0),
      assigned_to: '',
      createtime: wallText(now, zone),
      lastupdate: String(now),
    });
    return { incid };
  }

  update(
    adom: SimAdom,
    incid: string,
    user: string,
    param: Readonly<Record<string, unknown>>,
  ): Record<string, unknown> {
    const row = this.#rows(adom).find((r) => r.incid === incid);
    if (!row) throw new FazFailure(FazCode.notFound);
    checkEnums(param);
    for (const key of UPDATABLE) {
      const value = param[key];
      if (typeof value === 'string' || typeof value === 'number') row[key] = value;
    }
    row.lastuser = typeof param.lastuser === 'string' ? param.lastuser : user;
    row.lastupdate = String(Math.floor(this.#ctx.clock.now() / 1000));
    return { incid };
  }

  delete(adom: SimAdom, param: Readonly<Record<string, unknown>>): Record<string, unknown> {
    if (!Array.isArray(param.incids)) return invalidParams("'incids' is required");
    const wanted = new Set(param.incids.map(String));
    const rows = this.#rows(adom);
    const kept = rows.filter((row) => !wanted.has(String(row.incid)));
    this.#incidents.set(adom.name, kept);
    return { deleted: rows.length - kept.length };
  }

  #select(adom: SimAdom, param: Readonly<Record<string, unknown>>): Incident[] {
    const zone = effectiveZone(param.timezone, adom.timeZone ?? this.#ctx.systemZone);
    const window = parseTimeRange(param['time-range'], zone);
    if (!window) throw new MalformedRequest("'time-range' must be an object");
    if (param.filter !== undefined && typeof param.filter !== 'string') {
      throw new MalformedRequest("'filter' must be a string");
    }
    const filter = compileFilter(param.filter ?? '', false);
    const ids = Array.isArray(param.incids) ? new Set(param.incids.map(String)) : undefined;
    const rowZone = adom.timeZone ?? this.#ctx.systemZone;
    return this.#rows(adom).filter((row) => {
      if (ids && !ids.has(String(row.incid))) return false;
      const created = parseTime(row.createtime, rowZone) ?? 0;
      if (window.start !== undefined && created < window.start) return false;
      if (window.end !== undefined && created > window.end) return false;
      return filter.test(row);
    });
  }

  #rows(adom: SimAdom): Incident[] {
    let rows = this.#incidents.get(adom.name);
    if (!rows) {
      rows = this.#generate(adom);
      this.#incidents.set(adom.name, rows);
    }
    return rows;
  }

  /** Incident ids are unique over every ADOM. */
  #nextId(): string {
    return `IN${String(this.#next++).padStart(8, '0')}`;
  }

  #generate(adom: SimAdom): Incident[] {
    const { seed, startSec, historySec } = this.#ctx;
    const zone = adom.timeZone ?? this.#ctx.systemZone;
    const count = Math.max(3, Math.round(25 * adom.logScale));
    const rows: Incident[] = [];
    for (let n = 0; n < count; n++) {
      const d = new Draws(hash(seed, adom.oid, 0x1c1d + n));
      const created = startSec - historySec + Math.floor((n * historySec) / count) + d.next(600);
      const device = adom.devices[d.next(adom.devices.length)]!;
      const endpoint = `10.${adom.devices.indexOf(device)}.${d.next(16)}.${1 + d.next(254)}`;
      const category = d.skewed(CATEGORIES);
      rows.push({
        incid: this.#nextId(),
        name: `${category} on ${endpoint}`,
        severity: d.pick(INCIDENT_SEVERITIES),
        status: d.skewed(INCIDENT_STATUSES),
        category,
        description: `Raised from alerts of ${device.name}`,
        reporter: 'admin',
        incident_reporter: 'admin',
        lastuser: 'admin',
        endpoint,
        epid: 1000 + d.next(500),
        euid: 1000 + d.next(50),
        assigned_to: d.next(2) === 0 ? d.pick(USERS) : '',
        createtime: wallText(created, zone),
        lastupdate: String(created + d.next(7200)),
      });
    }
    return rows.reverse();
  }
}

function checkEnums(param: Readonly<Record<string, unknown>>): void {
  if (param.status !== undefined && !(INCIDENT_STATUSES as readonly unknown[]).includes(param.status)) {
    throw new FazFailure(FazCode.invalidParams, "not a valid enum value for 'status'");
  }
  if (param.severity !== undefined && !(INCIDENT_SEVERITIES as readonly unknown[]).includes(param.severity)) {
    throw new FazFailure(FazCode.invalidParams, "not a valid enum value for 'severity'");
  }
}

function detail(row: Incident, level: unknown): Record<string, unknown> {
  if (level === 'basic') {
    const { incid, name, severity, status, createtime } = row;
    return { incid, name, severity, status, createtime };
  }
  if (level === 'extended') {
    const { severity: _severity, status: _status, ...rest } = row;
    return {
      ...rest,
      eparr: [{ epid: row.epid, epip: row.endpoint }],
      euarr: [{ euid: row.euid }],
      attachments: [],
    };
  }
  return { ...row };
}
