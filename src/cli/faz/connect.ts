import { FortiAnalyzer, type FortiAnalyzerOptions } from '../../fortianalyzer/index.js';
import { commonOptions, text } from '../connection/client-options.js';
import { clientRunner } from '../connection/connect.js';
import type { Connection } from '../connection/resolve.js';
import { missingSetting, promptSecret } from '../connection/secrets.js';
import { UsageError } from '../usage.js';
import { FAZ_PRODUCT } from './product.js';

/** A FortiAnalyzer client from a run's settings: API key, session login or FortiAnalyzer Cloud. */
export async function createFaz(connection: Connection): Promise<FortiAnalyzer> {
  const { url, tls, timeoutMs } = commonOptions(connection);
  const apiKey = text(connection, 'api-key');
  const auth = text(connection, 'auth') ?? (apiKey ? 'api-key' : 'session');
  const base = {
    url: url!,
    tls,
    timeoutMs,
    adom: text(connection, 'adom'),
    timeZone: text(connection, 'time-zone'),
  } satisfies FortiAnalyzerOptions;
  if (auth === 'api-key') {
    if (!apiKey)
      throw new UsageError('auth api-key needs an API key: set FORTIX_FAZ_API_KEY or give --api-key-file');
    return new FortiAnalyzer({ ...base, apiKey, accessUser: text(connection, 'access-user') });
  }
  const username = text(connection, 'username');
  if (!username) {
    throw new UsageError(
      `a ${auth} login needs a username: give --username or set FORTIX_FAZ_USERNAME (or use an API key: FORTIX_FAZ_API_KEY)`,
    );
  }
  const password =
    text(connection, 'password') ??
    (await promptSecret(`Password for ${username}:`, missingSetting(FAZ_PRODUCT, 'password')));
  if (auth === 'cloud') {
    const authUrl = text(connection, 'cloud-auth-url');
    return new FortiAnalyzer({ ...base, cloud: { username, password, ...(authUrl ? { authUrl } : {}) } });
  }
  return new FortiAnalyzer({ ...base, username, password });
}

/** Runs `fn` with a FortiAnalyzer client and closes it (searches cancelled, session logged out). */
export const withFaz = clientRunner(FAZ_PRODUCT, createFaz);
