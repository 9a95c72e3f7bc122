import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { isRecord } from '../../core/guards.js';
import type { ProductId } from '../connection/spec.js';
import { UsageError } from '../usage.js';
import { configFile } from './paths.js';

/** A named connection: the product and its settings by key (`url`, `username`, `ca-file`, ...). */
export type Profile = { product: ProductId } & Record<string, string | number | boolean>;

/** The config file: named profiles and, per product, the profile used when none is named. */
export interface Config {
  defaults: Partial<Record<ProductId, string>>;
  profiles: Record<string, Profile>;
}

/** Reads the config file; a missing file is an empty config. */
export function loadConfig(path = configFile()): Config {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { defaults: {}, profiles: {} };
    throw new UsageError(`cannot read the config file ${path}: ${(error as Error).message}`);
  }
  let data: unknown;
  try {
    data = yaml().parse(text);
  } catch (error) {
    throw new UsageError(`the config file ${path} is not valid YAML: ${(error as Error).message}`);
  }
  if (data == null) return { defaults: {}, profiles: {} };
  if (!isRecord(data)) throw new UsageError(`the config file ${path} must be a mapping`);
  const profiles = isRecord(data.profiles) ? (data.profiles as Record<string, Profile>) : {};
  for (const [name, profile] of Object.entries(profiles)) {
    if (!isRecord(profile) || typeof profile.product !== 'string') {
      throw new UsageError(`profile '${name}' in ${path} has no product`);
    }
  }
  const defaults = isRecord(data.defaults) ? (data.defaults as Config['defaults']) : {};
  return { defaults, profiles };
}

/** Writes the config file (readable by its owner only: profiles may hold secrets). */
export function saveConfig(config: Config, path = configFile()): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, yaml().stringify(config), { mode: 0o600 });
  chmodSync(temp, 0o600);
  renameSync(temp, path);
}

/** The YAML library, loaded only when there is a config file to read or write (commands start faster). */
function yaml(): typeof import('yaml') {
  return createRequire(import.meta.url)('yaml') as typeof import('yaml');
}
