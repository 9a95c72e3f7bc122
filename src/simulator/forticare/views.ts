import type { Asset, AssetDetails, Contract, Folder, License } from '../../forticare/types.js';
import { fcDate } from './generate.js';
import type { FortiCareState, SimAsset, SimContract, SimFolder, SimLicenseCode } from './state.js';

/** How products, folders, contracts and licenses look on the wire. */

export function assetView(state: FortiCareState, asset: SimAsset): Asset {
  return {
    serialNumber: asset.serialNumber,
    productModel: asset.productModel,
    description: asset.description,
    registrationDate: asset.registrationDate,
    isDecommissioned: asset.isDecommissioned,
    status: 'Registered',
    accountId: asset.accountId,
    folderId: asset.folderId,
    folderPath: state.folderPath(asset.folderId),
    productModelEoR: null,
    productModelEoS: null,
    entitlements: asset.entitlements.map((e) => ({ ...e })),
    warrantySupports: asset.warrantySupports.map((e) => ({ ...e })),
    assetGroups: asset.assetGroups.map((g) => ({ ...g })),
  };
}

export function detailsView(state: FortiCareState, asset: SimAsset): AssetDetails {
  return {
    ...assetView(state, asset),
    partner: '',
    contracts: structuredClone(asset.contracts),
    license: asset.license ? { ...asset.license } : null,
    location: asset.location ? { ...asset.location } : null,
    warrantyTypeName: 'Limited Warranty',
    licenseKeys: [],
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
  const terms =
    asset?.contracts.find((c) => c.contractNumber === contract.contractNumber)?.contractTerms ?? [];
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
