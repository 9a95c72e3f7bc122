import type { SimContext } from '../context.js';
import type { SimOrigin, SimProduct, SimRequest, SimResponse } from '../types.js';
import { parseBody } from './body.js';
import { type IssuedToken, type TokenStats, TokenStore } from './tokens.js';
import { ApiUsers, type SimApiUser, type SimApiUserSpec } from './users.js';

export type { TokenStats } from './tokens.js';
export type { SimApiUser, SimApiUserSpec, SimProfile, SimScope } from './users.js';

export interface CloudSimOptions {
  /** Access token lifetime (`expires_in`). Default 3600 s. */
  tokenLifetimeSec?: number;
  /** Refresh token lifetime. Default 30 days. */
  refreshTokenLifetimeSec?: number;
  /** API users besides the default one. */
  users?: SimApiUserSpec[];
}

/** What the simulated FortiCloud knows about a live access token. */
export interface CloudTokenInfo {
  user: SimApiUser;
  clientId: string;
  expiresAt: number;
}

/** The simulated FortiCloud OAuth service (`/api/v1/oauth/token/`, `revoke_token/`, `verify_token/`). */
export interface FortiCloudSimulator extends SimProduct {
  /** A read-write, local-scope API user allowed on every portal. */
  readonly defaultUser: { readonly username: string; readonly password: string };
  readonly tokenLifetimeSec: number;
  /** Adds an IAM API user (generated id/password when not given) and returns it with its credentials. */
  addApiUser(spec?: SimApiUserSpec): SimApiUser;
  /** `{ username, clientId }` of a live access token, or undefined (unknown, expired, revoked). */
  verifyAccessToken(token: string): { username: string; clientId: string } | undefined;
  /** The API user and client behind a live access token. */
  lookupToken(token: string): CloudTokenInfo | undefined;
  /** Revokes one access or refresh token (and the other half of its pair). */
  revokeToken(token: string): void;
  /** Revokes every token (of one user, or of all), as an administrator resetting credentials would. */
  revokeAll(username?: string): void;
  stats(): TokenStats;
}

/** The part of the FortiCloud simulator other products need to accept FortiCloud tokens. */
export type FortiCloudTokenVerifier = Pick<FortiCloudSimulator, 'verifyAccessToken'>;

const OAUTH_PREFIX = '/api/v1/oauth/';
const DAY_SEC = 86_400;

export function createFortiCloudSimulator(
  ctx: SimContext & { readonly origin: SimOrigin },
  options: CloudSimOptions = {},
): FortiCloudSimulator {
  const lifetime = options.tokenLifetimeSec ?? 3600;
  const refreshLifetime = options.refreshTokenLifetimeSec ?? 30 * DAY_SEC;
  const users = new ApiUsers(ctx.random);
  const defaultUser = users.add();
  for (const spec of options.users ?? []) users.add(spec);
  const tokens = new TokenStore(ctx.clock, ctx.random);

  const grant = (token: IssuedToken, user: SimApiUser): SimResponse =>
    json(200, {
      access_token: token.accessToken,
      expires_in: lifetime,
      message: 'successfully authenticated',
      refresh_token: token.refreshToken,
      scope: user.profile === 'read' ? 'read' : 'read write',
      status: 'success',
      token_type: 'Bearer',
    });

  const tokenEndpoint = (body: Record<string, string>): SimResponse => {
    const clientId = body.client_id;
    if (!clientId) return oauthError(400, 'invalid_request', 'client_id is required.');
    if (!users.knowsClient(clientId)) return oauthError(401, 'invalid_client', 'Invalid client_id.');
    if (body.grant_type === 'password') {
      if (!body.username || !body.password)
        return oauthError(400, 'invalid_request', 'username and password are required.');
      const user = users.get(body.username);
      if (!user || user.password !== body.password)
        return oauthError(401, 'invalid_grant', 'Invalid credentials given.');
      if (!user.clientIds.includes(clientId)) {
        return oauthError(401, 'invalid_grant', `The API user has no access to the ${clientId} portal.`);
      }
      return grant(tokens.issue(user.username, clientId, lifetime, refreshLifetime), user);
    }
    if (body.grant_type === 'refresh_token') {
      const previous = body.refresh_token ? tokens.takeRefresh(body.refresh_token, clientId) : undefined;
      const user = previous && users.get(previous.username);
      if (!previous || !user) return oauthError(401, 'invalid_grant', 'Invalid refresh token.');
      return grant(tokens.issue(user.username, clientId, lifetime, refreshLifetime, true), user);
    }
    return oauthError(400, 'unsupported_grant_type', 'grant_type must be password or refresh_token.');
  };

  const revokeEndpoint = (body: Record<string, string>): SimResponse => {
    if (!body.client_id || !users.knowsClient(body.client_id))
      return oauthError(401, 'invalid_client', 'Invalid client_id.');
    if (!body.token) return oauthError(400, 'invalid_request', 'token is required.');
    tokens.revoke(body.token);
    return { status: 200 };
  };

  const verifyEndpoint = (req: SimRequest): SimResponse => {
    const bearer = bearerToken(req);
    const token = bearer ? tokens.access(bearer) : undefined;
    if (!token || token.clientId !== req.query.get('client_id'))
      return oauthError(401, 'invalid_token', 'Token is not valid.');
    return json(200, {
      username: token.username,
      expires_in: Math.max(0, Math.floor((token.expiresAt - ctx.clock.now()) / 1000)),
    });
  };

  const lookupToken = (value: string): CloudTokenInfo | undefined => {
    const token = tokens.access(value);
    const user = token && users.get(token.username);
    return token && user ? { user, clientId: token.clientId, expiresAt: token.expiresAt } : undefined;
  };

  return {
    handler: {
      product: 'forticloud',
      handles: (path) => path.startsWith(OAUTH_PREFIX),
      handle(req) {
        const route = req.path.slice(OAUTH_PREFIX.length);
        if (route === 'verify_token/' && req.method === 'GET') return verifyEndpoint(req);
        if (route !== 'token/' && route !== 'revoke_token/') {
          return oauthError(
            404,
            'not_found',
            `No such endpoint; the OAuth paths end with a slash (${OAUTH_PREFIX}token/)`,
          );
        }
        if (req.method !== 'POST') return oauthError(405, 'method_not_allowed', 'Use POST.');
        const body = parseBody(req);
        if (!body) return oauthError(400, 'invalid_request', 'The body must be JSON or form-encoded.');
        return route === 'token/' ? tokenEndpoint(body) : revokeEndpoint(body);
      },
    },
    get url() {
      return ctx.origin.url;
    },
    credentials: { username: defaultUser.username, password: defaultUser.password },
    defaultUser: { username: defaultUser.username, password: defaultUser.password },
    tokenLifetimeSec: lifetime,
    addApiUser: (spec) => users.add(spec),
    verifyAccessToken(token) {
      const info = lookupToken(token);
      return info ? { username: info.user.username, clientId: info.clientId } : undefined;
    },
    lookupToken,
    revokeToken: (token) => tokens.revoke(token),
    revokeAll: (username) => tokens.revokeAll(username),
    stats: () => tokens.stats(),
  };
}

/** The bearer token of a request, if any. */
export function bearerToken(req: SimRequest): string | undefined {
  const header = req.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1];
}

function json(status: number, body: Record<string, unknown>): SimResponse {
  return { status, headers: { 'content-type': 'application/json' }, body };
}

function oauthError(status: number, error: string, description: string): SimResponse {
  return json(status, { error, error_description: description });
}

/**
 * The API user behind a `{ access_token }` login body (FortiManager / FortiAnalyzer Cloud), when the
 * token is live and was issued to `clientId`; undefined for anything else.
 */
export function cloudLoginIdentity(
  req: SimRequest,
  cloud: FortiCloudTokenVerifier,
  clientId: string,
): { username: string; clientId: string } | undefined {
  let token: unknown;
  try {
    token = (JSON.parse(req.body.toString('utf8')) as Record<string, unknown>).access_token;
  } catch {
    return undefined;
  }
  const identity = typeof token === 'string' ? cloud.verifyAccessToken(token) : undefined;
  return identity?.clientId === clientId ? identity : undefined;
}
