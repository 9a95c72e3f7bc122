import type { Asset, AssetContract, AssetDetails, Contract, Folder, License } from '../../forticare/types.js';
import { fcDate } from './generate.js';
import type { FortiCareState, SimAsset, SimContract, SimFolder, SimLicenseCode } from './state.js';

/** How products, folders, contracts and licenses look on the wire. */

/** A product contract as FortiCare lists it: number, SKU and `terms`. */
function contractsOf(asset: SimAsset): AssetContract[] {
  return asset.contracts.map((c) => ({
    contractNumber: c.contractNumber,
    sku: c.sku,
    terms: c.terms.map((t) => ({ ...t })),
  }));
}

/** A `products/list` item (recorded): with its contracts, without its account. */
export function assetView(state: FortiCareState, asset: SimAsset): Asset {
  return {
    description: asset.description,
    entitlements: asset.entitlements.map((e) => ({ ...e })),
    isDecommissioned: asset.isDecommissioned,
    productModel: asset.productModel,
    registrationDate: asset.registrationDate,
    serialNumber: asset.serialNumber,
    warrantySupports: asset.warrantySupports.map((e) => ({ ...e })),
    assetGroups: asset.assetGroups.map((g) => ({ ...g })),
    contracts: contractsOf(asset),
    productModelEoR: null,
    productModelEoS: null,
    folderId: asset.folderId,
    folderPath: state.folderPath(asset.folderId),
    status: 'Registered',
  } as Asset;
}

/**
 * `assetDetails` of `products/details` (and of license and service registrations), as recorded:
 * no account, registration status, warranty type name or license keys.
 */
export function detailsView(state: FortiCareState, asset: SimAsset): AssetDetails {
  return {
    description: asset.description,
    entitlements: asset.entitlements.map((e) => ({ ...e })),
    isDecommissioned: asset.isDecommissioned,
    productModel: asset.productModel,
    registrationDate: asset.registrationDate,
    serialNumber: asset.serialNumber,
    warrantySupports: asset.warrantySupports.map((e) => ({ ...e })),
    assetGroups: asset.assetGroups.map((g) => ({ ...g })),
    contracts: contractsOf(asset),
    productModelEoR: null,
    productModelEoS: null,
    license: asset.license ? { ...asset.license } : null,
    location: asset.location ? { ...asset.location } : null,
    partner: '',
    folderId: asset.folderId,
    folderPath: state.folderPath(asset.folderId),
  };
}

/** Everything the simulator knows of a product (the control API's view, not a wire shape). */
export function assetRecord(state: FortiCareState, asset: SimAsset): AssetDetails {
  return {
    ...detailsView(state, asset),
    status: 'Registered',
    accountId: asset.accountId,
  };
}

export function folderView(state: FortiCareState, folder: SimFolder): Folder {
  return {
    folderId: folder.folderId,
    folderName: folder.folderName,
    folderPath: state.folderPath(folder.folderId),
    parentFolderId: folder.parentFolderId,
  };
}

export function contractView(state: FortiCareState, contract: SimContract): Contract {
  const asset = contract.serialNumber ? state.assets.get(contract.serialNumber) : undefined;
  const terms = asset?.contracts.find((c) => c.contractNumber === contract.contractNumber)?.terms ?? [];
  return {
    contractNumber: contract.contractNumber,
    contractSKU: contract.contractSKU,
    description: contract.description,
    status: contract.serialNumber ? 'Registered' : 'Pending',
    accountId: contract.accountId,
    serialNumber: contract.serialNumber,
    contractTerms: terms.map((t) => ({ ...t })),
  };
}

export function licenseView(code: SimLicenseCode): License {
  return {
    licenseNumber: code.licenseNumber,
    licenseSKU: code.licenseSKU,
    description: 'FortiGate-VM02 perpetual license',
    status: code.serialNumber ? 'Registered' : 'Pending',
    accountId: code.accountId,
    serialNumber: code.serialNumber,
    registrationDate: code.registeredAt === null ? null : fcDate(code.registeredAt),
    expirationDate: null,
  };
}
