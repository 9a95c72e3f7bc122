import { Issues } from '../core/issues.js';
import { paginate } from '../core/pagination.js';
import { checkCallOptions } from '../core/timeouts.js';
import { type BatchResult, runBatches } from './batch.js';
import type { Caller, CallOptions } from './caller.js';
import { ENDPOINTS, type EndpointSpec } from './endpoints.js';
import { registrationBody, resolveRegistration } from './registration.js';
import { REQUEST_KEYS } from './request-keys.js';
import type {
  Asset,
  AssetDetails,
  AssetDetailsReply,
  Envelope,
  ProductDecommissionRequest,
  ProductDescriptionRequest,
  ProductFolderRequest,
  ProductListReply,
  ProductListRequest,
  ProductLocationRequest,
  ProductRegisterRequest,
  ProductTransferRequest,
  RegistrationUnit,
  UnitsReply,
} from './types.js';
import {
  checkId,
  checkLocation,
  checkOptionalId,
  checkSerial,
  checkSerialList,
  checkSerialPattern,
  checkStatus,
  checkText,
  isoDate,
  requestIssues,
} from './validation.js';

/**
 * `products/*`: list, details, register, description, location, folder, decommission, transfer.
 *
 * @example
 * for await (const asset of fc.products.iterate({ expireBefore: '2027-01-01T00:00:00Z' })) {
 *   console.log(asset.serialNumber, asset.productModel);
 * }
 */
export class Products {
  readonly #caller: Caller;
  readonly #batchSize: number;

  constructor(caller: Caller, batchSize: number) {
    this.#caller = caller;
    this.#batchSize = batchSize;
  }

  /** One page of products with entitlements. Give `serialNumber` (a `%` pattern works) or `expireBefore`. */
  async list(request: ProductListRequest, options?: CallOptions): Promise<ProductListReply> {
    const issues = requestIssues(request, REQUEST_KEYS.productsList, options, 'products.list request');
    const body: Record<string, unknown> = { ...request };
    if (request.serialNumber === undefined && request.expireBefore === undefined) {
      issues.add('serialNumber', 'give serialNumber (a % pattern works) or expireBefore');
    }
    if (request.serialNumber !== undefined) checkSerialPattern(issues, request.serialNumber, 'serialNumber');
    if (request.expireBefore !== undefined)
      body.expireBefore = isoDate(issues, request.expireBefore, 'expireBefore');
    checkStatus(issues, request.status, 'status');
    checkText(issues, request.productModel, 'productModel', false, 100);
    checkOptionalId(issues, request.accountId, 'accountId');
    checkOptionalId(issues, request.pageNumber, 'pageNumber');
    issues.throwIfAny('products.list request');
    return this.#caller.call<ProductListReply>(ENDPOINTS.productsList, body, options);
  }

  /** Every matching product, page after page (one page in memory at a time). */
  iterate(request: Omit<ProductListRequest, 'pageNumber'>, options: CallOptions = {}): AsyncGenerator<Asset> {
    // Checked now, so that a bad request fails where iterate() is called, not at the first page.
    requestIssues(request, REQUEST_KEYS.productsList, options, 'products.iterate request').throwIfAny(
      'products.iterate request',
    );
    return paginate<Asset, number>(
      1,
      async (pageNumber) => {
        const page = await this.list({ ...request, pageNumber }, options);
        const assets = page.assets ?? [];
        const more = pageNumber < (page.totalPages ?? 0) && assets.length > 0;
        return { items: assets, next: more ? pageNumber + 1 : undefined };
      },
      options.signal,
    );
  }

  /** Everything about one product: entitlements, contracts, license, location, folder. */
  async details(serialNumber: string, options?: CallOptions): Promise<AssetDetails> {
    checkCallOptions(options);
    const issues = new Issues();
    checkSerial(issues, serialNumber, 'serialNumber');
    issues.throwIfAny('products.details request');
    const reply = await this.#caller.call<AssetDetailsReply>(
      ENDPOINTS.productsDetails,
      { serialNumber },
      options,
    );
    return reply.assetDetails;
  }

  /**
   * Registers products (and applies contracts), any number of units: they go out in batches of at
   * most 10. Returns every registered unit and every failed unit; a registration is never resent
   * silently. Throws only when FortiCare refused the request as a whole.
   *
   * @example
   * const result = await fc.products.register({ registrationUnits: [{ serialNumber, contractNumber }] });
   * for (const f of result.failed) console.error(f.serialNumber, f.kind, f.message);
   */
  async register(
    request: ProductRegisterRequest,
    options?: CallOptions,
  ): Promise<BatchResult<RegistrationUnit>> {
    const units = resolveRegistration(request, options);
    const result = await runBatches({
      units,
      size: this.#batchSize,
      serialOf: (u) => u.unit.serialNumber,
      send: (chunk) =>
        this.#caller.call<UnitsReply>(
          ENDPOINTS.productsRegister,
          registrationBody(chunk, request.accountId),
          options,
        ),
    });
    return { ...result, failed: result.failed.map((f) => ({ ...f, unit: f.unit.unit })) };
  }

  /** Sets the description of one product. */
  async description(request: ProductDescriptionRequest, options?: CallOptions): Promise<void> {
    const what = 'products.description request';
    const issues = requestIssues(request, REQUEST_KEYS.productsDescription, options, what);
    checkSerial(issues, request.serialNumber, 'serialNumber');
    checkText(issues, request.description, 'description', false);
    if (request.description === undefined) issues.add('description', 'text is required (may be empty)');
    issues.throwIfAny(what);
    await this.#caller.call<Envelope>(ENDPOINTS.productsDescription, request, options);
  }

  /** Sets the location of one product (country code ISO 3166 alpha-2). */
  async location(request: ProductLocationRequest, options?: CallOptions): Promise<void> {
    const issues = requestIssues(
      request,
      REQUEST_KEYS.productsLocation,
      options,
      'products.location request',
    );
    checkSerial(issues, request.serialNumber, 'serialNumber');
    checkLocation(issues, request.location, 'location');
    issues.throwIfAny('products.location request');
    await this.#caller.call<Envelope>(ENDPOINTS.productsLocation, request, options);
  }

  /** Moves products into a folder. */
  async folder(request: ProductFolderRequest, options?: CallOptions): Promise<BatchResult<string>> {
    const issues = requestIssues(request, REQUEST_KEYS.productsFolder, options, 'products.folder request');
    checkId(issues, request.folderId, 'folderId', 0);
    checkSerialList(issues, request.serialNumbers, 'serialNumbers');
    issues.throwIfAny('products.folder request');
    return this.#serialBatches(
      ENDPOINTS.productsFolder,
      request.serialNumbers,
      (serialNumbers) => ({ ...request, serialNumbers }),
      options,
    );
  }

  /** Decommissions products (never resent silently). */
  async decommission(
    request: ProductDecommissionRequest,
    options?: CallOptions,
  ): Promise<BatchResult<string>> {
    const what = 'products.decommission request';
    const issues = requestIssues(request, REQUEST_KEYS.productsDecommission, options, what);
    checkSerialList(issues, request.serialNumbers, 'serialNumbers');
    issues.throwIfAny(what);
    return this.#serialBatches(
      ENDPOINTS.productsDecommission,
      request.serialNumbers,
      (serialNumbers) => ({ serialNumbers }),
      options,
    );
  }

  /** Transfers products between two accounts of the same Organization (never resent silently). */
  async transfer(request: ProductTransferRequest, options?: CallOptions): Promise<BatchResult<string>> {
    const issues = requestIssues(
      request,
      REQUEST_KEYS.productsTransfer,
      options,
      'products.transfer request',
    );
    checkId(issues, request.sourceAccountId, 'sourceAccountId');
    checkId(issues, request.targetAccountId, 'targetAccountId');
    if (request.sourceAccountId === request.targetAccountId)
      issues.add('targetAccountId', 'must differ from sourceAccountId');
    checkSerialList(issues, request.serialNumbers, 'serialNumbers');
    issues.throwIfAny('products.transfer request');
    return this.#serialBatches(
      ENDPOINTS.productsTransfer,
      request.serialNumbers,
      (serialNumbers) => ({ ...request, serialNumbers }),
      options,
    );
  }

  #serialBatches(
    spec: EndpointSpec,
    serials: readonly string[],
    body: (serialNumbers: string[]) => object,
    options: CallOptions | undefined,
  ): Promise<BatchResult<string>> {
    return runBatches({
      units: serials,
      size: this.#batchSize,
      serialOf: (serial) => serial,
      send: (chunk) => this.#caller.call<UnitsReply>(spec, body(chunk), options),
    });
  }
}
