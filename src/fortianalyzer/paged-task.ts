/**
 * The task pattern FortiAnalyzer uses for log searches and FortiView: start a task for one page
 * (offset, limit) and get its id, wait until it has scanned everything, fetch the page, and cancel
 * what is left. What the appliances differ in is learned on the first try and remembered in
 * {@link TaskCapabilities}:
 * - polling: `logsearch/count/{tid}` reports progress without consuming the id (7.x); where it is
 *   refused (8.0) the fetch itself is polled (there it answers progress until the scan completes).
 *   On 7.4/7.6 a fetch before completion would consume the id, so the fetch is never polled there.
 * - reuse: older versions serve several fetches per id (one scan for many pages); from 7.4 an id
 *   serves one fetch ("Invalid tid" afterwards), so every page is a new task.
 * - a completed fetch can come back empty although the total says rows are there: it is retried
 *   with a new task.
 *
 * Every id started and not known to be consumed is tracked in `live`, so that whoever owns the
 * reader can cancel them all on abort, on error and on early exit.
 */
import { abortError, type Clock } from '../core/clock.js';
import { TransportError } from '../core/errors.js';
import { SearchExpiredError } from './errors.js';

export type TaskId = number | string;

/** One fetched page. */
export interface TaskPage<Row> {
  readonly rows: readonly Row[];
  /** The task's total (`total-count`; the number of rows for views). */
  readonly total: number;
  /** Scan progress in percent. */
  readonly percentage: number;
}

/** The calls a paged task needs. */
export interface TaskBackend<Row> {
  /** Starts a task that will answer `limit` rows from `offset`. */
  start(offset: number, limit: number): Promise<TaskId>;
  /** Progress in percent without consuming the id; `undefined` when the appliance has no such call. */
  progress?(tid: TaskId, signal?: AbortSignal): Promise<number | undefined>;
  fetch(tid: TaskId, offset: number, limit: number, signal?: AbortSignal): Promise<TaskPage<Row>>;
  /** Cancels (best effort: an id already consumed is fine). */
  cancel(tid: TaskId): Promise<void>;
  /** True when a fetch does not consume the id (FortiView): it is then cancelled after its page. */
  readonly keepsIds?: boolean;
}

/** What a FortiAnalyzer turned out to support; `undefined` until tried. */
export interface TaskCapabilities {
  progress: boolean | undefined;
  reuse: boolean | undefined;
}

export interface PollOptions {
  readonly clock: Clock;
  readonly signal?: AbortSignal | undefined;
  /** First wait between two polls (default 100 ms; it grows by half up to `maxPollMs`). */
  readonly pollMs?: number;
  readonly maxPollMs?: number;
  /** Longest wait for one task to complete (default 10 minutes). */
  readonly taskTimeoutMs?: number;
  /** Scan progress of the task being waited for. */
  readonly onScan?: (percent: number) => void;
}

/** Completed fetches that came back empty although rows were expected, retried this many times. */
const EMPTY_RETRIES = 3;

/** Reads pages of one task kind, one page at a time, reusing ids where the appliance allows it. */
export class PageReader<Row> {
  readonly #backend: TaskBackend<Row>;
  readonly #caps: TaskCapabilities;
  readonly #poll: PollOptions;
  readonly #live: Set<TaskId>;
  /** The id of the last completed fetch, kept for reuse while reuse is possible. */
  #held: TaskId | undefined;
  /** Tasks started so far. */
  started = 0;

  constructor(backend: TaskBackend<Row>, caps: TaskCapabilities, poll: PollOptions, live: Set<TaskId>) {
    this.#backend = backend;
    this.#caps = caps;
    this.#poll = poll;
    this.#live = live;
  }

  /** The page at `offset`; retried with a new task when a completed fetch is empty too early. */
  async page(offset: number, limit: number): Promise<TaskPage<Row>> {
    let page = await this.#once(offset, limit);
    for (let retry = 0; retry < EMPTY_RETRIES && page.rows.length === 0 && page.total > offset; retry++) {
      this.#drop();
      page = await this.#once(offset, limit);
    }
    return page;
  }

  /** Cancels the held id, if any. */
  async release(): Promise<void> {
    const held = this.#held;
    this.#held = undefined;
    if (held !== undefined) await cancelQuietly((tid) => this.#backend.cancel(tid), held, this.#live);
  }

  async #once(offset: number, limit: number): Promise<TaskPage<Row>> {
    if (this.#held !== undefined && this.#caps.reuse !== false) {
      try {
        const page = await this.#backend.fetch(this.#held, offset, limit, this.#poll.signal);
        if (page.percentage >= 100) {
          this.#caps.reuse = true;
          return page;
        }
      } catch (error) {
        if (!(error instanceof SearchExpiredError)) throw error;
        this.#caps.reuse = false;
        this.#live.delete(this.#held);
        this.#held = undefined;
      }
    }
    this.#drop();
    // The start is not aborted half-way: an id created but never learned could not be cancelled.
    const tid = await this.#backend.start(offset, limit);
    this.started++;
    this.#live.add(tid);
    if (this.#poll.signal?.aborted) throw abortError(this.#poll.signal);
    const page = await this.#complete(tid, offset, limit);
    if (this.#caps.reuse !== false) this.#held = tid;
    else if (this.#backend.keepsIds) await cancelQuietly((id) => this.#backend.cancel(id), tid, this.#live);
    else this.#live.delete(tid);
    return page;
  }

  /** Forgets the held id without cancelling it (a new task takes over; the old one is cancelled later). */
  #drop(): void {
    this.#held = undefined;
  }

  async #complete(tid: TaskId, offset: number, limit: number): Promise<TaskPage<Row>> {
    const { clock, signal, onScan } = this.#poll;
    const deadline = clock.now() + (this.#poll.taskTimeoutMs ?? 600_000);
    let delay = this.#poll.pollMs ?? 100;
    for (;;) {
      if (this.#caps.progress !== false && this.#backend.progress) {
        const percent = await this.#backend.progress(tid, signal);
        if (percent === undefined) {
          this.#caps.progress = false;
          continue;
        }
        this.#caps.progress = true;
        onScan?.(percent);
        if (percent >= 100) return await this.#backend.fetch(tid, offset, limit, signal);
      } else {
        const page = await this.#backend.fetch(tid, offset, limit, signal);
        onScan?.(page.percentage);
        if (page.percentage >= 100) return page;
      }
      if (clock.now() >= deadline) {
        throw new TransportError(
          `FortiAnalyzer task ${tid} did not complete within ${this.#poll.taskTimeoutMs ?? 600_000} ms`,
          'timeout',
        );
      }
      await clock.sleep(delay, signal);
      delay = Math.min(delay * 1.5, this.#poll.maxPollMs ?? 1000);
    }
  }
}

/** Cancels every id in `live` (best effort, in parallel) and empties it. */
export async function cancelAll(cancel: (tid: TaskId) => Promise<void>, live: Set<TaskId>): Promise<void> {
  await Promise.all([...live].map((tid) => cancelQuietly(cancel, tid, live)));
}

async function cancelQuietly(
  cancel: (tid: TaskId) => Promise<void>,
  tid: TaskId,
  live: Set<TaskId>,
): Promise<void> {
  live.delete(tid);
  try {
    await cancel(tid);
  } catch {
    // Already consumed, expired or unreachable: nothing more can be done for this id.
  }
}
