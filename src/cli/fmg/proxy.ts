import { type Command, Option } from 'commander';
import type { ProxyTarget } from '../../fortimanager/index.js';
import { EXIT } from '../exit.js';
import { readData } from '../input.js';
import { outputOf, printValue } from '../output/print.js';
import { integer, list, UsageError } from '../usage.js';
import { withFmg } from './connect.js';

interface ProxyFlags {
  action: 'get' | 'post' | 'put' | 'delete';
  device?: string[];
  group?: string[];
  target?: string[];
  data?: string;
  deviceTimeout?: number;
}

/** `fortix fmg proxy <resource>`: the FortiOS REST API of managed devices through sys/proxy/json. */
export function registerProxy(fmg: Command): void {
  fmg
    .command('proxy')
    .description('call the FortiOS REST API of devices through FortiManager (one result per device)')
    .argument('<resource>', 'FortiOS path, e.g. /api/v2/monitor/system/status')
    .addOption(
      new Option('--action <method>', 'HTTP method on the device')
        .choices(['get', 'post', 'put', 'delete'])
        .default('get'),
    )
    .option('--device <names>', 'devices of the ADOM (--adom), or adom/device (repeatable)', list)
    .option('--group <names>', 'device groups of the ADOM, or adom/group (repeatable)', list)
    .option('--target <paths>', "FortiManager's own form: /adom/<adom>/device/<name> (repeatable)", list)
    .option('-d, --data <json>', 'payload of a post/put: inline JSON, @file or -')
    .option('--device-timeout <seconds>', 'seconds FortiManager waits for each device', integer(1))
    .action(async (resource: string, flags: ProxyFlags, command: Command) => {
      const output = await outputOf(command, ['target', 'ok', 'httpStatus', 'message']);
      const payload = flags.data === undefined ? undefined : await readData(flags.data, '--data');
      await withFmg(command, async (fmg, signal) => {
        const target = targetsOf(flags, fmg.adom);
        const results = await fmg.proxy(
          { action: flags.action, resource, target, payload, timeout: flags.deviceTimeout },
          { signal },
        );
        await printValue(results, output);
        if (results.some((r) => !r.ok)) process.exitCode = EXIT.api;
      });
    });
}

function targetsOf(flags: ProxyFlags, adom: string | undefined): ProxyTarget[] {
  const named = (names: string[] | undefined, kind: 'device' | 'group') =>
    (names ?? []).map((entry): ProxyTarget => {
      const [first, second] = entry.includes('/') ? entry.split('/', 2) : [adom, entry];
      if (!first) throw new UsageError(`--${kind} ${entry}: give adom/${kind} or set --adom`);
      return kind === 'device' ? { adom: first, device: second! } : { adom: first, group: second! };
    });
  const targets = [...(flags.target ?? []), ...named(flags.device, 'device'), ...named(flags.group, 'group')];
  if (targets.length === 0) throw new UsageError('name the devices: --device, --group or --target');
  return targets;
}
