import { SERVICE_MODEL, VM_MODEL } from './generate.js';
import { failed, invalid, SimFailure } from './reply.js';
import {
  findAsset,
  optionalString,
  type Route,
  requiredInt,
  requiredString,
  targetAccount,
} from './route.js';
import { contractView, detailsView, folderView, licenseView } from './views.js';

/** licenses/*, contracts/list, folders/*, services/register. */

const licensesList: Route = {
  write: false,
  empty: { licenses: null },
  handle(c) {
    const account = targetAccount(c);
    const number = optionalString(c, 'licenseNumber');
    const sku = optionalString(c, 'licenseSKU');
    const status = optionalString(c, 'status');
    const licenses = [...c.state.licenseCodes.values()]
      .filter((l) => l.accountId === account)
      .map(licenseView)
      .filter(
        (l) =>
          (number === undefined || l.licenseNumber === number) && (sku === undefined || l.licenseSKU === sku),
      )
      .filter((l) => status === undefined || l.status === status);
    return { payload: { licenses } };
  },
};

const licensesRegister: Route = {
  write: true,
  empty: { assetDetails: null },
  handle(c) {
    const account = targetAccount(c);
    const code = c.state.licenseCodes.get(requiredString(c, 'licenseRegistrationCode').toUpperCase());
    if (!code || code.accountId !== account) throw failed('License registration code is invalid.');
    if (code.serialNumber !== null) throw failed('License registration code has already been registered.');
    const serial = optionalString(c, 'serialNumber');
    const asset =
      serial === undefined
        ? c.state.newAsset(c.state.gen.serial(VM_MODEL.prefix), VM_MODEL.model, account, c.now)
        : findAsset(c, serial);
    asset.license = {
      licenseNumber: code.licenseNumber,
      licenseSKU: code.licenseSKU,
      licenseFile: c.state.gen.licenseFile(asset.serialNumber),
      status: 'Registered',
    };
    if (serial === undefined) {
      asset.description = optionalString(c, 'description') ?? '';
      asset.additionalInfo = optionalString(c, 'additionalInfo') ?? '';
      asset.isGovernment = c.body.isGovernment === true;
      c.state.assets.set(asset.serialNumber, asset);
    }
    code.serialNumber = asset.serialNumber;
    code.registeredAt = c.now;
    return { payload: { assetDetails: detailsView(c.state, asset) } };
  },
};

const licensesDownload: Route = {
  write: false,
  empty: { licenseFile: '', serialNumber: null },
  handle(c) {
    const serialNumber = requiredString(c, 'serialNumber');
    const asset = findAsset(c, serialNumber);
    if (!asset.license?.licenseFile) {
      const message = 'The license download function for given product category is not supported.';
      throw new SimFailure(400, -2, 301, message, message, { serialNumber });
    }
    return { payload: { serialNumber, licenseFile: asset.license.licenseFile } };
  },
};

const contractsList: Route = {
  write: false,
  empty: { contracts: null },
  handle(c) {
    const account = targetAccount(c);
    const number = optionalString(c, 'contractNumber');
    const sku = optionalString(c, 'contractSKU');
    const status = optionalString(c, 'status');
    const contracts = [...c.state.contracts.values()]
      .filter((k) => k.accountId === account)
      .map((k) => contractView(c.state, k))
      .filter(
        (k) =>
          (number === undefined || k.contractNumber === number) &&
          (sku === undefined || k.contractSKU === sku),
      )
      .filter((k) => status === undefined || k.status === status);
    return { payload: { contracts } };
  },
};

const foldersList: Route = {
  write: false,
  empty: { assetFolders: null },
  handle(c) {
    const account = targetAccount(c);
    const folders = [...c.state.folders.values()]
      .filter((f) => f.accountId === account)
      .map((f) => folderView(c.state, f));
    return { payload: { assetFolders: folders } };
  },
};

const foldersCreate: Route = {
  write: true,
  empty: { assetFolders: null },
  handle(c) {
    const account = targetAccount(c);
    const name = requiredString(c, 'folderName').trim();
    if (name.includes('/')) throw invalid('folderName must not contain "/".', 102);
    const parentId =
      c.body.parentFolderId === undefined
        ? c.state.accounts.get(account)!.rootFolderId
        : requiredInt(c, 'parentFolderId');
    const parent = c.state.folders.get(parentId);
    if (!parent || parent.accountId !== account) throw failed('Invalid parent folder id.');
    for (const f of c.state.folders.values()) {
      if (f.parentFolderId === parentId && f.folderName === name)
        throw failed(`A folder named ${name} already exists there.`);
    }
    const folder = c.state.addFolder(account, name, parentId);
    return { payload: { assetFolders: [folderView(c.state, folder)] } };
  },
};

const foldersDelete: Route = {
  write: true,
  empty: {},
  handle(c) {
    const account = targetAccount(c);
    const folderId = requiredInt(c, 'folderId');
    const folder = c.state.folders.get(folderId);
    if (!folder || folder.accountId !== account) throw failed('Invalid folder id.');
    if (folder.parentFolderId === null) throw failed('The root folder cannot be deleted.');
    const hasChildren = [...c.state.folders.values()].some((f) => f.parentFolderId === folderId);
    const hasAssets = [...c.state.assets.values()].some((a) => a.folderId === folderId);
    if (hasChildren || hasAssets)
      throw failed('The folder is not empty: move its products and delete its subfolders first.');
    c.state.folders.delete(folderId);
    return { payload: {} };
  },
};

const servicesRegister: Route = {
  write: true,
  empty: { assetDetails: null },
  handle(c) {
    const account = targetAccount(c);
    const contract = c.state.contracts.get(requiredString(c, 'contractNumber'));
    if (
      !contract ||
      contract.accountId !== account ||
      contract.kind !== 'service' ||
      contract.serialNumber !== null
    ) {
      throw failed('Contract number is invalid or already registered.');
    }
    const asset = c.state.newAsset(
      c.state.gen.serial(SERVICE_MODEL.prefix),
      SERVICE_MODEL.model,
      account,
      c.now,
    );
    asset.description = optionalString(c, 'description') ?? '';
    asset.additionalInfo = optionalString(c, 'additionalInfo') ?? '';
    asset.isGovernment = c.body.isGovernment === true;
    c.state.assets.set(asset.serialNumber, asset);
    c.state.applyContract(asset, contract, c.now);
    return { payload: { assetDetails: detailsView(c.state, asset) } };
  },
};

export const ACCOUNT_ROUTES: Record<string, Route> = {
  'licenses/list': licensesList,
  'licenses/register': licensesRegister,
  'licenses/download': licensesDownload,
  'contracts/list': contractsList,
  'folders/list': foldersList,
  'folders/create': foldersCreate,
  'folders/delete': foldersDelete,
  'services/register': servicesRegister,
};
