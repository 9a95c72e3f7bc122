import { type Command, InvalidArgumentError, Option } from 'commander';
import { SIM_PRODUCT_NAMES, type SimProductName, startSimulator } from '../../simulator/index.js';
import { interruptSignal } from '../run.js';
import { integer, UsageError } from '../usage.js';

interface SimFlags {
  products: SimProductName[];
  https?: boolean;
  host?: string;
  port: number;
  seed?: number;
  workspaceMode?: 'disabled' | 'normal';
  taskStep?: number;
  careInventory?: number;
  json?: boolean;
}

/** `fortix sim`: runs the simulators in the foreground until Ctrl-C. */
export function register(sim: Command): void {
  sim
    .option(
      '--products <list>',
      `comma-separated products (default: all: ${SIM_PRODUCT_NAMES.join(', ')})`,
      products,
      [...SIM_PRODUCT_NAMES],
    )
    .option('--https', 'serve HTTPS with a generated self-signed certificate (its fingerprint is printed)')
    .option('--host <address>', 'loopback address to bind (default 127.0.0.1)')
    .option('--port <port>', 'first port; the products take the next ones (default: any free ports)', port, 0)
    .option('--seed <n>', 'seed of the generated data (default 1)', integer(0))
    .addOption(
      new Option('--workspace-mode <mode>', 'FortiManager workspace mode').choices(['disabled', 'normal']),
    )
    .option(
      '--task-step <ms>',
      'FortiManager: simulated time between two task progress steps (default 200)',
      integer(1),
    )
    .option(
      '--care-inventory <units>',
      'FortiCare: unregistered units, each with a support contract, to register',
      integer(1),
    )
    .option('--json', 'print one JSON line with every product URL and credentials, once all listen')
    .action(async (flags: SimFlags) => {
      if (flags.careInventory && !flags.products.includes('forticare' as SimProductName)) {
        throw new UsageError('--care-inventory needs forticare in --products');
      }
      const sim = await startSimulator({
        products: flags.products,
        https: flags.https,
        host: flags.host,
        port: flags.port,
        seed: flags.seed,
        fortimanager: { workspaceMode: flags.workspaceMode, taskStepMs: flags.taskStep },
      });
      try {
        const description: Record<string, unknown> = sim.describe();
        if (flags.careInventory) {
          const inventory = sim.forticare.addInventory(flags.careInventory).map((serialNumber) => ({
            serialNumber,
            contractNumber: sim.forticare.addContract({ kind: 'support' }),
          }));
          description.forticare = { ...(description.forticare as object), inventory };
        }
        if (flags.json) process.stdout.write(`${JSON.stringify(description)}\n`);
        else printReadable(description, sim.fingerprint256);
        await new Promise<void>((resolve) => {
          if (interruptSignal.aborted) resolve();
          interruptSignal.addEventListener('abort', () => resolve(), { once: true });
        });
      } finally {
        await sim.close();
      }
    });
}

function printReadable(description: Record<string, unknown>, fingerprint: string | undefined): void {
  for (const [name, entry] of Object.entries(description)) {
    const { url, credentials, inventory } = entry as {
      url: string;
      credentials: object;
      inventory?: unknown[];
    };
    process.stdout.write(`${name.padEnd(20)} ${url}  ${JSON.stringify(credentials)}\n`);
    if (inventory)
      process.stdout.write(
        `${''.padEnd(20)} ${inventory.length} units to register: ${JSON.stringify(inventory)}\n`,
      );
  }
  if (fingerprint) process.stdout.write(`certificate SHA-256 fingerprint: ${fingerprint}\n`);
  process.stdout.write('press Ctrl-C to stop\n');
}

function products(value: string): SimProductName[] {
  const names = value
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  for (const name of names) {
    if (!(SIM_PRODUCT_NAMES as string[]).includes(name)) {
      throw new InvalidArgumentError(
        `unknown product '${name}'; choose from ${SIM_PRODUCT_NAMES.join(', ')}`,
      );
    }
  }
  return names as SimProductName[];
}

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65_535)
    throw new InvalidArgumentError('expected a port number 0-65535');
  return n;
}
