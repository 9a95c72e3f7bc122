import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { brotliDecompress } from 'node:zlib';

const decompress = promisify(brotliDecompress);

/** A file the package ships as brotli-compressed JSON (`specs/fortimanager/*.json.br`), parsed. */
export async function readPackedJson(url: URL): Promise<unknown> {
  return JSON.parse((await decompress(await readFile(url))).toString('utf8'));
}
