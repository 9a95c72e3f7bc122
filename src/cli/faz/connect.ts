import type { Command } from 'commander';
import { FortiAnalyzer, type FortiAnalyzerOptions } from '../../fortianalyzer/index.js';
import { commonOptions, text } from '../connection/client-options.js';
import { connectionOf } from '../connection/connect.js';
import { type Connection, resolveConnection } from '../connection/resolve.js';
import { missingSetting, promptSecret } from '../connection/secrets.js';
import { createFmg } from '../fmg/connect.js';
import { FMG_PRODUCT } from '../fmg/product.js';
import { warn } from '../run.js';
import { UsageError } from '../usage.js';
import { withClient } from '../with-client.js';
import { FAZ_PRODUCT } from './product.js';

/** A FortiAnalyzer client from a run's settings: API key, session login or FortiAnalyzer Cloud. */
export async function createFaz(connection: Connection): Promise<FortiAnalyzer> {
  const common = commonOptions(connection);
  const apiKey = text(connection, 'api-key');
  const auth = text(connection, 'auth') ?? (apiKey ? 'api-key' : 'session');
  const base = {
    ...common,
    url: common.url!,
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

/**
 * Runs `fn` with a FortiAnalyzer client and closes it (searches cancelled, session logged out). With
 * `via-fmg` the client sends through a FortiManager logged in with the fmg settings, closed after it.
 */
export async function withFaz<T>(
  command: Command,
  fn: (faz: FortiAnalyzer, signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const connection = connectionOf(command, FAZ_PRODUCT);
  if (connection.values['via-fmg'] !== true) {
    if (connection.values['fmg-profile'] !== undefined)
      throw new UsageError('fmg-profile is the FortiManager of --via-fmg: give --via-fmg too');
    return withClient(await createFaz(connection), fn);
  }
  const fmg = await createFmg(managerConnection(connection));
  return withClient(fmg, () =>
    withClient(
      FortiAnalyzer.through(fmg, { adom: text(connection, 'adom'), timeZone: text(connection, 'time-zone') }),
      fn,
    ),
  );
}

/**
 * The FortiManager settings of `via-fmg`: the `fmg-profile` (else the default fmg profile) under the
 * FORTIX_FMG_* environment. FORTIX_PROFILE names the profile of the faz run, so it does not apply here.
 */
function managerConnection(faz: Connection): Connection {
  const { FORTIX_PROFILE: _profile, ...env } = process.env;
  const fmg = resolveConnection(FMG_PRODUCT, { profile: text(faz, 'fmg-profile') }, { env, warn });
  if (fmg.values.url === undefined) {
    throw new UsageError(
      '--via-fmg: no FortiManager URL: set FORTIX_FMG_URL, or name an fmg profile with --fmg-profile (or make one the default fmg profile)',
    );
  }
  return fmg;
}
