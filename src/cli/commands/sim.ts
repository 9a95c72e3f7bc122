import type { Command } from 'commander';
import { SIM_PRODUCT_NAMES, type SimProductName, startSimulator } from '../../simulator/index.js';

function parseProducts(value: string): SimProductName[] {
  const products = value.split(',').map((p) => p.trim());
  for (const p of products) {
    if (!(SIM_PRODUCT_NAMES as string[]).includes(p)) {
      throw new Error(`unknown product '${p}'; choose from ${SIM_PRODUCT_NAMES.join(', ')}`);
    }
  }
  return products as SimProductName[];
}

/** `fortix sim`: runs the simulators in the foreground until interrupted. */
export function registerSimCommand(program: Command): void {
  program
    .command('sim')
    .description('run the product simulators on loopback ports until interrupted')
    .option('--products <list>', 'comma-separated products', parseProducts, SIM_PRODUCT_NAMES)
    .option('--port <port>', 'first port (0 = any free ports)', (v) => Number.parseInt(v, 10), 0)
    .option('--https', 'serve HTTPS with a generated self-signed certificate', false)
    .option('--json', 'print one JSON line with every product URL and credentials', false)
    .action(async (options: { products: SimProductName[]; port: number; https: boolean; json: boolean }) => {
      const sim = await startSimulator({
        products: options.products,
        port: options.port,
        https: options.https,
      });
      const products = sim.describe();
      if (options.json) {
        process.stdout.write(`${JSON.stringify(products)}\n`);
      } else {
        for (const [name, { url, credentials }] of Object.entries(products)) {
          process.stdout.write(`${name}: ${url} ${JSON.stringify(credentials)}\n`);
        }
        if (sim.fingerprint256)
          process.stdout.write(`certificate SHA-256 fingerprint: ${sim.fingerprint256}\n`);
        process.stdout.write('press Ctrl-C to stop\n');
      }
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await sim.close();
    });
}
