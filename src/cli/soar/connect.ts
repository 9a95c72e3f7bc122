import { FortiSoar } from '../../fortisoar/index.js';
import { commonOptions, text } from '../connection/client-options.js';
import { clientRunner } from '../connection/connect.js';
import type { Connection } from '../connection/resolve.js';
import { missingSetting, promptSecret } from '../connection/secrets.js';
import { UsageError } from '../usage.js';
import { SOAR_PRODUCT } from './product.js';

/** A FortiSOAR client: an API key, an HMAC key pair, or a login (the password prompted when missing). */
export async function createSoar(connection: Connection): Promise<FortiSoar> {
  const base = commonOptions(connection);
  const apiKey = text(connection, 'api-key');
  if (apiKey) return new FortiSoar({ ...base, apiKey });
  const publicKey = text(connection, 'public-key');
  if (publicKey) {
    const privateKey = text(connection, 'private-key');
    if (!privateKey) throw new UsageError(missingSetting(SOAR_PRODUCT, 'private-key'));
    return new FortiSoar({ ...base, publicKey, privateKey });
  }
  const username = text(connection, 'username');
  if (!username) {
    throw new UsageError(
      'FortiSOAR needs credentials: FORTIX_SOAR_API_KEY, a key pair (--public-key, FORTIX_SOAR_PRIVATE_KEY) or --username',
    );
  }
  const password =
    text(connection, 'password') ??
    (await promptSecret(`Password of ${username}:`, missingSetting(SOAR_PRODUCT, 'password')));
  return new FortiSoar({ ...base, username, password });
}

/** Runs `fn` with a FortiSOAR client and closes it (a login is logged out). */
export const withSoar = clientRunner(SOAR_PRODUCT, createSoar);
