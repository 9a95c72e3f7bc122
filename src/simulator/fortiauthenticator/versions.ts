/**
 * How write replies changed between FortiAuthenticator versions (facts in
 * `specs/fortiauthenticator/resources.json`, `status_code_variants`):
 * - 4.0 (guide transcript): POST 201 with an empty body and an absolute `Location`; PATCH 202, empty.
 * - 6.x (general response codes page): POST 201 without the object (empty body, `Location`); PATCH 202
 *   with the updated object.
 * - 8.0.0 (a client's notes): POST 201 with the created object.
 * - 8.0.3 (live census): POST to `localusers` is a bulk endpoint answering 207 with a list of per-item
 *   results (status key spelled `statue`), no `Location`.
 * PUT and DELETE answer 204 everywhere.
 */
export interface WriteStyle {
  /** POST reply of a collection. */
  readonly create: 'location' | 'object';
  /** Whether `Location` is an absolute URL (old Django) or a path. */
  readonly absoluteLocation: boolean;
  /** PATCH reply: 202 with the object, or 202 empty. */
  readonly patch: 'object' | 'empty';
  /** Collections whose POST takes one object or a list and answers 207 with per-item results. */
  readonly bulk: ReadonlySet<string>;
}

/** The version served by default: the newest one with recorded behaviour. */
export const DEFAULT_VERSION = '8.0.3';

const NO_BULK: ReadonlySet<string> = new Set();
const BULK_SINCE_8_0_3: ReadonlySet<string> = new Set(['localusers']);

/** Parses `major.minor[.patch]`; throws on anything else. */
export function parseVersion(version: string): [number, number, number] {
  const match = /^(\d+)\.(\d+)(?:\.(\d+))?$/.exec(version);
  if (!match)
    throw new Error(`Invalid FortiAuthenticator version '${version}'; expected e.g. '6.6' or '8.0.3'`);
  return [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)];
}

export function compareVersions(a: string, b: string): number {
  const [x, y] = [parseVersion(a), parseVersion(b)];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return (x[i] as number) - (y[i] as number);
  return 0;
}

export function writeStyle(version: string): WriteStyle {
  if (compareVersions(version, '6.0') < 0) {
    return { create: 'location', absoluteLocation: true, patch: 'empty', bulk: NO_BULK };
  }
  if (compareVersions(version, '8.0') < 0) {
    return { create: 'location', absoluteLocation: false, patch: 'object', bulk: NO_BULK };
  }
  const bulk = compareVersions(version, '8.0.3') >= 0 ? BULK_SINCE_8_0_3 : NO_BULK;
  return { create: 'object', absoluteLocation: false, patch: 'object', bulk };
}

/** The firmware string `systeminfo` reports for a version. */
export function firmwareString(version: string): string {
  const [major, minor, patch] = parseVersion(version);
  return `FACVM v${major}.${minor}.${patch}, build0099 (GA)`;
}
