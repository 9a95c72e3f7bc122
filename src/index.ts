/**
 * `fortix`: the product clients and the shared error tree. Import a product's subpath
 * (`fortix/fortimanager`, `fortix/forticare`) to load only that product.
 *
 * @example
 * import { FortiManager, FortiCare, FortixError } from 'fortix';
 */

export type { CallOptions, ClientOptions } from './core/client-options.js';
export { type Clock, systemClock, VirtualClock } from './core/clock.js';
export {
  AlreadyExistsError,
  ApiError,
  type ApiErrorCategory,
  AuthError,
  FortixError,
  InvalidRequestError,
  NotFoundError,
  PermissionDeniedError,
  type ProductName,
  ProtocolError,
  RateLimitError,
  TransportError,
  ValidationError,
  type ValidationIssue,
} from './core/errors.js';
export type { Logger } from './core/logging.js';
export type { RetryOptions } from './core/retry.js';
export type { TlsOptions } from './core/tls.js';
export { VERSION } from './core/version.js';
export { FortiAuthenticator, type FortiAuthenticatorOptions } from './fortiauthenticator/index.js';
export { FortiCare, type FortiCareOptions } from './forticare/index.js';
export { FortiCloudAuth, type FortiCloudAuthOptions } from './forticloud/index.js';
export { FortiManager, type FortiManagerOptions, f } from './fortimanager/index.js';
export { FortiSoar, type FortiSoarOptions } from './fortisoar/index.js';
