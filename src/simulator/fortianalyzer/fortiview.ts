/**
 * FortiView (`/fortiview/adom/{adom}/{view-name}/run`): `add` starts a top-N aggregation over the log
 * store and answers its `tid`; `get .../run/{tid}` answers progress and the rows aggregated so far (a
 * partial top-N until `percentage` reaches 100); `delete` cancels. A view id stays valid until
 * cancelled or idle, and only under the view name that started it.
 *
 * As recorded against real appliances: an unknown view is refused ("Cannot find FortiView"); each
 * view accepts filters on a few fields only and refuses others loudly ("Invalid params: filter
 * '<field>' not supported"); sorting by an unknown column fails ("Server error: Missing columns");
 * only `[{devname: 'All_Device'}]` means all devices (see `logs/devices.ts`); site-to-site IPsec is
 * empty for windows shorter than 30 days.
 */
import type { Clock } from '../../core/clock.js';
import type { SimAdom } from './inventory.js';
import { type DeviceScope, fortiviewScope } from './logs/devices.js';
import { compileFilter } from './logs/filter.js';
import { indexRange, numberParam, parseQuery } from './logs/query.js';
import type { GeneratedRow } from './logs/rows.js';
import { percentOf, type Scan, type ScanCache, scannedRows } from './logs/scan.js';
import type { LogStore } from './logs/store.js';
import type { GeneratedLogType } from './logs/stream.js';
import { APPLICATIONS } from './logs/values.js';
import { FazCode, FazFailure, invalidParams } from './status.js';

interface ViewSpec {
  readonly logtype: GeneratedLogType;
  /** The identity columns of a result row (log fields or {@link viewField} names). */
  readonly columns: readonly string[];
  /** Filter fields the view accepts. */
  readonly filters: readonly string[];
  /** Logs the view counts at all (e.g. VPN events only). */
  readonly include?: (row: GeneratedRow) => boolean;
  /** Shortest window (days) with data. */
  readonly minDays?: number;
}

const GROUP_OF_APP = new Map(APPLICATIONS.map((a) => [a.app, a]));

/** A view column of a log row: a log field, or one FortiView names differently. */
function viewField(row: GeneratedRow, name: string): string | number | undefined {
  switch (name) {
    case 'threat':
      return row.attack;
    case 'threattype':
      return 'ips';
    case 'catid':
      return row.cat;
    case 'app_group':
      return GROUP_OF_APP.get(String(row.app))?.group ?? row.app;
    default:
      return row[name];
  }
}

/** A log row with the view columns a filter may name. */
function withViewFields(row: GeneratedRow, spec: ViewSpec): GeneratedRow {
  const out = { ...row };
  for (const column of spec.columns) {
    const value = viewField(row, column);
    if (value !== undefined) out[column] = value;
  }
  return out;
}

export const VIEWS: Readonly<Record<string, ViewSpec>> = {
  'top-sources': { logtype: 'traffic', columns: ['srcip'], filters: ['srcip'] },
  'top-destinations': { logtype: 'traffic', columns: ['dstip', 'dstcountry'], filters: ['dstip'] },
  'top-applications': { logtype: 'traffic', columns: ['app_group', 'appcat'], filters: ['app_group'] },
  'top-cloud-applications': {
    logtype: 'app-ctrl',
    columns: ['app', 'appcat', 'apprisk'],
    filters: ['app'],
    include: (r) => GROUP_OF_APP.get(String(r.app))?.cloud === true,
  },
  'top-websites': { logtype: 'webfilter', columns: ['catid', 'catdesc'], filters: ['catdesc'] },
  'top-threats': { logtype: 'attack', columns: ['threat', 'threattype', 'severity'], filters: ['threat'] },
  'top-countries': { logtype: 'traffic', columns: ['dstcountry'], filters: ['dstcountry'] },
  'policy-hits': { logtype: 'traffic', columns: ['devname', 'vd', 'policyid'], filters: ['policyid'] },
  'site-to-site-ipsec': {
    logtype: 'event',
    columns: ['vpntunnel', 'devname'],
    filters: ['vpntunnel'],
    include: (r) => r.subtype === 'vpn',
    minDays: 30,
  },
};

const METRICS = ['sessions', 'bandwidth', 'traffic_in', 'traffic_out'] as const;
const MAX_VIEW_ROWS = 1000;

interface Group {
  readonly key: string;
  readonly identity: Record<string, string | number>;
  sessions: number;
  traffic_in: number;
  traffic_out: number;
}

interface ViewTask {
  readonly tid: number;
  readonly view: string;
  readonly adom: string;
  readonly spec: ViewSpec;
  readonly scan: Scan | undefined;
  readonly lo: number;
  readonly hi: number;
  readonly startedMs: number;
  readonly limit: number;
  readonly offset: number;
  readonly sort: ReadonlyArray<{ field: string; desc: boolean }>;
  readonly countTotal: boolean;
  readonly zone: string;
  readonly groups: Map<string, Group>;
  /** Matches aggregated so far. */
  done: number;
  /** The groups in answer order, once the view is complete. */
  sorted?: Group[];
  lastSeen: number;
}

export interface ViewContext {
  readonly clock: Clock;
  readonly store: LogStore;
  readonly scans: ScanCache;
  readonly systemZone: string;
  readonly limits: () => { scanRowsPerSecond: number; idleMs: number };
}

export class FortiViews {
  readonly #ctx: ViewContext;
  readonly #tasks = new Map<number, ViewTask>();
  #nextTid = 501;

  constructor(ctx: ViewContext) {
    this.#ctx = ctx;
  }

  get live(): number {
    this.#sweep();
    return this.#tasks.size;
  }

  start(adom: SimAdom, view: string, param: Readonly<Record<string, unknown>>): { tid: number } {
    this.#sweep();
    const spec = VIEWS[view];
    if (!spec) throw new FazFailure(FazCode.invalidParams, `Cannot find FortiView '${view}'`);
    if (param['time-range'] === undefined) invalidParams("'time-range' is required");
    const limit = numberParam(param.limit, 100);
    if (limit < 1 || limit > MAX_VIEW_ROWS) invalidParams(`limit must be between 1 and ${MAX_VIEW_ROWS}`);
    const filterText = typeof param.filter === 'string' ? param.filter : '';
    const viewFilter = compileFilter(filterText, false);
    for (const field of viewFilter.fields) {
      if (!spec.filters.includes(field)) invalidParams(`filter '${field}' not supported`);
    }
    const scope = fortiviewScope(adom, param.device);
    const query = parseQuery(
      { store: this.#ctx.store, adom, systemZone: this.#ctx.systemZone },
      param,
      spec.logtype,
      scope,
    );
    const sort = sortOf(param['sort-by'], spec);
    const now = this.#ctx.clock.now();
    const startSec = Math.floor(now / 1000);
    let scan: Scan | undefined;
    let lo = 0;
    let hi = 0;
    const days = ((query.window.end ?? startSec) - (query.window.start ?? 0)) / 86_400;
    if (query.scan && !(spec.minDays !== undefined && days < spec.minDays)) {
      [lo, hi] = indexRange(query.scan.stream, query.window, startSec);
      scan = this.#ctx.scans.get(viewQuery(query.scan, view, spec, viewFilter, filterText, scope), lo, hi);
    }
    const tid = this.#nextTid++;
    this.#tasks.set(tid, {
      tid,
      view,
      adom: adom.name,
      spec,
      scan,
      lo,
      hi,
      startedMs: now,
      limit,
      offset: Math.max(0, numberParam(param.offset, 0)),
      sort,
      countTotal: param['count-total'] === true,
      zone: query.scan?.zone ?? this.#ctx.systemZone,
      groups: new Map(),
      done: 0,
      lastSeen: now,
    });
    return { tid };
  }

  fetch(adom: SimAdom, view: string, tid: string): Record<string, unknown> {
    const task = this.#task(adom, view, tid);
    const total = task.hi - task.lo;
    const scanned = scannedRows(
      total,
      task.startedMs,
      this.#ctx.clock.now(),
      this.#ctx.limits().scanRowsPerSecond,
    );
    if (task.scan && !task.sorted) this.#aggregate(task, scanned);
    const percentage = percentOf(scanned, total);
    const sorted = task.sorted ?? [...task.groups.values()].sort((a, b) => compareGroups(a, b, task.sort));
    if (percentage === 100) task.sorted = sorted;
    const out: Record<string, unknown> = {
      percentage,
      data: sorted.slice(task.offset, task.offset + task.limit).map(rowOf),
    };
    if (task.countTotal) out['total-count'] = sorted.length;
    return out;
  }

  /** `get .../run` without an id: the views of this name still running or kept. */
  list(adom: SimAdom, view: string): Record<string, unknown> {
    this.#sweep();
    const data = [...this.#tasks.values()]
      .filter((t) => t.adom === adom.name && t.view === view)
      .map((t) => ({ tid: t.tid }));
    return { data };
  }

  cancel(adom: SimAdom, view: string, tid: string): void {
    this.#tasks.delete(this.#task(adom, view, tid).tid);
  }

  cancelAll(adom: SimAdom, view: string): void {
    for (const task of [...this.#tasks.values()]) {
      if (task.adom === adom.name && task.view === view) this.#tasks.delete(task.tid);
    }
  }

  clear(): void {
    this.#tasks.clear();
  }

  #aggregate(task: ViewTask, scanned: number): void {
    const scan = task.scan!;
    scan.advance(task.lo + scanned);
    const upTo = scan.countBelow(task.lo + scanned);
    const startSec = Math.floor(task.startedMs / 1000);
    const stream = scan.query.stream;
    for (let k = task.done; k < upTo; k++) {
      const index = scan.at(k);
      if (stream.itime(index) > startSec) continue;
      const row = stream.row(index, task.zone);
      const identity: Record<string, string | number> = {};
      for (const column of task.spec.columns) identity[column] = viewField(row, column) ?? '';
      const key = JSON.stringify(identity);
      let group = task.groups.get(key);
      if (!group) {
        group = { key, identity, sessions: 0, traffic_in: 0, traffic_out: 0 };
        task.groups.set(key, group);
      }
      group.sessions++;
      group.traffic_in += Number(row.rcvdbyte ?? 0);
      group.traffic_out += Number(row.sentbyte ?? 0);
    }
    task.done = upTo;
  }

  #task(adom: SimAdom, view: string, tid: string): ViewTask {
    this.#sweep();
    const task = /^\d+$/.test(tid) ? this.#tasks.get(Number(tid)) : undefined;
    if (!task || task.adom !== adom.name || task.view !== view) {
      throw new FazFailure(FazCode.invalidParams, 'Invalid tid');
    }
    task.lastSeen = this.#ctx.clock.now();
    return task;
  }

  #sweep(): void {
    const cutoff = this.#ctx.clock.now() - this.#ctx.limits().idleMs;
    for (const task of [...this.#tasks.values()]) if (task.lastSeen < cutoff) this.#tasks.delete(task.tid);
  }
}

function viewQuery(
  base: NonNullable<ReturnType<typeof parseQuery>['scan']>,
  view: string,
  spec: ViewSpec,
  filter: ReturnType<typeof compileFilter>,
  filterText: string,
  scope: DeviceScope,
) {
  const include = spec.include;
  const needsRow = include !== undefined || filter.fields.size > 0;
  return {
    ...base,
    scope,
    filter: {
      test: (row: Readonly<Record<string, unknown>>) =>
        (!include || include(row as GeneratedRow)) && filter.test(withViewFields(row as GeneratedRow, spec)),
      fields: needsRow ? new Set([...filter.fields, 'type']) : new Set<string>(),
    },
    filterKey: `view:${view}|${filterText}`,
  };
}

function rowOf(group: Group): Record<string, string | number> {
  return {
    ...group.identity,
    sessions: group.sessions,
    bandwidth: group.traffic_in + group.traffic_out,
    traffic_in: group.traffic_in,
    traffic_out: group.traffic_out,
  };
}

function sortOf(value: unknown, spec: ViewSpec): Array<{ field: string; desc: boolean }> {
  if (value === undefined) return [{ field: 'sessions', desc: true }];
  if (!Array.isArray(value)) return invalidParams("'sort-by' must be a list");
  const columns = new Set<string>([...spec.columns, ...METRICS]);
  return value.map((item) => {
    const entry = typeof item === 'object' && item !== null ? (item as Record<string, unknown>) : {};
    const field = String(entry.field ?? '');
    if (!columns.has(field))
      throw new FazFailure(FazCode.serverError, `Server error: Missing columns: '${field}'`);
    return { field, desc: entry.order !== 'asc' };
  });
}

function compareGroups(a: Group, b: Group, sort: ReadonlyArray<{ field: string; desc: boolean }>): number {
  for (const { field, desc } of sort) {
    const x = columnOf(a, field);
    const y = columnOf(b, field);
    if (x === y) continue;
    const order = x < y ? -1 : 1;
    return desc ? -order : order;
  }
  return a.key < b.key ? -1 : 1;
}

function columnOf(group: Group, field: string): string | number {
  if (field === 'bandwidth') return group.traffic_in + group.traffic_out;
  if (field === 'sessions' || field === 'traffic_in' || field === 'traffic_out') return group[field];
  return group.identity[field] ?? '';
}
