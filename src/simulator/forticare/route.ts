import type { SimApiUser } from '../forticloud/users.js';
import type { SimLimits } from './limits.js';
import { CODE, denied, failed, invalid, SimFailure } from './reply.js';
import type { FortiCareState, SimAsset } from './state.js';

/** What a route handler sees: the database, the caller and its JSON body. */
export interface RouteContext {
  readonly state: FortiCareState;
  readonly user: SimApiUser;
  readonly body: Record<string, unknown>;
  readonly now: number;
  readonly limits: SimLimits;
  readonly pageSize: number;
  readonly defaultAccountId: number;
}

export interface RouteResult {
  payload: Record<string, unknown>;
  /** A batch with per-unit failures: status 2 "Failed", with every unit's result. */
  unitsFailed?: boolean;
  /** The envelope's message when it is not the usual one (`products/details`: "Success"). */
  message?: string;
}

export interface Route {
  /** Needs the read-write permission profile. */
  readonly write: boolean;
  /** The endpoint's fields as they appear (empty) in an error reply. */
  readonly empty: Record<string, unknown>;
  handle(c: RouteContext): RouteResult;
}

/** Accounts the API user reaches. */
export function accountsOf(c: RouteContext): number[] {
  if (c.user.scope === 'local') return [c.user.accountId ?? c.defaultAccountId];
  return c.user.accountIds ? [...c.user.accountIds] : [...c.state.accounts.keys()];
}

/** The account a request acts on: `accountId` (mandatory for Organization scope) or the user's home account. */
export function targetAccount(c: RouteContext, key = 'accountId'): number {
  const given = c.body[key];
  if (given === undefined || given === null) {
    if (c.user.scope === 'org') throw invalid(`${key} is required for API users with Organization scope.`);
    return c.user.accountId ?? c.defaultAccountId;
  }
  if (!Number.isSafeInteger(given)) throw invalid(`${key} must be a number.`, CODE.invalidValue);
  if (!c.state.accounts.has(given as number)) throw invalid(`Invalid ${key}.`, CODE.invalidValue);
  if (!accountsOf(c).includes(given as number)) throw denied();
  return given as number;
}

/** The product with this serial number among the user's accounts, or a 301 failure. */
export function findAsset(c: RouteContext, serialNumber: string): SimAsset {
  const asset = c.state.assets.get(serialNumber);
  if (!asset || !accountsOf(c).includes(asset.accountId))
    throw failed(`Serial number ${serialNumber} is not found.`);
  return asset;
}

export function requiredString(c: RouteContext, key: string): string {
  const value = c.body[key];
  if (typeof value !== 'string' || value.trim() === '') throw invalid(`${key} is required.`);
  return value;
}

export function optionalString(c: RouteContext, key: string): string | undefined {
  const value = c.body[key];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw invalid(`${key} must be a string.`, CODE.invalidValue);
  return value;
}

export function requiredInt(c: RouteContext, key: string): number {
  const value = c.body[key];
  if (value === undefined || value === null) throw invalid(`${key} is required.`);
  if (!Number.isSafeInteger(value)) throw invalid(`${key} must be an integer.`, CODE.invalidValue);
  return value as number;
}

/** `serialNumbers`: a non-empty array of strings, at most one batch long. */
export function serialList(c: RouteContext): string[] {
  const value = c.body.serialNumbers;
  if (!Array.isArray(value) || value.length === 0) throw invalid('serialNumbers is required.');
  if (value.length > c.limits.unitsPerBatch) {
    throw invalid(
      `The number of serial numbers exceeds the limit of ${c.limits.unitsPerBatch}.`,
      CODE.invalidValue,
    );
  }
  if (!value.every((s) => typeof s === 'string' && s !== ''))
    throw invalid('serialNumbers must be strings.', CODE.invalidValue);
  return value as string[];
}

/** A per-unit result in the shape FortiCare uses (unknown fields null). */
export function unitResult(
  serialNumber: string,
  status: number,
  message: string,
  extra: Record<string, unknown> = {},
) {
  return {
    description: null,
    entitlements: null,
    isDecommissioned: false,
    productModel: null,
    registrationDate: null,
    serialNumber,
    warrantySupports: null,
    assetGroups: null,
    contracts: null,
    productModelEoR: null,
    productModelEoS: null,
    additionalInfo: null,
    contractNumber: null,
    contractTerms: null,
    location: null,
    sku: null,
    folderId: 0,
    folderPath: null,
    ...extra,
    message,
    status,
  };
}

/** Runs `work` for each serial; a refusal becomes that unit's failure (status 2), not the request's. */
export function perSerial(serials: string[], work: (serial: string) => string): RouteResult {
  const assets = serials.map((serial) => {
    try {
      return unitResult(serial, 0, work(serial));
    } catch (error) {
      if (!(error instanceof SimFailure)) throw error;
      return unitResult(serial, 2, error.detail);
    }
  });
  return { payload: { assets }, unitsFailed: assets.some((a) => a.status !== 0) };
}
