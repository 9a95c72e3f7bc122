/** A `multipart/form-data` body for action endpoints that take files (licensing, recovery, upgrade). */
import { randomBytes } from 'node:crypto';

/** Whether a body has a file in it (then it is sent as multipart instead of JSON). */
export function hasUpload(body: unknown): boolean {
  if (typeof body !== 'object' || body === null) return false;
  return Object.values(body).some((value) => value instanceof Uint8Array || value instanceof Blob);
}

/** Encodes the fields (files as parts with a filename, the rest as text). */
export async function multipart(
  body: Readonly<Record<string, unknown>>,
): Promise<{ data: Uint8Array; contentType: string }> {
  const boundary = `----fortix${randomBytes(12).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(body)) {
    if (value === undefined) continue;
    const file = value instanceof Uint8Array || value instanceof Blob;
    const head =
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"` +
      (file ? `; filename="${name}"\r\nContent-Type: application/octet-stream` : '') +
      '\r\n\r\n';
    chunks.push(Buffer.from(head));
    if (value instanceof Blob) chunks.push(Buffer.from(await value.arrayBuffer()));
    else if (value instanceof Uint8Array) chunks.push(Buffer.from(value));
    else chunks.push(Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { data: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}
