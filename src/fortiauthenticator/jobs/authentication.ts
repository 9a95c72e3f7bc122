/**
 * Checking a user's credentials: password and/or token code (`/auth/` for local users,
 * `/realmauth/` for local, LDAP and RADIUS users by realm), push authentication and the answer
 * FortiToken Mobile gives to a push.
 */
import type { CallOptions } from '../../core/client-options.js';
import { NotFoundError } from '../../core/errors.js';
import { FacCredentialsRejectedError } from '../errors.js';
import type { FacResourceSource } from './api.js';

export interface FacCredentials {
  username: string;
  password?: string | undefined;
  /** FortiToken, e-mail or SMS code (send an e-mail/SMS code first with the user's `sendoobtoken`). */
  tokenCode?: string | undefined;
  /** Validate in this realm (`/realmauth/`); without it, local users only (`/auth/`). */
  realm?: string | undefined;
}

export type FacAuthResult =
  | {
      readonly ok: true /** The user must change the password (realmauth, 6.3+: HTTP 202). */;
      readonly passwordChangeRequired: boolean;
    }
  | { readonly ok: false; readonly reason: 'rejected' | 'unknown-user' };

export interface FacPushRequest {
  username: string;
  /** Required when more than one user has this name. */
  realm?: string | undefined;
  userIp?: string | undefined;
  /** The user's account in the system asking. */
  account?: string | undefined;
  userAgent?: string | undefined;
  logMessage?: string | undefined;
  /** When the login happened (UTC); default now. */
  timestamp?: Date | undefined;
}

export type FacPushResponse =
  | { sessionId: string; action: 'validate'; tokenCode: string }
  | { sessionId: string; action: 'alert'; message: string; hmac: string };

export class FacAuthentication {
  readonly #fac: FacResourceSource;

  constructor(fac: FacResourceSource) {
    this.#fac = fac;
  }

  /**
   * Validates what is given (the password first, then the token code).
   *
   * @example
   * const result = await fac.authenticate({ username: 'alice', password, tokenCode: '123456' });
   * if (!result.ok) console.log(result.reason);
   */
  async authenticate(credentials: FacCredentials, options: CallOptions = {}): Promise<FacAuthResult> {
    const { username, password, tokenCode, realm } = credentials;
    const body = { username, password, token_code: tokenCode };
    try {
      if (realm === undefined) {
        await this.#fac.resource('auth').post(body, options);
        return { ok: true, passwordChangeRequired: false };
      }
      const reply = await this.#fac.resource('realmauth').postReply({ ...body, realm }, options);
      return { ok: true, passwordChangeRequired: reply.status === 202 };
    } catch (error) {
      if (error instanceof FacCredentialsRejectedError) return { ok: false, reason: 'rejected' };
      if (error instanceof NotFoundError) return { ok: false, reason: 'unknown-user' };
      throw error;
    }
  }

  /**
   * Sends a push to the user's FortiToken Mobile and resolves once the user answered: `approved`
   * false when denied or unanswered. A user without FortiToken Mobile is a NotFoundError. Give a
   * `timeoutMs` longer than the appliance waits for the phone.
   */
  async push(request: FacPushRequest, options: CallOptions = {}): Promise<{ approved: boolean }> {
    const body = {
      username: request.username,
      realm: request.realm,
      user_ip: request.userIp,
      account: request.account,
      user_agent: request.userAgent,
      log_message: request.logMessage,
      timestamp: (request.timestamp ?? new Date()).toISOString(),
    };
    try {
      await this.#fac.resource('pushauth').post(body, options);
      return { approved: true };
    } catch (error) {
      if (error instanceof FacCredentialsRejectedError) return { approved: false };
      throw error;
    }
  }

  /** Answers a push as FortiToken Mobile does; false when the code (or session) was refused. */
  async pushResponse(response: FacPushResponse, options: CallOptions = {}): Promise<boolean> {
    const body =
      response.action === 'validate'
        ? { session_id: response.sessionId, action: 'validate' as const, token_code: response.tokenCode }
        : {
            session_id: response.sessionId,
            action: 'alert' as const,
            message: response.message,
            hmac: response.hmac,
          };
    try {
      await this.#fac.resource('pushauthresp').post(body, options);
      return true;
    } catch (error) {
      if (error instanceof FacCredentialsRejectedError) return false;
      throw error;
    }
  }
}
