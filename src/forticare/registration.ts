import { isRecord } from '../core/guards.js';
import type { Issues } from '../core/issues.js';
import { REQUEST_KEYS } from './request-keys.js';
import type { Location, ProductRegisterRequest, RegistrationUnit } from './types.js';
import {
  checkBoolean,
  checkContractNumber,
  checkKeys,
  checkList,
  checkLocation,
  checkOptionalId,
  checkSerial,
  checkText,
  locationRefIndex,
  requestIssues,
} from './validation.js';

/** A unit whose location (if any) is resolved to the location object itself. */
export interface ResolvedUnit {
  unit: RegistrationUnit;
  location: Location | undefined;
}

/** Validates a whole registration request (every unit, every location) before anything is sent. */
export function resolveRegistration(request: ProductRegisterRequest, options?: unknown): ResolvedUnit[] {
  const what = 'products.register request';
  const issues = requestIssues(request, REQUEST_KEYS.productsRegister, options, what);
  checkOptionalId(issues, request.accountId, 'accountId');
  const locations: unknown[] = [];
  if (request.locations !== undefined && checkList(issues, request.locations, 'locations')) {
    locations.push(...request.locations);
    for (const [i, location] of locations.entries()) checkLocation(issues, location, `locations[${i}]`);
  }
  const units: unknown = request.registrationUnits;
  if (!Array.isArray(units) || units.length === 0)
    issues.add('registrationUnits', 'at least one unit is required');
  const seen = new Set<string>();
  const resolved: ResolvedUnit[] = [];
  for (const [i, unit] of (Array.isArray(units) ? units : []).entries()) {
    const field = `registrationUnits[${i}]`;
    if (!isRecord(unit)) {
      issues.add(field, 'a unit object ({ serialNumber, ... }) is required');
      continue;
    }
    resolved.push({
      unit: unit as unknown as RegistrationUnit,
      location: checkUnit(issues, unit, field, seen, locations),
    });
  }
  issues.throwIfAny(what);
  return resolved;
}

function checkUnit(
  issues: Issues,
  unit: Record<string, unknown>,
  field: string,
  seen: Set<string>,
  locations: readonly unknown[],
): Location | undefined {
  checkKeys(issues, unit, REQUEST_KEYS.registrationUnit, field);
  checkSerial(issues, unit.serialNumber, `${field}.serialNumber`);
  if (typeof unit.serialNumber === 'string') {
    if (seen.has(unit.serialNumber))
      issues.add(`${field}.serialNumber`, `${unit.serialNumber} is listed twice`);
    seen.add(unit.serialNumber);
  }
  if (unit.contractNumber !== undefined)
    checkContractNumber(issues, unit.contractNumber, `${field}.contractNumber`);
  if (unit.replacedSerialNumber !== undefined)
    checkSerial(issues, unit.replacedSerialNumber, `${field}.replacedSerialNumber`);
  checkText(issues, unit.description, `${field}.description`, false);
  checkText(issues, unit.additionalInfo, `${field}.additionalInfo`, false);
  checkText(issues, unit.cloudKey, `${field}.cloudKey`, false, 64);
  checkBoolean(issues, unit.isGovernment, `${field}.isGovernment`);
  checkOptionalId(issues, unit.folderId, `${field}.folderId`, 0);
  if (unit.assetGroupIds !== undefined && checkList(issues, unit.assetGroupIds, `${field}.assetGroupIds`)) {
    for (const [j, id] of unit.assetGroupIds.entries())
      checkOptionalId(issues, id, `${field}.assetGroupIds[${j}]`);
  }
  return resolveLocation(issues, unit.location, locations, `${field}.location`);
}

function resolveLocation(
  issues: Issues,
  location: unknown,
  locations: readonly unknown[],
  field: string,
): Location | undefined {
  if (location === undefined) return undefined;
  if (isRecord(location) && 'ref' in location) {
    checkKeys(issues, location, REQUEST_KEYS.locationRef, field);
    const index = typeof location.ref === 'string' ? locationRefIndex(location.ref) : undefined;
    const target = index === undefined ? undefined : locations[index];
    if (target === undefined)
      issues.add(`${field}.ref`, `${JSON.stringify(location.ref)} does not point into locations`);
    return target as Location | undefined;
  }
  checkLocation(issues, location, field);
  return location as Location;
}

/** The request body for one chunk: its own `locations`, referenced as `#/locations/N`. */
export function registrationBody(
  chunk: readonly ResolvedUnit[],
  accountId: number | undefined,
): ProductRegisterRequest {
  const locations: Location[] = [];
  const index = new Map<Location, number>();
  const registrationUnits = chunk.map(({ unit, location }) => {
    if (location === undefined) return unit;
    let at = index.get(location);
    if (at === undefined) {
      at = locations.push(location) - 1;
      index.set(location, at);
    }
    return { ...unit, location: { ref: `#/locations/${at}` } };
  });
  const body: ProductRegisterRequest = { registrationUnits };
  if (locations.length > 0) body.locations = locations;
  if (accountId !== undefined) body.accountId = accountId;
  return body;
}
