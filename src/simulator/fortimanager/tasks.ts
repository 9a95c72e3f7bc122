/**
 * Long-running operations as FortiManager tasks (`/task/task/{id}`): installs, previews, device adds
 * and deletes, refreshes, script runs, imports, writes sent with `create task`. A task has lines (one
 * per device, per copied VDOM, per object, ...) that advance one step every `stepMs` of simulated
 * time; each line carries its own history (FortiManager 7.x layout), and the task carries the totals
 * (`num_done`, `num_err`, `percent`, `tot_percent`, ...). Progress is computed from the clock when
 * read, so tasks need no timers.
 */
import type { Clock } from '../../core/clock.js';

/** Task and line states; the number is the answer without `verbose` (done = 4, error = 5). */
const STATES = [
  'pending',
  'running',
  'cancelling',
  'cancelled',
  'done',
  'error',
  'aborting',
  'aborted',
  'warning',
];

export type TaskStep = readonly [percent: number, detail: string];

/** One line of a task: what it works on and the steps it goes through. */
export interface TaskLineSpec {
  readonly name: string;
  readonly vdom: string | null;
  readonly ip: string | null;
  readonly oid: number;
  readonly steps: readonly TaskStep[];
  /** The step at which the line fails, with the reason. */
  readonly failAt?: { readonly step: number; readonly detail: string };
}

export interface TaskSpec {
  readonly title: string;
  readonly src: string;
  readonly user: string;
  readonly adomOid: number;
  readonly lines: readonly TaskLineSpec[];
}

/** A device an install or a device command works on. */
export interface TaskTarget {
  readonly device: string;
  readonly vdom: string;
  readonly ip: string | null;
  readonly oid: number;
  /** Why the device cannot be reached, when it cannot. */
  readonly unreachable?: string;
}

interface Task {
  readonly id: number;
  readonly spec: TaskSpec;
  readonly start: number;
}

export class TaskManager {
  readonly #clock: Clock;
  readonly #tasks = new Map<number, Task>();
  readonly #stepMs: number;
  #nextId = 1;

  constructor(clock: Clock, stepMs: number) {
    this.#clock = clock;
    this.#stepMs = stepMs;
  }

  get count(): number {
    return this.#tasks.size;
  }

  create(spec: TaskSpec): number {
    const id = this.#nextId++;
    this.#tasks.set(id, { id, spec, start: this.#clock.now() });
    return id;
  }

  /** Forgets a task (`delete /task/task/{id}`); false when there is none. */
  remove(id: number): boolean {
    return this.#tasks.delete(id);
  }

  ids(): number[] {
    return [...this.#tasks.keys()];
  }

  /** True once every line of the task reached its last step. */
  finished(id: number): boolean {
    const task = this.#tasks.get(id);
    return task === undefined || task.spec.lines.every((line) => this.#reached(task, line) >= lastStep(line));
  }

  /** The task as `/task/task/{id}` answers it, or undefined. */
  view(id: number, verbose: boolean): Record<string, unknown> | undefined {
    const task = this.#tasks.get(id);
    if (!task) return undefined;
    const lines = task.spec.lines.map((line) => this.#lineAt(task, line, verbose));
    const totPercent = lines.reduce((sum, line) => sum + line.percent, 0);
    const done = lines.filter((line) => line.final && line.err === 0);
    const errors = lines.filter((line) => line.err !== 0);
    const finished = lines.every((line) => line.final);
    const state = lines.length === 0 || finished ? (errors.length > 0 ? 'error' : 'done') : 'running';
    const end = Math.max(0, ...task.spec.lines.map((line) => lastStep(line)));
    return {
      adom: task.spec.adomOid,
      end_tm: finished ? this.#seconds(task, end) : 0,
      flags: 0,
      id: task.id,
      line: lines.map(({ final: _final, ...line }) => line),
      num_done: done.length,
      num_err: errors.length,
      num_lines: lines.length,
      num_warn: 0,
      percent: lines.length === 0 ? 100 : Math.floor(totPercent / lines.length),
      pid: 0,
      src: task.spec.src,
      start_tm: this.#seconds(task, 0),
      state: stateValue(state, verbose),
      title: task.spec.title,
      tot_percent: totPercent,
      user: task.spec.user,
    };
  }

  #reached(task: Task, line: TaskLineSpec): number {
    return Math.min(Math.floor((this.#clock.now() - task.start) / this.#stepMs), lastStep(line));
  }

  #lineAt(task: Task, line: TaskLineSpec, verbose: boolean) {
    const step = this.#reached(task, line);
    const failed = line.failAt !== undefined && step >= line.failAt.step;
    const final = step === lastStep(line);
    const textOf = (index: number) =>
      failed && index === line.failAt!.step ? line.failAt!.detail : line.steps[index]![1];
    const percentOf = (index: number) =>
      failed && index === line.failAt!.step ? 100 : line.steps[index]![0];
    const stateAt = (index: number) =>
      failed && index === line.failAt!.step ? 'error' : index === lastStep(line) ? 'done' : 'running';
    const history = [];
    for (let index = 0; index <= step; index++) {
      history.push({
        detail: `${this.#stamp(task, index)}:${textOf(index)}`,
        name: line.name,
        percent: percentOf(index),
        state: STATES.indexOf(stateAt(index)),
        vdom: line.vdom,
      });
    }
    return {
      detail: textOf(step),
      end_tm: final ? this.#seconds(task, step) : 0,
      err: failed ? 1 : 0,
      history,
      ip: line.ip,
      name: line.name,
      oid: line.oid,
      percent: percentOf(step),
      poid: 0,
      start_tm: this.#seconds(task, 0),
      state: stateValue(final ? (failed ? 'error' : 'done') : 'running', verbose),
      vdom: line.vdom,
      final,
    };
  }

  #seconds(task: Task, step: number): number {
    return Math.floor((task.start + step * this.#stepMs) / 1000);
  }

  /** `YYYY-MM-DD hh:mm:ss` of a step, as task history details start. */
  #stamp(task: Task, step: number): string {
    return new Date(task.start + step * this.#stepMs).toISOString().slice(0, 19).replace('T', ' ');
  }
}

const DEVICE_STEPS = (device: string): TaskStep[] => [
  [0, `start to install dev(${device})`],
  [15, 'init state: start to get pre-checksum'],
  [25, 'get pre-checksum state: start get diff(chkout=1)'],
  [35, 'script done state: start to FGFM install'],
  [80, 'fgfm install state: prepare to post-checksum'],
  [90, 'post-checksum state: start verification'],
  [100, 'install and save finished status=OK'],
];

const COPY_STEPS = (device: string, vdom: string): TaskStep[] => [
  [1, `Start copying shared objs to devdb, device(${device}), vdomid(${vdom})`],
  [80, 'Initiate request to install to real device'],
  [90, 'Copy to device done'],
  [100, 'Installation to real device done'],
];

const PREVIEW_STEPS = (device: string): TaskStep[] => [
  [0, `start to preview install of dev(${device})`],
  [50, 'generating preview'],
  [100, 'preview finished status=OK'],
];

function failureOf(target: TaskTarget): TaskLineSpec['failAt'] {
  return target.unreachable === undefined ? undefined : { step: 1, detail: target.unreachable };
}

/** An install's lines: the device itself, then the copy of each VDOM. */
export function installLines(target: TaskTarget): TaskLineSpec[] {
  const failAt = failureOf(target);
  return [
    {
      name: target.device,
      vdom: null,
      ip: null,
      oid: target.oid,
      steps: DEVICE_STEPS(target.device),
      ...(failAt ? { failAt } : {}),
    },
    {
      name: `${target.device}(${target.vdom})[copy]`,
      vdom: target.vdom,
      ip: target.ip,
      oid: target.oid,
      steps: COPY_STEPS(target.device, target.vdom),
      ...(failAt ? { failAt } : {}),
    },
  ];
}

/** A preview's line: one short line per device; nothing is changed. */
export function previewLine(target: TaskTarget): TaskLineSpec {
  return {
    name: target.device,
    vdom: null,
    ip: target.ip,
    oid: target.oid,
    steps: PREVIEW_STEPS(target.device),
  };
}

/** One line of a short operation on one thing (a device command, an object write, ...). */
export function simpleLine(
  name: string,
  steps: readonly TaskStep[],
  options: { vdom?: string | null; ip?: string | null; oid?: number; failAt?: TaskLineSpec['failAt'] } = {},
): TaskLineSpec {
  return {
    name,
    vdom: options.vdom ?? null,
    ip: options.ip ?? null,
    oid: options.oid ?? 0,
    steps,
    ...(options.failAt ? { failAt: options.failAt } : {}),
  };
}

function lastStep(line: TaskLineSpec): number {
  return line.failAt ? line.failAt.step : line.steps.length - 1;
}

function stateValue(state: string, verbose: boolean): string | number {
  return verbose ? state : STATES.indexOf(state);
}
