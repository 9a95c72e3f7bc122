import { Issues } from '../core/issues.js';
import { checkCallOptions } from '../core/timeouts.js';
import type { Caller, CallOptions } from './caller.js';
import { ENDPOINTS } from './endpoints.js';
import { REQUEST_KEYS } from './request-keys.js';
import type {
  AssetDetails,
  AssetDetailsReply,
  License,
  LicenseDownloadReply,
  LicenseFile,
  LicenseListReply,
  LicenseListRequest,
  LicenseRegisterRequest,
} from './types.js';
import {
  checkBoolean,
  checkLicenseCode,
  checkOptionalId,
  checkSerial,
  checkStatus,
  checkText,
  requestIssues,
} from './validation.js';

const BASE64 = /^[A-Za-z0-9+/=\s]+$/;
const LICENSE_MARKER = '-----BEGIN';

/**
 * `licenses/*`: list, register, download.
 *
 * @example
 * const vm = await fc.licenses.register({ licenseRegistrationCode: 'ABCDE-FGHIJ-KLMNO-PQRST-UVWXYZ' });
 * const file = await fc.licenses.download(vm.serialNumber);
 * await writeFile(file.fileName, file.content);
 */
export class Licenses {
  readonly #caller: Caller;

  constructor(caller: Caller) {
    this.#caller = caller;
  }

  /** Licenses of the account, optionally filtered. */
  async list(request: LicenseListRequest = {}, options?: CallOptions): Promise<License[]> {
    const issues = requestIssues(request, REQUEST_KEYS.licensesList, options, 'licenses.list request');
    checkText(issues, request.licenseNumber, 'licenseNumber', false, 64);
    checkText(issues, request.licenseSKU, 'licenseSKU', false, 64);
    checkStatus(issues, request.status, 'status');
    checkOptionalId(issues, request.accountId, 'accountId');
    issues.throwIfAny('licenses.list request');
    const reply = await this.#caller.call<LicenseListReply>(ENDPOINTS.licensesList, request, options);
    return reply.licenses ?? [];
  }

  /** Registers a license (a VM license creates a new product); returns that product. Never resent silently. */
  async register(request: LicenseRegisterRequest, options?: CallOptions): Promise<AssetDetails> {
    const issues = requestIssues(
      request,
      REQUEST_KEYS.licensesRegister,
      options,
      'licenses.register request',
    );
    checkLicenseCode(issues, request.licenseRegistrationCode, 'licenseRegistrationCode');
    if (request.serialNumber !== undefined) checkSerial(issues, request.serialNumber, 'serialNumber');
    checkText(issues, request.description, 'description', false);
    checkText(issues, request.additionalInfo, 'additionalInfo', false);
    checkBoolean(issues, request.isGovernment, 'isGovernment');
    checkOptionalId(issues, request.accountId, 'accountId');
    issues.throwIfAny('licenses.register request');
    const reply = await this.#caller.call<AssetDetailsReply>(ENDPOINTS.licensesRegister, request, options);
    return reply.assetDetails;
  }

  /** The license file of a (VM) product, ready to save as `<serial>.lic`. */
  async download(serialNumber: string, options?: CallOptions): Promise<LicenseFile> {
    checkCallOptions(options);
    const issues = new Issues();
    checkSerial(issues, serialNumber, 'serialNumber');
    issues.throwIfAny('licenses.download request');
    const reply = await this.#caller.call<LicenseDownloadReply>(
      ENDPOINTS.licensesDownload,
      { serialNumber },
      options,
    );
    return { serialNumber, fileName: `${serialNumber}.lic`, content: licenseText(reply.licenseFile ?? '') };
  }
}

/** The license text; accepts a base64-wrapped file too, so callers always get what the device expects. */
export function licenseText(file: string): string {
  if (file.includes(LICENSE_MARKER) || !BASE64.test(file)) return file;
  const decoded = Buffer.from(file, 'base64').toString('utf8');
  return decoded.includes(LICENSE_MARKER) ? decoded : file;
}
