/**
 * `fortix/forticare`: FortiCare Asset Management V3 and FortiCloud OAuth.
 *
 * @example
 * import { FortiCare } from 'fortix/forticare';
 * await using fc = new FortiCare({ username: apiId, password });
 * const result = await fc.products.register({ registrationUnits: units }); // 35 units -> 4 batches
 */

export {
  ApiError,
  AuthError,
  FortixError,
  ProtocolError,
  RateLimitError,
  TransportError,
  ValidationError,
} from '../core/errors.js';
export {
  FORTICLOUD_AUTH_URL,
  FortiCloudAuth,
  type FortiCloudAuthOptions,
  type FortiCloudIdentity,
  type FortiCloudToken,
} from '../forticloud/index.js';
export { type BatchResult, UNIT_NOT_PROCESSED, type UnitFailure, type UnitFailureKind } from './batch.js';
export type { CallOptions } from './caller.js';
export {
  FORTICARE_BASE_URL,
  FORTICARE_CLIENT_ID,
  FortiCare,
  type FortiCareIdentity,
  type FortiCareOptions,
} from './client.js';
export { Contracts } from './contracts.js';
export { ENDPOINTS, type EndpointName, type EndpointSpec } from './endpoints.js';
export {
  FORTICARE_ERROR_CODES,
  FortiCareApiError,
  FortiCareErrorBudgetError,
  FortiCareInvalidRequestError,
  FortiCareInvalidTokenError,
  FortiCareOperationError,
  FortiCarePermissionError,
} from './errors.js';
export { Folders } from './folders.js';
export { Licenses } from './licenses.js';
export {
  createFortiCareLimiter,
  FORTICARE_LIMITS,
  type FortiCareLimiterOptions,
  type FortiCareLimits,
  fortiCareLimiterKey,
} from './limits.js';
export { Products } from './products.js';
export { Services } from './services.js';
export type * from './types.js';
