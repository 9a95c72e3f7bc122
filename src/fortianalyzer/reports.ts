/**
 * Reports: layouts and schedules, running a report (a report runs only once its layout has a
 * schedule; the client creates a missing one), waiting with progress, and downloading the result
 * (PDF, HTML, CSV or XML), unpacked and ready to write to files.
 *
 * A custom period is sent in the nested `schedule-param` form with `time-period: 'other'`: the flat
 * form is silently ignored by the appliance (it runs the schedule's own period instead).
 */
import { abortError } from '../core/clock.js';
import { ProtocolError, TransportError, ValidationError } from '../core/errors.js';
import { type CallOptions, dataList, type FazCaller, record, segment } from './caller.js';
import { type DeviceSelector, logsearchDevices } from './devices.js';
import { ReportFailedError } from './errors.js';
import { taskId } from './logs.js';
import { checkTimeZone, reportBound, resolveRange, type TimeRange } from './time.js';
import { type ArchiveFile, unzip } from './zip.js';

/** Named report periods. */
export type ReportPeriodName =
  | 'today'
  | 'yesterday'
  | 'this-week'
  | 'last-week'
  | 'last-7-days'
  | 'last-14-days'
  | 'last-2-weeks'
  | 'this-month'
  | 'last-month'
  | 'last-30-days'
  | 'this-quarter'
  | 'last-quarter'
  | 'this-year'
  | `last-${number}-${'hours' | 'days' | 'weeks'}`;

export type ReportFormat = 'PDF' | 'HTML' | 'CSV' | 'XML';

export interface ReportLayout {
  readonly 'layout-id': number;
  readonly title: string;
  readonly description?: string;
  readonly category?: string;
  readonly 'is-template'?: number;
  readonly [key: string]: unknown;
}

export interface ReportStatus {
  readonly tid: string;
  /** `pending`, `running`, `generated`, or a failure state. */
  readonly state: string;
  /** Percent done, when the appliance says. */
  readonly progress?: number;
  readonly title?: string;
  readonly [key: string]: unknown;
}

export interface ReportRunOptions extends CallOptions {
  adom?: string;
  /** The layout id to run. */
  layout: number;
  /** A named period, or explicit bounds (sent to the minute, in `timeZone`). */
  period: ReportPeriodName | TimeRange;
  devices?: DeviceSelector | readonly DeviceSelector[];
  /** Create the schedule the layout needs when it has none (default true). */
  createSchedule?: boolean;
}

export interface WaitOptions extends CallOptions {
  adom?: string;
  onProgress?: (status: ReportStatus) => void;
  /** Longest wait (default 30 minutes). */
  waitTimeoutMs?: number;
  /** Wait between polls (default 1 s). */
  pollMs?: number;
}

/** A downloaded report: the archive as FortiAnalyzer sent it, and its files. */
export interface ReportDownload {
  /** The archive's name, e.g. `Bandwidth_and_Applications_Report-202601010900.zip`. */
  readonly name: string;
  readonly format: ReportFormat;
  readonly archive: Buffer;
  readonly files: readonly ArchiveFile[];
}

const FORMATS: readonly ReportFormat[] = ['PDF', 'HTML', 'CSV', 'XML'];
const FAILED = new Set(['failed', 'error', 'cancelled', 'aborted']);

export class Reports {
  readonly #caller: FazCaller;
  readonly #defaultZone: string;

  /** @internal */
  constructor(caller: FazCaller, defaultZone: string) {
    this.#caller = caller;
    this.#defaultZone = defaultZone;
  }

  async layouts(options: CallOptions & { adom?: string } = {}): Promise<ReportLayout[]> {
    return dataList<ReportLayout>(
      await this.#caller.v3('get', `/config/adom/${this.#adom(options)}/sql-report/layout`, {}, options),
    );
  }

  /** Report schedules (named after their layout id). */
  async schedules(options: CallOptions & { adom?: string } = {}): Promise<Record<string, unknown>[]> {
    return dataList(
      await this.#caller.v3('get', `/config/adom/${this.#adom(options)}/sql-report/schedule`, {}, options),
    );
  }

  /** Creates the schedule a layout needs to run, when it has none; answers whether it created one. */
  async ensureSchedule(layout: number, options: CallOptions & { adom?: string } = {}): Promise<boolean> {
    const adom = this.#adom(options);
    const id = layoutId(layout);
    const found = dataList(
      await this.#caller.v3(
        'get',
        `/config/adom/${adom}/sql-report/schedule`,
        { filter: ['name', '==', id] },
        options,
      ),
    );
    if (found.some((row) => String(row.name) === id)) return false;
    await this.#caller.v3(
      'set',
      `/report/adom/${adom}/config/schedule/${id}`,
      { data: { 'report-layout': [{ 'layout-id': id }], 'auto-hcache': 1 } },
      options,
    );
    return true;
  }

  /** Starts a report; answers its task id (a UUID). */
  async run(options: ReportRunOptions): Promise<string> {
    const adom = this.#adom(options);
    const id = layoutId(options.layout);
    if (options.createSchedule !== false) await this.ensureSchedule(options.layout, options);
    const device = options.devices === undefined ? undefined : logsearchDevices(options.devices);
    let params: Record<string, unknown>;
    if (typeof options.period === 'string') {
      if (!/^[a-z0-9-]+$/.test(options.period)) throw new ValidationError('Unknown report period', 'period');
      params = { schedule: id, 'time-period': options.period, ...(device ? { device } : {}) };
    } else {
      const range = resolveRange(options.period, this.#caller.clock.now(), this.#defaultZone, 'period');
      params = {
        'schedule-param': {
          'layout-id': options.layout,
          'time-period': 'other',
          'period-start': reportBound(range.startSec, range.timeZone),
          'period-end': reportBound(range.endSec, range.timeZone),
          timezone: checkTimeZone(range.timeZone),
          device: device ?? 'all',
        },
      };
    }
    const url = `/report/adom/${adom}/run`;
    return String(taskId(await this.#caller.v3('add', url, params, options), url));
  }

  /** The state of a report run. */
  async status(tid: string, options: CallOptions & { adom?: string } = {}): Promise<ReportStatus> {
    const reply = record(
      await this.#caller.v3(
        'get',
        `/report/adom/${this.#adom(options)}/run/${segment(tid, 'tid')}`,
        {},
        options,
      ),
    );
    return {
      ...reply,
      tid: String(reply.tid ?? tid),
      state: String(reply.state ?? 'unknown'),
    } as ReportStatus;
  }

  /** Reports still running (none: an empty list; the appliance then answers no result at all). */
  async running(options: CallOptions & { adom?: string } = {}): Promise<ReportStatus[]> {
    return dataList<ReportStatus>(
      await this.#caller.v3('get', `/report/adom/${this.#adom(options)}/run`, {}, options),
    );
  }

  /** Waits until the report is generated; a failure state or the timeout is a `ReportFailedError` / timeout. */
  async wait(tid: string, options: WaitOptions = {}): Promise<ReportStatus> {
    const { clock } = this.#caller;
    const deadline = clock.now() + (options.waitTimeoutMs ?? 30 * 60_000);
    for (;;) {
      if (options.signal?.aborted) throw abortError(options.signal);
      const status = await this.status(tid, options);
      options.onProgress?.(status);
      if (status.state === 'generated') return status;
      if (FAILED.has(status.state)) {
        throw new ReportFailedError(`FortiAnalyzer report ${tid} ended in state '${status.state}'`, {
          code: 0,
          message: status.state,
          method: 'get',
          url: `/report/adom/{adom}/run/${tid}`,
        });
      }
      if (clock.now() >= deadline) {
        throw new TransportError(
          `FortiAnalyzer report ${tid} was not generated in time (state '${status.state}')`,
          'timeout',
        );
      }
      await clock.sleep(options.pollMs ?? 1000, options.signal);
    }
  }

  /** Downloads a generated report, unpacked. */
  async download(
    tid: string,
    options: CallOptions & { adom?: string; format?: ReportFormat } = {},
  ): Promise<ReportDownload> {
    const format = options.format ?? 'PDF';
    if (!FORMATS.includes(format))
      throw new ValidationError(`format is one of ${FORMATS.join(', ')}`, 'format');
    const url = `/report/adom/${this.#adom(options)}/reports/data/${segment(tid, 'tid')}`;
    const reply = record(await this.#caller.v3('get', url, { format, 'data-type': 'text' }, options));
    if (typeof reply.data !== 'string') {
      throw new ProtocolError(`FortiAnalyzer get ${url} answered no report data`, { status: 200 });
    }
    const archive = Buffer.from(reply.data, 'base64');
    return { name: String(reply.name ?? `${tid}.zip`), format, archive, files: unzip(archive) };
  }

  /** Cancels a run (or deletes its result). */
  async cancel(tid: string, options: CallOptions & { adom?: string } = {}): Promise<void> {
    await this.#caller.v3(
      'delete',
      `/report/adom/${this.#adom(options)}/run/${segment(tid, 'tid')}`,
      {},
      options,
    );
  }

  /** Runs, waits and downloads in one go. */
  async generate(
    options: ReportRunOptions & Omit<WaitOptions, keyof CallOptions> & { format?: ReportFormat },
  ): Promise<ReportDownload & { tid: string }> {
    const tid = await this.run(options);
    await this.wait(tid, options);
    return { tid, ...(await this.download(tid, options)) };
  }

  #adom(options: { adom?: string | undefined }): string {
    return segment(this.#caller.adom(options.adom), 'adom');
  }
}

function layoutId(layout: number): string {
  if (!Number.isInteger(layout) || layout < 0)
    throw new ValidationError('layout must be a layout id (an integer)', 'layout');
  return String(layout);
}
