import type { Command } from 'commander';
import { FAC_RESOURCES, type FacResourceFacts } from '../../fortiauthenticator/index.js';
import { addConnectionOptions } from '../connection/flags.js';
import { promptSecret } from '../connection/secrets.js';
import { registerWhoami } from '../connection/whoami.js';
import { EXIT } from '../exit.js';
import { readData, readStdinOnce } from '../input.js';
import { outputOf, printStream, printValue } from '../output/print.js';
import { progressBar } from '../progress.js';
import { integer, UsageError } from '../usage.js';
import { withFac } from './connect.js';
import { FAC_PRODUCT } from './product.js';

const RESOURCES = FAC_RESOURCES as unknown as Readonly<Record<string, FacResourceFacts>>;
/** Checked by `fortix fac auth <user>`. */
const AUTH_RESOURCES = new Set(['auth', 'realmauth']);

/** A resource handle as the CLI uses it: every method, each refusing what the resource does not allow. */
interface Handle {
  list(options: object): Promise<{ objects: unknown[]; meta: unknown }>;
  iterate(options: object): AsyncGenerator<unknown>;
  get(...args: unknown[]): Promise<unknown>;
  create(data: unknown, options: object): Promise<unknown>;
  createMany(
    items: readonly unknown[],
    options: object,
  ): Promise<Array<{ ok: boolean; index: number; object?: unknown; error?: Error }>>;
  update(...args: unknown[]): Promise<unknown>;
  replace(...args: unknown[]): Promise<unknown>;
  delete(id: number, options: object): Promise<void>;
  post(body: unknown, options: object): Promise<unknown>;
}

/** `fortix fac <resource> <method>` for every resource (only its methods), `fac auth`, `fac describe`. */
export function register(fac: Command): void {
  addConnectionOptions(fac, FAC_PRODUCT);
  registerAuth(fac);
  registerWhoami(fac, withFac, 'the admin, its token or the appliance it sees');
  fac
    .command('describe')
    .description("a resource's fields, methods and filters (the appliance's live schema where it has one)")
    .argument('<resource>', 'e.g. localusers')
    .action(async (resource: string, _flags: unknown, command: Command) => {
      known(resource);
      const output = await outputOf(command);
      await withFac(command, async (client, signal) =>
        printValue(await client.describe(resource as never, { signal }), output),
      );
    });
  for (const [name, facts] of Object.entries(RESOURCES)) {
    if (!AUTH_RESOURCES.has(name)) registerResource(fac, name, facts);
  }
}

function registerResource(fac: Command, name: string, facts: FacResourceFacts): void {
  const group = fac.command(name).description(`${facts.kind} ${facts.path} (${facts.methods.join(', ')})`);
  const parented = facts.path.includes('{id}');
  if (parented) group.requiredOption('--parent <id>', 'id of the object this resource is below', integer(1));
  const item = facts.kind === 'collection';
  const handle = (client: { resource(...a: unknown[]): unknown }, command: Command) =>
    client.resource(name, ...(parented ? [command.optsWithGlobals().parent] : [])) as Handle;
  const allows = (method: string) => facts.methods.includes(method as never);
  const filters = Object.entries(facts.filters).map(([field, lookups]) => `${field} (${lookups.join(', ')})`);

  if (allows('list')) {
    group
      .command('list')
      .description('every object, streamed page by page (or one page with --limit)')
      .option(
        '--filter <field[__lookup]=value>',
        `repeatable; filterable: ${filters.join('; ') || 'none'}`,
        filterFlag,
      )
      .option('--order-by <field>', 'sort; a leading - sorts descending')
      .option('--limit <n>', 'one page of at most n objects (1-1000)', integer(1))
      .option('--offset <n>', 'skip n objects (with --limit)', integer(0))
      .action(
        async (
          flags: { filter?: Record<string, unknown>; orderBy?: string; limit?: number; offset?: number },
          command: Command,
        ) => {
          const output = await outputOf(command);
          await withFac(command, async (client, signal) => {
            const options = { filter: flags.filter, orderBy: flags.orderBy, signal };
            const resource = handle(client, command);
            if (flags.limit === undefined) return void (await printStream(resource.iterate(options), output));
            const page = await resource.list({ ...options, limit: flags.limit, offset: flags.offset });
            await printValue(page.objects, output);
          });
        },
      );
  }
  if (allows('get')) {
    const get = group.command('get').description(item ? 'one object by id' : 'the object');
    if (item) get.argument('<id>', 'object id', integer(0));
    get.action(async (...args: unknown[]) => {
      const command = args.at(-1) as Command;
      const output = await outputOf(command);
      await withFac(command, async (client, signal) => {
        const resource = handle(client, command);
        await printValue(await (item ? resource.get(args[0], { signal }) : resource.get({ signal })), output);
      });
    });
  }
  if (allows('create')) {
    group
      .command('create')
      .description('create an object; a list in --data creates each (one result per object)')
      .requiredOption('-d, --data <json>', 'inline JSON, @file.json, @file.yaml or -')
      .action(async (flags: { data: string }, command: Command) => {
        const data = await readData(flags.data, '--data');
        const output = await outputOf(command, ['index', 'ok', 'id', 'message']);
        await withFac(command, async (client, signal) => {
          const resource = handle(client, command);
          if (!Array.isArray(data)) return printValue(await resource.create(data, { signal }), output);
          const bar = progressBar(name, data.length);
          const results = await resource.createMany(data, { signal }).finally(() => bar.stop());
          const rows = results.map((r) => ({
            index: r.index,
            ok: r.ok,
            id: (r.object as { id?: unknown } | undefined)?.id,
            message: r.error?.message,
            object: r.object,
          }));
          await printValue(rows, output);
          if (rows.some((r) => !r.ok)) process.exitCode = EXIT.api;
        });
      });
  }
  for (const [method, verb, description] of [
    ['update', 'update', 'change the given fields (PATCH)'],
    ['replace', 'replace', 'replace the object (PUT)'],
  ] as const) {
    if (!allows(method)) continue;
    const command = group.command(verb).description(description);
    if (item) command.argument('<id>', 'object id', integer(0));
    command
      .requiredOption('-d, --data <json>', 'inline JSON, @file.json, @file.yaml or -')
      .action(async (...args: unknown[]) => {
        const cmd = args.at(-1) as Command;
        const data = await readData((cmd.opts() as { data: string }).data, '--data');
        const output = await outputOf(cmd);
        await withFac(cmd, async (client, signal) => {
          const resource = handle(client, cmd);
          const reply = item
            ? await resource[method](args[0], data, { signal })
            : await resource[method](data, { signal });
          await printValue(reply, output);
        });
      });
  }
  if (allows('delete')) {
    group
      .command('delete')
      .description('delete an object')
      .argument('<id>', 'object id', integer(0))
      .action(async (id: number, _flags: unknown, command: Command) => {
        await withFac(command, (client, signal) => handle(client, command).delete(id, { signal }));
        process.stderr.write(`${name} ${id} deleted\n`);
      });
  }
  if (allows('post')) {
    group
      .command('post')
      .description(`run ${facts.path}`)
      .option('-d, --data <json>', 'the request: inline JSON, @file or -')
      .action(async (flags: { data?: string }, command: Command) => {
        const body = flags.data === undefined ? {} : await readData(flags.data, '--data');
        const output = await outputOf(command);
        await withFac(command, async (client, signal) =>
          printValue((await handle(client, command).post(body, { signal })) ?? { ok: true }, output),
        );
      });
  }
}

/** `fortix fac auth <user>`: checks a user's password and/or token code. */
function registerAuth(fac: Command): void {
  fac
    .command('auth')
    .description("check a user's password and/or token code (exit code 4 when refused)")
    .argument('<user>', 'username')
    .option('--realm <realm>', 'check in this realm (LDAP, RADIUS, local)')
    .option('--token-code <code>', 'the FortiToken / e-mail / SMS code')
    .option('--token', 'ask for the token code')
    .option('--token-only', 'check the token code only (no password)')
    .option('--user-password-stdin', "read the user's password from stdin")
    .action(
      async (
        username: string,
        flags: {
          realm?: string;
          tokenCode?: string;
          token?: boolean;
          tokenOnly?: boolean;
          userPasswordStdin?: boolean;
        },
        command: Command,
      ) => {
        const password = flags.tokenOnly
          ? undefined
          : flags.userPasswordStdin
            ? (readStdinOnce('--user-password-stdin').split(/\r?\n/, 1)[0] ?? '')
            : await promptSecret(
                `Password of ${username}:`,
                'give --user-password-stdin (or use a terminal)',
              );
        const tokenCode =
          flags.tokenCode ??
          (flags.token
            ? await promptSecret('Token code:', 'give --token-code (or use a terminal)')
            : undefined);
        if (password === undefined && tokenCode === undefined)
          throw new UsageError('give a password, a token code, or both');
        const output = await outputOf(command);
        await withFac(command, async (client, signal) => {
          const result = await client.authenticate(
            { username, password, tokenCode, realm: flags.realm },
            { signal },
          );
          await printValue({ username, ...result }, output);
          if (!result.ok) process.exitCode = EXIT.auth;
        });
      },
    );
}

function filterFlag(value: string, previous: Record<string, unknown> = {}): Record<string, unknown> {
  const at = value.indexOf('=');
  if (at < 1) throw new UsageError(`--filter: expected field=value or field__lookup=value, got '${value}'`);
  const key = value.slice(0, at);
  const text = value.slice(at + 1);
  return { ...previous, [key]: key.endsWith('__in') ? text.split(',') : text };
}

function known(resource: string): void {
  if (!RESOURCES[resource]) {
    throw new UsageError(`unknown resource '${resource}'; see fortix fac --help`);
  }
}
