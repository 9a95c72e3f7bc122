import { ISO_COUNTRY_CODES } from '../../forticare/countries.js';
import type { Location } from '../../forticare/types.js';
import { needsCloudKey, parseFcDate } from './generate.js';
import { CODE, denied, failed, invalid } from './reply.js';
import {
  accountsOf,
  findAsset,
  optionalString,
  perSerial,
  type Route,
  type RouteContext,
  type RouteResult,
  requiredInt,
  requiredString,
  serialList,
  targetAccount,
  unitResult,
} from './route.js';
import type { SimAsset } from './state.js';
import { assetView, detailsView } from './views.js';

const LOCATION_REF = /^#\/locations\/(\d+)$/;

const list: Route = {
  write: false,
  empty: { assets: null, pageNumber: 0, totalPages: 0 },
  handle(c) {
    const serialNumber = optionalString(c, 'serialNumber');
    const expireBefore = optionalString(c, 'expireBefore');
    if (serialNumber === undefined && expireBefore === undefined) {
      throw invalid('Both serialNumber and expireBefore cannot be empty at the same time.');
    }
    const expiry = expireBefore === undefined ? undefined : parseFcDate(expireBefore);
    if (Number.isNaN(expiry))
      throw invalid('expireBefore must be a date time in ISO 8601 format.', CODE.invalidValue);
    const status = optionalString(c, 'status') ?? 'Registered';
    if (status !== 'Registered' && status !== 'Pending')
      throw invalid('status must be Registered or Pending.', CODE.invalidValue);
    const model = optionalString(c, 'productModel')?.toLowerCase();
    const page = c.body.pageNumber === undefined ? 1 : requiredInt(c, 'pageNumber');
    if (page < 1) throw invalid('pageNumber must be 1 or more.', CODE.invalidValue);
    const account = targetAccount(c);
    const pattern = serialNumber === undefined ? undefined : likePattern(serialNumber);
    const matches =
      status === 'Pending'
        ? []
        : [...c.state.assets.values()]
            .filter(
              (a) =>
                a.accountId === account &&
                (pattern === undefined || pattern.test(a.serialNumber)) &&
                (model === undefined || a.productModel.toLowerCase().includes(model)) &&
                (expiry === undefined || a.entitlements.some((e) => parseFcDate(e.endDate) < expiry)),
            )
            .sort((a, b) => (a.serialNumber < b.serialNumber ? -1 : 1));
    const totalPages = Math.ceil(matches.length / c.pageSize);
    const slice = matches.slice((page - 1) * c.pageSize, page * c.pageSize);
    return { payload: { assets: slice.map((a) => assetView(c.state, a)), pageNumber: page, totalPages } };
  },
};

const details: Route = {
  write: false,
  empty: { assetDetails: null },
  handle: (c) => ({
    payload: { assetDetails: detailsView(c.state, findAsset(c, requiredString(c, 'serialNumber'))) },
    message: 'Success',
  }),
};

const register: Route = {
  write: true,
  empty: { assets: null },
  handle(c) {
    const units = c.body.registrationUnits;
    if (!Array.isArray(units) || units.length === 0) throw invalid('registrationUnits is required.');
    if (units.length > c.limits.unitsPerBatch) {
      throw invalid(
        `The number of registration units exceeds the limit of ${c.limits.unitsPerBatch}.`,
        CODE.invalidValue,
      );
    }
    const locations = Array.isArray(c.body.locations) ? (c.body.locations as unknown[]) : [];
    const account = targetAccount(c);
    const checked = units.map((unit, i) => checkUnit(c, unit, i, locations));
    let failures = 0;
    const assets = checked.map(({ unit, location }) => {
      if (failures >= c.limits.errorsPerBatch) {
        return unitResult(
          unit.serialNumber,
          -1,
          `Not processed: the batch stopped after ${c.limits.errorsPerBatch} failed units.`,
        );
      }
      const result = registerUnit(c, account, unit, location);
      if (result.status !== 0) failures++;
      return result;
    });
    return { payload: { assets }, unitsFailed: failures > 0 || assets.some((a) => a.status !== 0) };
  },
};

interface Unit {
  serialNumber: string;
  cloudKey?: string;
  contractNumber?: string;
  description?: string;
  additionalInfo?: string;
  isGovernment?: boolean;
  folderId?: number;
}

function checkUnit(
  c: RouteContext,
  raw: unknown,
  i: number,
  locations: unknown[],
): { unit: Unit; location: Location | undefined } {
  const unit = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  if (typeof unit.serialNumber !== 'string' || unit.serialNumber === '') {
    throw invalid(`serialNumber is required for registration units[${i}].`, CODE.invalidValue);
  }
  // A serial already registered is reported as such (per unit) before its cloud key is looked at (recorded).
  if (
    unit.cloudKey !== undefined &&
    !c.state.assets.has(unit.serialNumber) &&
    (typeof unit.cloudKey !== 'string' || !/^[A-Z0-9]{8}$/.test(unit.cloudKey))
  ) {
    throw invalid(`Invalid cloud key provided for registration units[${i}]. `, CODE.invalidValue);
  }
  let location: Location | undefined;
  const ref = (unit.location as { ref?: unknown } | undefined)?.ref;
  if (unit.location !== undefined) {
    const match = typeof ref === 'string' ? LOCATION_REF.exec(ref) : null;
    location = match ? (locations[Number(match[1])] as Location | undefined) : undefined;
    if (!location)
      throw invalid(`Invalid location reference for registration units[${i}].`, CODE.invalidValue);
    checkCountry(location, `registration units[${i}]`);
  }
  return { unit: unit as unknown as Unit, location };
}

function checkCountry(location: Location, where: string): void {
  if (!location.countryCode || !ISO_COUNTRY_CODES.has(location.countryCode)) {
    throw invalid(`Invalid countryCode for ${where}: use ISO 3166 Alpha-2 codes.`, CODE.invalidValue);
  }
}

function registerUnit(c: RouteContext, account: number, unit: Unit, location: Location | undefined) {
  const fail = (message: string) => unitResult(unit.serialNumber, 2, message);
  const { state } = c;
  const contract = unit.contractNumber === undefined ? undefined : state.contracts.get(unit.contractNumber);
  if (unit.contractNumber !== undefined) {
    if (
      !contract ||
      contract.accountId !== account ||
      contract.kind !== 'support' ||
      contract.serialNumber !== null
    ) {
      return fail(`Contract-> Contract number ${unit.contractNumber} is invalid or already registered.`);
    }
  }
  let asset = state.assets.get(unit.serialNumber);
  if (asset) {
    if (asset.accountId !== account) return fail('Product-> Product is registered to another account.');
    if (!contract)
      return fail(
        'Product-> Product already registered, but no contract associated with request. Please check again.',
      );
  } else {
    const model = state.inventory.get(unit.serialNumber);
    if (!model) return fail(`Product-> Serial number ${unit.serialNumber} is not valid for registration.`);
    if (needsCloudKey(model) && unit.cloudKey === undefined)
      return fail('Product-> FortiCloud Key is Required.');
    const folder = unit.folderId === undefined ? undefined : state.folders.get(unit.folderId);
    if (unit.folderId !== undefined && folder?.accountId !== account)
      return fail('Product-> Invalid folder id.');
    asset = state.newAsset(unit.serialNumber, model, account, c.now);
    asset.description = unit.description ?? '';
    asset.additionalInfo = unit.additionalInfo ?? '';
    asset.isGovernment = unit.isGovernment === true;
    asset.location = location ? { ...location } : null;
    if (folder) asset.folderId = folder.folderId;
    state.inventory.delete(unit.serialNumber);
    state.assets.set(asset.serialNumber, asset);
  }
  if (contract) state.applyContract(asset, contract, c.now);
  // A registered unit answers the keys a refused one does (recorded), filled in.
  const details = detailsView(state, asset);
  return unitResult(asset.serialNumber, 0, 'Product-> Registered successfully.', {
    description: details.description,
    entitlements: details.entitlements,
    isDecommissioned: details.isDecommissioned,
    productModel: details.productModel,
    registrationDate: details.registrationDate,
    warrantySupports: details.warrantySupports,
    assetGroups: details.assetGroups,
    contracts: details.contracts,
    additionalInfo: asset.additionalInfo,
    contractNumber: contract?.contractNumber ?? null,
    contractTerms: asset.contracts.at(-1)?.terms ?? null,
    location: details.location,
    sku: contract?.contractSKU ?? null,
    folderId: details.folderId,
    folderPath: details.folderPath,
  });
}

const description: Route = {
  write: true,
  empty: {},
  handle(c) {
    const asset = findAsset(c, requiredString(c, 'serialNumber'));
    const text = c.body.description;
    if (typeof text !== 'string') throw invalid('description is required.');
    asset.description = text;
    return { payload: {} };
  },
};

const location: Route = {
  write: true,
  empty: {},
  handle(c) {
    const asset = findAsset(c, requiredString(c, 'serialNumber'));
    const loc = c.body.location;
    if (typeof loc !== 'object' || loc === null) throw invalid('location is required.');
    checkCountry(loc as Location, 'location');
    asset.location = { ...(loc as Location) };
    return { payload: {} };
  },
};

const folder: Route = {
  write: true,
  empty: { assets: null },
  handle(c) {
    const folderId = requiredInt(c, 'folderId');
    const serials = serialList(c);
    const target = c.state.folders.get(folderId);
    if (!target || !accountsOf(c).includes(target.accountId)) throw failed('Invalid folder id.');
    return perSerial(serials, (serial) => {
      const asset = findAsset(c, serial);
      if (asset.accountId !== target.accountId)
        throw failed('Product-> The product and the folder are in different accounts.');
      asset.folderId = folderId;
      return 'Product-> Moved to folder.';
    });
  },
};

const decommission: Route = {
  write: true,
  empty: { assets: null },
  handle(c) {
    return perSerial(serialList(c), (serial) => {
      const asset = findAsset(c, serial);
      if (asset.isDecommissioned) throw failed('Product-> Product is already decommissioned.');
      asset.isDecommissioned = true;
      return 'Product-> Decommissioned.';
    });
  },
};

const transfer: Route = {
  write: true,
  empty: { assets: null },
  handle(c): RouteResult {
    if (c.user.scope !== 'org') throw denied();
    const source = targetAccount(c, 'sourceAccountId');
    const target = targetAccount(c, 'targetAccountId');
    if (source === target)
      throw invalid('sourceAccountId and targetAccountId must differ.', CODE.invalidValue);
    const root = c.state.accounts.get(target)!.rootFolderId;
    return perSerial(serialList(c), (serial) => {
      const asset: SimAsset = findAsset(c, serial);
      if (asset.accountId !== source) throw failed('Product-> Product is not in the source account.');
      asset.accountId = target;
      asset.folderId = root;
      return 'Product-> Transferred.';
    });
  },
};

/** SQL LIKE (`%`, `_`) and `*` wildcards, case-insensitive. */
function likePattern(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${escaped.replace(/[%*]/g, '.*').replace(/_/g, '.')}$`, 'i');
}

export const PRODUCT_ROUTES: Record<string, Route> = {
  'products/list': list,
  'products/details': details,
  'products/register': register,
  'products/description': description,
  'products/location': location,
  'products/folder': folder,
  'products/decommission': decommission,
  'products/transfer': transfer,
};
