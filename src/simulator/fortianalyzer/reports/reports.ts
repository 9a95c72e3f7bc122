/**
 * Reports: layouts (`/config/adom/{adom}/sql-report/layout`), schedules (a report runs only once its
 * layout has a schedule, named after the layout id), runs that progress over simulated time
 * (`/report/adom/{adom}/run[/{tid}]`, tids are UUIDs) and the generated files
 * (`/report/adom/{adom}/reports/data/{tid}`: a base64 ZIP in PDF, HTML, CSV or XML).
 *
 * As recorded against real appliances: the running list answers no `result` at all when nothing
 * runs; a finished run is `state: 'generated'`; a custom period needs the nested `schedule-param`
 * with `time-period: 'other'` and `period-start`/`period-end` as `HH:MM yyyy/mm/dd` (the flat form is
 * ignored: the schedule's own period is used); a schedule stores `time-period` as a number.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../../core/clock.js';
import type { SimAdom } from '../inventory.js';
import type { LogStore } from '../logs/store.js';
import { FazCode, FazFailure, invalidParams } from '../status.js';
import { type LayoutKind, MAX_SAMPLED, reportCharts } from './content.js';
import { type Period, parseBound, periodName, resolvePeriod, TIME_PERIODS, wallText } from './period.js';
import { REPORT_FORMATS, type ReportContent, type ReportFormat, renderReport, slug } from './render.js';
import { zip } from './zip.js';

interface Layout {
  readonly 'layout-id': number;
  readonly title: string;
  readonly description: string;
  readonly category: string;
  readonly 'is-template': 0 | 1;
  readonly kind: LayoutKind;
}

const LAYOUTS: readonly Layout[] = [
  layout(1, 'Secure SD-WAN Report', 'SD-WAN health and IPsec tunnels', 'SD-WAN', 'sdwan'),
  layout(
    2,
    'Bandwidth and Applications Report',
    'Bandwidth by application, source and country',
    'Traffic',
    'bandwidth',
  ),
  layout(3, 'Threat Report', 'Intrusions, attack sources and blocked web categories', 'Security', 'threat'),
  layout(4, 'Admin and System Events Report', 'System events and administrator logins', 'Events', 'events'),
  layout(5, 'Top 20 Sources', 'Top sources by bandwidth', 'Traffic', 'sources'),
  {
    ...layout(101, 'Template - Bandwidth and Applications Report', 'Template', 'Traffic', 'bandwidth'),
    'is-template': 1,
  },
];

function layout(id: number, title: string, description: string, category: string, kind: LayoutKind): Layout {
  return { 'layout-id': id, title, description, category, 'is-template': 0, kind };
}

/** Layouts that have a schedule in a fresh simulator (the others need one before they run). */
const SCHEDULED_AT_START = [1, 2, 5];

type Schedule = Record<string, unknown> & { name: string };

interface Run {
  readonly tid: string;
  readonly adom: string;
  readonly home: SimAdom;
  readonly layout: Layout;
  readonly period: Period;
  readonly zone: string;
  readonly devices: ReadonlySet<string> | undefined;
  readonly startedMs: number;
  readonly user: string;
  content?: ReportContent;
}

export interface ReportContext {
  readonly clock: Clock;
  readonly store: LogStore;
  readonly systemZone: string;
  /** Simulated time a report takes to generate. */
  readonly durationMs: () => number;
}

export class Reports {
  readonly #ctx: ReportContext;
  readonly #schedules = new Map<string, Map<string, Schedule>>();
  readonly #runs = new Map<string, Run>();

  constructor(ctx: ReportContext) {
    this.#ctx = ctx;
  }

  /** Runs not yet generated. */
  get running(): number {
    let count = 0;
    for (const run of this.#runs.values()) if (this.#state(run).state !== 'generated') count++;
    return count;
  }

  layouts(): Record<string, unknown> {
    return { data: LAYOUTS.map(({ kind: _kind, ...row }) => row) };
  }

  schedules(adom: SimAdom, filter: unknown): Record<string, unknown> {
    let rows = [...this.#schedulesOf(adom).values()];
    if (Array.isArray(filter) && filter[0] === 'name' && filter[1] === '==') {
      rows = rows.filter((row) => row.name === String(filter[2]));
    }
    return { data: rows };
  }

  schedule(adom: SimAdom, name: string): Record<string, unknown> {
    const row = this.#schedulesOf(adom).get(name);
    if (!row) throw new FazFailure(FazCode.notFound);
    return { data: row };
  }

  /** `set /report/adom/{adom}/config/schedule/{layout-id}`: creates or replaces a schedule. */
  setSchedule(adom: SimAdom, layoutId: string, data: unknown): Record<string, unknown> {
    const found = LAYOUTS.find((l) => String(l['layout-id']) === layoutId);
    if (!found) return invalidParams(`layout '${layoutId}' does not exist`);
    const given = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
    const period = periodName(given['time-period']) ?? 'last-7-days';
    const index = (TIME_PERIODS as readonly string[]).indexOf(period);
    this.#schedulesOf(adom).set(layoutId, {
      ...scheduleRow(found),
      ...given,
      name: layoutId,
      'time-period': index >= 0 ? index : period,
    });
    return { status: { code: 0, message: 'OK' } };
  }

  run(adom: SimAdom, user: string, param: Readonly<Record<string, unknown>>): { tid: string } {
    const nested = isObject(param['schedule-param']) ? param['schedule-param'] : undefined;
    const name = String(nested?.['layout-id'] ?? param.schedule ?? '');
    if (name === '') invalidParams("'schedule' is required");
    const schedule = this.#schedulesOf(adom).get(name);
    if (!schedule) invalidParams(`schedule '${name}' does not exist; create it for the layout first`);
    const found = LAYOUTS.find((l) => String(l['layout-id']) === name)!;
    const zone =
      typeof nested?.timezone === 'string' ? nested.timezone : (adom.timeZone ?? this.#ctx.systemZone);
    const nowSec = Math.floor(this.#ctx.clock.now() / 1000);
    const period = this.#period(nested, param, schedule, nowSec, zone);
    const tid = randomUUID();
    this.#runs.set(tid, {
      tid,
      adom: adom.name,
      home: adom,
      layout: found,
      period,
      zone,
      devices: devicesOf(nested?.device ?? param.device, adom),
      startedMs: this.#ctx.clock.now(),
      user,
    });
    return { tid };
  }

  /** `get /report/adom/{adom}/run`: reports still running; `undefined` (no `result`) when none. */
  runningList(adom: SimAdom): Record<string, unknown> | undefined {
    const data = [...this.#runs.values()]
      .filter((run) => run.adom === adom.name)
      .map((run) => ({ tid: run.tid, title: run.layout.title, ...this.#state(run) }))
      .filter((row) => row.state !== 'generated');
    return data.length === 0 ? undefined : { data };
  }

  status(adom: SimAdom, tid: string): Record<string, unknown> {
    const run = this.#run(adom, tid);
    return {
      tid: run.tid,
      title: run.layout.title,
      'layout-id': run.layout['layout-id'],
      ...this.#state(run),
      'period-start': wallText(run.period.start, run.zone),
      'period-end': wallText(run.period.end, run.zone),
      timezone: run.zone,
      'start-time': Math.floor(run.startedMs / 1000),
      runfrom: 'api',
      user: run.user,
    };
  }

  cancel(adom: SimAdom, tid: string): Record<string, unknown> {
    this.#runs.delete(this.#run(adom, tid).tid);
    return { status: { code: 0, message: 'OK' } };
  }

  /** `get .../reports/data/{tid}`: the report files as a base64 ZIP. */
  download(adom: SimAdom, tid: string, format: unknown): Record<string, unknown> {
    const run = this.#run(adom, tid);
    if (this.#state(run).state !== 'generated') {
      return invalidParams(`report '${tid}' is not generated yet`);
    }
    const chosen = String(format ?? 'PDF').toUpperCase();
    if (!(REPORT_FORMATS as readonly string[]).includes(chosen)) invalidParams(`unknown format '${format}'`);
    run.content ??= this.#content(run);
    const content = run.content;
    const stamp = wallText(run.period.end, run.zone).replace(/[-: ]/g, '').slice(0, 12);
    const base = `${slug(run.layout.title)}-${stamp}`;
    const archive = zip(renderReport(content, chosen as ReportFormat, base), new Date(this.#ctx.clock.now()));
    return { name: `${base}.zip`, 'data-type': 'zip/base64', data: archive.toString('base64') };
  }

  /** `get .../reports/state`: generated or pending/running reports. */
  states(adom: SimAdom, param: Readonly<Record<string, unknown>>): Record<string, unknown> {
    const wanted = param.state === 'generated' ? 'generated' : 'pending-running';
    const data = [...this.#runs.values()]
      .filter((run) => run.adom === adom.name)
      .map((run) => this.status(adom, run.tid))
      .filter((row) => (wanted === 'generated') === (row.state === 'generated'));
    return { data };
  }

  clear(): void {
    this.#runs.clear();
  }

  #schedulesOf(adom: SimAdom): Map<string, Schedule> {
    let schedules = this.#schedules.get(adom.name);
    if (!schedules) {
      schedules = new Map();
      for (const id of SCHEDULED_AT_START) {
        schedules.set(String(id), scheduleRow(LAYOUTS.find((l) => l['layout-id'] === id)!));
      }
      this.#schedules.set(adom.name, schedules);
    }
    return schedules;
  }

  #run(adom: SimAdom, tid: string): Run {
    const run = this.#runs.get(tid);
    if (!run || run.adom !== adom.name) throw new FazFailure(FazCode.invalidParams, 'Invalid tid');
    return run;
  }

  #state(run: Run): { state: string; progress: number } {
    const duration = Math.max(1, this.#ctx.durationMs());
    const progress = Math.min(100, Math.floor(((this.#ctx.clock.now() - run.startedMs) * 100) / duration));
    return { state: progress >= 100 ? 'generated' : progress < 10 ? 'pending' : 'running', progress };
  }

  #period(
    nested: Record<string, unknown> | undefined,
    param: Readonly<Record<string, unknown>>,
    schedule: Schedule,
    nowSec: number,
    zone: string,
  ): Period {
    const scheduled = periodName(schedule['time-period']) ?? 'last-7-days';
    if (nested) {
      const name = periodName(nested['time-period']) ?? scheduled;
      if (name === 'other') {
        const start = parseBound(nested['period-start'], zone);
        const end = parseBound(nested['period-end'], zone);
        if (start === undefined || end === undefined || end < start) {
          invalidParams("'period-start' and 'period-end' must be 'HH:MM yyyy/mm/dd', start before end");
        }
        return { start, end };
      }
      return resolvePeriod(
        name,
        nowSec,
        zone,
        Number(nested['period-last-n'] ?? 1),
        String(nested['week-start'] ?? 'sun'),
      );
    }
    // The flat form: a named period is honoured, a custom one ('other' + bounds) is ignored.
    const flat = periodName(param['time-period']);
    const name = flat === undefined || flat === 'other' ? scheduled : flat;
    return resolvePeriod(name === 'other' ? 'last-7-days' : name, nowSec, zone);
  }

  #content(run: Run): ReportContent {
    const charts = reportCharts(
      this.#ctx.store,
      run.home,
      run.layout.kind,
      run.period.start,
      run.period.end,
      run.zone,
      run.devices,
    );
    return {
      title: run.layout.title,
      periodStart: wallText(run.period.start, run.zone),
      periodEnd: wallText(run.period.end, run.zone),
      zone: run.zone,
      generated: wallText(Math.floor((run.startedMs + this.#ctx.durationMs()) / 1000), run.zone),
      sections: charts.sections,
      ...(charts.sampled
        ? { note: `Figures estimated from a sample of at most ${MAX_SAMPLED} logs per chart.` }
        : {}),
    };
  }
}

function scheduleRow(found: Layout): Schedule {
  return {
    name: String(found['layout-id']),
    title: found.title,
    'report-layout': [{ 'layout-id': found['layout-id'] }],
    devices: [{ 'devices-name': 'All_FortiGate' }],
    'time-period': TIME_PERIODS.indexOf('last-7-days'),
    status: 'enable',
    schedule: 'disable',
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Device names a run covers; undefined for all (`'all'`, absent, or an `All_*` group). */
function devicesOf(value: unknown, adom: SimAdom): ReadonlySet<string> | undefined {
  if (!Array.isArray(value)) return undefined;
  const names = new Set<string>();
  for (const item of value) {
    const entry = isObject(item) ? item : {};
    const id = String(entry.devid ?? entry.devname ?? '');
    if (id.startsWith('All_')) return undefined;
    const device = adom.devices.find((d) => d.serial === id || d.name === id);
    if (device) names.add(device.name);
  }
  return names;
}
