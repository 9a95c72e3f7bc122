/** State the resource hooks share beyond the stored objects. */

/** A code sent by e-mail or SMS (`sendoobtoken`), valid once until `expiresAt`. */
export interface PendingCode {
  readonly code: string;
  readonly expiresAt: number;
}

/** A FortiSSO logon, keyed by the user's IP address. */
export interface SsoSession {
  readonly username: string;
  readonly ip: string;
  readonly groups: readonly string[];
  readonly since: number;
}

export class FacServices {
  /** The next `n` FortiToken Mobile activations answer 400 although the user is created and mailed. */
  activationFailures = 0;
  /** Whether the SSO web service is on (`/ssoauth/` answers 404 when it is off). */
  ssoEnabled = true;
  readonly codes = new Map<number, PendingCode>();
  readonly sso = new Map<string, SsoSession>();
}

export const CODE_LIFETIME_MS = 5 * 60_000;

/** A 6-digit code. */
export function randomCode(random: () => number): string {
  return String(Math.floor(random() * 1_000_000)).padStart(6, '0');
}
