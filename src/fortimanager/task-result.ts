/** What a FortiManager task reports (types only; `tasks.ts` reads them). */
import type { FmgRecord } from './types.js';

/** One sub-task of a task (e.g. one device of an install). */
export interface TaskLine {
  name: string;
  detail: string;
  /** Non-zero when this line failed. */
  err: number;
  state: string | number;
  percent: number;
  vdom?: string | null;
  ip?: string | null;
}

/** One progress message of a task. */
export interface TaskHistoryEntry {
  name: string;
  detail: string;
  percent: number;
  vdom?: string | null;
}

/** A task as FortiManager reports it (`/task/task/<id>`), with the success verdict worked out. */
export interface TaskResult {
  id: number;
  title: string;
  /** `'done'`, `'error'`, ... (numbers without verbose). */
  state: string | number;
  /** Overall progress, 0-100. */
  percent: number;
  numLines: number;
  numDone: number;
  numErr: number;
  numWarn: number;
  /** True once the task finished (percent 100 or a final state). */
  finished: boolean;
  /** True when it finished without failed lines (`num_err` 0). */
  ok: boolean;
  lines: TaskLine[];
  /** The lines that failed, with FortiManager's reason in `detail`. */
  failedLines: TaskLine[];
  history: TaskHistoryEntry[];
  /** The reply as FortiManager sent it. */
  raw: FmgRecord;
}
