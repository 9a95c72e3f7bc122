import { describe, expect, it } from 'vitest';
import {
  FortiManager,
  TaskFailedError,
  type TaskResult,
  TaskTimeoutError,
} from '../../../src/fortimanager/index.js';
import { startSimulator } from '../../../src/simulator/index.js';
import { recordingLogger, rpcUrl, useSimulator } from './harness.js';

const h = useSimulator();
const poll = { pollInterval: 5 };

describe('tasks and installs against the simulator', () => {
  it('installDevice waits for the task and reports progress', async () => {
    const fmg = h.client({ adom: 'dc_amer' });
    const progress: number[] = [];
    const { taskId, task } = await fmg.installDevice({
      scope: 'dut_fgt_01',
      comments: 'from the test',
      wait: { ...poll, onProgress: (t) => progress.push(t.percent) },
    });
    expect(taskId).toBeGreaterThan(0);
    expect(task).toMatchObject({ id: taskId, ok: true, finished: true, percent: 100, numErr: 0 });
    expect(task!.lines.length).toBeGreaterThan(0);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)).toBe(100);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
  });

  it('watch yields each new state, the finished one last', async () => {
    const fmg = h.client({ adom: 'root' });
    const { taskId } = await fmg.installDevice({ scope: [{ name: 'FGT1', vdom: 'root' }], wait: false });
    const states: TaskResult[] = [];
    for await (const state of fmg.tasks.watch(taskId, poll)) states.push(state);
    expect(states.length).toBeGreaterThan(1);
    expect(states.at(-1)!.finished).toBe(true);
    expect(states.slice(0, -1).every((s) => !s.finished)).toBe(true);
  });

  it('a failing install throws TaskFailedError with the failing lines', async () => {
    const fmg = h.client({ adom: 'dc_amer' });
    const error = await fmg
      .installPackage({ pkg: 'default', scope: ['dut_fgt_01', 'dut_fgt_03'], wait: poll })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TaskFailedError);
    const task = (error as TaskFailedError).task;
    expect(task.ok).toBe(false);
    expect(task.numErr).toBeGreaterThan(0);
    expect(task.failedLines.length).toBe(task.numErr);
    expect(task.failedLines.every((line) => line.name.startsWith('dut_fgt_03'))).toBe(true);
    expect((error as Error).message).toContain('dut_fgt_03');
  });

  it('throwOnError: false returns the failed task instead', async () => {
    const fmg = h.client({ adom: 'dc_amer' });
    const { task } = await fmg.installDevice({ scope: 'dut_fgt_03', wait: { ...poll, throwOnError: false } });
    expect(task!.ok).toBe(false);
    expect(task!.failedLines[0]!.detail).toMatch(/unreachable/);
  });

  it('survives dropped connections while polling', async () => {
    const logger = recordingLogger();
    const fmg = h.client({ adom: 'root', logger, retry: { retries: 0 } });
    const { taskId } = await fmg.installDevice({ scope: 'FGT1', wait: false });
    h.sim.faults.inject({ kind: 'reset', product: 'fortimanager', match: rpcUrl('/task/task/'), times: 2 });
    const task = await fmg.tasks.wait(taskId, poll);
    expect(task.ok).toBe(true);
    expect(h.sim.faults.pending).toBe(0);
    expect(logger.lines.filter((l) => l.includes(`Polling task ${taskId} failed`))).toHaveLength(2);
  });

  it('installPackage preview returns what would be installed', async () => {
    const fmg = h.client({ adom: 'dc_amer' });
    const result = await fmg.installPackage({
      pkg: 'default',
      scope: ['dut_fgt_01'],
      preview: true,
      wait: poll,
    });
    expect(result.task!.ok).toBe(true);
    expect(result.previews!.map((p) => p.device)).toContain('dut_fgt_01');
    expect(result.previews!.every((p) => typeof p.cli === 'string' && p.cli.length > 0)).toBe(true);
  });

  it('stallTimeout and timeout bound the wait (the task keeps running)', async () => {
    await using sim = await startSimulator({
      products: ['fortimanager'],
      fortimanager: { taskStepMs: 60_000 },
    });
    await using fmg = new FortiManager({
      url: sim.fortimanager.url,
      username: 'admin',
      password: sim.fortimanager.adminPassword,
      adom: 'root',
    });
    const { taskId } = await fmg.installDevice({ scope: 'FGT1', wait: false });
    const stalled = await fmg.tasks.wait(taskId, { ...poll, stallTimeout: 80 }).catch((e: unknown) => e);
    expect(stalled).toBeInstanceOf(TaskTimeoutError);
    expect((stalled as TaskTimeoutError).reason).toBe('stall');
    const started = Date.now();
    const late = await fmg.tasks.wait(taskId, { ...poll, timeout: 100 }).catch((e: unknown) => e);
    expect(late).toBeInstanceOf(TaskTimeoutError);
    expect((late as TaskTimeoutError).reason).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(2_000);
    await fmg.close();
    expect(sim.fortimanager.stats().sessions).toBe(0);
  });
});
