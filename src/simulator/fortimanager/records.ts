/** What the simulated FortiManager keeps besides its database: revisions, script logs, files. */

/** A device configuration revision (`/deployment/...`). */
export interface DeviceRevision {
  readonly revision: number;
  readonly time: number;
  readonly user: string;
  readonly comments: string;
  readonly tag: string;
  readonly extra: string;
  readonly content: string;
}

/** A file of `/pm/config/global/_external/resource`. */
export interface ExternalResource {
  readonly content: string;
  readonly modified: number;
}

/** An object or system template revision (`_objrev`), recorded by a write with a `revision note`. */
export interface Revision {
  readonly version: number;
  readonly act: number;
  readonly key: string;
  readonly note: string;
  readonly user: string;
  readonly config: string;
  readonly oid: number;
  readonly url: string;
  readonly timestamp: number;
}

/** The log of one script run on one target. */
export interface ScriptLog {
  readonly logId: number;
  readonly adom: string;
  readonly script: string;
  readonly target: string;
  readonly time: number;
  readonly content: string;
}
