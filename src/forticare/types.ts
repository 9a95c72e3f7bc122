/**
 * FortiCare Asset Management V3 wire types (camelCase, as sent and received). Dates are ISO 8601
 * strings; requests also accept `Date` objects where a date is expected.
 */

/** An ISO 8601 date-time string (e.g. `2026-01-01T00:00:00Z`), or a Date. */
export type IsoDate = string | Date;

/** `Registered` or `Pending` (purchased, not yet registered). */
export type RegistrationStatus = 'Registered' | 'Pending';

/** The fields every reply carries (the access token the server echoes is removed before you see it). */
export interface Envelope {
  /** API build, e.g. `1.0.0`. */
  build: string;
  /** API version, e.g. `3.0`. */
  version: string;
  /** 0 = success; any other value becomes an error (or, for batches, per-unit results). */
  status: number;
  /** `Request processed successfully`, or what went wrong. */
  message: string;
  error: EnvelopeError | null;
}

export interface EnvelopeError {
  errorCode: number;
  message: string;
}

/** A support or warranty coverage line. */
export interface Entitlement {
  level: number;
  levelDesc: string;
  type: number;
  typeDesc: string;
  startDate: string;
  endDate: string;
}

export interface AssetGroup {
  assetGroupId: number;
  assetGroup: string;
}

/** Where a unit is installed. `countryCode` is ISO 3166 alpha-2; `phone`/`fax` look like `+1 4085551234`. */
export interface Location {
  company?: string;
  address?: string;
  city?: string;
  /** For US, CA, IN, BR and UA: the standard 2-letter abbreviation. */
  stateOrProvince?: string;
  countryCode?: string;
  postalCode?: string;
  email?: string;
  phone?: string;
  fax?: string;
}

/** A pointer into the request's `locations` array, e.g. `{ ref: '#/locations/0' }`. */
export interface LocationRef {
  ref: string;
}

/** A product as listed by `products/list`. */
export interface Asset {
  serialNumber: string;
  productModel: string;
  description: string;
  registrationDate: string;
  isDecommissioned: boolean;
  status?: RegistrationStatus;
  accountId?: number;
  folderId?: number;
  folderPath?: string;
  productModelEoR?: string | null;
  productModelEoS?: string | null;
  entitlements: Entitlement[];
  warrantySupports?: Entitlement[];
  assetGroups?: AssetGroup[];
}

export interface ContractTerm {
  supportType: string;
  startDate: string;
  endDate: string;
}

/** A contract as attached to a product. */
export interface AssetContract {
  contractNumber: string;
  sku: string;
  /** What the contract covers, and when (FortiCare's key is `terms`). */
  terms: ContractTerm[];
}

/** License information of a product (VM licenses carry the license file). */
export interface AssetLicense {
  licenseNumber: string;
  licenseSKU: string;
  /** The license file content (text), when the product category has one. */
  licenseFile?: string;
  status?: RegistrationStatus;
}

/** Everything known about one product (`products/details`, `licenses/register`, `services/register`). */
export interface AssetDetails extends Asset {
  partner?: string;
  contracts: AssetContract[];
  license?: AssetLicense | null;
  location?: Location | null;
  warrantyTypeName?: string;
  licenseKeys?: string[];
}

/** One unit of a `products/register` request. */
export interface RegistrationUnit {
  serialNumber: string;
  /** Contract (support) number to apply; omit to register the bare unit. */
  contractNumber?: string;
  description?: string;
  isGovernment?: boolean;
  /** Extra registration info some products need (system id, IP address, ...). */
  additionalInfo?: string;
  folderId?: number;
  assetGroupIds?: number[];
  /** The unit this one replaces (RMA). */
  replacedSerialNumber?: string;
  /** FortiCloud key printed on the unit, for products that need it. */
  cloudKey?: string;
  /** A location, or a reference into `locations`. The client turns inline locations into references. */
  location?: Location | LocationRef;
}

/** Per-unit outcome inside a batch reply (`status` 0 = done). */
export interface UnitResult extends Partial<Omit<AssetDetails, 'status'>> {
  serialNumber: string;
  /** 0 = done; anything else = this unit failed (see message). */
  status: number;
  message: string | null;
  contractNumber?: string | null;
  sku?: string | null;
  additionalInfo?: string | null;
}

export interface Folder {
  folderId: number;
  folderName: string;
  folderPath: string;
  parentFolderId: number | null;
}

export interface Contract {
  contractNumber: string;
  contractSKU: string;
  description?: string;
  status: RegistrationStatus;
  accountId?: number;
  /** Serial number the contract is registered to, once registered. */
  serialNumber?: string | null;
  contractTerms: ContractTerm[];
}

export interface License {
  licenseNumber: string;
  licenseSKU: string;
  description?: string;
  status: RegistrationStatus;
  accountId?: number;
  serialNumber?: string | null;
  registrationDate?: string | null;
  expirationDate?: string | null;
}

/** Optional on every call: the account to act on (mandatory for Organization-scope API users). */
export interface AccountScoped {
  accountId?: number;
}

// ----- requests -----

export interface ProductListRequest extends AccountScoped {
  /** Serial number, or a pattern with `%` wildcards (e.g. `FGT60F%`). Give it or `expireBefore`. */
  serialNumber?: string;
  /** Products with entitlements expiring before this date. Give it or `serialNumber`. */
  expireBefore?: IsoDate;
  status?: RegistrationStatus;
  productModel?: string;
  /** 1-based page; the iterator sets it for you. */
  pageNumber?: number;
}

export interface ProductRegisterRequest extends AccountScoped {
  /** Any number of units: the client sends them in batches of at most 10. */
  registrationUnits: RegistrationUnit[];
  locations?: Location[];
}

export interface ProductDescriptionRequest {
  serialNumber: string;
  description: string;
}

export interface ProductLocationRequest {
  serialNumber: string;
  location: Location;
}

export interface ProductFolderRequest {
  folderId: number;
  serialNumbers: string[];
}

export interface ProductDecommissionRequest {
  serialNumbers: string[];
}

export interface ProductTransferRequest {
  sourceAccountId: number;
  targetAccountId: number;
  serialNumbers: string[];
}

export interface LicenseListRequest extends AccountScoped {
  licenseNumber?: string;
  licenseSKU?: string;
  status?: RegistrationStatus;
}

export interface LicenseRegisterRequest extends AccountScoped {
  /** Code from the license certificate, e.g. `ABCDE-FGHIJ-KLMNO-PQRST-UVWXYZ`. */
  licenseRegistrationCode: string;
  /** Register the license to this existing product instead of creating a new one. */
  serialNumber?: string;
  description?: string;
  additionalInfo?: string;
  isGovernment?: boolean;
}

export interface ContractListRequest extends AccountScoped {
  contractNumber?: string;
  contractSKU?: string;
  status?: RegistrationStatus;
}

export interface FolderCreateRequest extends AccountScoped {
  folderName: string;
  parentFolderId?: number;
}

export interface FolderDeleteRequest extends AccountScoped {
  folderId: number;
}

export interface ServiceRegisterRequest extends AccountScoped {
  /** Subscription contract (e.g. VM-S) to register; a serial number is generated for it. */
  contractNumber: string;
  description?: string;
  additionalInfo?: string;
  isGovernment?: boolean;
}

// ----- replies -----

export interface ProductListReply extends Envelope {
  assets: Asset[];
  pageNumber: number;
  totalPages: number;
}

export interface AssetDetailsReply extends Envelope {
  assetDetails: AssetDetails;
}

export interface UnitsReply extends Envelope {
  assets: UnitResult[] | null;
}

export interface LicenseListReply extends Envelope {
  licenses: License[];
}

export interface ContractListReply extends Envelope {
  contracts: Contract[];
}

export interface FolderListReply extends Envelope {
  assetFolders: Folder[];
}

export interface LicenseDownloadReply extends Envelope {
  serialNumber: string;
  licenseFile: string;
}

/** A license file, ready to save: `await writeFile(file.fileName, file.content)`. */
export interface LicenseFile {
  serialNumber: string;
  /** `<serialNumber>.lic` */
  fileName: string;
  /** The license text exactly as FortiGate/FortiManager/... expect it on upload. */
  content: string;
}
