/**
 * Playbook runs (`/api/wf/api/workflows/`): each step takes `stepMs` of simulated time; a run is
 * `incipient`, then `active`, and ends `finished`, `failed`, `skipped` or `terminated` as its
 * playbook is written to. State is computed from the clock when read.
 */
import type { Clock } from '../../../core/clock.js';
import type { SoarRecord } from '../records/store.js';
import type { PlaybookScript, RunOutcome } from './catalog.js';

export type RunStatus = 'incipient' | 'active' | RunOutcome;

export interface PlaybookRun {
  readonly pk: number;
  readonly taskId: string;
  readonly script: PlaybookScript;
  readonly started: number;
  readonly records: readonly SoarRecord[];
  readonly input: unknown;
  readonly user: string;
  settled: boolean;
}

type StepStatus = 'finished' | 'failed' | 'skipped' | 'terminated' | 'active' | 'incipient';

export class PlaybookRuns {
  readonly runs: PlaybookRun[] = [];
  #nextPk = 1001;

  constructor(
    private readonly clock: Clock,
    readonly stepMs: number,
  ) {}

  start(
    script: PlaybookScript,
    taskId: string,
    records: readonly SoarRecord[],
    input: unknown,
    user: string,
  ): PlaybookRun {
    const run: PlaybookRun = {
      pk: this.#nextPk++,
      taskId,
      script,
      started: this.clock.now(),
      records,
      input,
      user,
      settled: false,
    };
    this.runs.push(run);
    return run;
  }

  find(pk: string): PlaybookRun | undefined {
    return this.runs.find((r) => String(r.pk) === pk);
  }

  /** Steps reached so far (a step is reached when it started). */
  #reached(run: PlaybookRun): number {
    return Math.floor((this.clock.now() - run.started) / this.stepMs);
  }

  status(run: PlaybookRun): RunStatus {
    const reached = this.#reached(run);
    const { outcome, stopAt, steps } = run.script;
    const end = outcome === 'finished' ? steps.length : stopAt + 1;
    if (reached >= end) return outcome;
    return reached === 0 ? 'incipient' : 'active';
  }

  /** Applies the effects of runs that have finished since the last call. */
  settle(): void {
    for (const run of this.runs) {
      if (run.settled || this.status(run) !== 'finished') continue;
      run.settled = true;
      run.script.effect?.(run.records);
    }
  }

  view(run: PlaybookRun) {
    const status = this.status(run);
    const last = Math.min(this.#reached(run), run.script.steps.length);
    return {
      '@id': `/api/wf/api/workflows/${run.pk}/`,
      '@type': 'Workflow',
      id: run.pk,
      name: run.script.workflow.values.name,
      status,
      task_id: run.taskId,
      template_iri: run.script.workflow.iri,
      created: iso(run.started),
      modified: iso(run.started + last * this.stepMs),
      parent_wf: null,
      debug: false,
      node_name: 'fortisoar-sim',
      tags: '',
      user: run.user,
    };
  }

  /** The run with its steps (the execution log), its input and its result. */
  detail(run: PlaybookRun) {
    const status = this.status(run);
    const { steps, stopAt, stopMessage, outcome } = run.script;
    const reached = this.#reached(run);
    const ended = status === outcome;
    return {
      ...this.view(run),
      env: {
        input: { params: run.input ?? {}, records: run.records.map((r) => r.iri) },
        task_id: run.taskId,
        wf_id: run.script.workflow.id,
      },
      result: ended
        ? {
            status: outcome,
            message: stopMessage || 'Playbook finished',
            data: { records: run.records.length },
          }
        : null,
      steps: steps.map((name, i) => {
        const stepStatus = this.#stepStatus(run, i, reached);
        const began = run.started + i * this.stepMs;
        return {
          '@id': `/api/wf/api/workflow_steps/${run.pk}${String(i).padStart(3, '0')}/`,
          '@type': 'WorkflowStep',
          name,
          status: stepStatus,
          started: stepStatus === 'incipient' ? null : iso(began),
          completed: stepStatus === 'incipient' || stepStatus === 'active' ? null : iso(began + this.stepMs),
          result:
            i === stopAt && outcome !== 'finished' && stepStatus !== 'active' && stepStatus !== 'incipient'
              ? { message: stopMessage }
              : stepStatus === 'finished'
                ? { message: `${name} completed` }
                : null,
          task_id: run.taskId,
        };
      }),
    };
  }

  #stepStatus(run: PlaybookRun, index: number, reached: number): StepStatus {
    const { outcome, stopAt } = run.script;
    if (outcome !== 'finished' && index > stopAt) return reached > stopAt ? 'skipped' : 'incipient';
    if (index >= reached) return index === reached && reached > 0 ? 'active' : 'incipient';
    if (outcome !== 'finished' && index === stopAt) return outcome;
    return 'finished';
  }
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
