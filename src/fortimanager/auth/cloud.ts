import type { SessionLogin } from '../../core/auth.js';
import { AuthError } from '../../core/errors.js';
import { isRecord } from '../../core/guards.js';
import type { Runtime } from '../../core/runtime.js';
import type { RpcWire } from '../rpc.js';
import { logout, sessionId } from './password.js';

/** Where FortiManager Cloud trades a FortiCloud access token for a JSON-RPC session. */
export const CLOUD_LOGIN_PATH = '/p/forticloud_jsonrpc_login/';

/** The part of a FortiCloud OAuth client the cloud login needs (see `FortiCloudAuth`). */
export interface CloudTokenSource {
  accessToken(options?: { signal?: AbortSignal }): Promise<string>;
  /** Revokes the current token. */
  revoke(): Promise<void>;
}

/**
 * FortiManager Cloud: FortiCloud OAuth token -> `POST /p/forticloud_jsonrpc_login/ {access_token}` ->
 * session. The OAuth token is revoked right after (the session lives on its own), so that no token
 * outlives the login; a re-login asks for a new one.
 */
export function cloudLogin(
  runtime: Runtime,
  wire: RpcWire,
  tokens: CloudTokenSource,
  user: string,
): SessionLogin {
  return {
    user,
    async login() {
      const accessToken = await tokens.accessToken();
      try {
        const reply = await runtime.transport.requestJson({
          method: 'POST',
          path: CLOUD_LOGIN_PATH,
          json: { access_token: accessToken },
        });
        const session = isRecord(reply.data) ? reply.data.session : undefined;
        if (reply.status >= 400 || session === undefined) {
          throw new AuthError(
            `FortiManager Cloud refused the FortiCloud token (HTTP ${reply.status}); check that the IAM API user ` +
              'has access to this FortiManager Cloud instance',
            { details: { status: reply.status } },
          );
        }
        return sessionId(session, CLOUD_LOGIN_PATH);
      } finally {
        await tokens
          .revoke()
          .catch((error: unknown) => runtime.log.warn('Could not revoke the FortiCloud token', { error }));
      }
    },
    logout: (session) => logout(wire, session),
    credential: (session) => ({ session }),
  };
}
