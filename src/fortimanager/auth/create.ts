import { ValidationError } from '../../core/errors.js';
import { isRecord } from '../../core/guards.js';
import type { Runtime } from '../../core/runtime.js';
import { serviceUrl } from '../../core/urls.js';
import { FortiCloudAuth } from '../../forticloud/auth.js';
import { headerValueOf, stringOf } from '../checks.js';
import type { FortiManagerOptions } from '../client-options.js';
import type { RpcWire } from '../rpc.js';
import { ApiKeyAuth } from './api-key.js';
import { cloudLogin } from './cloud.js';
import type { LoginMode } from './identity.js';
import { passwordLogin } from './password.js';
import { type RpcAuth, statusCheck } from './rpc-auth.js';
import { RpcSessionAuth } from './session.js';

/**
 * The client's way in, from its options: exactly one of username + password, apiKey or cloud.
 * `cloud` is the FortiCloud OAuth client a FortiManager Cloud login uses (to be closed with the client).
 */
export function createRpcAuth(
  options: FortiManagerOptions,
  runtime: Runtime,
  wire: RpcWire,
  label = 'FortiManager',
): { auth: RpcAuth; mode: LoginMode; cloud?: FortiCloudAuth } {
  const modes = [
    options.username !== undefined || options.password !== undefined,
    options.apiKey !== undefined,
    options.cloud !== undefined,
  ];
  if (modes.filter(Boolean).length !== 1) {
    throw new ValidationError('Give exactly one of: username + password, apiKey, or cloud', 'username');
  }
  const check = statusCheck(wire);
  const session = { redactor: runtime.redactor, log: runtime.log, product: label };
  if (options.cloud !== undefined) {
    const cloud = cloudTokens(options, runtime);
    const login = cloudLogin(runtime, wire, cloud, options.cloud.username);
    return { auth: new RpcSessionAuth(login, session, check), mode: 'cloud', cloud };
  }
  if (options.apiKey !== undefined) {
    const apiKey = headerValueOf(options.apiKey, 'apiKey');
    if (apiKey === undefined) throw new ValidationError('apiKey is required', 'apiKey');
    return {
      auth: new ApiKeyAuth(apiKey, headerValueOf(options.accessUser, 'accessUser'), check, label),
      mode: 'api-key',
    };
  }
  if (!options.username || !options.password) {
    throw new ValidationError('Give both username and password', options.username ? 'password' : 'username');
  }
  const user = required(options.username, 'username');
  const password = required(options.password, 'password');
  const login = passwordLogin(wire, user, password, label);
  return { auth: new RpcSessionAuth(login, session, check), mode: 'session' };
}

function cloudTokens(options: FortiManagerOptions, runtime: Runtime): FortiCloudAuth {
  const cloud: unknown = options.cloud;
  if (!isRecord(cloud)) throw new ValidationError('cloud must be an object', 'cloud');
  const authUrl =
    cloud.authUrl === undefined ? undefined : serviceUrl(String(cloud.authUrl), '', 'cloud.authUrl');
  const sameOrigin = authUrl !== undefined && new URL(authUrl).origin === new URL(runtime.url).origin;
  const tls = options.cloud!.tls;
  return new FortiCloudAuth({
    clientId: stringOf(cloud.clientId, 'cloud.clientId') ?? 'FortiManager',
    username: required(cloud.username, 'cloud.username'),
    password: required(cloud.password, 'cloud.password'),
    url: options.cloud!.authUrl,
    tls: tls ?? (sameOrigin ? options.tls : undefined),
    retry: options.retry,
    timeoutMs: options.timeoutMs,
    connectTimeoutMs: options.connectTimeoutMs,
    logger: options.logger,
    logBodies: options.logBodies,
    redactor: runtime.redactor,
    clock: runtime.clock,
    dispatcher: options.dispatcher,
  });
}

function required(value: unknown, field: string): string {
  const text = stringOf(value, field);
  if (text === undefined) throw new ValidationError(`${field} is required`, field);
  return text;
}
