import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { brotliDecompress } from 'node:zlib';

const decompress = promisify(brotliDecompress);

/** A file the package ships as brotli-compressed JSON (`specs/fortimanager/*.json.br`), parsed. */
async function readPackedJson(url: URL): Promise<unknown> {
  return JSON.parse((await decompress(await readFile(url))).toString('utf8'));
}

/**
 * A loader of such a file: read, parsed and turned into `T` by `build` on the first call, the result
 * shared by later calls; a failed read is not kept, so the next call tries again.
 */
export function packedJsonLoader<T>(url: URL, build: (file: unknown) => T): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () => {
    loaded ??= readPackedJson(url).then(build, (error: unknown) => {
      loaded = undefined;
      throw error;
    });
    return loaded;
  };
}
