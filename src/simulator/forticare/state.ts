import type { AssetContract, AssetGroup, Entitlement, Location } from '../../forticare/types.js';
import { fcDate, Generator, HARDWARE_MODELS, SERVICE_MODEL, VM_MODEL } from './generate.js';

export interface SimAsset {
  serialNumber: string;
  productModel: string;
  description: string;
  registrationDate: string;
  isDecommissioned: boolean;
  accountId: number;
  folderId: number;
  entitlements: Entitlement[];
  warrantySupports: Entitlement[];
  assetGroups: AssetGroup[];
  contracts: AssetContract[];
  license: { licenseNumber: string; licenseSKU: string; licenseFile?: string; status: 'Registered' } | null;
  location: Location | null;
  additionalInfo: string;
  isGovernment: boolean;
}

export type ContractKind = 'support' | 'service';

export interface SimContract {
  contractNumber: string;
  contractSKU: string;
  description: string;
  kind: ContractKind;
  accountId: number;
  termMonths: number;
  serialNumber: string | null;
  registeredAt: number | null;
}

export interface SimLicenseCode {
  registrationCode: string;
  licenseNumber: string;
  licenseSKU: string;
  accountId: number;
  serialNumber: string | null;
  registeredAt: number | null;
}

export interface SimFolder {
  folderId: number;
  folderName: string;
  parentFolderId: number | null;
  accountId: number;
}

export interface SimAccount {
  accountId: number;
  company: string;
  rootFolderId: number;
}

const MONTH_MS = 30 * 86_400_000;
const YEAR_MS = 365 * 86_400_000;
const ROOT_FOLDER = 'My Assets';

/** The simulated FortiCare database: accounts, products, contracts, license codes, folders. */
export class FortiCareState {
  readonly accounts = new Map<number, SimAccount>();
  readonly assets = new Map<string, SimAsset>();
  /** Hardware shipped but not registered yet: serial -> model. */
  readonly inventory = new Map<string, string>();
  readonly contracts = new Map<string, SimContract>();
  readonly licenseCodes = new Map<string, SimLicenseCode>();
  readonly folders = new Map<number, SimFolder>();
  readonly gen: Generator;
  readonly #now: () => number;
  #nextAccountId = 1_000_001;
  #nextFolderId = 100;

  constructor(random: () => number, now: () => number) {
    this.gen = new Generator(random);
    this.#now = now;
  }

  addAccount(company = `Account ${this.accounts.size + 1}`): SimAccount {
    const accountId = this.#nextAccountId++;
    const root = this.#newFolder(ROOT_FOLDER, null, accountId);
    const account = { accountId, company, rootFolderId: root.folderId };
    this.accounts.set(accountId, account);
    return account;
  }

  addFolder(accountId: number, folderName: string, parentFolderId: number): SimFolder {
    return this.#newFolder(folderName, parentFolderId, accountId);
  }

  folderPath(folderId: number): string {
    const names: string[] = [];
    for (
      let f = this.folders.get(folderId);
      f;
      f = f.parentFolderId === null ? undefined : this.folders.get(f.parentFolderId)
    ) {
      names.unshift(f.folderName);
    }
    return `/${names.join('/')}`;
  }

  /** Registered hardware with a one-year warranty and, when `contract` is true, a 24x7 support contract. */
  seedAsset(
    accountId: number,
    options: { contract?: boolean; model?: (typeof HARDWARE_MODELS)[number] } = {},
  ): SimAsset {
    const model = options.model ?? this.gen.pick(HARDWARE_MODELS);
    const serial = this.gen.serial(model.prefix);
    const registeredAt = this.#now() - this.gen.int(1, 900) * 86_400_000;
    const asset = this.newAsset(serial, model.model, accountId, registeredAt);
    if (options.contract) this.applyContract(asset, this.addContract(accountId, 'support'), registeredAt);
    this.assets.set(serial, asset);
    return asset;
  }

  newAsset(serialNumber: string, productModel: string, accountId: number, registeredAt: number): SimAsset {
    const warranty = entitlement(5, 'Return & Replace', 1, 'Hardware', registeredAt, registeredAt + YEAR_MS);
    return {
      serialNumber,
      productModel,
      description: '',
      registrationDate: fcDate(registeredAt),
      isDecommissioned: false,
      accountId,
      folderId: this.accounts.get(accountId)!.rootFolderId,
      entitlements: [warranty],
      warrantySupports: [warranty],
      assetGroups: [],
      contracts: [],
      license: null,
      location: null,
      additionalInfo: '',
      isGovernment: false,
    };
  }

  /**
   * Unregistered hardware, ready for products/register: of the model named, else of one that
   * registers without a FortiCloud key.
   */
  addInventory(modelName?: string): string {
    const model =
      modelName === undefined
        ? this.gen.pick(HARDWARE_MODELS.filter((m) => !m.cloudKey))
        : HARDWARE_MODELS.find((m) => m.model === modelName);
    if (!model)
      throw new Error(
        `unknown hardware model ${String(modelName)}: ${HARDWARE_MODELS.map((m) => m.model).join(', ')}`,
      );
    const serial = this.gen.serial(model.prefix);
    this.inventory.set(serial, model.model);
    return serial;
  }

  addContract(accountId: number, kind: ContractKind, termMonths = 12): SimContract {
    const contract: SimContract = {
      contractNumber: this.gen.contractNumber(),
      contractSKU:
        kind === 'service' ? SERVICE_MODEL.sku : `FC-10-00${this.gen.int(40, 99)}F-247-02-${termMonths}`,
      description:
        kind === 'service'
          ? 'FortiGate-VM S-Series subscription'
          : `FortiCare 24x7 Support ${termMonths} months`,
      kind,
      accountId,
      termMonths,
      serialNumber: null,
      registeredAt: null,
    };
    this.contracts.set(contract.contractNumber, contract);
    return contract;
  }

  addLicenseCode(accountId: number): SimLicenseCode {
    const code: SimLicenseCode = {
      registrationCode: this.gen.licenseCode(),
      licenseNumber: this.gen.licenseNumber(),
      licenseSKU: VM_MODEL.sku,
      accountId,
      serialNumber: null,
      registeredAt: null,
    };
    this.licenseCodes.set(code.registrationCode, code);
    return code;
  }

  /** Registers the contract to the asset and adds its coverage, starting where the current one ends. */
  applyContract(asset: SimAsset, contract: SimContract, at: number): void {
    const current = Math.max(
      at,
      ...asset.contracts.map((c) => Date.parse(`${c.terms[0]?.endDate ?? '1970-01-01'}Z`)),
    );
    const end = current + contract.termMonths * MONTH_MS;
    contract.serialNumber = asset.serialNumber;
    contract.registeredAt = at;
    asset.contracts.push({
      contractNumber: contract.contractNumber,
      sku: contract.contractSKU,
      terms: [{ supportType: 'Enhanced Support 24x7', startDate: fcDate(current), endDate: fcDate(end) }],
    });
    asset.entitlements = asset.entitlements.filter((e) => e.type !== 11 && e.type !== 2);
    asset.entitlements.push(
      entitlement(6, 'Web/Online', 2, 'Firmware & General Updates', current, end),
      entitlement(20, '24x7', 11, 'Enhanced Support', current, end),
    );
  }

  #newFolder(folderName: string, parentFolderId: number | null, accountId: number): SimFolder {
    const folder = { folderId: this.#nextFolderId++, folderName, parentFolderId, accountId };
    this.folders.set(folder.folderId, folder);
    return folder;
  }
}

function entitlement(
  level: number,
  levelDesc: string,
  type: number,
  typeDesc: string,
  start: number,
  end: number,
): Entitlement {
  return { level, levelDesc, type, typeDesc, startDate: fcDate(start), endDate: fcDate(end) };
}
