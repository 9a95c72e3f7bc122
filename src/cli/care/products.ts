import type { Command } from 'commander';
import { isRecord } from '../../core/guards.js';
import type { FortiCare, ProductListRequest, RegistrationUnit } from '../../forticare/index.js';
import { EXIT } from '../exit.js';
import { readData } from '../input.js';
import { outputOf, printStream, printValue } from '../output/print.js';
import { progressBar } from '../progress.js';
import { integer, UsageError } from '../usage.js';
import { withCare } from './connect.js';

/** The columns of a product list on a terminal. */
const ASSET_COLUMNS = [
  'serialNumber',
  'productModel',
  'description',
  'status',
  'registrationDate',
  'folderPath',
];
/** FortiCare's documented largest batch: the progress bar moves once per batch. */
const UNITS_PER_BATCH = 10;

interface ListFlags {
  serial?: string;
  expireBefore?: string;
  status?: 'Registered' | 'Pending';
  model?: string;
  page?: number;
}

/** `fortix care products ...`. */
export function registerProducts(care: Command): void {
  const products = care.command('products').description('registered products (assets)');
  const listOptions = (command: Command) =>
    command
      .option('--serial <pattern>', 'serial number, or a pattern with % wildcards: FGT60F%')
      .option('--expire-before <date>', 'products with entitlements ending before this ISO date')
      .option('--status <status>', 'Registered or Pending')
      .option('--model <model>', 'product model');

  listOptions(products.command('list').description('one page of products (see iterate for all)'))
    .option('--page <n>', 'page number (default 1)', integer(1))
    .action(async (flags: ListFlags, command: Command) => {
      const output = await outputOf(command, ASSET_COLUMNS);
      await withCare(command, async (fc, signal) => {
        const page = await fc.products.list({ ...listRequest(flags), pageNumber: flags.page }, { signal });
        await printValue(page.assets ?? [], output);
        process.stderr.write(`page ${page.pageNumber} of ${page.totalPages}\n`);
      });
    });

  listOptions(
    products.command('iterate').description('every matching product, streamed page by page'),
  ).action(async (flags: ListFlags, command: Command) => {
    const output = await outputOf(command, ASSET_COLUMNS);
    await withCare(command, (fc, signal) =>
      printStream(fc.products.iterate(listRequest(flags), { signal }), output),
    );
  });

  products
    .command('details')
    .description('everything about one product: entitlements, contracts, license, location')
    .argument('<serial>')
    .action(async (serial: string, _flags: unknown, command: Command) => {
      const output = await outputOf(command);
      await withCare(command, async (fc, signal) =>
        printValue(await fc.products.details(serial, { signal }), output),
      );
    });

  products
    .command('register')
    .description('register units (any number: sent in batches of 10, with a progress bar)')
    .option(
      '-d, --data <json>',
      'a list of units, or { registrationUnits, locations }: inline JSON, @file or -',
    )
    .option('--serial <serial>', 'one unit: its serial number')
    .option('--contract <number>', 'one unit: the support contract to apply')
    .option('--description <text>', 'one unit: its description')
    .action(
      async (
        flags: { data?: string; serial?: string; contract?: string; description?: string },
        command: Command,
      ) => {
        const request = await registerRequest(flags);
        const output = await outputOf(command, ['serialNumber', 'ok', 'kind', 'message']);
        await withCare(command, async (fc, signal) => {
          const rows = await registerInBatches(fc, request, signal);
          await printValue(rows, output);
          const failed = rows.filter((r) => !r.ok).length;
          process.stderr.write(`${rows.length - failed} registered, ${failed} failed\n`);
          if (failed > 0) process.exitCode = EXIT.api;
        });
      },
    );

  products
    .command('description')
    .description('set the description of a product')
    .argument('<serial>')
    .argument('<text>')
    .action(async (serialNumber: string, description: string, _flags: unknown, command: Command) => {
      await withCare(command, (fc, signal) =>
        fc.products.description({ serialNumber, description }, { signal }),
      );
      process.stderr.write(`${serialNumber}: description set\n`);
    });

  products
    .command('location')
    .description('set the location of a product')
    .argument('<serial>')
    .requiredOption('-d, --data <json>', 'the location: { company, address, city, countryCode, ... }')
    .action(async (serialNumber: string, flags: { data: string }, command: Command) => {
      const location = await readData(flags.data, '--data');
      if (!isRecord(location)) throw new UsageError('--data must be one location object');
      await withCare(command, (fc, signal) => fc.products.location({ serialNumber, location }, { signal }));
      process.stderr.write(`${serialNumber}: location set\n`);
    });

  products
    .command('folder')
    .description('move products into a folder')
    .argument('<folderId>', 'target folder id', integer(0))
    .argument('<serials...>')
    .action((folderId: number, serialNumbers: string[], _flags: unknown, command: Command) =>
      serialBatch(command, (fc, signal) => fc.products.folder({ folderId, serialNumbers }, { signal })),
    );

  products
    .command('decommission')
    .description('decommission products (never resent automatically)')
    .argument('<serials...>')
    .action((serialNumbers: string[], _flags: unknown, command: Command) =>
      serialBatch(command, (fc, signal) => fc.products.decommission({ serialNumbers }, { signal })),
    );

  products
    .command('transfer')
    .description('transfer products to another account of the Organization')
    .argument('<serials...>')
    .requiredOption('--from <accountId>', 'source account', integer(1))
    .requiredOption('--to <accountId>', 'target account', integer(1))
    .action((serialNumbers: string[], flags: { from: number; to: number }, command: Command) =>
      serialBatch(command, (fc, signal) =>
        fc.products.transfer(
          { sourceAccountId: flags.from, targetAccountId: flags.to, serialNumbers },
          { signal },
        ),
      ),
    );
}

type BatchOutcome = Awaited<ReturnType<FortiCare['products']['folder']>>;

/** Runs a per-serial batch call and prints one row per serial; exit code 3 when any failed. */
async function serialBatch(
  command: Command,
  send: (fc: FortiCare, signal: AbortSignal) => Promise<BatchOutcome>,
): Promise<void> {
  const output = await outputOf(command, ['serialNumber', 'ok', 'kind', 'message']);
  await withCare(command, async (fc, signal) => {
    const outcome = await send(fc, signal);
    await printValue(outcomeRows(outcome), output);
    if (!outcome.ok) process.exitCode = EXIT.api;
  });
}

function listRequest(flags: ListFlags): ProductListRequest {
  if (flags.serial === undefined && flags.expireBefore === undefined) {
    throw new UsageError('give --serial (a % pattern works) or --expire-before');
  }
  return {
    serialNumber: flags.serial,
    expireBefore: flags.expireBefore,
    status: flags.status,
    productModel: flags.model,
  };
}

interface RegisterRequest {
  registrationUnits: RegistrationUnit[];
  locations?: Record<string, unknown>[];
}

async function registerRequest(flags: {
  data?: string;
  serial?: string;
  contract?: string;
  description?: string;
}): Promise<RegisterRequest> {
  if (flags.data !== undefined) {
    const data = await readData(flags.data, '--data');
    if (Array.isArray(data)) return { registrationUnits: data as RegistrationUnit[] };
    if (isRecord(data) && Array.isArray(data.registrationUnits)) return data as unknown as RegisterRequest;
    throw new UsageError('--data must be a list of units or { registrationUnits: [...] }');
  }
  if (flags.serial === undefined)
    throw new UsageError('give --data with the units, or --serial for one unit');
  return {
    registrationUnits: [
      { serialNumber: flags.serial, contractNumber: flags.contract, description: flags.description },
    ],
  };
}

/** Sends the units ten at a time, so the bar moves per batch; every unit gets a row. */
async function registerInBatches(
  fc: FortiCare,
  request: RegisterRequest,
  signal: AbortSignal,
): Promise<Array<Record<string, unknown>>> {
  const units = request.registrationUnits;
  const bar = progressBar('units', units.length);
  const rows: Array<Record<string, unknown>> = [];
  try {
    for (let start = 0; start < units.length; start += UNITS_PER_BATCH) {
      const chunk = units.slice(start, start + UNITS_PER_BATCH);
      const result = await fc.products.register(
        { ...request, registrationUnits: chunk } as Parameters<FortiCare['products']['register']>[0],
        { signal },
      );
      rows.push(...outcomeRows(result));
      bar.increment(chunk.length);
    }
  } finally {
    bar.stop();
  }
  return rows;
}

function outcomeRows(outcome: {
  succeeded: ReadonlyArray<{ serialNumber: string }>;
  failed: ReadonlyArray<{ serialNumber: string | undefined; kind: string; message: string }>;
}): Array<Record<string, unknown>> {
  return [
    ...outcome.succeeded.map((u) => ({ serialNumber: u.serialNumber, ok: true, kind: '', message: '' })),
    ...outcome.failed.map((f) => ({
      serialNumber: f.serialNumber,
      ok: false,
      kind: f.kind,
      message: f.message,
    })),
  ];
}
