import { FortiAuthenticator } from '../../fortiauthenticator/index.js';
import { commonOptions, text } from '../connection/client-options.js';
import { clientRunner } from '../connection/connect.js';
import type { Connection } from '../connection/resolve.js';
import { missingSetting, promptSecret } from '../connection/secrets.js';
import { UsageError } from '../usage.js';
import { FAC_PRODUCT } from './product.js';

/** A FortiAuthenticator client: Basic auth with the access key, or OAuth with a client id and password. */
export async function createFac(connection: Connection): Promise<FortiAuthenticator> {
  const common = commonOptions(connection);
  const username = text(connection, 'username');
  if (!username)
    throw new UsageError('FortiAuthenticator needs the admin: give --username or set FORTIX_FAC_USERNAME');
  const clientId = text(connection, 'client-id');
  if (clientId) {
    const password =
      text(connection, 'password') ??
      (await promptSecret(`Password of ${username}:`, missingSetting(FAC_PRODUCT, 'password')));
    return new FortiAuthenticator({ ...common, username, clientId, password });
  }
  const apiKey =
    text(connection, 'api-key') ??
    (await promptSecret(`Access key of ${username}:`, missingSetting(FAC_PRODUCT, 'api-key')));
  return new FortiAuthenticator({ ...common, username, apiKey });
}

/** Runs `fn` with a FortiAuthenticator client and closes it (an OAuth token is revoked). */
export const withFac = clientRunner(FAC_PRODUCT, createFac);
