import type { SessionLogin } from '../../core/auth.js';
import { AuthError, ProtocolError } from '../../core/errors.js';
import { isRecord } from '../../core/guards.js';
import type { Runtime } from '../../core/runtime.js';

/**
 * Username/password login: `POST /auth/authenticate` answers a JWT (valid about 30 minutes), sent
 * as `Authorization: Bearer <token>`; `POST /api/3/logout` ends it.
 */
export function jwtLogin(runtime: Runtime, username: string, password: string): SessionLogin {
  return {
    user: username,
    async login() {
      const reply = await runtime.transport.requestJson({
        method: 'POST',
        path: '/auth/authenticate',
        json: { credentials: { loginid: username, password } },
        allowEmpty: true,
      });
      const token = isRecord(reply.data) ? reply.data.token : undefined;
      if (reply.status === 401 || reply.status === 403) {
        throw new AuthError(
          `FortiSOAR refused the login of user '${username}' (HTTP ${reply.status}): check the username and password`,
          { details: { status: reply.status } },
        );
      }
      if (reply.status >= 400 || typeof token !== 'string' || token === '') {
        throw new ProtocolError(`FortiSOAR login answered HTTP ${reply.status} without a token`, {
          status: reply.status,
          contentType: 'application/json',
        });
      }
      return token;
    },
    async logout(token) {
      await runtime.transport.request({
        method: 'POST',
        path: '/api/3/logout',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: '{}',
        timeoutMs: 10_000,
      });
    },
    credential: (token) => ({ headers: { authorization: `Bearer ${token}` } }),
  };
}
