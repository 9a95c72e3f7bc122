import { readFileSync } from 'node:fs';
import { type Config, loadConfig, type Profile } from '../config/store.js';
import { readStdinOnce } from '../input.js';
import { UsageError } from '../usage.js';
import { envNames, type ProductSpec, type SettingSpec } from './spec.js';

export type SettingValue = string | number | boolean;

/** Where a setting's value came from: `flag --url`, `env FORTIX_FMG_URL`, `profile lab`, ... */
export type SettingSource = string;

/** The connection settings of one command run: flags over environment over profile. */
export interface Connection {
  readonly product: ProductSpec;
  /** The profile in use, if any. */
  readonly profile: string | undefined;
  readonly values: Readonly<Record<string, SettingValue>>;
  readonly sources: Readonly<Record<string, SettingSource>>;
}

/** A secret given on argv is visible to other users (`ps`) and kept in shell history. */
export type Warn = (message: string) => void;

/**
 * Resolves a product's settings. `flags` are commander's options (camelCase); the profile is
 * `--profile`, else `FORTIX_PROFILE`, else the product's default profile (`fortix config use`).
 */
export function resolveConnection(
  product: ProductSpec,
  flags: Readonly<Record<string, unknown>>,
  options: { env?: NodeJS.ProcessEnv; config?: Config; warn?: Warn } = {},
): Connection {
  const env = options.env ?? process.env;
  const config = options.config ?? loadConfig();
  const { name, profile } = selectProfile(product, flags.profile, env, config);
  const values: Record<string, SettingValue> = {};
  const sources: Record<string, SettingSource> = {};
  for (const setting of product.settings) {
    const found = setting.secret
      ? secretValue(product, setting, flags, env, profile, name, options.warn)
      : plainValue(product, setting, flags, env, profile, name);
    if (found === undefined) continue;
    values[setting.key] = found.value;
    sources[setting.key] = found.source;
  }
  return { product, profile: name, values, sources };
}

/** The profile a run uses, checked against the product. */
function selectProfile(
  product: ProductSpec,
  flag: unknown,
  env: NodeJS.ProcessEnv,
  config: Config,
): { name: string | undefined; profile: Profile | undefined } {
  const explicit = typeof flag === 'string' ? flag : env.FORTIX_PROFILE || undefined;
  const name = explicit ?? config.defaults[product.id];
  if (name === undefined) return { name: undefined, profile: undefined };
  const profile = config.profiles[name];
  if (!profile) {
    const known = Object.keys(config.profiles);
    throw new UsageError(
      `no profile named '${name}'${known.length ? ` (profiles: ${known.join(', ')})` : ''}; create it with fortix config init ${name}`,
    );
  }
  if (profile.product !== product.id) {
    if (explicit === undefined) return { name: undefined, profile: undefined };
    throw new UsageError(`profile '${name}' is a ${profile.product} profile, not ${product.id}`);
  }
  return { name, profile };
}

interface Found {
  value: SettingValue;
  source: SettingSource;
}

function plainValue(
  product: ProductSpec,
  setting: SettingSpec,
  flags: Readonly<Record<string, unknown>>,
  env: NodeJS.ProcessEnv,
  profile: Profile | undefined,
  profileName: string | undefined,
): Found | undefined {
  const flag = flags[camel(setting.key)];
  if (flag !== undefined) return { value: flag as SettingValue, source: `flag --${setting.key}` };
  for (const name of envNames(product, setting)) {
    const raw = env[name];
    if (raw !== undefined && raw !== '') {
      return { value: parseSetting(setting, raw, `environment variable ${name}`), source: `env ${name}` };
    }
  }
  const stored = profile?.[setting.key];
  if (stored === undefined) return undefined;
  return {
    value: parseSetting(setting, String(stored), `profile ${profileName}`),
    source: `profile ${profileName}`,
  };
}

/**
 * A secret: `--<key>` (warned about), `--<key>-file`, `--<key>-stdin`, then the environment
 * (`<ENV>` and `<ENV>_FILE`), then the profile (`<key>` or `<key>-file`).
 */
function secretValue(
  product: ProductSpec,
  setting: SettingSpec,
  flags: Readonly<Record<string, unknown>>,
  env: NodeJS.ProcessEnv,
  profile: Profile | undefined,
  profileName: string | undefined,
  warn: Warn | undefined,
): Found | undefined {
  const key = setting.key;
  const [own] = envNames(product, setting);
  const onArgv = flags[camel(key)];
  if (typeof onArgv === 'string') {
    warn?.(
      `--${key} on the command line is visible to other users and kept in shell history; ` +
        `use ${own}, --${key}-file or --${key}-stdin`,
    );
    return { value: onArgv, source: `flag --${key}` };
  }
  const file = flags[camel(`${key}-file`)];
  if (typeof file === 'string')
    return { value: readSecretFile(file, `--${key}-file`), source: `file ${file}` };
  if (flags[camel(`${key}-stdin`)] === true) {
    return { value: firstLine(readStdinOnce(`--${key}-stdin`)), source: 'stdin' };
  }
  for (const name of envNames(product, setting)) {
    const raw = env[name];
    if (raw) return { value: raw, source: `env ${name}` };
    const path = env[`${name}_FILE`];
    if (path) return { value: readSecretFile(path, `${name}_FILE`), source: `env ${name}_FILE` };
  }
  const stored = profile?.[key];
  if (stored !== undefined) return { value: String(stored), source: `profile ${profileName}` };
  const storedFile = profile?.[`${key}-file`];
  if (storedFile !== undefined) {
    return { value: readSecretFile(String(storedFile), `${key}-file`), source: `file ${storedFile}` };
  }
  return undefined;
}

function readSecretFile(path: string, what: string): string {
  try {
    return firstLine(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new UsageError(`cannot read ${what} ${path}: ${(error as NodeJS.ErrnoException).code ?? error}`);
  }
}

function firstLine(text: string): string {
  return text.split(/\r?\n/, 1)[0] ?? '';
}

const TRUE = new Set(['1', 'true', 'yes', 'on']);
const FALSE = new Set(['0', 'false', 'no', 'off', '']);

/** Parses a setting's text (from the environment or a profile); a bad value is a usage error. */
export function parseSetting(setting: SettingSpec, raw: string, where: string): SettingValue {
  const bad = (expected: string) =>
    new UsageError(`${where}: '${raw}' is not a valid ${setting.key} (expected ${expected})`);
  switch (setting.kind ?? 'string') {
    case 'boolean': {
      const text = raw.trim().toLowerCase();
      if (TRUE.has(text)) return true;
      if (FALSE.has(text)) return false;
      throw bad('true or false');
    }
    case 'integer': {
      const n = Number(raw);
      if (!Number.isSafeInteger(n) || n < 0) throw bad('an integer');
      return n;
    }
    case 'seconds': {
      const n = Number(raw);
      if (!Number.isFinite(n) || n <= 0) throw bad('a number of seconds');
      return Math.round(n * 1000);
    }
    default:
      if (setting.choices && !setting.choices.includes(raw))
        throw bad(`one of ${setting.choices.join(', ')}`);
      return raw;
  }
}

/** `api-key` -> `apiKey`, as commander names options. */
function camel(key: string): string {
  return key.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}
