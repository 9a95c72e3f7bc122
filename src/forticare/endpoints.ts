import type { RestEndpoint } from '../core/rest.js';

/**
 * The 16 FortiCare Asset Management V3 endpoints as data. Every one is `POST <url>/<name>` with a
 * JSON body.
 *
 * - `idempotent`: repeating it cannot change the outcome, so transient failures are retried.
 *   Registrations, transfers, decommissions, folder creation and deletion are never resent silently.
 * - `risky`: it can fail on bad data and spend the hourly error budget, so it is refused before
 *   sending once that budget is nearly spent.
 * - `accountScoped`: takes `accountId` (mandatory for Organization-scope API users); the client's
 *   `accountId` option fills it in.
 * - `batch`: the reply lists per-unit results, and a failed unit does not fail the others.
 */
export interface EndpointSpec extends RestEndpoint {
  /** The API path under the V3 base, as FortiCare's documentation names it (`products/list`). */
  readonly name: string;
  readonly risky: boolean;
  readonly accountScoped: boolean;
  readonly batch: boolean;
}

function endpoint(
  name: string,
  flags: Partial<Omit<EndpointSpec, 'name' | 'path' | 'method'>>,
): EndpointSpec {
  return Object.freeze({
    name,
    method: 'POST',
    path: `/${name}`,
    idempotent: false,
    risky: true,
    accountScoped: false,
    batch: false,
    ...flags,
  });
}

export const ENDPOINTS = Object.freeze({
  productsList: endpoint('products/list', { idempotent: true, risky: false, accountScoped: true }),
  productsDetails: endpoint('products/details', { idempotent: true }),
  productsRegister: endpoint('products/register', { accountScoped: true, batch: true }),
  productsDescription: endpoint('products/description', { idempotent: true }),
  productsLocation: endpoint('products/location', { idempotent: true }),
  productsFolder: endpoint('products/folder', { idempotent: true, batch: true }),
  productsDecommission: endpoint('products/decommission', { batch: true }),
  productsTransfer: endpoint('products/transfer', { batch: true }),
  licensesList: endpoint('licenses/list', { idempotent: true, risky: false, accountScoped: true }),
  licensesRegister: endpoint('licenses/register', { accountScoped: true }),
  licensesDownload: endpoint('licenses/download', { idempotent: true }),
  contractsList: endpoint('contracts/list', { idempotent: true, risky: false, accountScoped: true }),
  foldersList: endpoint('folders/list', { idempotent: true, risky: false, accountScoped: true }),
  foldersCreate: endpoint('folders/create', { accountScoped: true }),
  foldersDelete: endpoint('folders/delete', { accountScoped: true }),
  servicesRegister: endpoint('services/register', { accountScoped: true }),
});

export type EndpointName = keyof typeof ENDPOINTS;
