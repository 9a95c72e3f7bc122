import type { Command } from 'commander';
import { startSimulator } from '../../simulator/index.js';

type Product = 'fortimanager' | 'forticare';

function parseProducts(value: string): Product[] {
  const products = value.split(',').map((p) => p.trim());
  for (const p of products) {
    if (p !== 'fortimanager' && p !== 'forticare') throw new Error(`unknown product '${p}'`);
  }
  return products as Product[];
}

/** `fortix sim`: runs the simulators in the foreground until interrupted. */
export function registerSimCommand(program: Command): void {
  program
    .command('sim')
    .description('run the FortiManager / FortiCare simulators on a loopback port until interrupted')
    .option('--products <list>', 'comma-separated products', parseProducts, ['fortimanager', 'forticare'])
    .option('--port <port>', 'port to listen on (0 = any free port)', (v) => Number.parseInt(v, 10), 0)
    .option('--https', 'serve HTTPS with a generated self-signed certificate', false)
    .action(async (options: { products: Product[]; port: number; https: boolean }) => {
      const sim = await startSimulator({
        products: options.products,
        port: options.port,
        https: options.https,
      });
      process.stdout.write(`fortix simulator listening on ${sim.url}\n`);
      if (sim.fingerprint256)
        process.stdout.write(`certificate SHA-256 fingerprint: ${sim.fingerprint256}\n`);
      if (options.products.includes('fortimanager')) {
        process.stdout.write(
          `FortiManager: POST ${sim.url}/jsonrpc as admin / ${sim.fortimanager.adminPassword}\n`,
        );
      }
      const cloud = sim.forticloud.defaultUser;
      process.stdout.write(`FortiCloud API user: ${cloud.username} / ${cloud.password}\n`);
      process.stdout.write('press Ctrl-C to stop\n');
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await sim.close();
    });
}
