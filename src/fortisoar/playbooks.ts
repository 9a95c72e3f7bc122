/**
 * Playbooks (`soar.playbooks`): trigger one without record context, on records through its action
 * trigger, or through an API endpoint trigger; wait for the run to end with its status and progress;
 * read its log (the steps).
 *
 * @example
 * const { taskId } = await soar.playbooks.triggerOnRecords(playbookUuid, [alert['@id']]);
 * const outcome = await soar.playbooks.wait(taskId, { onProgress: (o) => console.log(o.progress.percent) });
 */
import type { Clock } from '../core/clock.js';
import { ProtocolError, ValidationError } from '../core/errors.js';
import { isRecord } from '../core/guards.js';
import { checkCallOptions } from '../core/timeouts.js';
import { type CallOptions, callOptions, type SoarCaller } from './caller.js';
import { ENDPOINTS } from './endpoints.js';
import { FortiSoarRunFailedError } from './errors.js';
import { pollUntil, type WaitOptions } from './poll.js';
import type { Iri, SoarRecord } from './types.js';

export type RunStatus =
  | 'incipient'
  | 'active'
  | 'pending'
  | 'running'
  | 'awaiting'
  | 'paused'
  | 'finished'
  | 'failed'
  | 'skipped'
  | 'terminated';

/** A run as the run history lists it. */
export interface PlaybookRun {
  /** The run's id (`pk`) for `run(pk)` and `logs(pk)`. */
  id: number;
  name: string;
  status: RunStatus;
  task_id: string;
  /** IRI of the playbook (`/api/3/workflows/<uuid>`). */
  template_iri: Iri;
  created: string;
  modified: string;
  [field: string]: unknown;
}

/** One step of a run: the run's log. */
export interface RunStep {
  name: string;
  status: string;
  started: string | null;
  completed: string | null;
  result: unknown;
  [field: string]: unknown;
}

export interface PlaybookRunDetail extends PlaybookRun {
  steps: RunStep[];
  result: unknown;
  env?: unknown;
}

export interface RunProgress {
  /** Steps that ended (finished, failed, skipped, terminated) over every run of the task. */
  doneSteps: number;
  totalSteps: number;
  percent: number;
}

/** Where a triggered playbook stands: every run it started (one per record with `singleRecordExecution`). */
export interface PlaybookOutcome {
  taskId: string;
  /** `failed` if any run failed, else `terminated` if any was, `skipped` if all were, `finished` when all finished; the running status before. */
  status: RunStatus;
  /** Every run ended. */
  done: boolean;
  progress: RunProgress;
  runs: PlaybookRunDetail[];
}

export interface PlaybookTrigger {
  /** Identifies the runs the trigger started (`runs(taskId)`, `wait(taskId)`). */
  taskId: string;
}

export interface WaitForRunOptions extends WaitOptions<PlaybookOutcome> {
  /** Throw a FortiSoarRunFailedError when a run fails (default true). */
  throwOnError?: boolean;
}

/** The step type of a record action trigger (the Execute menu of a record). */
const ACTION_TRIGGER = 'cybersponse.action';
const ENDED = new Set(['finished', 'failed', 'skipped', 'terminated', 'finished with error']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class Playbooks {
  constructor(
    private readonly caller: SoarCaller,
    private readonly clock: Clock,
  ) {}

  /** Runs a playbook with no record context (the designer's Run), with optional input data. */
  async trigger(
    playbook: string,
    options: CallOptions & { input?: Record<string, unknown> } = {},
  ): Promise<PlaybookTrigger> {
    checkCallOptions(options);
    const data = await this.caller.call(ENDPOINTS.triggerManual, {
      params: { workflow: uuidOf(playbook) },
      json: { input: {}, request: { data: options.input ?? {} }, useMockOutput: false, globalMock: false },
      ...callOptions(options),
    });
    return triggered(data);
  }

  /**
   * Runs a playbook on records through its action trigger (the record's Execute menu). The trigger's
   * route is read from the playbook; `singleRecordExecution` starts one run per record.
   */
  async triggerOnRecords(
    playbook: string,
    records: readonly Iri[],
    options: CallOptions & { singleRecordExecution?: boolean } = {},
  ): Promise<PlaybookTrigger> {
    checkCallOptions(options);
    const uuid = uuidOf(playbook);
    if (
      !Array.isArray(records) ||
      records.length === 0 ||
      records.some((r) => typeof r !== 'string' || !/^\/api\/3\/[^/]+\/[^/]+$/.test(r))
    )
      throw new ValidationError(
        'records must be a non-empty list of record IRIs (/api/3/<module>/<uuid>)',
        'records',
      );
    const modules = new Set(records.map((r) => r.split('/')[3]));
    if (modules.size !== 1) throw new ValidationError('records must all belong to one module', 'records');
    const workflow = await this.caller.call<SoarRecord>(ENDPOINTS.get, {
      params: { module: 'workflows', uuid },
      ...callOptions(options),
    });
    const step = isRecord(workflow.triggerStep) ? workflow.triggerStep : {};
    const route = isRecord(step.arguments) ? step.arguments.route : undefined;
    const type = isRecord(step.stepType) ? step.stepType.name : undefined;
    if (typeof route !== 'string' || route === '' || (type !== undefined && type !== ACTION_TRIGGER))
      throw new ValidationError(
        `Playbook ${uuid} has no action trigger (no route); use trigger() instead`,
        'playbook',
      );
    const data = await this.caller.call(ENDPOINTS.triggerAction, {
      params: { route },
      json: {
        __uuid: uuid,
        __resource: [...modules][0],
        records,
        singleRecordExecution: options.singleRecordExecution ?? false,
      },
      ...callOptions(options),
    });
    return triggered(data);
  }

  /** Calls a playbook's API endpoint trigger (`POST /api/triggers/1/<name>`) with a body. */
  async triggerEndpoint(
    name: string,
    body: unknown = {},
    options: CallOptions = {},
  ): Promise<PlaybookTrigger> {
    checkCallOptions(options);
    if (typeof name !== 'string' || !/^[A-Za-z0-9_-]+$/.test(name))
      throw new ValidationError(`name must be the trigger's route name, got ${JSON.stringify(name)}`, 'name');
    return triggered(
      await this.caller.call(ENDPOINTS.triggerApi, { params: { name }, json: body, ...callOptions(options) }),
    );
  }

  /** The runs a trigger started. */
  async runs(taskId: string, options: CallOptions = {}): Promise<PlaybookRun[]> {
    checkCallOptions(options);
    const data = await this.caller.call<Record<string, unknown>>(ENDPOINTS.runs, {
      query: { task_id: checkTask(taskId), format: 'json', limit: 200 },
      ...callOptions(options),
    });
    if (!Array.isArray(data['hydra:member']))
      throw new ProtocolError('The run history is not a hydra list', { status: 200 });
    return data['hydra:member'] as PlaybookRun[];
  }

  /** One run with its steps and result. */
  async run(pk: number, options: CallOptions = {}): Promise<PlaybookRunDetail> {
    checkCallOptions(options);
    if (!Number.isInteger(pk) || pk < 1) throw new ValidationError(`pk must be a run id, got ${pk}`, 'pk');
    return this.caller.call(ENDPOINTS.run, {
      params: { pk },
      query: { format: 'json' },
      ...callOptions(options),
    });
  }

  /** A run's log: its steps, in order, with status, times and result. */
  async logs(pk: number, options: CallOptions = {}): Promise<RunStep[]> {
    return (await this.run(pk, options)).steps;
  }

  /** Where a trigger's runs stand now. */
  async outcome(taskId: string, options: CallOptions = {}): Promise<PlaybookOutcome> {
    const runs = await Promise.all((await this.runs(taskId, options)).map((r) => this.run(r.id, options)));
    return summarize(taskId, runs);
  }

  /** Waits until every run of a trigger has ended; a failed run throws (unless `throwOnError: false`). */
  async wait(taskId: string, options: WaitForRunOptions = {}): Promise<PlaybookOutcome> {
    checkTask(taskId);
    const outcome = await pollUntil(
      this.clock,
      `Playbook task ${taskId}`,
      (signal) => this.outcome(taskId, { signal }),
      (o) => o.done,
      (o) => `${o.status}|${o.progress.doneSteps}|${o.runs.length}`,
      options,
    );
    if (outcome.status === 'failed' && (options.throwOnError ?? true)) {
      const step = outcome.runs.flatMap((r) => r.steps).find((s) => s.status === 'failed');
      const why =
        isRecord(step?.result) && typeof step.result.message === 'string' ? `: ${step.result.message}` : '';
      throw new FortiSoarRunFailedError(`Playbook run failed at step '${step?.name ?? '?'}'${why}`, {
        details: { outcome },
      });
    }
    return outcome;
  }
}

function summarize(taskId: string, runs: PlaybookRunDetail[]): PlaybookOutcome {
  const statuses = runs.map((r) => r.status);
  const done = runs.length > 0 && statuses.every((s) => ENDED.has(s));
  const steps = runs.flatMap((r) => r.steps ?? []);
  const doneSteps = done ? steps.length : steps.filter((s) => ENDED.has(s.status)).length;
  const status: RunStatus = statuses.includes('failed')
    ? 'failed'
    : !done
      ? (statuses.find((s) => !ENDED.has(s)) ?? 'incipient')
      : statuses.includes('terminated')
        ? 'terminated'
        : statuses.every((s) => s === 'skipped')
          ? 'skipped'
          : 'finished';
  const percent = steps.length === 0 ? (done ? 100 : 0) : Math.round((doneSteps / steps.length) * 100);
  return { taskId, status, done, progress: { doneSteps, totalSteps: steps.length, percent }, runs };
}

function triggered(data: unknown): PlaybookTrigger {
  const taskId = isRecord(data) ? (data.task_id ?? data.executionId) : undefined;
  if (typeof taskId !== 'string') throw new ProtocolError('The trigger answered no task_id', { status: 200 });
  return { taskId };
}

function uuidOf(playbook: string): string {
  const uuid = typeof playbook === 'string' ? playbook.split('/').pop()! : '';
  if (!UUID.test(uuid))
    throw new ValidationError(
      `playbook must be a playbook UUID or IRI, got ${JSON.stringify(playbook)}`,
      'playbook',
    );
  return uuid;
}

function checkTask(taskId: string): string {
  if (typeof taskId !== 'string' || taskId === '') throw new ValidationError('taskId is required', 'taskId');
  return taskId;
}
