import { ProtocolError } from '../core/errors.js';
import type { Caller, CallOptions } from './caller.js';
import { ENDPOINTS } from './endpoints.js';
import { REQUEST_KEYS } from './request-keys.js';
import type {
  AccountScoped,
  Envelope,
  Folder,
  FolderCreateRequest,
  FolderDeleteRequest,
  FolderListReply,
} from './types.js';
import { checkId, checkOptionalId, checkText, requestIssues } from './validation.js';

/**
 * `folders/*`: the account's asset folder tree.
 *
 * @example
 * const lab = await fc.folders.create({ folderName: 'Lab' });
 * await fc.products.folder({ folderId: lab.folderId, serialNumbers: [serial] });
 */
export class Folders {
  readonly #caller: Caller;

  constructor(caller: Caller) {
    this.#caller = caller;
  }

  /** Every folder of the account (`folderPath` shows the tree). */
  async list(request: AccountScoped = {}, options?: CallOptions): Promise<Folder[]> {
    const issues = requestIssues(request, REQUEST_KEYS.foldersList, options, 'folders.list request');
    checkOptionalId(issues, request.accountId, 'accountId');
    issues.throwIfAny('folders.list request');
    const reply = await this.#caller.call<FolderListReply>(ENDPOINTS.foldersList, request, options);
    return reply.assetFolders ?? [];
  }

  /** Creates a folder (under `parentFolderId`, else at the top). Never resent silently. */
  async create(request: FolderCreateRequest, options?: CallOptions): Promise<Folder> {
    const issues = requestIssues(request, REQUEST_KEYS.foldersCreate, options, 'folders.create request');
    checkText(issues, request.folderName, 'folderName', true, 100);
    if (typeof request.folderName === 'string' && request.folderName.includes('/')) {
      issues.add('folderName', 'must not contain "/" (it separates folders in folderPath)');
    }
    checkOptionalId(issues, request.parentFolderId, 'parentFolderId', 0);
    checkOptionalId(issues, request.accountId, 'accountId');
    issues.throwIfAny('folders.create request');
    const reply = await this.#caller.call<FolderListReply>(ENDPOINTS.foldersCreate, request, options);
    const folder = reply.assetFolders?.[0];
    if (!folder) {
      throw new ProtocolError('FortiCare folders/create succeeded but returned no folder', { status: 200 });
    }
    return folder;
  }

  /** Deletes an empty folder (FortiCare refuses to delete a folder with products or subfolders). */
  async delete(request: FolderDeleteRequest, options?: CallOptions): Promise<void> {
    const issues = requestIssues(request, REQUEST_KEYS.foldersDelete, options, 'folders.delete request');
    checkId(issues, request.folderId, 'folderId', 0);
    checkOptionalId(issues, request.accountId, 'accountId');
    issues.throwIfAny('folders.delete request');
    await this.#caller.call<Envelope>(ENDPOINTS.foldersDelete, request, options);
  }
}
