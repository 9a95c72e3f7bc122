/**
 * FortiAuthenticator REST API client.
 *
 * @example
 * import { FortiAuthenticator } from 'fortix/fortiauthenticator';
 * await using fac = new FortiAuthenticator({ url: 'https://fac.example.com', username: 'api', apiKey: process.env.FAC_KEY });
 * const { user } = await fac.users.create({ username: 'alice', email: 'alice@example.com', token: 'ftm', groups: ['VPN'] });
 */
export type { FacAuthOptions } from './auth.js';
export type { FacReply } from './caller.js';
export { FortiAuthenticator, type FortiAuthenticatorOptions } from './client.js';
export {
  FacAlreadyExistsError,
  FacCredentialsRejectedError,
  FacInvalidRequestError,
  FacMethodNotAllowedError,
  FacNotFoundError,
  FacPermissionError,
  FortiAuthenticatorApiError,
} from './errors.js';
export type * from './facts.js';
export { FAC_RESOURCES } from './generated/table.js';
export type * from './generated/types.js';
export type { FacAuthMode, FacSystem, FortiAuthenticatorIdentity } from './identity.js';
export type {
  FacAuthResult,
  FacCredentials,
  FacPushRequest,
  FacPushResponse,
} from './jobs/authentication.js';
export type { FacSsoEvent } from './jobs/sso.js';
export type {
  FacCreatedUser,
  FacDisableResult,
  FacNewUser,
  FacUserResult,
  FacUserToken,
} from './jobs/users.js';
export type { FacDescription, FacFieldDescription } from './schema.js';
export type * from './typing.js';
