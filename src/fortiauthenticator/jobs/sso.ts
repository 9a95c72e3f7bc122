/** FortiSSO events: tell FortiAuthenticator who logged on or off at which address (`/ssoauth/`). */
import type { CallOptions } from '../../core/client-options.js';
import type { FacResourceSource } from './api.js';

export interface FacSsoEvent {
  username: string;
  /** The user's IPv4 or IPv6 address. */
  ip: string;
  /** Groups of a user that is not local (sent `+`-separated); local users bring their own. */
  groups?: readonly string[] | undefined;
}

export class FacSso {
  readonly #fac: FacResourceSource;

  constructor(fac: FacResourceSource) {
    this.#fac = fac;
  }

  /**
   * The user logged on at `ip` (a logon from the same address replaces whoever was there).
   * FortiAuthenticator queues it for FSSO: success is not proof that FortiGates saw it yet.
   */
  logon(event: FacSsoEvent, options: CallOptions = {}): Promise<void> {
    return this.#send(1, event, options);
  }

  logoff(event: FacSsoEvent, options: CallOptions = {}): Promise<void> {
    return this.#send(0, event, options);
  }

  async #send(type: 0 | 1, event: FacSsoEvent, options: CallOptions): Promise<void> {
    const v6 = event.ip.includes(':');
    await this.#fac.resource('ssoauth').post(
      {
        event: type,
        username: event.username,
        ...(v6 ? { user_ipv6: event.ip } : { user_ip: event.ip }),
        ...(event.groups && event.groups.length > 0 ? { user_groups: event.groups.join('+') } : {}),
      },
      options,
    );
  }
}
