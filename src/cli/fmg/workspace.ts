import type { Command } from 'commander';
import type { LockTarget } from '../../fortimanager/index.js';
import { text } from '../connection/client-options.js';
import { connectionOf } from '../connection/connect.js';
import { outputOf, printValue } from '../output/print.js';
import { UsageError } from '../usage.js';
import { withFmg } from './connect.js';
import { FMG_PRODUCT } from './product.js';

interface TargetFlags {
  global?: boolean;
  device?: string;
  package?: string;
}

/**
 * `fortix fmg lock|commit|unlock|lockinfo`: workspace locks across commands. A lock belongs to the
 * login that took it, so keeping one from one command to the next needs an API key; with a session
 * login use `--lock` on the write commands (lock, write, commit, unlock in one run).
 */
export function registerWorkspace(fmg: Command): void {
  const ops = [
    ['lock', 'lock the ADOM (or --global, --device, --package); it stays locked until unlock'],
    ['commit', 'save the changes made under the lock'],
    ['unlock', 'release the lock (uncommitted changes are discarded)'],
    ['lockinfo', 'who holds locks on the ADOM (or --global, --device, --package)'],
  ] as const;
  for (const [op, description] of ops) {
    fmg
      .command(op)
      .description(description)
      .option('--global', 'the global database')
      .option('--device <name>', 'one device of the ADOM')
      .option('--package <path>', 'one policy package of the ADOM')
      .action(async (flags: TargetFlags, command: Command) => {
        const connection = connectionOf(command, FMG_PRODUCT);
        const target = targetOf(flags, text(connection, 'adom'));
        const apiKey =
          text(connection, 'auth') === 'api-key' ||
          (!text(connection, 'auth') && text(connection, 'api-key'));
        if (op !== 'lockinfo' && !apiKey) {
          throw new UsageError(
            `fmg ${op} on its own needs an API key (a login session's lock ends with the command); ` +
              'set FORTIX_FMG_API_KEY, or use --lock on add/set/update/delete/batch',
          );
        }
        const output = await outputOf(command, ['lock_user', 'lock_time', 'lock_type']);
        await withFmg(command, async (fmg, signal) => {
          if (op === 'lockinfo') return printValue(await fmg.workspace.lockInfo(target, { signal }), output);
          if (op === 'lock') await fmg.exec(lockUrl(target), { signal });
          else await fmg.workspace[op](target, { signal });
          await printValue({ [`${op === 'commit' ? 'committed' : `${op}ed`}`]: describe(target) }, output);
        });
      });
  }
}

function targetOf(flags: TargetFlags, adom: string | undefined): LockTarget {
  if (flags.global) return { global: true };
  if (!adom) throw new UsageError('name the ADOM with --adom (or FORTIX_FMG_ADOM), or give --global');
  if (flags.device !== undefined) return { adom, device: flags.device };
  if (flags.package !== undefined) return { adom, package: flags.package };
  return adom;
}

/** The lock call itself: `fmg.workspace.lock` would release the lock when the client closes. */
function lockUrl(target: LockTarget): string {
  if (typeof target === 'string') return `/dvmdb/adom/${encodeURIComponent(target)}/workspace/lock`;
  if ('global' in target) return '/dvmdb/global/workspace/lock';
  const base = `/dvmdb/adom/${encodeURIComponent(target.adom)}/workspace/lock`;
  if (target.device !== undefined) return `${base}/dev/${encodeURIComponent(target.device)}`;
  return `${base}/pkg/${target.package}`;
}

function describe(target: LockTarget): string {
  if (typeof target === 'string') return `adom ${target}`;
  if ('global' in target) return 'global';
  return target.device !== undefined ? `device ${target.device}` : `package ${target.package}`;
}
