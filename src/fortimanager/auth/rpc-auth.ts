import type { AuthStrategy, Credential } from '../../core/auth.js';
import { abortable } from '../../core/timeouts.js';
import type { RpcWire } from '../rpc.js';

/**
 * An auth strategy as the JSON-RPC engine uses it: FortiManager answers -11 on every entry both for
 * a session (or API key) it does not accept and for a real "no permission", so the strategy also
 * hears how a replay went, and says whether a credential is still the one to send.
 */
export interface RpcAuth extends AuthStrategy {
  /** False once `credential` was replaced (or is being renewed): a queued call must not send it. */
  isCurrent(credential: Credential): boolean;
  /** A replay on a fresh credential was refused as well: that -11 was a real denial. */
  refusedAgain(): void;
}

/** Asks `/sys/status` on `credential`: true when FortiManager accepts the credential at all. */
export type CredentialCheck = (credential: Credential, signal?: AbortSignal) => Promise<boolean>;

/** The check every admin and API user with any rpc-permit passes. */
export function statusCheck(wire: RpcWire): CredentialCheck {
  return async (credential, signal) => {
    const reply = await wire.post('get', [{ url: '/sys/status' }], {
      credential,
      verbose: false,
      idempotent: true,
      signal,
    });
    return reply.items[0]!.status.code === 0;
  };
}

/** One check at a time per credential, however many refused calls ask. */
export class SharedCheck {
  readonly #check: CredentialCheck;
  #running: { credential: Credential; accepted: Promise<boolean> } | undefined;

  constructor(check: CredentialCheck) {
    this.#check = check;
  }

  accepts(credential: Credential, signal?: AbortSignal): Promise<boolean> {
    if (this.#running?.credential !== credential) {
      const accepted = this.#check(credential).finally(() => {
        if (this.#running?.accepted === accepted) this.#running = undefined;
      });
      this.#running = { credential, accepted };
    }
    // Shared by every waiter: each can stop waiting on its own signal.
    return abortable(this.#running.accepted, signal);
  }
}
