/** What a FortiManager task reports (types only; `tasks.ts` reads them). */
import type { FmgRecord } from './types.js';

/** One progress message of a task line. */
export interface TaskHistoryEntry {
  /** The line it belongs to. */
  name: string;
  /** FortiManager's text, led by FortiManager's local time (`2025-02-26 08:01:38:start to install dev(FGT1)`). */
  detail: string;
  percent: number;
  /** The line's state at that step, as FortiManager numbers it (4 done, 5 error); absent before 7.0. */
  state?: string | number;
  vdom?: string | null;
}

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
  /** Object id of what the line works on (a device, a package, ...); 0 when none. */
  oid: number;
  /** Object id of the parent of that object; 0 when none. */
  poid: number;
  /** When the line started (`start_tm`); null when FortiManager does not say. */
  startedAt: Date | null;
  /** When the line ended (`end_tm`); null while it runs, or when FortiManager does not say. */
  endedAt: Date | null;
  /**
   * The line's progress messages, oldest first. FortiManager 7.x keeps them per line; for older
   * releases, which keep one history per task, these are the task's messages that name this line.
   */
  history: TaskHistoryEntry[];
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
  /** When the task started (`start_tm`); null when FortiManager does not say. */
  startedAt: Date | null;
  /** When the task ended (`end_tm`); null while it runs. */
  endedAt: Date | null;
  lines: TaskLine[];
  /** The lines that failed, with FortiManager's reason in `detail`. */
  failedLines: TaskLine[];
  /** Every progress message: each line's `history`, line after line (the task's own history before 7.0). */
  history: TaskHistoryEntry[];
  /** The reply as FortiManager sent it. */
  raw: FmgRecord;
}
