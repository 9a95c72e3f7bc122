/**
 * How the client proves to be an admin: HTTP Basic with the admin's web-service access key, or OAuth
 * (password and refresh grants at `/api/v1/oauth/token/`, the token revoked on close), or a bearer
 * token obtained elsewhere.
 */
import { type AuthStrategy, StaticAuth } from '../core/auth.js';
import type { ClientOptions } from '../core/client-options.js';
import { ValidationError } from '../core/errors.js';
import type { Runtime } from '../core/runtime.js';
import { FortiCloudAuth } from '../forticloud/auth.js';
import type { FortiCloudToken } from '../forticloud/token-reply.js';
import type { FacAuthMode } from './identity.js';

export interface FacAuthOptions {
  /** Admin user name (Basic auth and the OAuth password grant). */
  username?: string | undefined;
  /** The admin's web-service access key (HTTP Basic). */
  apiKey?: string | undefined;
  /** OAuth: the application's client id; with `password` (or `token`) OAuth is used instead of Basic. */
  clientId?: string | undefined;
  /** OAuth password grant: the admin's password. */
  password?: string | undefined;
  /** A bearer token obtained elsewhere (refreshed only if it has a refresh token and `clientId` is given). */
  token?: string | FortiCloudToken | undefined;
}

export interface FacAuth {
  readonly mode: FacAuthMode;
  readonly strategy: AuthStrategy;
  /** The OAuth client (verify, revoke), when OAuth is used. */
  readonly oauth: FortiCloudAuth | undefined;
}

export function createAuth(options: FacAuthOptions & ClientOptions, runtime: Runtime): FacAuth {
  const { username, apiKey, clientId, password, token } = options;
  if (apiKey !== undefined) {
    if (!username) throw new ValidationError('username is required with apiKey (HTTP Basic)', 'username');
    if (/[:\r\n]/.test(username))
      throw new ValidationError('username must not contain ":" or line breaks', 'username');
    const basic = Buffer.from(`${username}:${apiKey}`).toString('base64');
    runtime.redactor.addSecret(basic);
    return {
      mode: 'basic',
      strategy: new StaticAuth({ authorization: `Basic ${basic}` }, username),
      oauth: undefined,
    };
  }
  if (clientId !== undefined) {
    const oauth = new FortiCloudAuth({
      ...options,
      url: `${runtime.url}/oauth`,
      clientId,
      username,
      password,
      token,
      redactor: runtime.redactor,
    });
    runtime.onClose(() => oauth.close());
    return { mode: 'oauth', strategy: oauth.bearer(), oauth };
  }
  if (token !== undefined) {
    const value = typeof token === 'string' ? token : token.accessToken;
    if (!value) throw new ValidationError('token must be a non-empty access token', 'token');
    runtime.redactor.addSecret(value);
    return {
      mode: 'token',
      strategy: new StaticAuth({ authorization: `Bearer ${value}` }, username),
      oauth: undefined,
    };
  }
  throw new ValidationError(
    password !== undefined
      ? 'The REST API refuses the login password: give apiKey (the web-service access key), or clientId for OAuth'
      : 'Give username and apiKey (the web-service access key), or clientId with username and password (OAuth)',
    password !== undefined ? 'apiKey' : 'username',
  );
}
