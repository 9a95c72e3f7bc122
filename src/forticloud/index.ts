/**
 * FortiCloud OAuth (IAM API users), shared by FortiCare and FortiManager Cloud.
 *
 * @example
 * import { FortiCloudAuth } from 'fortix/forticare';
 * await using auth = new FortiCloudAuth({ clientId: 'assetmanagement', username: apiId, password });
 * const bearer = await auth.accessToken();
 */
export {
  FORTICLOUD_AUTH_URL,
  FortiCloudAuth,
  type FortiCloudAuthOptions,
  type FortiCloudIdentity,
} from './auth.js';
export type { FortiCloudToken } from './token-reply.js';
