/**
 * FortiAnalyzer errors, in the shared error tree. FortiAnalyzer answers apiver-3 calls with a
 * JSON-RPC 2.0 `error: {code, message}` whose codes are not documented, so the well-known failures
 * are recognised by their message (as recorded against real appliances) and the rest by code.
 */
import {
  ApiError,
  type ApiErrorCategory,
  type ApiErrorInit,
  type FortixErrorOptions,
} from '../core/errors.js';

export interface FortiAnalyzerErrorInit {
  code: number;
  message: string;
  method: string;
  url: string;
  requestId?: number | undefined;
  /** The product that relayed the call (`FortiManager` for `FortiAnalyzer.through`), if any. */
  via?: string | undefined;
}

/** Any error status FortiAnalyzer answered. */
export class FortiAnalyzerApiError extends ApiError {
  override readonly code: string = 'FORTIANALYZER_API_ERROR';
  /** The JSON-RPC method of the failed call. */
  readonly method: string;

  constructor(message: string, init: FortiAnalyzerErrorInit, options: FortixErrorOptions = {}) {
    const base: ApiErrorInit = {
      product: 'fortianalyzer',
      apiCode: init.code,
      url: init.url,
      apiMessage: init.message,
      requestId: init.requestId,
    };
    super(message, base, options);
    this.method = init.method;
  }
}

/** A search or view id FortiAnalyzer no longer knows ("Invalid tid"): reaped after use, expired or cancelled. */
export class SearchExpiredError extends FortiAnalyzerApiError {
  static override readonly category: ApiErrorCategory = 'not-found';
  override readonly code: string = 'FORTIANALYZER_SEARCH_EXPIRED';
}

/** Every search slot is taken ("No available slot for searching"): searches were leaked or run in parallel. */
export class SearchSlotsExhaustedError extends FortiAnalyzerApiError {
  override readonly code: string = 'FORTIANALYZER_NO_SEARCH_SLOT';
}

/** FortiAnalyzer refused the filter string ("Invalid filter"). */
export class InvalidFilterError extends FortiAnalyzerApiError {
  static override readonly category: ApiErrorCategory = 'invalid-request';
  override readonly code: string = 'FORTIANALYZER_INVALID_FILTER';
}

/** A parameter was refused ("Invalid params: ...", unknown views, unknown devices, missing columns). */
export class FortiAnalyzerInvalidRequestError extends FortiAnalyzerApiError {
  static override readonly category: ApiErrorCategory = 'invalid-request';
  override readonly code: string = 'FORTIANALYZER_INVALID_REQUEST';
}

/** The object does not exist (-3). */
export class FortiAnalyzerNotFoundError extends FortiAnalyzerApiError {
  static override readonly category: ApiErrorCategory = 'not-found';
  override readonly code: string = 'FORTIANALYZER_NOT_FOUND';
}

/** No permission for the resource (-11): the admin's profile, ADOM or rpc-permit. */
export class FortiAnalyzerPermissionError extends FortiAnalyzerApiError {
  static override readonly category: ApiErrorCategory = 'permission-denied';
  override readonly code: string = 'FORTIANALYZER_NO_PERMISSION';
}

/** The task (a report run) ended in failure or did not finish in time. */
export class ReportFailedError extends FortiAnalyzerApiError {
  override readonly code: string = 'FORTIANALYZER_REPORT_FAILED';
}

/** The typed error for a FortiAnalyzer error status. */
export function fazErrorFor(init: FortiAnalyzerErrorInit): FortiAnalyzerApiError {
  const where = `FortiAnalyzer${init.via ? ` (through ${init.via})` : ''} ${init.method} ${init.url}`;
  const said = init.message ? `: ${init.message}` : '';
  const message = init.message.trim();
  if (message === 'Invalid tid') {
    return new SearchExpiredError(
      `${where}: the search id is no longer valid (FortiAnalyzer reaps it after its fetch, on cancel or when idle)`,
      init,
    );
  }
  if (/no available slot/i.test(message)) {
    return new SearchSlotsExhaustedError(
      `${where}: no search slot is free; cancel unfinished searches (or wait for them to expire) and retry`,
      init,
    );
  }
  if (message === 'Invalid filter') {
    return new InvalidFilterError(
      `${where}${said}; check the operators and quoting (q builds valid filters)`,
      init,
    );
  }
  if (init.code === -11) {
    return new FortiAnalyzerPermissionError(
      `${where}${said} (code -11); check the admin's profile and ADOMs`,
      init,
    );
  }
  if (init.code === -3) return new FortiAnalyzerNotFoundError(`${where}${said} (code -3)`, init);
  if (init.code === -6 && init.via) {
    return new FortiAnalyzerInvalidRequestError(
      `${where}${said} (code -6); the ${init.via} does not serve this URL: FortiAnalyzer calls need its ` +
        'FortiAnalyzer features (or a FortiAnalyzer it manages), else call the FortiAnalyzer itself',
      init,
    );
  }
  if (
    init.code === -6 ||
    init.code === -32600 ||
    init.code === -32602 ||
    /^(invalid (params|request)|cannot find fortiview|none of the device|server error: missing columns)/i.test(
      message,
    ) ||
    /not a valid enum value/.test(message)
  ) {
    return new FortiAnalyzerInvalidRequestError(`${where}${said} (code ${init.code})`, init);
  }
  return new FortiAnalyzerApiError(`${where}${said} (code ${init.code})`, init);
}
