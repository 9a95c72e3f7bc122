import { FortiManager, type FortiManagerOptions } from '../../fortimanager/index.js';
import { commonOptions, text } from '../connection/client-options.js';
import { clientRunner } from '../connection/connect.js';
import type { Connection } from '../connection/resolve.js';
import { missingSetting, promptSecret } from '../connection/secrets.js';
import { UsageError } from '../usage.js';
import { FMG_PRODUCT } from './product.js';

/** A FortiManager client from a run's settings: API key, session login or FortiManager Cloud. */
export async function createFmg(connection: Connection): Promise<FortiManager> {
  const common = commonOptions(connection);
  const apiKey = text(connection, 'api-key');
  const auth = text(connection, 'auth') ?? (apiKey ? 'api-key' : 'session');
  const base = { ...common, url: common.url!, adom: text(connection, 'adom') } satisfies FortiManagerOptions;
  if (auth === 'api-key') {
    if (!apiKey)
      throw new UsageError('auth api-key needs an API key: set FORTIX_FMG_API_KEY or give --api-key-file');
    return new FortiManager({ ...base, apiKey, accessUser: text(connection, 'access-user') });
  }
  const username = text(connection, 'username');
  if (!username) {
    throw new UsageError(
      `a ${auth} login needs a username: give --username or set FORTIX_FMG_USERNAME (or use an API key: FORTIX_FMG_API_KEY)`,
    );
  }
  const password =
    text(connection, 'password') ??
    (await promptSecret(`Password for ${username}:`, missingSetting(FMG_PRODUCT, 'password')));
  if (auth === 'cloud') {
    const authUrl = text(connection, 'cloud-auth-url');
    return new FortiManager({ ...base, cloud: { username, password, ...(authUrl ? { authUrl } : {}) } });
  }
  return new FortiManager({ ...base, username, password });
}

/** Runs `fn` with a FortiManager client and closes it (locks released, session logged out). */
export const withFmg = clientRunner(FMG_PRODUCT, createFmg);
