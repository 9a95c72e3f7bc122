import type { Caller, CallOptions } from './caller.js';
import { ENDPOINTS } from './endpoints.js';
import { REQUEST_KEYS } from './request-keys.js';
import type { Contract, ContractListReply, ContractListRequest } from './types.js';
import { checkContractNumber, checkOptionalId, checkStatus, checkText, requestIssues } from './validation.js';

/**
 * `contracts/list`.
 *
 * @example
 * const pending = await fc.contracts.list({ status: 'Pending' });
 */
export class Contracts {
  readonly #caller: Caller;

  constructor(caller: Caller) {
    this.#caller = caller;
  }

  /** Contracts of the account, optionally filtered by number, SKU or status. */
  async list(request: ContractListRequest = {}, options?: CallOptions): Promise<Contract[]> {
    const issues = requestIssues(request, REQUEST_KEYS.contractsList, options, 'contracts.list request');
    if (request.contractNumber !== undefined)
      checkContractNumber(issues, request.contractNumber, 'contractNumber');
    checkText(issues, request.contractSKU, 'contractSKU', false, 64);
    checkStatus(issues, request.status, 'status');
    checkOptionalId(issues, request.accountId, 'accountId');
    issues.throwIfAny('contracts.list request');
    const reply = await this.#caller.call<ContractListReply>(ENDPOINTS.contractsList, request, options);
    return reply.contracts ?? [];
  }
}
