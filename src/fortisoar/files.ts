/** Files and attachments: multipart upload to `/api/3/files`, download, attachments on records. */
import { ValidationError } from '../core/errors.js';
import { checkCallOptions } from '../core/timeouts.js';
import type { CallOptions, SoarCaller } from './caller.js';
import { ENDPOINTS } from './endpoints.js';
import { checkModule } from './query.js';
import type { Attachment, FileRecord, Iri } from './types.js';
import { multipartUpload, type UploadSource } from './upload.js';

export interface UploadOptions extends CallOptions {
  /** Name of the file on FortiSOAR (default: the name of `{ path }`; required for bytes and streams). */
  filename?: string;
  contentType?: string;
}

export interface AttachOptions extends UploadOptions {
  /** Name of the attachment record (default: the file name). */
  name?: string;
  description?: string;
}

export class Files {
  constructor(private readonly caller: SoarCaller) {}

  /** Uploads a file; answers its file record (`@id` is what attachments and connectors take). */
  async upload(source: UploadSource, options: UploadOptions = {}): Promise<FileRecord> {
    checkCallOptions(options);
    const body = await multipartUpload(source, options);
    return this.caller.call<FileRecord>(ENDPOINTS.upload, {
      body: { data: body.data, contentType: body.contentType },
      replayable: body.replayable,
      signal: options.signal,
      timeoutMs: options.timeoutMs,
    });
  }

  /** The bytes of a file (by IRI or uuid). */
  async download(file: Iri | string, options: CallOptions = {}): Promise<Buffer> {
    checkCallOptions(options);
    const uuid = file.split('/').pop() ?? '';
    if (uuid === '') throw new ValidationError('file must be a file IRI or uuid', 'file');
    const reply = await this.caller.bytes(ENDPOINTS.download, { params: { uuid }, ...options });
    return reply.body;
  }

  /** Uploads a file and attaches it to a record (an `attachments` record linked to it). */
  async attach(
    module: string,
    recordUuid: string,
    source: UploadSource | { readonly file: Iri },
    options: AttachOptions = {},
  ): Promise<Attachment> {
    checkModule(module);
    const fileIri =
      typeof source === 'object' && source !== null && 'file' in source && typeof source.file === 'string'
        ? source.file
        : (await this.upload(source as UploadSource, options))['@id'];
    const name =
      options.name ?? options.filename ?? (source as { path?: string }).path?.split(/[\\/]/).pop() ?? fileIri;
    return this.caller.call<Attachment>(ENDPOINTS.create, {
      params: { module: 'attachments' },
      json: {
        name,
        file: fileIri,
        ...(options.description === undefined ? {} : { description: options.description }),
        [module]: [`/api/3/${module}/${recordUuid.split('/').pop()}`],
      },
      signal: options.signal,
      timeoutMs: options.timeoutMs,
    });
  }
}
