import {
  type AuthRequest,
  type Credential,
  SessionAuth,
  type SessionAuthOptions,
  type SessionLogin,
} from '../../core/auth.js';
import { type CredentialCheck, type RpcAuth, SharedCheck } from './rpc-auth.js';

/**
 * A FortiManager session (password or FortiManager Cloud login) on the core `SessionAuth`: -11 on
 * a session that has worked means it went stale, so it is renewed once and the call replayed. Once
 * such a replay is refused too (the -11 was a real "no permission"), later -11s on a working session
 * are first checked against `/sys/status` on that same session: when it still answers, the -11 is
 * the denial it says, and no login is spent on it.
 */
export class RpcSessionAuth implements RpcAuth {
  readonly #session: SessionAuth;
  readonly #check: SharedCheck;
  /** The secret of the last session a reply was accepted on. */
  #working: string | undefined;
  /** A replay on a fresh session was refused: a -11 is not always a stale session. */
  #doubtful = false;

  constructor(login: SessionLogin, options: SessionAuthOptions, check: CredentialCheck) {
    this.#session = new SessionAuth(login, { ...options, renewOnlyVerified: true });
    this.#check = new SharedCheck(check);
  }

  get user(): string | undefined {
    return this.#session.user;
  }

  authorize(request: AuthRequest, signal?: AbortSignal): Promise<Credential> {
    return this.#session.authorize(request, signal);
  }

  current(): Credential | undefined {
    return this.#session.current();
  }

  accepted(used: Credential): void {
    this.#session.accepted(used);
    if (this.isCurrent(used)) this.#working = used.session;
  }

  isCurrent(credential: Credential): boolean {
    return credential.session !== undefined && credential.session === this.#session.secret;
  }

  refusedAgain(): void {
    this.#doubtful = true;
  }

  async renew(used: Credential, signal?: AbortSignal): Promise<boolean> {
    if (
      this.#doubtful &&
      this.isCurrent(used) &&
      used.session === this.#working &&
      (await this.#check.accepts(used, signal))
    ) {
      return false;
    }
    return this.#session.renew(used, signal);
  }

  close(): Promise<void> {
    return this.#session.close();
  }
}
