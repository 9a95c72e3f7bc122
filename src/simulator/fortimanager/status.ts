/**
 * FortiManager JSON-RPC status codes used by the simulator.
 *
 * Where each one comes from (facts only):
 * - 0 "OK", -11 "No permission for the resource": the FortiManager JSON-RPC seed (login with
 *   rpc-permit none, writes with rpc-permit read, writes outside the admin's ADOMs).
 * - -2 "Object already exists", -3 "Object does not exist": FortiManager's replies to add on an
 *   existing key and update/delete of a missing key.
 * - -6 "Invalid url": public issue reports (fortinet-ansible-dev/ansible-galaxy-fortimanager-collection
 *   #92, the delete of a package that is not there, and #112); also what a workspace lock on an ADOM
 *   that does not exist returns, and a package path that names no package (the how-to book).
 * - -10 "The data is invalid for selected url": public issue reports (ftntcorecse/fndn_ansible #9,
 *   ansible-galaxy-fortimanager-collection #9 and #79). The simulator appends which attribute was wrong.
 *   It also refuses with it the delete of a policy-package folder that still holds something (that the
 *   delete is refused is known, its code and message are not).
 * - -9: what a workspace lock/commit/unlock returns when workspace mode is disabled (noted in the
 *   FortiSOAR FortiManager JSON-RPC connector's lock handling). The simulator also uses it for an
 *   unknown JSON-RPC method; that use and both messages are not confirmed.
 * - -10147 "no write permission": a write without the workspace lock in workspace mode (ansible/ansible
 *   #65915; the connector's live lock probe records it on 7.6).
 * - -20055 "Workspace is locked by other user": the message is what FortiManager answers when a second
 *   session locks a locked ADOM (ansible-galaxy-fortimanager-collection #78, Callidus2000/FortiManager
 *   lock tests). The number is NOT confirmed by public material; it is chosen in the -20xxx range that
 *   FortiManager uses for workspace/ADOM errors (e.g. -20063 on ADOM deletion).
 * - -20063 "Unable to delete because one or more devices in Device Manager": deleting an ADOM that still
 *   has devices (how-to-fortimanager-api, ADOM management).
 * - -22 "Login fail": a wrong user name or password. Not confirmed by public material.
 * - -1: a request the simulator cannot parse (malformed JSON, no params). Not confirmed.
 */
export const FmgCode = {
  ok: 0,
  internal: -1,
  exists: -2,
  notFound: -3,
  invalidUrl: -6,
  invalidMethod: -9,
  invalidData: -10,
  noPermission: -11,
  loginFail: -22,
  noWritePermission: -10147,
  lockedByOther: -20055,
  adomHasDevices: -20063,
} as const;

const MESSAGES: Readonly<Record<number, string>> = {
  [FmgCode.ok]: 'OK',
  [FmgCode.internal]: 'Internal error',
  [FmgCode.exists]: 'Object already exists',
  [FmgCode.notFound]: 'Object does not exist',
  [FmgCode.invalidUrl]: 'Invalid url',
  [FmgCode.invalidMethod]: 'Invalid method',
  [FmgCode.invalidData]: 'The data is invalid for selected url',
  [FmgCode.noPermission]: 'No permission for the resource',
  [FmgCode.loginFail]: 'Login fail',
  [FmgCode.noWritePermission]: 'no write permission',
  [FmgCode.lockedByOther]: 'Workspace is locked by other user',
  [FmgCode.adomHasDevices]: 'Unable to delete because one or more devices in Device Manager',
};

export interface FmgStatus {
  code: number;
  message: string;
}

export const OK_STATUS: FmgStatus = Object.freeze({ code: 0, message: 'OK' });

/** A per-param failure; thrown by handlers and turned into `{status, url}` by the dispatcher. */
export class FmgFailure extends Error {
  readonly code: number;

  constructor(code: number, detail?: string) {
    const base = MESSAGES[code] ?? 'Error';
    super(detail ? `${base}: ${detail}` : base);
    this.code = code;
  }

  get status(): FmgStatus {
    return { code: this.code, message: this.message };
  }
}

/** Shorthand for `throw new FmgFailure(code, detail)` in expressions. */
export function fail(code: number, detail?: string): never {
  throw new FmgFailure(code, detail);
}
