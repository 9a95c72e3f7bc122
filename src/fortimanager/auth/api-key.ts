import { type Credential, StaticAuth } from '../../core/auth.js';
import { AuthError } from '../../core/errors.js';
import { type CredentialCheck, type RpcAuth, SharedCheck } from './rpc-auth.js';

/**
 * An API key, sent as `Authorization: Bearer` (never in the query string), with the optional
 * `access_user` header naming the API user. No session, nothing to renew or close. FortiManager
 * answers a key it does not accept with -11, as it answers a real denial: the first -11 before any
 * call worked is checked against `/sys/status`, and when that is refused too the key is the problem
 * (an AuthError), not the permissions of one URL.
 */
export class ApiKeyAuth implements RpcAuth {
  readonly #static: StaticAuth;
  readonly #check: SharedCheck;
  /** The product in messages (`FortiManager`, `FortiAnalyzer`). */
  readonly #label: string;
  #working = false;

  constructor(apiKey: string, accessUser: string | undefined, check: CredentialCheck, label: string) {
    this.#label = label;
    const headers: Record<string, string> = { authorization: `Bearer ${apiKey}` };
    if (accessUser !== undefined) headers.access_user = accessUser;
    this.#static = new StaticAuth(headers, accessUser);
    this.#check = new SharedCheck(check);
  }

  get user(): string | undefined {
    return this.#static.user;
  }

  authorize(): Promise<Credential> {
    return this.#static.authorize();
  }

  current(): Credential {
    return this.#static.current();
  }

  accepted(): void {
    this.#working = true;
  }

  isCurrent(): boolean {
    return true;
  }

  refusedAgain(): void {}

  async renew(used: Credential, signal?: AbortSignal): Promise<boolean> {
    if (this.#working) return false;
    if (!(await this.#check.accepts(used, signal))) {
      const who = this.user === undefined ? '' : ` (access_user ${this.user})`;
      throw new AuthError(
        `${this.#label} refused the API key${who}: /sys/status answers -11 as well; check that the key is ` +
          "valid and not expired, that this host is among the API user's trusted hosts, the access_user " +
          'name, and that the API user has an rpc-permit',
        { details: { code: -11, user: this.user } },
      );
    }
    this.#working = true;
    return false;
  }

  close(): Promise<void> {
    return this.#static.close();
  }
}
