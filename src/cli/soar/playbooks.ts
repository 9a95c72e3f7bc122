import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { isRecord } from '../../core/guards.js';
import type { FortiSoar, PlaybookOutcome } from '../../fortisoar/index.js';
import { EXIT } from '../exit.js';
import { readData } from '../input.js';
import { type Output, outputOf, printStream, printValue } from '../output/print.js';
import { progressBar } from '../progress.js';
import { list, seconds, UsageError } from '../usage.js';
import { withSoar } from './connect.js';

interface TriggerFlags {
  records?: string[];
  endpoint?: boolean;
  input?: string;
  single?: boolean;
  wait?: boolean;
  interval?: number;
}

/** `fortix soar playbooks list|trigger|wait|logs` and `fortix soar files upload|download`. */
export function registerPlaybooks(soar: Command): void {
  const playbooks = soar
    .command('playbooks')
    .description('playbooks: trigger, wait for the runs, read their logs');
  playbooks
    .command('list')
    .description('the playbooks (workflows), streamed')
    .action(async (_flags: unknown, command: Command) => {
      const output = await outputOf(command, ['uuid', 'name', 'isActive']);
      await withSoar(command, (soar, signal) =>
        printStream(soar.records('workflows').iterate({ signal }), output),
      );
    });
  playbooks
    .command('trigger')
    .description(
      'run a playbook: on records (--records), through an API endpoint trigger (--endpoint), or as it is',
    )
    .argument('<playbook>', 'playbook UUID or IRI (the trigger name with --endpoint)')
    .option('--records <iris>', 'record IRIs to run it on: /api/3/alerts/<uuid>,...', list)
    .option('--single', 'one run per record')
    .option('--endpoint', 'the argument names an API endpoint trigger (POST /api/triggers/1/<name>)')
    .option(
      '-i, --input <json>',
      'input data (the request body of an endpoint trigger): inline JSON, @file or -',
    )
    .option('--wait', 'follow the runs to their end with a progress bar')
    .option('--interval <seconds>', 'time between polls (default 1)', seconds)
    .action(async (playbook: string, flags: TriggerFlags, command: Command) => {
      const input = flags.input === undefined ? undefined : await readData(flags.input, '--input');
      const output = await outputOf(command, ['id', 'name', 'status', 'steps']);
      await withSoar(command, async (soar, signal) => {
        const { taskId } = await trigger(soar, playbook, flags, input, signal);
        if (!flags.wait) {
          await printValue({ taskId }, output);
          process.stderr.write(`follow it with: fortix soar playbooks wait ${taskId}\n`);
          return;
        }
        await follow(soar, taskId, flags.interval, output, signal);
      });
    });
  playbooks
    .command('wait')
    .description("follow a trigger's runs to their end (exit code 3 when one failed)")
    .argument('<taskId>', 'the task id trigger printed')
    .option('--interval <seconds>', 'time between polls (default 1)', seconds)
    .action(async (taskId: string, flags: { interval?: number }, command: Command) => {
      const output = await outputOf(command, ['id', 'name', 'status', 'steps']);
      await withSoar(command, (soar, signal) => follow(soar, taskId, flags.interval, output, signal));
    });
  playbooks
    .command('logs')
    .description("a run's steps: by run id, or every run of a task id")
    .argument('<run>', 'run id (a number) or task id')
    .action(async (run: string, _flags: unknown, command: Command) => {
      const output = await outputOf(command, ['run', 'name', 'status', 'started', 'completed']);
      await withSoar(command, async (soar, signal) => {
        const ids = /^\d+$/.test(run)
          ? [Number(run)]
          : (await soar.playbooks.runs(run, { signal })).map((r) => r.id);
        const steps = [];
        for (const id of ids)
          for (const step of await soar.playbooks.logs(id, { signal })) steps.push({ run: id, ...step });
        await printValue(steps, output);
      });
    });

  const files = soar.command('files').description('files and attachments');
  files
    .command('upload')
    .description('upload a file (and attach it to a record with --attach module/uuid)')
    .argument('<file>')
    .option('--attach <module/uuid>', 'attach it to this record')
    .option('--name <name>', 'name on FortiSOAR (default: the file name)')
    .action(async (file: string, flags: { attach?: string; name?: string }, command: Command) => {
      const output = await outputOf(command, ['@id', 'filename', 'size', 'mimeType']);
      await withSoar(command, async (soar, signal) => {
        if (!flags.attach)
          return printValue(
            await soar.files.upload({ path: file }, { filename: flags.name, signal }),
            output,
          );
        const [module, uuid] = flags.attach.split('/');
        if (!module || !uuid) throw new UsageError('--attach takes module/uuid, e.g. alerts/5f0c…');
        await printValue(
          await soar.files.attach(module, uuid, { path: file }, { filename: flags.name, signal }),
          output,
        );
      });
    });
  files
    .command('download')
    .description('download a file by IRI or uuid (to --file, or stdout)')
    .argument('<file>', 'file IRI (/api/3/files/<uuid>) or uuid')
    .option('--file <path>', 'where to save it (default: stdout)')
    .action(async (file: string, flags: { file?: string }, command: Command) => {
      await withSoar(command, async (soar, signal) => {
        const bytes = await soar.files.download(file, { signal });
        if (flags.file === undefined || flags.file === '-') return void process.stdout.write(bytes);
        await writeFile(flags.file, bytes);
        process.stderr.write(`saved ${bytes.length} bytes to ${flags.file}\n`);
      });
    });
}

function trigger(
  soar: FortiSoar,
  playbook: string,
  flags: TriggerFlags,
  input: unknown,
  signal: AbortSignal,
) {
  if (flags.endpoint) return soar.playbooks.triggerEndpoint(playbook, input ?? {}, { signal });
  if (flags.records)
    return soar.playbooks.triggerOnRecords(playbook, flags.records, {
      singleRecordExecution: flags.single,
      signal,
    });
  if (input !== undefined && !isRecord(input)) throw new UsageError('--input must be a JSON object');
  return soar.playbooks.trigger(playbook, { input: input as Record<string, unknown> | undefined, signal });
}

/** Waits for a trigger's runs with a progress bar, prints one row per run; a failed run sets exit code 3. */
async function follow(
  soar: FortiSoar,
  taskId: string,
  interval: number | undefined,
  output: Output,
  signal: AbortSignal,
): Promise<void> {
  const bar = progressBar(`playbook ${taskId.slice(0, 8)}`, 100, 'percent');
  let outcome: PlaybookOutcome;
  try {
    outcome = await soar.playbooks.wait(taskId, {
      pollInterval: interval,
      throwOnError: false,
      onProgress: (o) => bar.update(o.progress.percent),
      signal,
    });
  } finally {
    bar.stop();
  }
  const rows = outcome.runs.map((run) => ({
    id: run.id,
    name: run.name,
    status: run.status,
    steps: run.steps.length,
    failedStep: run.steps.find((s) => s.status === 'failed')?.name,
  }));
  await printValue(rows, output);
  process.stderr.write(
    `task ${taskId}: ${outcome.status}, ${outcome.progress.doneSteps} of ${outcome.progress.totalSteps} steps\n`,
  );
  if (outcome.status === 'failed' || outcome.status === 'terminated') process.exitCode = EXIT.api;
}
