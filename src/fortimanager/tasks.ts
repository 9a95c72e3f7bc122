import type { Clock } from '../core/clock.js';
import { ProtocolError, ValidationError } from '../core/errors.js';
import { isRecord } from '../core/guards.js';
import type { SafeLog } from '../core/logging.js';
import { isRetryable } from '../core/retry.js';
import { checkSignal, checkTimeoutMs, deadline } from '../core/timeouts.js';
import type { FortiManagerCalls } from './calls.js';
import { booleanOf, callLimits, numberOf, optionsObject } from './checks.js';
import { TaskFailedError, TaskTimeoutError } from './errors.js';
import type { TaskHistoryEntry, TaskLine, TaskResult } from './task-result.js';
import type { FmgRecord } from './types.js';

export interface WatchOptions {
  /** Time between polls (default 1 s). */
  pollInterval?: number;
  /** Give up after this long, wall-clock (a `TaskTimeoutError`; the task keeps running on FortiManager). */
  timeout?: number;
  /** Give up when the progress has not changed for this long. */
  stallTimeout?: number;
  signal?: AbortSignal | undefined;
}

export interface WaitOptions extends WatchOptions {
  /** Called with each new progress state. */
  onProgress?: (task: TaskResult) => void;
  /**
   * Throw a `TaskFailedError` (carrying the failed lines) when the task finishes with errors
   * (default true). With false, check `result.ok` yourself.
   */
  throwOnError?: boolean;
}

const FINAL_STATES = new Set(['done', 'error', 'cancelled', 'aborted', 'warning']);
/** Consecutive failed polls tolerated (each already retried by the transport) before giving up. */
const MAX_POLL_FAILURES = 5;

/** Task monitoring, reached as `fmg.tasks`. */
export class Tasks {
  readonly #calls: FortiManagerCalls;
  readonly #clock: Clock;
  readonly #log: SafeLog;

  constructor(calls: FortiManagerCalls, clock: Clock, log: SafeLog) {
    this.#calls = calls;
    this.#clock = clock;
    this.#log = log;
  }

  /** The task's current state. */
  get(id: number, options: { signal?: AbortSignal; timeoutMs?: number } = {}): Promise<TaskResult> {
    return this.#calls.track(this.#get(id, options));
  }

  /**
   * Polls a task and yields each new progress state, the finished one last. A dropped connection
   * while polling is retried; `timeout` and `stallTimeout` bound the wait.
   *
   * @example
   * for await (const task of fmg.tasks.watch(taskId)) console.log(`${task.percent}%`);
   */
  watch(id: number, options: WatchOptions = {}): AsyncGenerator<TaskResult> {
    checkId(id);
    return this.#watch(id, watchOptions(options));
  }

  /**
   * Waits until a task finishes. Resolves with its result; a task with failed lines throws a
   * `TaskFailedError` whose `task.failedLines` say which device failed and why (unless `throwOnError: false`).
   *
   * @example
   * const task = await fmg.tasks.wait(id, { onProgress: (t) => bar.update(t.percent), timeout: 600_000 });
   */
  wait(id: number, options: WaitOptions = {}): Promise<TaskResult> {
    return this.#calls.track(this.#wait(id, options));
  }

  async #get(id: number, options: unknown): Promise<TaskResult> {
    checkId(id);
    const { signal, timeoutMs } = callLimits(options, 'options');
    const data = await this.#calls.get('/task/task/{id}', { params: { id }, signal, timeoutMs });
    return toTaskResult(id, data);
  }

  async #wait(id: number, options: WaitOptions): Promise<TaskResult> {
    checkId(id);
    const watch = watchOptions(options);
    const { onProgress } = options;
    if (onProgress !== undefined && typeof onProgress !== 'function') {
      throw new ValidationError('onProgress must be a function', 'onProgress');
    }
    const throwOnError = booleanOf(options.throwOnError, 'throwOnError') ?? true;
    let last: TaskResult | undefined;
    for await (const task of this.#watch(id, watch)) {
      last = task;
      onProgress?.(task);
    }
    if (!last) throw new ProtocolError(`Task ${id} returned no state`, { status: 200 });
    if (!last.ok && throwOnError) throw new TaskFailedError(last);
    return last;
  }

  async *#watch(id: number, options: Required<Pick<WatchOptions, 'pollInterval'>> & WatchOptions) {
    const { pollInterval, timeout, stallTimeout } = options;
    const limit = deadline(options.signal, timeout);
    const timedOut = (error: unknown) =>
      limit.timedOut() ? new TaskTimeoutError(id, 'timeout', timeout!) : error;
    let lastChange = this.#clock.now();
    let lastKey = '';
    let failures = 0;
    try {
      for (;;) {
        let task: TaskResult | undefined;
        try {
          task = await this.#get(id, { signal: limit.signal });
          failures = 0;
        } catch (error) {
          if (limit.timedOut() || !isRetryable(error, true) || ++failures >= MAX_POLL_FAILURES)
            throw timedOut(error);
          this.#log.warn(`Polling task ${id} failed; trying again`, { error });
        }
        const now = this.#clock.now();
        if (task) {
          const key = progressKey(task);
          if (key !== lastKey) {
            lastKey = key;
            lastChange = now;
            yield task;
          }
          if (task.finished) return;
        }
        if (stallTimeout !== undefined && now - lastChange >= stallTimeout) {
          throw new TaskTimeoutError(id, 'stall', stallTimeout);
        }
        await this.#clock.sleep(pollInterval, limit.signal).catch((error: unknown) => {
          throw timedOut(error);
        });
      }
    } finally {
      limit.clear();
    }
  }
}

/** What changes when a task makes progress: its counts, state, messages and any line's percent. */
function progressKey(task: TaskResult): string {
  const lines = task.lines.map((line) => line.percent).join(',');
  return `${task.percent}|${task.numDone}|${task.numErr}|${task.history.length}|${task.state}|${lines}`;
}

function checkId(id: unknown): void {
  if (!Number.isSafeInteger(id) || (id as number) < 0)
    throw new ValidationError(`task id must be an integer >= 0, got ${String(id)}`, 'id');
}

function watchOptions(value: unknown): Required<Pick<WatchOptions, 'pollInterval'>> & WatchOptions {
  const options = optionsObject(value, 'options') ?? {};
  return {
    pollInterval: numberOf(options.pollInterval, 'pollInterval', 1) ?? 1_000,
    timeout: checkTimeoutMs(options.timeout, 'timeout'),
    stallTimeout: checkTimeoutMs(options.stallTimeout, 'stallTimeout'),
    signal: checkSignal(options.signal),
  };
}

/**
 * Reads FortiManager's task record into a `TaskResult`: the counts, the lines with their own
 * `history`, `start_tm`/`end_tm` and `poid` (7.x), or the task-level `history` of older releases.
 */
export function toTaskResult(id: number, data: unknown): TaskResult {
  if (!isRecord(data)) {
    throw new ProtocolError(`Task ${id}: FortiManager answered without a task record`, { status: 200 });
  }
  const taskHistory = list(data.history).map(toHistoryEntry);
  const records = list(data.line);
  const lines = records.map((line) => toLine(line, taskHistory));
  const numErr = number(data.num_err);
  const percent = number(data.percent);
  const state = typeof data.state === 'string' || typeof data.state === 'number' ? data.state : '';
  const perLine = records.some((line) => list(line.history).length > 0);
  return {
    id: number(data.id) || id,
    title: String(data.title ?? data.src ?? ''),
    state,
    percent,
    numLines: number(data.num_lines),
    numDone: number(data.num_done),
    numErr,
    numWarn: number(data.num_warn),
    finished: percent >= 100 || FINAL_STATES.has(String(state)),
    ok: numErr === 0,
    startedAt: time(data.start_tm),
    endedAt: time(data.end_tm),
    lines,
    failedLines: lines.filter((line) => line.err !== 0 || line.state === 'error'),
    history: perLine ? lines.flatMap((line) => line.history) : taskHistory,
    raw: data,
  };
}

function toLine(line: FmgRecord, taskHistory: readonly TaskHistoryEntry[]): TaskLine {
  const name = String(line.name ?? '');
  const own = list(line.history).map(toHistoryEntry);
  return {
    name,
    detail: String(line.detail ?? ''),
    err: number(line.err),
    state: typeof line.state === 'number' ? line.state : String(line.state ?? ''),
    percent: number(line.percent),
    vdom: typeof line.vdom === 'string' ? line.vdom : null,
    ip: typeof line.ip === 'string' ? line.ip : null,
    oid: number(line.oid),
    poid: number(line.poid),
    startedAt: time(line.start_tm),
    endedAt: time(line.end_tm),
    history: own.length > 0 ? own : taskHistory.filter((entry) => entry.name === name),
  };
}

function toHistoryEntry(entry: FmgRecord): TaskHistoryEntry {
  const out: TaskHistoryEntry = {
    name: String(entry.name ?? ''),
    detail: String(entry.detail ?? ''),
    percent: number(entry.percent),
    vdom: typeof entry.vdom === 'string' ? entry.vdom : null,
  };
  if (typeof entry.state === 'number' || typeof entry.state === 'string') out.state = entry.state;
  return out;
}

/** A `*_tm` field (Unix seconds) as a date; 0 and absent mean none. */
function time(value: unknown): Date | null {
  const seconds = Number(value);
  return Number.isFinite(seconds) && seconds > 0 ? new Date(seconds * 1000) : null;
}

function list(value: unknown): FmgRecord[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

function number(value: unknown): number {
  const n = Number(value);
  return Number.isFinite(n) ? n : 0;
}
