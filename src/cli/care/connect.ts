import { FortiCare } from '../../forticare/index.js';
import { commonOptions, text } from '../connection/client-options.js';
import { clientRunner } from '../connection/connect.js';
import type { Connection } from '../connection/resolve.js';
import { missingSetting, promptSecret } from '../connection/secrets.js';
import { UsageError } from '../usage.js';
import { CARE_PRODUCT } from './product.js';

/** A FortiCare client from a run's settings (FortiCloud OAuth with the IAM API user). */
export async function createCare(connection: Connection): Promise<FortiCare> {
  const common = commonOptions(connection, false);
  const username = text(connection, 'username');
  if (!username) {
    throw new UsageError('FortiCare needs the IAM API user: give --username or set FORTIX_CARE_USERNAME');
  }
  const password =
    text(connection, 'password') ??
    (await promptSecret(`Password of ${username}:`, missingSetting(CARE_PRODUCT, 'password')));
  const accountId = connection.values['account-id'];
  return new FortiCare({
    ...common,
    authUrl: text(connection, 'auth-url'),
    username,
    password,
    accountId: typeof accountId === 'number' ? accountId : undefined,
  });
}

/** Runs `fn` with a FortiCare client and closes it (the token is revoked). */
export const withCare = clientRunner(CARE_PRODUCT, createCare);
