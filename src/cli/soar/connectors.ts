import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { isRecord } from '../../core/guards.js';
import { readData, readStdinOnce } from '../input.js';
import { outputOf, printValue, write } from '../output/print.js';
import { progressBar } from '../progress.js';
import { integer, seconds, UsageError } from '../usage.js';
import { withSoar } from './connect.js';

/** `fortix soar connectors ...` and `fortix soar agents ...`: the connector surface of the seed. */
export function registerConnectors(soar: Command): void {
  const connectors = soar
    .command('connectors')
    .description('connectors: list, run operations, health, install, studio');
  connectors
    .command('list')
    .description('installed connectors')
    .option('--name <name>')
    .option('--active', 'only active ones')
    .action(async (flags: { name?: string; active?: boolean }, command: Command) => {
      const output = await outputOf(command, ['name', 'label', 'version', 'status', 'active']);
      await withSoar(command, async (soar, signal) =>
        printValue(await soar.connectors.listConfigured({ ...flags, signal }), output),
      );
    });
  connectors
    .command('detail')
    .description("a connector's operations and configurations")
    .argument('<name>')
    .action(async (name: string, _flags: unknown, command: Command) => {
      const output = await outputOf(command);
      await withSoar(command, async (soar, signal) =>
        printValue(await soar.connectors.connectorDetail(name, { signal }), output),
      );
    });
  connectors
    .command('configurations')
    .description('connector configurations')
    .option('--name <name>')
    .action(async (flags: { name?: string }, command: Command) => {
      const output = await outputOf(command, ['name', 'config_id', 'default', 'connector']);
      await withSoar(command, async (soar, signal) =>
        printValue(await soar.connectors.listConfigurations({ name: flags.name, signal }), output),
      );
    });
  connectors
    .command('health')
    .description("check a connector configuration's health")
    .argument('<name>')
    .option('--config <id>', 'configuration id (default: the default one)')
    .action(async (name: string, flags: { config?: string }, command: Command) => {
      const output = await outputOf(command);
      await withSoar(command, async (soar, signal) =>
        printValue(await soar.connectors.healthcheck(name, { config: flags.config, signal }), output),
      );
    });
  connectors
    .command('execute')
    .description('run a connector operation; --wait follows one a remote agent runs')
    .argument('<name>')
    .argument('<operation>')
    .option('-p, --params <json>', 'operation parameters: inline JSON, @file or -')
    .option('--config <id>', 'configuration id')
    .option('--version <version>', 'connector version (default: the installed one)')
    .option('--wait', 'wait for the outcome when an agent runs it')
    .action(async (name: string, operation: string, flags: ExecuteFlags, command: Command) => {
      const params = flags.params === undefined ? undefined : await readData(flags.params, '--params');
      if (params !== undefined && !isRecord(params)) throw new UsageError('--params must be a JSON object');
      const output = await outputOf(command);
      await withSoar(command, async (soar, signal) => {
        const result = await soar.connectors.execute(name, operation, {
          params,
          config: flags.config,
          version: flags.version,
          signal,
        });
        if (result.state === 'submitted' && flags.wait) {
          return printValue(
            await soar.connectors.waitForOutcome(result, { pollInterval: 500, signal }),
            output,
          );
        }
        await printValue(result, output);
      });
    });
  connectors
    .command('install')
    .description(
      'install a connector from Content Hub (an import job); --wait follows it with a progress bar',
    )
    .argument('<name>')
    .argument('<version>')
    .option('--wait', 'follow the import job to its end')
    .option('--interval <seconds>', 'time between polls (default 1)', seconds)
    .action(
      async (
        name: string,
        version: string,
        flags: { wait?: boolean; interval?: number },
        command: Command,
      ) => {
        const output = await outputOf(command);
        await withSoar(command, async (soar, signal) => {
          const bar = flags.wait ? progressBar(`install ${name}`, 100, 'percent') : undefined;
          const job = await soar.connectors
            .install(name, version, {
              wait: flags.wait,
              pollInterval: flags.interval,
              onProgress: (state) => bar?.update(state.progressPercent),
              signal,
            })
            .finally(() => bar?.stop());
          await printValue(job, output);
        });
      },
    );
  connectors
    .command('install-status')
    .description('where an install (import job) stands')
    .argument('<jobId>')
    .action(async (jobId: string, _flags: unknown, command: Command) => {
      const output = await outputOf(command);
      await withSoar(command, async (soar, signal) =>
        printValue(await soar.connectors.installStatus(jobId, { signal }), output),
      );
    });
  connectors
    .command('import')
    .description('install a connector from a .tgz file')
    .argument('<file>')
    .option('--replace', 'replace an installed version')
    .action(async (file: string, flags: { replace?: boolean }, command: Command) => {
      const output = await outputOf(command);
      await withSoar(command, async (soar, signal) =>
        printValue(await soar.connectors.installFromFile(file, { replace: flags.replace, signal }), output),
      );
    });
  connectors
    .command('uninstall')
    .description('uninstall a connector')
    .argument('<name>')
    .action(async (name: string, _flags: unknown, command: Command) => {
      await withSoar(command, (soar, signal) => soar.connectors.uninstall(name, { signal }));
      process.stderr.write(`${name} uninstalled\n`);
    });
  registerStudio(connectors);
  registerAgents(soar);
}

interface ExecuteFlags {
  params?: string;
  config?: string;
  version?: string;
  wait?: boolean;
}

/** `fortix soar connectors studio ...`: the Connector Studio workspace. */
function registerStudio(connectors: Command): void {
  const studio = connectors
    .command('studio')
    .description('Connector Studio: connectors checked out for editing');
  studio
    .command('list')
    .description('connectors in the studio')
    .action(async (_flags: unknown, command: Command) => {
      const output = await outputOf(command, ['id', 'name', 'version', 'status']);
      await withSoar(command, async (soar, signal) =>
        printValue(await soar.connectors.dev.list({ signal }), output),
      );
    });
  studio
    .command('edit')
    .description('a studio connector with its file tree')
    .argument('<id>', 'studio connector id', integer(1))
    .action(async (id: number, _flags: unknown, command: Command) => {
      const output = await outputOf(command);
      await withSoar(command, async (soar, signal) =>
        printValue(await soar.connectors.dev.edit(id, { signal }), output),
      );
    });
  studio
    .command('read')
    .description('print a file of a studio connector')
    .argument('<id>', 'studio connector id', integer(1))
    .argument('<path>', 'file path in the connector, e.g. /info.json')
    .action(async (id: number, path: string, _flags: unknown, command: Command) => {
      await withSoar(command, async (soar, signal) =>
        write(await soar.connectors.dev.readFile(id, path, { signal })),
      );
    });
  studio
    .command('write')
    .description('replace a file of a studio connector with a local file (- for stdin)')
    .argument('<id>', 'studio connector id', integer(1))
    .argument('<path>', 'file path in the connector')
    .argument('<file>', 'local file')
    .action(async (id: number, path: string, file: string, _flags: unknown, command: Command) => {
      const content = file === '-' ? readStdinOnce('the file') : await readFile(file, 'utf8');
      await withSoar(command, (soar, signal) =>
        soar.connectors.dev.writeFile(id, { path, content }, { signal }),
      );
      process.stderr.write(`${path} written\n`);
    });
  studio
    .command('publish')
    .description('publish a studio connector (install it)')
    .argument('<id>', 'studio connector id', integer(1))
    .option('--replace', 'replace the installed version')
    .option('--discard', 'remove it from the studio after publishing')
    .action(async (id: number, flags: { replace?: boolean; discard?: boolean }, command: Command) => {
      const output = await outputOf(command);
      await withSoar(command, async (soar, signal) =>
        printValue(await soar.connectors.dev.publish(id, { ...flags, signal }), output),
      );
    });
}

/** `fortix soar agents ...`: connectors on remote agents, and agent heartbeats. */
function registerAgents(soar: Command): void {
  const agents = soar.command('agents').description('remote agents: connectors on them, heartbeat');
  for (const [verb, method, description] of [
    ['install', 'installConnector', 'install a connector version on an agent'],
    ['upgrade', 'upgradeConnector', "upgrade an agent's connector to a version"],
    ['uninstall', 'uninstallConnector', 'uninstall a connector version from an agent'],
  ] as const) {
    agents
      .command(verb)
      .description(description)
      .argument('<agentId>')
      .argument('<connector>')
      .argument('<version>')
      .action(async (agentId: string, name: string, version: string, _flags: unknown, command: Command) => {
        const output = await outputOf(command);
        await withSoar(command, async (soar, signal) =>
          printValue(await soar.agents[method](agentId, { name, version }, { signal }), output),
        );
      });
  }
  agents
    .command('status')
    .description('where the install of a connector version stands on each agent')
    .argument('<connector>')
    .argument('<version>')
    .option('--agent <agentId>', 'only this agent')
    .action(async (name: string, version: string, flags: { agent?: string }, command: Command) => {
      const output = await outputOf(command, ['agent', 'name', 'version', 'status']);
      await withSoar(command, async (soar, signal) =>
        printValue(
          await soar.agents.connectorStatus({ name, version }, { agentId: flags.agent, signal }),
          output,
        ),
      );
    });
  agents
    .command('heartbeat')
    .description('is the agent alive on the message bus')
    .argument('<agentId>')
    .action(async (agentId: string, _flags: unknown, command: Command) => {
      const output = await outputOf(command);
      await withSoar(command, async (soar, signal) =>
        printValue(await soar.agents.heartbeat(agentId, { signal }), output),
      );
    });
}
