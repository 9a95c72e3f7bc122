import type {
  AccountScoped,
  ContractListRequest,
  FolderCreateRequest,
  FolderDeleteRequest,
  LicenseListRequest,
  LicenseRegisterRequest,
  Location,
  LocationRef,
  ProductDecommissionRequest,
  ProductDescriptionRequest,
  ProductFolderRequest,
  ProductListRequest,
  ProductLocationRequest,
  ProductRegisterRequest,
  ProductTransferRequest,
  RegistrationUnit,
  ServiceRegisterRequest,
} from './types.js';

/**
 * The keys each request may have: a key outside its list is a typo FortiCare would drop silently
 * (or refuse, spending the error budget), so it is refused before sending. Each list is checked
 * against its type: a field added to `types.ts` must be added here too, or this does not compile.
 */
function keys<T>(all: Record<keyof Required<T>, true>): ReadonlySet<string> {
  return new Set(Object.keys(all));
}

export const REQUEST_KEYS = Object.freeze({
  productsList: keys<ProductListRequest>({
    accountId: true,
    serialNumber: true,
    expireBefore: true,
    status: true,
    productModel: true,
    pageNumber: true,
  }),
  productsRegister: keys<ProductRegisterRequest>({
    accountId: true,
    registrationUnits: true,
    locations: true,
  }),
  registrationUnit: keys<RegistrationUnit>({
    serialNumber: true,
    contractNumber: true,
    description: true,
    isGovernment: true,
    additionalInfo: true,
    folderId: true,
    assetGroupIds: true,
    replacedSerialNumber: true,
    cloudKey: true,
    location: true,
  }),
  location: keys<Location>({
    company: true,
    address: true,
    city: true,
    stateOrProvince: true,
    countryCode: true,
    postalCode: true,
    email: true,
    phone: true,
    fax: true,
  }),
  locationRef: keys<LocationRef>({ ref: true }),
  productsDescription: keys<ProductDescriptionRequest>({ serialNumber: true, description: true }),
  productsLocation: keys<ProductLocationRequest>({ serialNumber: true, location: true }),
  productsFolder: keys<ProductFolderRequest>({ folderId: true, serialNumbers: true }),
  productsDecommission: keys<ProductDecommissionRequest>({ serialNumbers: true }),
  productsTransfer: keys<ProductTransferRequest>({
    sourceAccountId: true,
    targetAccountId: true,
    serialNumbers: true,
  }),
  licensesList: keys<LicenseListRequest>({
    accountId: true,
    licenseNumber: true,
    licenseSKU: true,
    status: true,
  }),
  licensesRegister: keys<LicenseRegisterRequest>({
    accountId: true,
    licenseRegistrationCode: true,
    serialNumber: true,
    description: true,
    additionalInfo: true,
    isGovernment: true,
  }),
  contractsList: keys<ContractListRequest>({
    accountId: true,
    contractNumber: true,
    contractSKU: true,
    status: true,
  }),
  foldersList: keys<AccountScoped>({ accountId: true }),
  foldersCreate: keys<FolderCreateRequest>({ accountId: true, folderName: true, parentFolderId: true }),
  foldersDelete: keys<FolderDeleteRequest>({ accountId: true, folderId: true }),
  servicesRegister: keys<ServiceRegisterRequest>({
    accountId: true,
    contractNumber: true,
    description: true,
    additionalInfo: true,
    isGovernment: true,
  }),
});
