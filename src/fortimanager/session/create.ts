import type { Clock } from '../../core/clock.js';
import { ValidationError } from '../../core/errors.js';
import type { Redactor, SafeLog } from '../../core/logging.js';
import type { HttpTransport } from '../../core/transport.js';
import { FortiCloudAuth } from '../../forticloud/index.js';
import type { FortiManagerOptions } from '../client-options.js';
import type { RpcWire } from '../rpc.js';
import { ApiKeyAuth, type Auth } from './auth.js';
import { cloudLogin } from './cloud.js';
import { passwordLogin } from './password.js';
import { SessionAuth } from './session-auth.js';

export interface AuthDeps {
  wire: RpcWire;
  transport: HttpTransport;
  redactor: Redactor;
  log: SafeLog;
  clock: Clock;
}

/**
 * The client's way in, from its options: exactly one of username + password, apiKey or cloud.
 * `cloud` is the FortiCloud OAuth client a FortiManager Cloud login uses (closed with the client).
 */
export function createAuth(
  options: FortiManagerOptions,
  deps: AuthDeps,
): { auth: Auth; cloud?: FortiCloudAuth } {
  const modes = [
    options.username !== undefined || options.password !== undefined,
    options.apiKey !== undefined,
    options.cloud !== undefined,
  ];
  if (modes.filter(Boolean).length !== 1) {
    throw new ValidationError('Give exactly one of: username + password, apiKey, or cloud', 'username');
  }
  const { wire, transport, redactor, log } = deps;
  if (options.cloud) {
    const cloud = cloudTokens(options, deps);
    const strategy = cloudLogin(transport, wire, cloud, options.cloud.username, log);
    return { auth: new SessionAuth(strategy, redactor, log), cloud };
  }
  if (options.apiKey !== undefined) {
    if (options.apiKey === '') throw new ValidationError('apiKey must not be empty', 'apiKey');
    return { auth: new ApiKeyAuth(options.apiKey, options.accessUser) };
  }
  if (!options.username || !options.password) {
    throw new ValidationError('Give both username and password', options.username ? 'password' : 'username');
  }
  return { auth: new SessionAuth(passwordLogin(wire, options.username, options.password), redactor, log) };
}

function cloudTokens(options: FortiManagerOptions, deps: AuthDeps): FortiCloudAuth {
  const cloud = options.cloud!;
  const authUrl = cloud.authUrl;
  const sameOrigin = authUrl !== undefined && new URL(authUrl).origin === new URL(options.url).origin;
  return new FortiCloudAuth({
    clientId: cloud.clientId ?? 'FortiManager',
    username: cloud.username,
    password: cloud.password,
    url: authUrl,
    tls: cloud.tls ?? (sameOrigin ? options.tls : undefined),
    retry: options.retry === false ? { retries: 0 } : options.retry,
    logger: options.logger,
    redactor: deps.redactor,
    clock: deps.clock,
    dispatcher: options.dispatcher,
  });
}
