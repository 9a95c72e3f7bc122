import { homedir } from 'node:os';
import { join } from 'node:path';

/** `fortix`'s folder in the user's config directory: XDG_CONFIG_HOME, APPDATA on Windows, else ~/.config. */
function configDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.FORTIX_CONFIG_DIR) return env.FORTIX_CONFIG_DIR;
  const base =
    env.XDG_CONFIG_HOME ||
    (process.platform === 'win32' && env.APPDATA ? env.APPDATA : join(homedir(), '.config'));
  return join(base, 'fortix');
}

/** The config file: `<configDir>/config.yaml`. */
export function configFile(env: NodeJS.ProcessEnv = process.env): string {
  return join(configDir(env), 'config.yaml');
}
