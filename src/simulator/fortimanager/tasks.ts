/**
 * Long-running operations (installs, previews) as FortiManager tasks: `/task/task/{id}` reports lines
 * (one per device and one per copied VDOM) that advance one step every `stepMs` of simulated time, a
 * history of every step reached, and the totals (`num_done`, `num_err`, `percent`, `tot_percent`, ...).
 * Progress is computed from the clock when read, so tasks need no timers.
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

type Step = readonly [percent: number, detail: string];

const DEVICE_STEPS = (device: string): Step[] => [
  [0, `start to install dev(${device})`],
  [15, 'init state: start to get pre-checksum'],
  [25, 'get pre-checksum state: start get diff(chkout=1)'],
  [35, 'script done state: start to FGFM install'],
  [80, 'fgfm install state: prepare to post-checksum'],
  [90, 'post-checksum state: start verification'],
  [100, 'install and save finished status=OK'],
];

const COPY_STEPS = (device: string, vdom: string): Step[] => [
  [1, `Start copying shared objs to devdb, device(${device}), vdomid(${vdom})`],
  [80, 'Initiate request to install to real device'],
  [90, 'Copy to device done'],
  [100, 'Installation to real device done'],
];

const PREVIEW_STEPS = (device: string): Step[] => [
  [0, `start to preview install of dev(${device})`],
  [50, 'generating preview'],
  [100, 'preview finished status=OK'],
];

export interface TaskTarget {
  readonly device: string;
  readonly vdom: string;
  readonly ip: string | null;
  readonly oid: number;
  /** Why the device cannot be reached, when it cannot. */
  readonly unreachable?: string;
}

export interface TaskSpec {
  readonly title: string;
  readonly src: string;
  readonly user: string;
  readonly adomOid: number;
  readonly targets: readonly TaskTarget[];
  /** Preview tasks have one short line per device and change nothing. */
  readonly preview?: boolean;
}

interface Line {
  readonly name: string;
  readonly vdom: string | null;
  readonly ip: string | null;
  readonly oid: number;
  readonly steps: readonly Step[];
  /** Index of the step at which the line fails, with the reason. */
  readonly failAt?: { readonly step: number; readonly detail: string };
}

interface Task {
  readonly id: number;
  readonly spec: TaskSpec;
  readonly start: number;
  readonly lines: readonly Line[];
}

export class TaskManager {
  readonly #clock: Clock;
  readonly #tasks = new Map<number, Task>();
  #stepMs: number;
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
    const lines = spec.targets.flatMap((target) => linesFor(target, spec.preview === true));
    this.#tasks.set(id, { id, spec, start: this.#clock.now(), lines });
    return id;
  }

  ids(): number[] {
    return [...this.#tasks.keys()];
  }

  /** The task as `/task/task/{id}` answers it, or undefined. */
  view(id: number, verbose: boolean): Record<string, unknown> | undefined {
    const task = this.#tasks.get(id);
    if (!task) return undefined;
    const lines = task.lines.map((line) => this.#lineAt(task, line));
    const totPercent = lines.reduce((sum, line) => sum + line.percent, 0);
    const done = lines.filter((line) => line.final);
    const errors = lines.filter((line) => line.err !== 0);
    const finished = done.length === lines.length;
    const state = finished ? (errors.length > 0 ? 'error' : 'done') : 'running';
    const endStep = Math.max(0, ...task.lines.map((line) => lastStep(line)));
    return {
      adom: task.spec.adomOid,
      end_tm: finished ? this.#seconds(task, endStep) : 0,
      flags: 0,
      history: lines.flatMap((line) => line.history),
      id: task.id,
      line: lines.map((line) => ({
        detail: line.detail,
        err: line.err,
        ip: line.ip,
        name: line.name,
        oid: line.oid,
        percent: line.percent,
        state: stateValue(line.final ? (line.err ? 'error' : 'done') : 'running', verbose),
        vdom: line.vdom,
      })),
      num_done: done.length,
      num_err: errors.length,
      num_lines: lines.length,
      num_warn: 0,
      percent: lines.length === 0 ? 100 : Math.floor(totPercent / lines.length),
      pid: 26000 + task.id,
      src: task.spec.src,
      start_tm: Math.floor(task.start / 1000),
      state: stateValue(lines.length === 0 ? 'done' : state, verbose),
      title: task.spec.title,
      tot_percent: totPercent,
      user: task.spec.user,
    };
  }

  #lineAt(task: Task, line: Line) {
    const reached = Math.floor((this.#clock.now() - task.start) / this.#stepMs);
    const step = Math.min(reached, lastStep(line));
    const failed = line.failAt !== undefined && step >= line.failAt.step;
    const textOf = (index: number) =>
      failed && index === line.failAt!.step ? line.failAt!.detail : line.steps[index]![1];
    const percentOf = (index: number) =>
      failed && index === line.failAt!.step ? 100 : line.steps[index]![0];
    const history = [];
    for (let index = 0; index <= step; index++) {
      history.push({
        detail: `${this.#stamp(task, index)}:${textOf(index)}`,
        name: line.name,
        percent: percentOf(index),
        vdom: line.vdom,
      });
    }
    return {
      name: line.name,
      vdom: line.vdom,
      ip: line.ip,
      oid: line.oid,
      percent: percentOf(step),
      detail: textOf(step),
      err: failed ? 1 : 0,
      final: step === lastStep(line),
      history,
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

function linesFor(target: TaskTarget, preview: boolean): Line[] {
  const failAt = target.unreachable === undefined ? undefined : { step: 1, detail: target.unreachable };
  if (preview)
    return [
      {
        name: target.device,
        vdom: null,
        ip: target.ip,
        oid: target.oid,
        steps: PREVIEW_STEPS(target.device),
      },
    ];
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

function lastStep(line: Line): number {
  return line.failAt ? line.failAt.step : line.steps.length - 1;
}

function stateValue(state: string, verbose: boolean): string | number {
  return verbose ? state : STATES.indexOf(state);
}
