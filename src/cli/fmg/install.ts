import type { Command } from 'commander';
import type { FortiManager, InstallScope } from '../../fortimanager/index.js';
import { outputOf, printValue } from '../output/print.js';
import { list, UsageError } from '../usage.js';
import { withFmg } from './connect.js';
import { addFollowOptions, type FollowFlags, followTask } from './task.js';

interface InstallFlags extends FollowFlags {
  scope?: string[];
  group?: string[];
  wait?: boolean;
  preview?: boolean;
  comments?: string;
}

/** `fortix fmg install package <pkg>` and `fortix fmg install device`. */
export function registerInstall(fmg: Command): void {
  const install = fmg.command('install').description('install policy packages or device settings');
  const common = (command: Command) =>
    addFollowOptions(
      command
        .option('--scope <devices>', 'devices, as name or name/vdom: FGT1,FGT2/vd1 (repeatable)', list)
        .option('--group <groups>', 'device groups (repeatable)', list)
        .option('--wait', 'follow the task with a progress bar and show the result per device'),
    );
  common(
    install
      .command('package')
      .description('install a policy package on devices of the ADOM (--adom)')
      .argument('<pkg>', 'policy package name (or folder path)')
      .option('--preview', 'only compute what would be installed'),
  ).action(async (pkg: string, flags: InstallFlags, command: Command) => {
    await run(command, flags, (fmg) =>
      fmg.installPackage({ pkg, scope: scopeOf(flags), preview: flags.preview, wait: false }),
    );
  });
  common(
    install
      .command('device')
      .description('install pending device settings on devices of the ADOM (--adom)')
      .option('--comments <text>', 'revision comment'),
  ).action(async (flags: InstallFlags, command: Command) => {
    await run(command, flags, (fmg) =>
      fmg.installDevice({ scope: scopeOf(flags), comments: flags.comments, wait: false }),
    );
  });
}

async function run(
  command: Command,
  flags: InstallFlags,
  start: (fmg: FortiManager) => Promise<{ taskId: number }>,
): Promise<void> {
  const output = await outputOf(command, ['name', 'vdom', 'state', 'percent', 'ok', 'detail']);
  await withFmg(command, async (fmg, signal) => {
    const { taskId } = await start(fmg);
    if (!flags.wait) {
      await printValue({ task: taskId }, output);
      process.stderr.write(`follow it with: fortix fmg task watch ${taskId}\n`);
      return;
    }
    await followTask(fmg, taskId, flags, output, signal);
  });
}

function scopeOf(flags: InstallFlags): InstallScope[] {
  const devices = (flags.scope ?? []).map((entry): InstallScope => {
    const [name, vdom] = entry.split('/', 2);
    return vdom ? { name: name!, vdom } : name!;
  });
  const groups = (flags.group ?? []).map((group): InstallScope => ({ group }));
  const scope = [...devices, ...groups];
  if (scope.length === 0)
    throw new UsageError('name the devices with --scope (or device groups with --group)');
  return scope;
}
