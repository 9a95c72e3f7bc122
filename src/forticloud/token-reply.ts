import { AuthError, ProtocolError } from '../core/errors.js';
import { isRecord } from '../core/guards.js';

/** What the FortiCloud token endpoint returns on success (wire names). */
export interface TokenReply {
  access_token: string;
  /** Lifetime of the access token in seconds. */
  expires_in?: number;
  refresh_token?: string;
  scope?: string;
  token_type?: string;
  status?: string;
  message?: string;
}

/** An OAuth token of the FortiCloud IAM API user. */
export interface FortiCloudToken {
  accessToken: string;
  refreshToken?: string | undefined;
  /** Epoch milliseconds when the access token expires; undefined = valid until the server rejects it. */
  expiresAt?: number | undefined;
  /** Lifetime announced by the server (ms), used to size the refresh margin. */
  lifetimeMs?: number | undefined;
  scope?: string | undefined;
}

export type GrantType = 'password' | 'refresh_token';

/** What a bearer token may consist of: visible ASCII, nothing that could split a header. */
const TOKEN_CHARS = /^[\x21-\x7e]+$/;

/** Turns a 200 reply into a token; anything else is an AuthError (refused) or a ProtocolError (not OAuth). */
export function parseTokenReply(
  status: number,
  data: unknown,
  now: number,
  context: { grant: GrantType; clientId: string; url: string },
): FortiCloudToken {
  const body = isRecord(data) ? data : {};
  if (status === 200 && typeof body.access_token === 'string' && body.access_token !== '') {
    if (!TOKEN_CHARS.test(body.access_token)) {
      throw new ProtocolError(
        `POST ${context.url} issued an access token with characters a header cannot carry (spaces, line breaks); it cannot be used`,
        { status, contentType: 'application/json' },
      );
    }
    const expiresIn =
      typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : undefined;
    return {
      accessToken: body.access_token,
      refreshToken:
        typeof body.refresh_token === 'string' && body.refresh_token ? body.refresh_token : undefined,
      expiresAt: expiresIn === undefined ? undefined : now + expiresIn * 1000,
      lifetimeMs: expiresIn === undefined ? undefined : expiresIn * 1000,
      scope: typeof body.scope === 'string' ? body.scope : undefined,
    };
  }
  const reason = oauthReason(body);
  if (status === 200 || (status < 400 && reason === undefined)) {
    throw new ProtocolError(
      `POST ${context.url} answered HTTP ${status} without an access_token; check authUrl points at the FortiCloud OAuth service`,
      { status, contentType: 'application/json' },
    );
  }
  throw new AuthError(refusalMessage(status, reason, context), {
    details: { status, grant: context.grant, clientId: context.clientId, error: errorCode(body) },
  });
}

function refusalMessage(
  status: number,
  reason: string | undefined,
  context: { grant: GrantType; clientId: string },
): string {
  const what = context.grant === 'password' ? 'the API user credentials' : 'the refresh token';
  const advice =
    context.grant === 'password'
      ? 'Check the API user id and password (IAM > API users; downloading new credentials resets the password) ' +
        `and that its permission profile grants the '${context.clientId}' portal.`
      : 'The refresh token expired or was revoked; log in again with the API user credentials.';
  return `FortiCloud refused ${what} for client '${context.clientId}' (HTTP ${status}${reason ? `: ${reason}` : ''}). ${advice}`;
}

/** The error fields FortiCloud/FortiAuthenticator use: error + error_description, error_message, or an `oauth` map. */
function oauthReason(body: Record<string, unknown>): string | undefined {
  const parts: string[] = [];
  if (typeof body.error === 'string') parts.push(body.error);
  if (typeof body.error_description === 'string') parts.push(body.error_description);
  if (typeof body.error_message === 'string') parts.push(body.error_message);
  if (isRecord(body.oauth)) {
    for (const value of Object.values(body.oauth)) if (typeof value === 'string') parts.push(value);
  }
  return parts.length > 0 ? parts.join(': ') : undefined;
}

function errorCode(body: Record<string, unknown>): string | undefined {
  return typeof body.error === 'string' ? body.error : undefined;
}
