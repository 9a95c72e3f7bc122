import type { Command } from 'commander';
import type { FortiManager, TaskResult } from '../../fortimanager/index.js';
import { EXIT } from '../exit.js';
import { type Output, outputOf, printValue } from '../output/print.js';
import { progressBar } from '../progress.js';
import { integer, seconds } from '../usage.js';
import { withFmg } from './connect.js';

export interface FollowFlags {
  interval?: number;
  waitTimeout?: number;
}

/** Flags of every command that waits for a task. */
export function addFollowOptions(command: Command): Command {
  return command
    .option('--interval <seconds>', 'time between two polls of the task (default 1)', seconds)
    .option('--wait-timeout <seconds>', 'give up waiting after this long (the task keeps running)', seconds);
}

/** Waits for a task with a progress bar (on a terminal), then prints one row per line (device). */
export async function followTask(
  fmg: FortiManager,
  id: number,
  flags: FollowFlags,
  output: Output,
  signal: AbortSignal,
): Promise<TaskResult> {
  const bar = progressBar(`task ${id}`, 100, 'percent');
  let task: TaskResult;
  try {
    task = await fmg.tasks.wait(id, {
      pollInterval: flags.interval ?? 1_000,
      timeout: flags.waitTimeout,
      throwOnError: false,
      signal,
      onProgress: (t) => bar.update(t.percent),
    });
  } finally {
    bar.stop();
  }
  await printTask(task, output);
  return task;
}

/** The task's lines as rows (device, state, detail); a failed task sets exit code 3. */
async function printTask(task: TaskResult, output: Output): Promise<void> {
  const lines = task.lines.map((line) => ({
    task: task.id,
    name: line.name,
    vdom: line.vdom ?? '',
    state: line.state,
    percent: line.percent,
    ok: line.err === 0 && line.state !== 'error',
    detail: line.detail,
  }));
  await printValue(lines, output);
  process.stderr.write(
    `task ${task.id} (${task.title}): ${task.state}, ${task.numDone} of ${task.numLines} done, ${task.numErr} failed\n`,
  );
  if (!task.ok) process.exitCode = EXIT.api;
}

/** `fortix fmg task get|watch <id>`. */
export function registerTask(fmg: Command): void {
  const task = fmg.command('task').description('FortiManager tasks (installs, imports, scripts)');
  task
    .command('get')
    .description('the state of a task: progress, counts, and one row per line')
    .argument('<id>', 'task id', integer(0))
    .action(async (id: number, _flags: unknown, command: Command) => {
      const output = await outputOf(command, ['name', 'vdom', 'state', 'percent', 'ok', 'detail']);
      await withFmg(command, async (fmg, signal) => {
        const result = await fmg.tasks.get(id, { signal });
        const { raw: _raw, failedLines: _failed, ...summary } = result;
        if (output.format === 'table') await printTask(result, output);
        else await printValue(summary, output);
      });
    });
  addFollowOptions(
    task
      .command('watch')
      .description('follow a task to its end with a progress bar, then show each line')
      .argument('<id>', 'task id', integer(0)),
  ).action(async (id: number, flags: FollowFlags, command: Command) => {
    const output = await outputOf(command, ['name', 'vdom', 'state', 'percent', 'ok', 'detail']);
    await withFmg(command, (fmg, signal) => followTask(fmg, id, flags, output, signal));
  });
}
