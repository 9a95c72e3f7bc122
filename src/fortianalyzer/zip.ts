/**
 * Reads the ZIP archives FortiAnalyzer hands out reports in (stored or deflated entries).
 */
import { crc32, inflateRawSync } from 'node:zlib';
import { ProtocolError } from '../core/errors.js';

/** One file of an archive. */
export interface ArchiveFile {
  readonly name: string;
  readonly data: Buffer;
}

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;

/** The files of a ZIP archive; a `ProtocolError` when it is not a readable archive. */
export function unzip(archive: Buffer): ArchiveFile[] {
  const bad = (what: string): never => {
    throw new ProtocolError(`The report archive is not a readable ZIP file: ${what}`, { status: 200 });
  };
  let end = archive.length - 22;
  while (end >= 0 && archive.readUInt32LE(end) !== END_OF_DIRECTORY) end--;
  if (end < 0) bad('no end of central directory');
  const count = archive.readUInt16LE(end + 10);
  let at = archive.readUInt32LE(end + 16);
  const files: ArchiveFile[] = [];
  for (let n = 0; n < count; n++) {
    if (at + 46 > archive.length || archive.readUInt32LE(at) !== DIRECTORY_ENTRY)
      bad('broken central directory');
    const method = archive.readUInt16LE(at + 10);
    const crc = archive.readUInt32LE(at + 16);
    const packedSize = archive.readUInt32LE(at + 20);
    const nameLength = archive.readUInt16LE(at + 28);
    const skip = archive.readUInt16LE(at + 30) + archive.readUInt16LE(at + 32);
    const local = archive.readUInt32LE(at + 42);
    const name = archive.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    if (local + 30 > archive.length || archive.readUInt32LE(local) !== LOCAL_HEADER)
      bad(`no local header for ${name}`);
    const dataAt = local + 30 + archive.readUInt16LE(local + 26) + archive.readUInt16LE(local + 28);
    const packed = archive.subarray(dataAt, dataAt + packedSize);
    let data: Buffer;
    if (method === 0) data = Buffer.from(packed);
    else if (method === 8) data = inflateRawSync(packed);
    else return bad(`${name} uses compression method ${method}`);
    if (crc32(data) !== crc) bad(`${name} fails its checksum`);
    if (!name.endsWith('/')) files.push({ name, data });
    at += 46 + nameLength + skip;
  }
  return files;
}
