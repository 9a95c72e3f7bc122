import type { Command } from 'commander';
import { parseSetting, resolveConnection } from '../connection/resolve.js';
import type { ProductSpec, SettingSpec } from '../connection/spec.js';
import { readStdinOnce } from '../input.js';
import { outputOf, printStream, printValue } from '../output/print.js';
import { findProduct, PRODUCTS, productById } from '../products.js';
import { warn } from '../run.js';
import { UsageError } from '../usage.js';
import { configFile } from './paths.js';
import { type Config, loadConfig, type Profile, saveConfig } from './store.js';

const MASK = '********';

/** `fortix config ...`: named connection profiles in the user's config directory. */
export function register(config: Command): void {
  config
    .command('init')
    .description(
      'create (or replace) a profile: fortix config init lab --product fmg url=https://fmg adom=root',
    )
    .argument('<name>', 'profile name')
    .argument('[settings...]', 'key=value settings (secrets are better given with fortix config set <key>)')
    .option('--product <product>', `product: ${PRODUCTS.map((p) => `${p.group} (${p.id})`).join(', ')}`)
    .option('--default', 'make it the default profile of its product')
    .action(async (name: string, settings: string[], opts: { product?: string; default?: boolean }) => {
      const product = opts.product ? findProduct(opts.product) : await askProduct();
      if (!product) throw new UsageError(`unknown product '${opts.product}'; choose from ${productNames()}`);
      const profile: Profile = { product: product.id };
      for (const pair of settings) {
        const at = pair.indexOf('=');
        if (at < 1) throw new UsageError(`expected key=value, got '${pair}'`);
        const key = pair.slice(0, at);
        const setting = settingOf(product, key);
        if (setting.secret)
          warn(`${key} given on the command line is kept in shell history; use fortix config set ${key}`);
        profile[key] = stored(setting, pair.slice(at + 1));
      }
      if (profile.url === undefined && process.stdin.isTTY && process.stderr.isTTY) {
        const { input } = await import('@inquirer/prompts');
        profile.url = await input({ message: `${product.title} URL:` }, { output: process.stderr });
      }
      const file = loadConfig();
      file.profiles[name] = profile;
      if (opts.default || file.defaults[product.id] === undefined) file.defaults[product.id] = name;
      saveConfig(file);
      process.stderr.write(`profile '${name}' (${product.id}) saved to ${configFile()}\n`);
    });

  config
    .command('set')
    .description('set a setting of a profile; a secret without a value is read without echo (or from stdin)')
    .argument('<key>', 'setting, e.g. url, username, password, adom, ca-file, fingerprint')
    .argument('[value]', 'value (leave out for secrets)')
    .action(async (key: string, value: string | undefined, _opts: unknown, command: Command) => {
      const file = loadConfig();
      const [name, profile] = profileFor(command, file);
      const product = productOf(profile);
      const setting = settingOf(product, key);
      let text = value;
      if (setting.secret) {
        if (text !== undefined)
          warn(`a ${key} on the command line is kept in shell history; leave the value out`);
        text ??= await readSecret(key);
      }
      if (text === undefined) throw new UsageError(`give a value for ${key}`);
      profile[key] = stored(setting, text);
      saveConfig(file);
      process.stderr.write(`${name}: ${key} set\n`);
    });

  config
    .command('get')
    .description('print one setting of a profile (secrets masked)')
    .argument('<key>')
    .action((key: string, _opts: unknown, command: Command) => {
      const [, profile] = profileFor(command, loadConfig());
      const setting = settingOf(productOf(profile), key);
      const value = profile[key];
      if (value === undefined) throw new UsageError(`${key} is not set`);
      process.stdout.write(`${setting.secret ? MASK : String(value)}\n`);
    });

  config
    .command('list')
    .description('list the profiles (* marks the default of each product)')
    .action(async (_opts: unknown, command: Command) => {
      const file = loadConfig();
      const rows = Object.entries(file.profiles).map(([name, p]) => ({
        name,
        default: file.defaults[p.product] === name ? '*' : '',
        product: p.product,
        url: p.url ?? '',
        auth: p.auth ?? '',
        adom: p.adom ?? '',
      }));
      await printValue(rows, await outputOf(command, ['default', 'name', 'product', 'url', 'auth', 'adom']));
    });

  config
    .command('use')
    .description('make a profile the default of its product')
    .argument('<name>')
    .action((name: string) => {
      const file = loadConfig();
      const profile = file.profiles[name];
      if (!profile) throw new UsageError(`no profile named '${name}'`);
      file.defaults[profile.product] = name;
      saveConfig(file);
      process.stderr.write(`'${name}' is now the default ${profile.product} profile\n`);
    });

  config
    .command('show')
    .description('the settings a command would use, where each comes from (flags aside); secrets masked')
    .argument('[name]', 'profile (default: --profile, FORTIX_PROFILE)')
    .option(
      '--product <product>',
      "show a product's settings without a profile (environment and default profile)",
    )
    .action(async (name: string | undefined, opts: { product?: string }, command: Command) => {
      const file = loadConfig();
      const flag = command.optsWithGlobals().profile as string | undefined;
      const chosen = name ?? flag ?? process.env.FORTIX_PROFILE;
      let product: ProductSpec | undefined;
      if (opts.product) {
        product = findProduct(opts.product);
        if (!product)
          throw new UsageError(`unknown product '${opts.product}'; choose from ${productNames()}`);
      } else if (chosen !== undefined) {
        const profile = file.profiles[chosen];
        if (!profile) throw new UsageError(`no profile named '${chosen}'`);
        product = productOf(profile);
      } else {
        throw new UsageError('name a profile (fortix config show <name>) or a product (--product fmg)');
      }
      const connection = resolveConnection(product, { profile: chosen }, { config: file });
      const rows = product.settings
        .filter((s) => connection.values[s.key] !== undefined)
        .map((s) => ({
          setting: s.key,
          value: s.secret ? MASK : display(s, connection.values[s.key]!),
          source: connection.sources[s.key],
        }));
      await printStream(
        (async function* () {
          const source =
            name !== undefined
              ? 'argument'
              : flag !== undefined
                ? 'flag --profile'
                : chosen !== undefined
                  ? 'env FORTIX_PROFILE'
                  : `default ${product.id} profile`;
          yield { setting: 'profile', value: connection.profile ?? '-', source };
          yield* rows;
        })(),
        await outputOf(command, ['setting', 'value', 'source']),
      );
    });

  config
    .command('path')
    .description('print where the config file is')
    .action(() => {
      process.stdout.write(`${configFile()}\n`);
    });
}

function profileFor(command: Command, file: Config): [string, Profile] {
  const name = (command.optsWithGlobals().profile as string | undefined) ?? process.env.FORTIX_PROFILE;
  if (name === undefined)
    throw new UsageError('which profile? give --profile <name> (or set FORTIX_PROFILE)');
  const profile = file.profiles[name];
  if (!profile) throw new UsageError(`no profile named '${name}'; create it with fortix config init ${name}`);
  return [name, profile];
}

function productOf(profile: Profile): ProductSpec {
  const product = productById(profile.product);
  if (!product) throw new UsageError(`unknown product '${profile.product}' in the config file`);
  return product;
}

function settingOf(product: ProductSpec, key: string): SettingSpec {
  const setting = product.settings.find((s) => s.key === key);
  if (setting) return setting;
  const base = key.endsWith('-file')
    ? product.settings.find((s) => s.secret && `${s.key}-file` === key)
    : undefined;
  if (base) return { key, description: `file holding the ${base.key}` };
  const keys = product.settings.flatMap((s) => (s.secret ? [s.key, `${s.key}-file`] : [s.key]));
  throw new UsageError(`${product.id} profiles have no setting '${key}'; choose from ${keys.join(', ')}`);
}

/** The value as the profile keeps it; checked now so a typo fails here, not at the next command. */
function stored(setting: SettingSpec, text: string): string | number | boolean {
  const value = parseSetting(setting, text, setting.key);
  return setting.kind === 'seconds' ? Number(text) : value;
}

function display(setting: SettingSpec, value: string | number | boolean): string {
  return setting.kind === 'seconds' ? `${Number(value) / 1000}` : String(value);
}

async function readSecret(key: string): Promise<string> {
  if (process.stdin.isTTY && process.stderr.isTTY) {
    const { password } = await import('@inquirer/prompts');
    return password({ message: `${key}:`, mask: false }, { output: process.stderr });
  }
  return readStdinOnce(`the ${key}`).split(/\r?\n/, 1)[0] ?? '';
}

async function askProduct(): Promise<ProductSpec | undefined> {
  if (!process.stdin.isTTY || !process.stderr.isTTY) {
    throw new UsageError(`give --product (${productNames()})`);
  }
  const { select } = await import('@inquirer/prompts');
  const id = await select(
    { message: 'Product:', choices: PRODUCTS.map((p) => ({ name: p.title, value: p.id })) },
    { output: process.stderr },
  );
  return productById(id);
}

function productNames(): string {
  return PRODUCTS.map((p) => p.group).join(', ');
}
