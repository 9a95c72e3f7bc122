/** What an upload reads from, and the `multipart/form-data` body it becomes. */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { ValidationError } from '../core/errors.js';

/**
 * Bytes, a file on disk (`{ path }`), or a stream (any async iterable of chunks, such as
 * `createReadStream(...)`). A stream can be sent only once: a call refused for its credentials
 * then fails instead of being sent again.
 */
export type UploadSource = Uint8Array | ArrayBuffer | { readonly path: string } | AsyncIterable<Uint8Array>;

export interface UploadBody {
  readonly data: Uint8Array;
  readonly contentType: string;
  readonly filename: string;
  /** False when the source was a stream. */
  readonly replayable: boolean;
}

/** Reads a source into one multipart body with a single `file` field. */
export async function multipartUpload(
  source: UploadSource,
  options: { filename?: string | undefined; contentType?: string | undefined },
): Promise<UploadBody> {
  const { bytes, name, replayable } = await readSource(source);
  const filename = options.filename ?? name;
  if (!filename)
    throw new ValidationError('filename is required when uploading bytes or a stream', 'filename');
  const boundary = `----fortix${randomBytes(12).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename.replace(/["\r\n]/g, '_')}"\r\n` +
      `Content-Type: ${options.contentType ?? 'application/octet-stream'}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    data: Buffer.concat([head, bytes, tail]),
    contentType: `multipart/form-data; boundary=${boundary}`,
    filename,
    replayable,
  };
}

async function readSource(
  source: UploadSource,
): Promise<{ bytes: Uint8Array; name?: string; replayable: boolean }> {
  if (source instanceof Uint8Array) return { bytes: source, replayable: true };
  if (source instanceof ArrayBuffer) return { bytes: new Uint8Array(source), replayable: true };
  if (typeof source === 'object' && source !== null && 'path' in source && typeof source.path === 'string')
    return { bytes: await readFile(source.path), name: basename(source.path), replayable: true };
  if (typeof source === 'object' && source !== null && Symbol.asyncIterator in source) {
    const chunks: Uint8Array[] = [];
    for await (const chunk of source) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    return { bytes: Buffer.concat(chunks), replayable: false };
  }
  throw new ValidationError(
    'The upload source must be bytes, { path }, or an async iterable of chunks',
    'source',
  );
}
