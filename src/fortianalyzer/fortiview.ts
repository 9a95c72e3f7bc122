/**
 * FortiView (`/fortiview/adom/{adom}/{view-name}/run`): run a view, poll, fetch, cancel, with the
 * same task pattern and the same kind of iterator as log searches. Views only answer for all devices
 * when asked as `{devname: 'All_Device'}` (the client spells it so); they refuse filter fields and
 * sort columns they do not support loudly, so those errors reach the caller as they are.
 */
import { abortError } from '../core/clock.js';
import { bounded, type CallOptions, type FazCaller, record, segment } from './caller.js';
import { type DeviceSelector, fortiviewDevices } from './devices.js';
import { type LogFilter, toLogFilter } from './filter.js';
import { taskId } from './logs.js';
import { cancelAll, PageReader, type TaskBackend, type TaskId } from './paged-task.js';
import { resolveRange, type TimeRange, wireRange } from './time.js';

/** The views recorded as served by 7.6/8.0 (any other name is passed through). */
export type FortiViewName =
  | 'top-sources'
  | 'top-destinations'
  | 'top-applications'
  | 'top-cloud-applications'
  | 'top-websites'
  | 'top-threats'
  | 'top-countries'
  | 'policy-hits'
  | 'policy-line'
  | 'site-to-site-ipsec'
  | (string & {});

/** One row of a view (columns differ per view). */
export type ViewRow = Readonly<Record<string, unknown>>;

export interface FortiViewOptions extends CallOptions {
  adom?: string;
  timeRange: TimeRange;
  /** Default `'all'` (sent as `{devname: 'All_Device'}`). */
  devices?: DeviceSelector | readonly DeviceSelector[];
  filter?: LogFilter | string;
  sortBy?: ReadonlyArray<{ field: string; order?: 'asc' | 'desc' }>;
  /** Rows wanted in all (default 100). */
  limit?: number;
  /** Rows per run (1-1000, default 1000). */
  pageSize?: number;
  onProgress?: (percent: number) => void;
  pollMs?: number;
  taskTimeoutMs?: number;
}

export class FortiView {
  readonly #caller: FazCaller;
  readonly #defaultZone: string;

  /** @internal */
  constructor(caller: FazCaller, defaultZone: string) {
    this.#caller = caller;
    this.#defaultZone = defaultZone;
  }

  /**
   * Runs a view and iterates its rows (top first). The run is cancelled when the loop ends, however it ends.
   *
   * @example
   * for await (const row of faz.fortiview.run('top-sources', { timeRange: { last: '1h' }, limit: 10 })) console.log(row);
   */
  run(view: FortiViewName, options: FortiViewOptions): FortiViewRun {
    const caller = this.#caller;
    const adom = segment(caller.adom(options.adom), 'adom');
    const base = `/fortiview/adom/${adom}/${segment(view, 'view')}/run`;
    const range = resolveRange(options.timeRange, caller.clock.now(), this.#defaultZone);
    const filter = toLogFilter(options.filter);
    const limit = bounded(options.limit, 100, 1, 1_000_000, 'limit');
    const pageSize = bounded(options.pageSize, 1000, 1, 1000, 'pageSize');
    const params = {
      device: fortiviewDevices(options.devices),
      ...wireRange(range.startSec, range.endSec, range.timeZone),
      ...(filter ? { filter: filter.text } : {}),
      ...(options.sortBy
        ? { 'sort-by': options.sortBy.map((s) => ({ field: s.field, order: s.order ?? 'desc' })) }
        : {}),
      'count-total': true,
    };
    const call = { timeoutMs: options.timeoutMs };
    const backend: TaskBackend<ViewRow> = {
      keepsIds: true,
      start: async (offset, size) =>
        taskId(await caller.v3('add', base, { ...params, offset, limit: size }, call), base),
      fetch: async (tid, _offset, _size, signal) => {
        const reply = record(await caller.v3('get', `${base}/${tid}`, {}, { ...call, signal }));
        const rows = Array.isArray(reply.data) ? (reply.data as ViewRow[]) : [];
        const percentage = reply.percentage === undefined ? 100 : Number(reply.percentage);
        return { rows, total: Number(reply['total-count'] ?? rows.length), percentage };
      },
      cancel: async (tid) => {
        await caller.v3('delete', `${base}/${tid}`, {});
      },
    };
    return new FortiViewRun(backend, caller, { limit, pageSize, options });
  }
}

/** The rows of a view run, top first. */
export class FortiViewRun implements AsyncIterable<ViewRow> {
  readonly #backend: TaskBackend<ViewRow>;
  readonly #caller: FazCaller;
  readonly #plan: { limit: number; pageSize: number; options: FortiViewOptions };
  /** The number of groups the view has in all (known after the first page). */
  total: number | undefined;

  /** @internal */
  constructor(
    backend: TaskBackend<ViewRow>,
    caller: FazCaller,
    plan: { limit: number; pageSize: number; options: FortiViewOptions },
  ) {
    this.#backend = backend;
    this.#caller = caller;
    this.#plan = plan;
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<ViewRow, void, undefined> {
    const { limit, pageSize, options } = this.#plan;
    const live = new Set<TaskId>();
    const reader = new PageReader(
      this.#backend,
      { progress: false, reuse: false },
      {
        clock: this.#caller.clock,
        signal: options.signal,
        ...(options.pollMs === undefined ? {} : { pollMs: options.pollMs }),
        ...(options.taskTimeoutMs === undefined ? {} : { taskTimeoutMs: options.taskTimeoutMs }),
        ...(options.onProgress ? { onScan: options.onProgress } : {}),
      },
      live,
    );
    try {
      let delivered = 0;
      while (delivered < limit) {
        if (options.signal?.aborted) throw abortError(options.signal);
        const size = Math.min(pageSize, limit - delivered);
        const page = await reader.page(delivered, size);
        this.total = page.total;
        yield* page.rows;
        delivered += page.rows.length;
        if (page.rows.length < size || delivered >= page.total) break;
      }
    } finally {
      await cancelAll((tid) => this.#backend.cancel(tid), live);
    }
  }

  /** Every row, collected. */
  async all(): Promise<ViewRow[]> {
    const rows: ViewRow[] = [];
    for await (const row of this) rows.push(row);
    return rows;
  }
}
