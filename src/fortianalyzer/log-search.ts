/**
 * A log search as an async iterator with bounded memory, honest about completeness.
 *
 * FortiAnalyzer pages a result by offset, but a search id serves one fetch (7.4 and later), so every
 * page is a new search, and every search recounts: while logs are still being indexed (late logs,
 * retention) the total drifts between pages and offsets shift, which duplicates some rows and skips
 * others. The iterator copes:
 * - the window is cut into time slices of at most `sliceRows` rows (judged from the first page's
 *   total), so offsets stay small and a recount only affects one slice;
 * - within a slice rows are de-duplicated by their `id`, and when the totals of a pass did not stay
 *   the same the slice is read again (up to `maxPasses`), keeping only rows not seen yet;
 * - `summary.exact` says whether every slice was read with stable totals and every row the totals
 *   promised was delivered; `summary.settled` whether the window was old enough that no late log
 *   can still arrive.
 * Memory: one page in hand, one being fetched ahead, and the ids of the current slice.
 *
 * Every search started is cancelled on abort, on error and when the loop exits early.
 */
import type { Clock } from '../core/clock.js';
import {
  cancelAll,
  PageReader,
  type PollOptions,
  type TaskBackend,
  type TaskCapabilities,
  type TaskId,
} from './paged-task.js';

/** A log row as FortiAnalyzer answers it. */
export type LogRow = Readonly<Record<string, unknown>>;

/** Where the log search calls go: a task backend per time slice, and cancel. */
export interface LogSearchWire {
  forSlice(startSec: number, endSec: number): TaskBackend<LogRow>;
  cancel(tid: TaskId): Promise<void>;
}

export interface LogSearchPlan {
  readonly startSec: number;
  readonly endSec: number;
  readonly order: 'desc' | 'asc';
  readonly pageSize: number;
  readonly sliceRows: number;
  readonly maxPasses: number;
  readonly maxRows: number | undefined;
  readonly clock: Clock;
  readonly signal: AbortSignal | undefined;
  readonly poll: Omit<PollOptions, 'clock' | 'signal' | 'onScan'>;
  readonly onProgress: ((progress: SearchProgress) => void) | undefined;
}

/** Progress of a running search. */
export interface SearchProgress {
  /** Rows delivered so far. */
  readonly rows: number;
  readonly slicesDone: number;
  /** Slices known so far (grows when a slice is split). */
  readonly slices: number;
  /** Scan progress of the search being waited for, in percent. */
  readonly scanPercent: number;
}

/** What a finished search did. */
export interface SearchSummary {
  /** Rows delivered. */
  rows: number;
  /** True when every slice was read with stable totals and every promised row was delivered. */
  exact: boolean;
  /** True when the window ended more than 30 minutes before the search (no late log can still arrive). */
  settled: boolean;
  /** True when `maxRows` stopped the search. */
  truncated: boolean;
  /** Time slices read. */
  slices: number;
  /** Searches started on the appliance. */
  searches: number;
  /** Extra passes over slices whose totals drifted. */
  repasses: number;
  /** Why the result is not exact or not settled, in words. */
  notes: string[];
}

/** Logs can be indexed up to this long after their time. */
const LATE_INDEXING_S = 1800;

interface Slice {
  readonly start: number;
  readonly end: number;
}

/** A search over a window: iterate it (rows) or call `pages()`; `summary` is set once it ends. */
export class LogSearch implements AsyncIterable<LogRow> {
  readonly #wire: LogSearchWire;
  readonly #plan: LogSearchPlan;
  readonly #caps: TaskCapabilities;
  #summary: SearchSummary | undefined;

  /** @internal Created by `FortiAnalyzer.logs.search`. */
  constructor(wire: LogSearchWire, plan: LogSearchPlan, caps: TaskCapabilities) {
    this.#wire = wire;
    this.#plan = plan;
    this.#caps = caps;
  }

  /** The summary of the last run, once it ended (also after an early exit). */
  get summary(): SearchSummary | undefined {
    return this.#summary;
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<LogRow, void, undefined> {
    for await (const page of this.pages()) yield* page;
  }

  /** Every row, collected (memory grows with the result: prefer `for await`). */
  async all(): Promise<LogRow[]> {
    const rows: LogRow[] = [];
    for await (const page of this.pages()) rows.push(...page);
    return rows;
  }

  /** The rows page by page (only rows not delivered before). */
  async *pages(): AsyncGenerator<LogRow[], void, undefined> {
    const plan = this.#plan;
    const stop = new AbortController();
    const signal = plan.signal ? AbortSignal.any([plan.signal, stop.signal]) : stop.signal;
    const live = new Set<TaskId>();
    const summary: SearchSummary = {
      rows: 0,
      exact: true,
      settled: plan.endSec <= Math.floor(plan.clock.now() / 1000) - LATE_INDEXING_S,
      truncated: false,
      slices: 1,
      searches: 0,
      repasses: 0,
      notes: [],
    };
    this.#summary = undefined;
    if (!summary.settled) {
      summary.notes.push('the window ends less than 30 minutes ago: logs indexed later are not included');
    }
    let scanPercent = 0;
    let slicesDone = 0;
    const report = () =>
      plan.onProgress?.({ rows: summary.rows, slicesDone, slices: summary.slices, scanPercent });
    const poll: PollOptions = {
      ...plan.poll,
      clock: plan.clock,
      signal,
      onScan: (percent) => {
        scanPercent = percent;
        report();
      },
    };
    const readers: PageReader<LogRow>[] = [];
    let ahead: Promise<unknown> | undefined;
    try {
      const queue: Slice[] = [{ start: plan.startSec, end: plan.endSec }];
      while (queue.length > 0) {
        const slice = queue.shift()!;
        const reader = new PageReader(this.#wire.forSlice(slice.start, slice.end), this.#caps, poll, live);
        readers.push(reader);
        const first = await reader.page(0, plan.pageSize);
        if (first.total > plan.sliceRows && slice.end > slice.start) {
          await reader.release();
          const parts = split(slice, Math.ceil(first.total / plan.sliceRows));
          queue.unshift(...(plan.order === 'desc' ? parts.reverse() : parts));
          summary.slices += parts.length - 1;
          continue;
        }
        const seen = new Set<unknown>();
        let exact = false;
        for (let pass = 1; pass <= plan.maxPasses && !exact; pass++) {
          if (pass > 1) summary.repasses++;
          let page = pass === 1 ? first : await reader.page(0, plan.pageSize);
          const totals = new Set<number>();
          let covered = 0;
          for (;;) {
            totals.add(page.total);
            covered += page.rows.length;
            const more = page.rows.length > 0 && covered < page.total;
            const next = more ? reader.page(covered, plan.pageSize) : undefined;
            // Handled at once, so that a failure while the caller is busy is not an unhandled rejection.
            ahead = next?.catch(() => undefined);
            const fresh: LogRow[] = [];
            for (const row of page.rows) {
              const key = rowKey(row);
              if (seen.has(key)) continue;
              seen.add(key);
              fresh.push(row);
            }
            if (fresh.length > 0) {
              const room = plan.maxRows === undefined ? fresh.length : plan.maxRows - summary.rows;
              const out = room < fresh.length ? fresh.slice(0, room) : fresh;
              summary.rows += out.length;
              report();
              yield out;
              if (plan.maxRows !== undefined && summary.rows >= plan.maxRows) {
                summary.truncated = true;
                summary.exact = false;
                summary.notes.push(`stopped at maxRows (${plan.maxRows})`);
                return;
              }
            }
            if (!next) break;
            page = await next;
            ahead = undefined;
          }
          const [total] = totals;
          exact = totals.size === 1 && covered >= total!;
          if (!exact && pass === plan.maxPasses) {
            summary.exact = false;
            summary.notes.push(
              totals.size > 1
                ? `totals kept changing in ${wall(slice)} after ${pass} passes (${[...totals].join(' -> ')})`
                : `${wall(slice)}: ${covered} of ${total} rows delivered`,
            );
          }
        }
        await reader.release();
        slicesDone++;
        report();
      }
    } finally {
      stop.abort();
      await ahead;
      for (const reader of readers) await reader.release();
      await cancelAll((tid) => this.#wire.cancel(tid), live);
      summary.searches = readers.reduce((sum, reader) => sum + reader.started, 0);
      this.#summary = summary;
    }
  }
}

/** `parts` slices of equal length in time (whole seconds), oldest first. */
function split(slice: Slice, parts: number): Slice[] {
  const span = slice.end - slice.start + 1;
  const count = Math.max(2, Math.min(parts, span));
  const out: Slice[] = [];
  for (let i = 0; i < count; i++) {
    const start = slice.start + Math.floor((i * span) / count);
    const end = slice.start + Math.floor(((i + 1) * span) / count) - 1;
    out.push({ start, end });
  }
  return out;
}

function rowKey(row: LogRow): unknown {
  const id = row.id;
  return typeof id === 'string' || typeof id === 'number' ? id : JSON.stringify(row);
}

function wall(slice: Slice): string {
  const iso = (sec: number) => new Date(sec * 1000).toISOString().replace('.000Z', 'Z');
  return `${iso(slice.start)}..${iso(slice.end)}`;
}
