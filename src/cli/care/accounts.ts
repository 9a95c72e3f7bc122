import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { outputOf, printValue, write } from '../output/print.js';
import { integer } from '../usage.js';
import { withCare } from './connect.js';

type Status = 'Registered' | 'Pending';

/** `fortix care licenses|contracts|folders|services ...`. */
export function registerAccountCommands(care: Command): void {
  const licenses = care.command('licenses').description('licenses (VM licenses, ...)');
  licenses
    .command('list')
    .description('licenses of the account')
    .option('--number <licenseNumber>')
    .option('--sku <sku>')
    .option('--status <status>', 'Registered or Pending')
    .action(async (flags: { number?: string; sku?: string; status?: Status }, command: Command) => {
      const output = await outputOf(command, [
        'licenseNumber',
        'licenseSKU',
        'status',
        'serialNumber',
        'expirationDate',
      ]);
      await withCare(command, async (fc, signal) =>
        printValue(
          await fc.licenses.list(
            { licenseNumber: flags.number, licenseSKU: flags.sku, status: flags.status },
            { signal },
          ),
          output,
        ),
      );
    });
  licenses
    .command('register')
    .description('register a license by its registration code')
    .argument('<code>', 'registration code from the license certificate')
    .option('--serial <serial>', 'register it to this existing product')
    .option('--description <text>')
    .action(async (code: string, flags: { serial?: string; description?: string }, command: Command) => {
      const output = await outputOf(command, ['serialNumber', 'productModel', 'description', 'status']);
      await withCare(command, async (fc, signal) =>
        printValue(
          await fc.licenses.register(
            { licenseRegistrationCode: code, serialNumber: flags.serial, description: flags.description },
            { signal },
          ),
          output,
        ),
      );
    });
  licenses
    .command('download')
    .description('download the license file of a product (to <serial>.lic, or --file; - for stdout)')
    .argument('<serial>')
    .option('--file <path>', 'where to save it')
    .action(async (serial: string, flags: { file?: string }, command: Command) => {
      await withCare(command, async (fc, signal) => {
        const license = await fc.licenses.download(serial, { signal });
        if (flags.file === '-') return write(license.content);
        const path = flags.file ?? license.fileName;
        await writeFile(path, license.content);
        process.stderr.write(`saved ${license.content.length} bytes to ${path}\n`);
      });
    });

  care
    .command('contracts')
    .description('contracts')
    .command('list')
    .description('contracts of the account')
    .option('--number <contractNumber>')
    .option('--sku <sku>')
    .option('--status <status>', 'Registered or Pending')
    .action(async (flags: { number?: string; sku?: string; status?: Status }, command: Command) => {
      const output = await outputOf(command, [
        'contractNumber',
        'contractSKU',
        'status',
        'serialNumber',
        'description',
      ]);
      await withCare(command, async (fc, signal) =>
        printValue(
          await fc.contracts.list(
            { contractNumber: flags.number, contractSKU: flags.sku, status: flags.status },
            { signal },
          ),
          output,
        ),
      );
    });

  const folders = care.command('folders').description('asset folders');
  folders
    .command('list')
    .description('folders of the account')
    .action(async (_flags: unknown, command: Command) => {
      const output = await outputOf(command, ['folderId', 'folderName', 'folderPath', 'parentFolderId']);
      await withCare(command, async (fc, signal) =>
        printValue(await fc.folders.list({}, { signal }), output),
      );
    });
  folders
    .command('create')
    .description('create a folder')
    .argument('<name>')
    .option('--parent <folderId>', 'parent folder', integer(0))
    .action(async (folderName: string, flags: { parent?: number }, command: Command) => {
      const output = await outputOf(command);
      await withCare(command, async (fc, signal) =>
        printValue(await fc.folders.create({ folderName, parentFolderId: flags.parent }, { signal }), output),
      );
    });
  folders
    .command('delete')
    .description('delete a folder')
    .argument('<folderId>', 'folder id', integer(0))
    .action(async (folderId: number, _flags: unknown, command: Command) => {
      await withCare(command, (fc, signal) => fc.folders.delete({ folderId }, { signal }));
      process.stderr.write(`folder ${folderId} deleted\n`);
    });

  care
    .command('services')
    .description('subscription services')
    .command('register')
    .description('register a subscription contract (a serial number is generated for it)')
    .argument('<contract>', 'contract number')
    .option('--description <text>')
    .action(async (contractNumber: string, flags: { description?: string }, command: Command) => {
      const output = await outputOf(command, ['serialNumber', 'productModel', 'description', 'status']);
      await withCare(command, async (fc, signal) =>
        printValue(
          await fc.services.register({ contractNumber, description: flags.description }, { signal }),
          output,
        ),
      );
    });
}
