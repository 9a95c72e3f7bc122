import type { SessionLogin } from '../../core/auth.js';
import { AuthError, ProtocolError } from '../../core/errors.js';
import type { RpcWire } from '../rpc.js';

/** Opens a session with `exec sys/login/user` and closes it with `exec sys/logout`; `label` names the product in errors. */
export function passwordLogin(wire: RpcWire, user: string, password: string, label: string): SessionLogin {
  return {
    user,
    async login() {
      const reply = await wire.post('exec', [{ url: 'sys/login/user', data: { user, passwd: password } }], {
        login: true,
        verbose: false,
        idempotent: false,
      });
      const status = reply.items[0]!.status;
      if (status.code !== 0) {
        const hint =
          status.code === -11
            ? 'the admin needs rpc-permit read or read-write'
            : 'check the user name and password';
        throw new AuthError(
          `${label} refused the login of '${user}': ${status.message} (code ${status.code}); ${hint}`,
          { details: { code: status.code, user } },
        );
      }
      return sessionId(reply.session, 'sys/login/user');
    },
    logout: (session) => logout(wire, session),
    credential: (session) => ({ session }),
  };
}

/** `exec sys/logout` on `session`; a non-zero status is an AuthError (logged by the caller, not retried). */
export async function logout(wire: RpcWire, session: string): Promise<void> {
  const reply = await wire.post('exec', [{ url: 'sys/logout' }], {
    credential: { session },
    verbose: false,
    idempotent: false,
  });
  const status = reply.items[0]!.status;
  if (status.code !== 0)
    throw new AuthError(`FortiManager logout answered ${status.message} (code ${status.code})`);
}

/** The session id of a login reply, or a ProtocolError. */
export function sessionId(value: unknown, where: string): string {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number') return String(value);
  throw new ProtocolError(`FortiManager ${where} succeeded but returned no session id`, {
    status: 200,
    contentType: 'application/json',
  });
}
