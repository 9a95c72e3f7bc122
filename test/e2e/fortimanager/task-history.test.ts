/**
 * Task progress as FortiManager 7.x reports it — each line with its own `history`, `start_tm`,
 * `end_tm` and `poid`, no task-level history — read by the client over loopback HTTP from the
 * simulator, on one virtual clock (each poll sees the next step of the task).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/core/clock.js';
import { FortiManager, TaskFailedError, type TaskResult } from '../../../src/fortimanager/index.js';
import { type Simulator, startSimulator } from '../../../src/simulator/index.js';

const STEP_MS = 1_000;
const opened: Array<{ close(): Promise<void> }> = [];

afterEach(async () => {
  for (const resource of opened.splice(0).reverse()) await resource.close();
});

async function connect(adom: string): Promise<{ sim: Simulator; fmg: FortiManager; clock: VirtualClock }> {
  const clock = new VirtualClock(Date.UTC(2026, 0, 1, 9));
  const sim = await startSimulator({
    products: ['fortimanager'],
    clock,
    fortimanager: { taskStepMs: STEP_MS },
  });
  opened.push(sim);
  const fmg = new FortiManager({
    url: sim.fortimanager.url,
    username: 'admin',
    password: sim.fortimanager.adminPassword,
    adom,
    clock,
  });
  opened.push(fmg);
  return { sim, fmg, clock };
}

async function watchAll(fmg: FortiManager, taskId: number): Promise<TaskResult[]> {
  const states: TaskResult[] = [];
  for await (const state of fmg.tasks.watch(taskId, { pollInterval: STEP_MS })) states.push(state);
  return states;
}

describe('task history per line', () => {
  it('watch follows each line of an install through its own history, with its times', async () => {
    const { fmg, clock } = await connect('root');
    const startedAt = new Date(clock.now());
    const { taskId } = await fmg.installDevice({ scope: 'FGT1', wait: false });
    const states = await watchAll(fmg, taskId);
    const last = states.at(-1)!;
    expect(last).toMatchObject({ finished: true, ok: true, percent: 100 });
    expect(last.raw.history).toBeUndefined();
    // One state per step: the device line has 7 steps, and each poll sees one more.
    expect(states.length).toBeGreaterThanOrEqual(7);
    const growth = states.map((state) => state.history.length);
    expect(growth).toEqual([...growth].sort((a, b) => a - b));
    expect(new Set(growth).size).toBe(states.length);

    const [device, copy] = last.lines;
    expect(device!.history.map((entry) => entry.percent)).toEqual([0, 15, 25, 35, 80, 90, 100]);
    expect(device!.history[0]!.detail).toMatch(/^2026-01-01 09:00:00:start to install dev\(FGT1\)$/);
    expect(device!.history.map((entry) => entry.state)).toEqual([1, 1, 1, 1, 1, 1, 4]);
    expect(device!.history.every((entry) => entry.name === 'FGT1')).toBe(true);
    expect(copy!.name).toBe('FGT1(root)[copy]');
    expect(copy!.history.at(-1)).toMatchObject({ percent: 100, vdom: 'root', state: 4 });
    expect(last.history).toEqual([...device!.history, ...copy!.history]);

    const devices = (await fmg.get('/dvmdb/device/{device}', { params: { device: 'FGT1' } })) as {
      oid: number;
    };
    expect(device).toMatchObject({
      oid: devices.oid,
      poid: 0,
      startedAt,
      endedAt: new Date(startedAt.getTime() + 6 * STEP_MS),
    });
    expect(copy!.endedAt).toEqual(new Date(startedAt.getTime() + 3 * STEP_MS));
    expect(last.startedAt).toEqual(startedAt);
    expect(last.endedAt).toEqual(device!.endedAt);
    // While it ran, the task and its longer line had not ended.
    expect(states[0]).toMatchObject({ finished: false, endedAt: null });
    expect(states[0]!.lines[0]!.endedAt).toBeNull();
  });

  it('a failed line ends its history with the error, which the TaskFailedError carries', async () => {
    const { fmg } = await connect('dc_amer');
    const error = await fmg
      .installDevice({ scope: 'dut_fgt_03', wait: { pollInterval: STEP_MS } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TaskFailedError);
    const [failed] = (error as TaskFailedError).task.failedLines;
    expect(failed!.history.map((entry) => entry.state)).toEqual([1, 5]);
    expect(failed!.history.at(-1)!.detail).toMatch(/device is unreachable$/);
    expect(failed!.endedAt).not.toBeNull();
  });
});
