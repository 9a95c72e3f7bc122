/** Reads the files of a `.tgz` (gzip + ustar), as a connector bundle is uploaded. */
import { gunzipSync } from 'node:zlib';

const BLOCK = 512;

/** Path to content of every regular file; undefined when the bytes are not a gzipped tar. */
export function readTgz(bytes: Buffer): Map<string, Buffer> | undefined {
  let tar: Buffer;
  try {
    tar = gunzipSync(bytes);
  } catch {
    return undefined;
  }
  const files = new Map<string, Buffer>();
  for (let offset = 0; offset + BLOCK <= tar.length; ) {
    const header = tar.subarray(offset, offset + BLOCK);
    if (header.every((b) => b === 0)) break;
    const name = field(header, 0, 100);
    const size = Number.parseInt(field(header, 124, 12).trim() || '0', 8);
    const type = String.fromCharCode(header[156] ?? 0);
    const prefix = header.subarray(257, 262).toString() === 'ustar' ? field(header, 345, 155) : '';
    if (Number.isNaN(size)) return undefined;
    const start = offset + BLOCK;
    if (type === '0' || type === '\0')
      files.set(prefix ? `${prefix}/${name}` : name, tar.subarray(start, start + size));
    offset = start + Math.ceil(size / BLOCK) * BLOCK;
  }
  return files;
}

function field(header: Buffer, start: number, length: number): string {
  const raw = header.subarray(start, start + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end < 0 ? raw.length : end).toString('utf8');
}
