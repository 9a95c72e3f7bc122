import { Issues } from '../core/issues.js';
import type { Location, LocationRef, ProductRegisterRequest, RegistrationUnit } from './types.js';
import {
  checkBoolean,
  checkContractNumber,
  checkLocation,
  checkOptionalId,
  checkSerial,
  checkText,
  locationRefIndex,
} from './validation.js';

/** A unit whose location (if any) is resolved to the location object itself. */
export interface ResolvedUnit {
  unit: RegistrationUnit;
  location: Location | undefined;
}

/** Validates a whole registration request (every unit, every location) before anything is sent. */
export function resolveRegistration(request: ProductRegisterRequest): ResolvedUnit[] {
  const issues = new Issues();
  checkOptionalId(issues, request.accountId, 'accountId');
  const locations = request.locations ?? [];
  for (const [i, location] of locations.entries()) checkLocation(issues, location, `locations[${i}]`);
  const units = request.registrationUnits;
  if (!Array.isArray(units) || units.length === 0)
    issues.add('registrationUnits', 'at least one unit is required');
  const seen = new Set<string>();
  const resolved = (Array.isArray(units) ? units : []).map((unit, i) => {
    const field = `registrationUnits[${i}]`;
    checkSerial(issues, unit.serialNumber, `${field}.serialNumber`);
    if (seen.has(unit.serialNumber))
      issues.add(`${field}.serialNumber`, `${unit.serialNumber} is listed twice`);
    seen.add(unit.serialNumber);
    if (unit.contractNumber !== undefined)
      checkContractNumber(issues, unit.contractNumber, `${field}.contractNumber`);
    if (unit.replacedSerialNumber !== undefined)
      checkSerial(issues, unit.replacedSerialNumber, `${field}.replacedSerialNumber`);
    checkText(issues, unit.description, `${field}.description`, false);
    checkText(issues, unit.additionalInfo, `${field}.additionalInfo`, false);
    checkText(issues, unit.cloudKey, `${field}.cloudKey`, false, 64);
    checkBoolean(issues, unit.isGovernment, `${field}.isGovernment`);
    checkOptionalId(issues, unit.folderId, `${field}.folderId`, 0);
    for (const [j, id] of (unit.assetGroupIds ?? []).entries()) {
      checkOptionalId(issues, id, `${field}.assetGroupIds[${j}]`);
    }
    return { unit, location: resolveLocation(issues, unit.location, locations, `${field}.location`) };
  });
  issues.throwIfAny('products.register request');
  return resolved;
}

function resolveLocation(
  issues: Issues,
  location: Location | LocationRef | undefined,
  locations: readonly Location[],
  field: string,
): Location | undefined {
  if (location === undefined) return undefined;
  if ('ref' in location && typeof location.ref === 'string') {
    const index = locationRefIndex(location.ref);
    const target = index === undefined ? undefined : locations[index];
    if (target === undefined)
      issues.add(`${field}.ref`, `${JSON.stringify(location.ref)} does not point into locations`);
    return target;
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
