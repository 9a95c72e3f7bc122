/**
 * Log view: searches (`/logview/adom/{adom}/logsearch`), log fields and log stats.
 */
import { ProtocolError, ValidationError } from '../core/errors.js';
import { bounded, type CallOptions, dataList, type FazCaller, record, segment } from './caller.js';
import { type DeviceSelector, logsearchDevices } from './devices.js';
import { FortiAnalyzerInvalidRequestError } from './errors.js';
import { type LogFilter, toLogFilter } from './filter.js';
import { checkFilterFields } from './log-fields.js';
import { type LogRow, LogSearch, type LogSearchWire, type SearchProgress } from './log-search.js';
import { checkLogType, type LogType } from './log-types.js';
import type { TaskCapabilities, TaskId, TaskPage } from './paged-task.js';
import { resolveRange, type TimeRange, wireRange } from './time.js';

export interface LogSearchOptions extends CallOptions {
  adom?: string;
  logtype: LogType;
  timeRange: TimeRange;
  /** Default `'all'` (sent as `{devid: 'All_FortiGate'}`). */
  devices?: DeviceSelector | readonly DeviceSelector[];
  /** Built with `q`, or a filter string (checked like `q.raw`). */
  filter?: LogFilter | string;
  /** Newest first (default) or oldest first. */
  order?: 'desc' | 'asc';
  caseSensitive?: boolean;
  /** Rows per fetch (2-1000, default 1000; FortiAnalyzer refuses more, and under-counts for 1). */
  pageSize?: number;
  /** Largest time slice, in rows (default 50,000); bounds the memory of de-duplication. */
  sliceRows?: number;
  /** Passes over a slice whose totals drifted (default 3). */
  maxPasses?: number;
  /** Stop after this many rows. */
  maxRows?: number;
  /** Refuse filter fields the log type does not have (default true). */
  checkFields?: boolean;
  onProgress?: (progress: SearchProgress) => void;
  /** First wait between two progress polls (default 100 ms, growing to 1 s). */
  pollMs?: number;
  /** Longest wait for one search to complete (default 10 minutes). */
  taskTimeoutMs?: number;
}

/** A field of a log type, as `logfields` answers it. */
export interface LogField {
  readonly name: string;
  /** FortiAnalyzer's own type code (undocumented small integers). */
  readonly type: number;
  readonly desc: string;
}

export interface LogStat {
  readonly devid: string;
  readonly devname: string;
  readonly vdom?: string;
  /** Seconds since the epoch of the newest log. */
  readonly last_log_time?: number;
  readonly log_rate?: number;
  readonly [key: string]: unknown;
}

/** Log searches, log fields and log stats of a FortiAnalyzer. */
export class Logs {
  readonly #caller: FazCaller;
  readonly #caps: TaskCapabilities;
  readonly #defaultZone: string;

  /** @internal */
  constructor(caller: FazCaller, caps: TaskCapabilities, defaultZone: string) {
    this.#caller = caller;
    this.#caps = caps;
    this.#defaultZone = defaultZone;
  }

  /**
   * A log search: iterate it for rows (`for await`), or `pages()`; `summary` says afterwards whether
   * the result is exact. Input is checked here; nothing is sent until the loop starts.
   *
   * @example
   * const search = faz.logs.search({ logtype: 'traffic', timeRange: { last: '1h' }, filter: q.eq('dstport', 443) });
   * for await (const row of search) console.log(row.srcip);
   * console.log(search.summary?.exact);
   */
  search(options: LogSearchOptions): LogSearch {
    const caller = this.#caller;
    const adom = segment(caller.adom(options.adom), 'adom');
    const logtype = checkLogType(options.logtype);
    const range = resolveRange(options.timeRange, caller.clock.now(), this.#defaultZone);
    const device = logsearchDevices(options.devices);
    const filter = toLogFilter(options.filter);
    const order = options.order ?? 'desc';
    if (order !== 'desc' && order !== 'asc') throw new ValidationError("order is 'desc' or 'asc'", 'order');
    const pageSize = bounded(options.pageSize, 1000, 2, 1000, 'pageSize');
    const checked =
      filter && options.checkFields !== false ? checkFilterFields(logtype, filter.fields) : Promise.resolve();
    checked.catch(() => undefined);
    const base = `/logview/adom/${adom}/logsearch`;
    const call = { signal: options.signal, timeoutMs: options.timeoutMs };
    const wire: LogSearchWire = {
      forSlice: (startSec, endSec) => ({
        start: async (offset, limit) => {
          await checked;
          const reply = await caller.v3(
            'add',
            base,
            {
              device,
              logtype,
              ...wireRange(startSec, endSec, range.timeZone),
              ...(filter ? { filter: filter.text } : {}),
              'time-order': order,
              'case-sensitive': options.caseSensitive === true,
              offset,
              limit,
            },
            { timeoutMs: options.timeoutMs },
          );
          return taskId(reply, base);
        },
        progress: async (tid, signal) => {
          try {
            const reply = await caller.v3('get', `${base}/count/${tid}`, {}, { ...call, signal });
            return Number(record(reply)['progress-percent'] ?? 0);
          } catch (error) {
            // 8.0 has no count call: the fetch answers progress there instead.
            if (error instanceof FortiAnalyzerInvalidRequestError) return undefined;
            throw error;
          }
        },
        fetch: async (tid, offset, limit, signal) =>
          pageOf(await caller.v3('get', `${base}/${tid}`, { offset, limit }, { ...call, signal })),
        cancel: (tid) => cancel(caller, `${base}/${tid}`),
      }),
      cancel: (tid) => cancel(caller, `${base}/${tid}`),
    };
    return new LogSearch(
      wire,
      {
        startSec: range.startSec,
        endSec: range.endSec,
        order,
        pageSize,
        sliceRows: bounded(options.sliceRows, 50_000, pageSize, 10_000_000, 'sliceRows'),
        maxPasses: bounded(options.maxPasses, 3, 1, 20, 'maxPasses'),
        maxRows:
          options.maxRows === undefined
            ? undefined
            : bounded(options.maxRows, 0, 1, Number.MAX_SAFE_INTEGER, 'maxRows'),
        clock: caller.clock,
        signal: options.signal,
        poll: {
          ...(options.pollMs === undefined ? {} : { pollMs: options.pollMs }),
          ...(options.taskTimeoutMs === undefined ? {} : { taskTimeoutMs: options.taskTimeoutMs }),
        },
        onProgress: options.onProgress,
      },
      this.#caps,
    );
  }

  /** The fields of a log type as the appliance knows them (`field` and FortiAnalyzer's `privateFields`). */
  async fields(
    logtype: LogType,
    options: CallOptions & { adom?: string; devtype?: string } = {},
  ): Promise<{ fields: LogField[]; privateFields: LogField[] }> {
    const adom = segment(this.#caller.adom(options.adom), 'adom');
    const reply = await this.#caller.v3(
      'get',
      `/logview/adom/${adom}/logfields`,
      { logtype: checkLogType(logtype), devtype: options.devtype ?? 'FortiGate' },
      options,
    );
    const [entry] = dataList(reply);
    const list = (value: unknown) => (Array.isArray(value) ? (value as LogField[]) : []);
    return { fields: list(entry?.field), privateFields: list(entry?.['private-field']) };
  }

  /** The newest log time and log rate per device (and VDOM). */
  async stats(
    options: CallOptions & { adom?: string; devices?: DeviceSelector | readonly DeviceSelector[] } = {},
  ): Promise<LogStat[]> {
    const adom = segment(this.#caller.adom(options.adom), 'adom');
    const reply = await this.#caller.v3(
      'get',
      `/logview/adom/${adom}/logstats`,
      { device: logsearchDevices(options.devices) },
      options,
    );
    return dataList<LogStat>(reply);
  }
}

/** The `tid` of a task start reply. */
export function taskId(reply: unknown, url: string): TaskId {
  const tid = record(reply).tid;
  if (typeof tid !== 'number' && typeof tid !== 'string') {
    throw new ProtocolError(`FortiAnalyzer add ${url} answered no task id`, {
      status: 200,
      snippet: JSON.stringify(reply)?.slice(0, 200) ?? '',
    });
  }
  return tid;
}

function pageOf(reply: unknown): TaskPage<LogRow> {
  const result = record(reply);
  const rows = Array.isArray(result.data) ? (result.data as LogRow[]) : [];
  // Percentage can be a string, or missing on older builds (the fetch is then complete).
  const percentage = result.percentage === undefined ? 100 : Number(result.percentage);
  return { rows, total: Number(result['total-count'] ?? rows.length), percentage };
}

async function cancel(caller: FazCaller, url: string): Promise<void> {
  await caller.v3('delete', url, {});
}
