/**
 * The OAuth endpoints of the simulated FortiAuthenticator (`/api/v1/oauth/...`): token (password and
 * refresh grants), verify_token, revoke_token, userinfo and the OpenID configuration. Tokens of
 * administrators also authorise REST calls (`Authorization: Bearer`), as an alternative to Basic auth.
 */
import type { Clock } from '../../core/clock.js';
import { TokenStore } from '../forticloud/tokens.js';
import type { SimRequest, SimResponse } from '../types.js';
import { type Admins, randomKey, type SimAdmin } from './admins.js';
import { json, readBody } from './http.js';

export interface SimOAuthClient {
  readonly clientId: string;
  /** Confidential clients must send it; public clients have none. */
  readonly clientSecret?: string;
}

export interface OAuthOptions {
  /** Access token lifetime (`expires_in`), default 3600 s. */
  tokenLifetimeSec?: number;
  /** Refresh token lifetime, default 7 days. */
  refreshTokenLifetimeSec?: number;
}

/** A local user as the password grant and userinfo see it. */
export interface OAuthUser {
  readonly username: string;
  readonly password: string | undefined;
  readonly email: string;
  readonly groups: readonly string[];
}

export interface OAuthDeps {
  readonly clock: Clock;
  readonly random: () => number;
  readonly admins: Admins;
  readonly localUser: (username: string) => OAuthUser | undefined;
}

const PREFIX = '/api/v1/oauth/';

export class OAuthService {
  readonly defaultClient: SimOAuthClient;
  readonly #clients = new Map<string, SimOAuthClient>();
  readonly #tokens: TokenStore;
  readonly #deps: OAuthDeps;
  readonly #lifetime: number;
  readonly #refreshLifetime: number;

  constructor(deps: OAuthDeps, options: OAuthOptions = {}) {
    this.#deps = deps;
    this.#tokens = new TokenStore(deps.clock, deps.random);
    this.#lifetime = options.tokenLifetimeSec ?? 3600;
    this.#refreshLifetime = options.refreshTokenLifetimeSec ?? 7 * 86_400;
    this.defaultClient = this.addClient({ clientId: randomKey(deps.random) });
  }

  addClient(client: SimOAuthClient): SimOAuthClient {
    this.#clients.set(client.clientId, client);
    return client;
  }

  handles(path: string): boolean {
    return path.startsWith(PREFIX);
  }

  /** The admin behind a Bearer token, `null` when the token is not an admin's live token. */
  bearerAdmin(req: SimRequest): SimAdmin | null | undefined {
    const match = /^Bearer\s+(\S+)$/i.exec(String(req.headers.authorization ?? ''));
    if (!match) return undefined;
    const owner = this.#owner(match[1] as string);
    return owner?.kind === 'admin' ? (this.#deps.admins.get(owner.name) ?? null) : null;
  }

  revoke(token: string): void {
    this.#tokens.revoke(token);
  }

  stats() {
    return this.#tokens.stats();
  }

  async handle(req: SimRequest): Promise<SimResponse> {
    const route = req.path.slice(PREFIX.length);
    // The namespace itself is listed in the directory but refused (8.0.3 census).
    if (route === '')
      return { status: 403, headers: { 'content-type': 'text/html; charset=utf-8' }, body: '' };
    switch (`${req.method} ${route}`) {
      case 'POST token/':
        return this.#token(await stringFields(req));
      case 'POST revoke_token/':
        return this.#revokeEndpoint(await stringFields(req));
      case 'GET verify_token/':
        return this.#verify(req);
      case 'GET userinfo/':
        return this.#userinfo(req);
      case 'GET .well-known/openid-configuration/':
        return json(200, openIdConfiguration());
      default:
        return json(404, {
          error: 'not_found',
          error_description: `No OAuth endpoint ${req.method} ${req.path}`,
        });
    }
  }

  #token(body: Record<string, string>): SimResponse {
    const client = this.#client(body);
    if (!client) return oauthError(401, 'invalid_client');
    if (body.grant_type === 'password') {
      if (!body.username || !body.password)
        return oauthError(400, 'invalid_request', 'username and password are required.');
      const owner = this.#checkPassword(body.username, body.password);
      if (!owner) return oauthError(400, 'invalid_grant', 'Invalid credentials given.');
      return this.#grant(this.#tokens.issue(owner, client.clientId, this.#lifetime, this.#refreshLifetime));
    }
    if (body.grant_type === 'refresh_token') {
      const previous = body.refresh_token
        ? this.#tokens.takeRefresh(body.refresh_token, client.clientId)
        : undefined;
      if (!previous) return oauthError(400, 'invalid_grant', 'Invalid refresh token.');
      this.#tokens.revoke(previous.accessToken);
      const next = this.#tokens.issue(
        previous.username,
        client.clientId,
        this.#lifetime,
        this.#refreshLifetime,
        true,
      );
      return this.#grant(next);
    }
    return oauthError(400, 'unsupported_grant_type');
  }

  #grant(token: { accessToken: string; refreshToken: string }): SimResponse {
    return json(200, {
      access_token: token.accessToken,
      expires_in: this.#lifetime,
      refresh_token: token.refreshToken,
      scope: 'read write',
      token_type: 'Bearer',
    });
  }

  #revokeEndpoint(body: Record<string, string>): SimResponse {
    if (!this.#client(body)) return oauthError(401, 'invalid_client');
    if (!body.token) return oauthError(400, 'invalid_request', 'token is required.');
    this.#tokens.revoke(body.token);
    return { status: 200, body: '' };
  }

  #verify(req: SimRequest): SimResponse {
    const token = bearer(req);
    const live = token ? this.#tokens.access(token) : undefined;
    if (!live || live.clientId !== req.query.get('client_id')) return oauthError(401, 'invalid_token');
    return json(200, {
      expires_in: Math.max(0, Math.floor((live.expiresAt - this.#deps.clock.now()) / 1000)),
      username: splitOwner(live.username).name,
    });
  }

  #userinfo(req: SimRequest): SimResponse {
    const token = bearer(req);
    const owner = token ? this.#owner(token) : undefined;
    if (!owner) return oauthError(401, 'invalid_token');
    const user = owner.kind === 'user' ? this.#deps.localUser(owner.name) : undefined;
    return json(200, {
      email: user?.email ?? '',
      groups: (user?.groups ?? []).join(','),
      sub: owner.name,
      username: owner.name,
    });
  }

  #client(body: Record<string, string>): SimOAuthClient | undefined {
    const client = body.client_id ? this.#clients.get(body.client_id) : undefined;
    if (!client) return undefined;
    return client.clientSecret === undefined || client.clientSecret === body.client_secret
      ? client
      : undefined;
  }

  /** `admin:<name>` or `user:<name>` when the password is right. */
  #checkPassword(username: string, password: string): string | undefined {
    const admin = this.#deps.admins.get(username);
    if (admin) return admin.password === password ? `admin:${username}` : undefined;
    const user = this.#deps.localUser(username);
    return user?.password !== undefined && user.password === password ? `user:${username}` : undefined;
  }

  #owner(accessToken: string): { kind: string; name: string } | undefined {
    const live = this.#tokens.access(accessToken);
    return live ? splitOwner(live.username) : undefined;
  }
}

function splitOwner(owner: string): { kind: string; name: string } {
  const colon = owner.indexOf(':');
  return { kind: owner.slice(0, colon), name: owner.slice(colon + 1) };
}

function bearer(req: SimRequest): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(String(req.headers.authorization ?? ''))?.[1];
}

async function stringFields(req: SimRequest): Promise<Record<string, string>> {
  const body = await readBody(req).catch(() => ({}));
  const out: Record<string, string> = {};
  if (Array.isArray(body)) return out;
  for (const [key, value] of Object.entries(body)) if (typeof value === 'string') out[key] = value;
  return out;
}

function oauthError(status: number, error: string, description?: string): SimResponse {
  return json(status, description ? { error, error_description: description } : { error });
}

function openIdConfiguration(): Record<string, unknown> {
  return {
    authorization_endpoint: `${PREFIX}authorize/`,
    id_token_signing_alg_values_supported: ['RS256'],
    issuer: '/api/v1/oauth',
    jwks_uri: `${PREFIX}.well-known/keys/`,
    response_types_supported: ['code', 'token', 'id_token', 'id_token token', 'code token', 'code id_token'],
    subject_types_supported: ['public'],
    token_endpoint: `${PREFIX}token/`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
    userinfo_endpoint: `${PREFIX}userinfo/`,
  };
}
