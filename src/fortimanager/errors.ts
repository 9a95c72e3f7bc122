import { ApiError, type ApiErrorCategory, FortixError, type FortixErrorOptions } from '../core/errors.js';
import type { TaskResult } from './task-result.js';

export interface FortiManagerErrorInit {
  /** The status code FortiManager answered with (e.g. -3). */
  code: number;
  /** FortiManager's own message (e.g. "Object does not exist"). */
  message: string;
  /** The JSON-RPC method of the call. */
  method: string;
  /** The URL the call addressed (placeholders filled). */
  url: string;
  /** The JSON-RPC request id. */
  requestId?: number | undefined;
}

/** FortiManager answered a call with a status code other than 0. */
export class FortiManagerApiError extends ApiError {
  override readonly code: string = 'FORTIMANAGER_API_ERROR';
  /** The JSON-RPC method of the call. */
  readonly method: string;

  constructor(init: FortiManagerErrorInit, hint?: string, options: FortixErrorOptions = {}) {
    super(
      `FortiManager refused ${init.method} ${init.url}: ${init.message} (code ${init.code})${hint ? `; ${hint}` : ''}`,
      {
        product: 'fortimanager',
        apiCode: init.code,
        url: init.url,
        requestId: init.requestId,
        apiMessage: init.message,
      },
      options,
    );
    this.method = init.method;
  }

  /** FortiManager's numeric status code (the JSON-RPC reply itself is HTTP 200). */
  declare readonly apiCode: number;
}

/** -2: the object already exists (`add`). */
export class ObjectExistsError extends FortiManagerApiError {
  static override readonly category: ApiErrorCategory = 'already-exists';
  override readonly code: string = 'FORTIMANAGER_OBJECT_EXISTS';
}

/** -3: the object does not exist. */
export class ObjectNotFoundError extends FortiManagerApiError {
  static override readonly category: ApiErrorCategory = 'not-found';
  override readonly code: string = 'FORTIMANAGER_OBJECT_NOT_FOUND';
}

/** -6: the URL is not valid for this FortiManager. */
export class InvalidUrlError extends FortiManagerApiError {
  static override readonly category: ApiErrorCategory = 'invalid-request';
  override readonly code: string = 'FORTIMANAGER_INVALID_URL';
}

/** -10: the data is invalid for the URL. */
export class InvalidDataError extends FortiManagerApiError {
  static override readonly category: ApiErrorCategory = 'invalid-request';
  override readonly code: string = 'FORTIMANAGER_INVALID_DATA';
}

/** -11: no permission for the resource (rpc-permit, ADOM access), or a session that is no longer valid. */
export class PermissionError extends FortiManagerApiError {
  static override readonly category: ApiErrorCategory = 'permission-denied';
  override readonly code: string = 'FORTIMANAGER_NO_PERMISSION';
}

/** Workspace lock errors: a lock is missing (-10147 "no write permission", -20017, ...) or someone else holds it (-20018, -20036, -20055). */
export class WorkspaceLockError extends FortiManagerApiError {
  override readonly code: string = 'FORTIMANAGER_WORKSPACE_LOCK';

  /** True when someone else holds the lock (worth retrying later); false when a lock is missing. */
  get busy(): boolean {
    return BUSY_LOCK_CODES.has(this.apiCode);
  }
}

const LOCK_REQUIRED_CODES = new Set([-10147, -20017, -20058, -20060]);
const BUSY_LOCK_CODES = new Set([-20018, -20036, -20055]);
const LOCK_MESSAGE = /lock/i;

type ErrorClass = new (init: FortiManagerErrorInit, hint?: string) => FortiManagerApiError;

const BY_CODE = new Map<number, [ErrorClass, string]>([
  [-2, [ObjectExistsError, 'use set to overwrite it, or pass okCodes: [-2] to accept it']],
  [-3, [ObjectNotFoundError, 'check the name, the ADOM and the URL']],
  [-6, [InvalidUrlError, 'check the URL path against the FortiManager version']],
  [-10, [InvalidDataError, 'check the data attributes and their values']],
  [
    -11,
    [
      PermissionError,
      "check the admin's rpc-permit and ADOM access (in workspace mode, lock the ADOM first)",
    ],
  ],
]);

/** Maps a non-zero FortiManager status to its error class. */
export function apiErrorFor(init: FortiManagerErrorInit): FortiManagerApiError {
  const known = BY_CODE.get(init.code);
  if (known) return new known[0](init, known[1]);
  if (
    BUSY_LOCK_CODES.has(init.code) ||
    LOCK_REQUIRED_CODES.has(init.code) ||
    LOCK_MESSAGE.test(init.message)
  ) {
    return new WorkspaceLockError(init, 'use fmg.workspace.withLock() to lock, commit and unlock');
  }
  return new FortiManagerApiError(init);
}

/** A task finished with failed lines (`num_err > 0`); `task.failedLines` says which and why. */
export class TaskFailedError extends FortixError {
  override readonly code: string = 'FORTIMANAGER_TASK_FAILED';
  readonly task: TaskResult;

  constructor(task: TaskResult) {
    const failed = task.failedLines.map((line) => `${line.name}: ${line.detail}`).join('; ');
    super(`Task ${task.id} (${task.title}) failed on ${task.numErr} of ${task.numLines} lines: ${failed}`, {
      details: { taskId: task.id, numErr: task.numErr, numWarn: task.numWarn },
    });
    this.task = task;
  }
}

/** A task did not finish in time, or made no progress for `stallTimeout`. */
export class TaskTimeoutError extends FortixError {
  override readonly code: string = 'FORTIMANAGER_TASK_TIMEOUT';
  /** `'timeout'`: the overall limit passed; `'stall'`: no progress for the stall limit. */
  readonly reason: 'timeout' | 'stall';
  readonly taskId: number;

  constructor(taskId: number, reason: 'timeout' | 'stall', ms: number) {
    super(
      reason === 'timeout'
        ? `Task ${taskId} did not finish within ${ms} ms; it keeps running on FortiManager (watch it again or raise timeout)`
        : `Task ${taskId} made no progress for ${ms} ms; check it in the FortiManager task monitor (or raise stallTimeout)`,
      { details: { taskId, reason, ms } },
    );
    this.reason = reason;
    this.taskId = taskId;
  }
}
