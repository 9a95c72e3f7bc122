import { readFile, writeFile } from 'node:fs/promises';
import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';
import type { FmgFactsFile } from '../../src/fortimanager/catalog/schema.js';
import { PROJECT_ROOT } from './paths.js';

/** The facts as the package ships them: minified JSON, brotli-compressed (2.2 MB -> ~130 kB). */
export const RUNTIME_FACTS_FILE = new URL('specs/fortimanager/objects.json.br', PROJECT_ROOT);

function pack(facts: FmgFactsFile): Buffer {
  return brotliCompressSync(JSON.stringify(facts), {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
    },
  });
}

export async function writeRuntimeFacts(facts: FmgFactsFile): Promise<void> {
  await writeFile(RUNTIME_FACTS_FILE, pack(facts));
}

/** True when the shipped file holds exactly these facts (compared decompressed: encoders may differ). */
export async function runtimeFactsUpToDate(facts: FmgFactsFile): Promise<boolean> {
  try {
    const shipped = brotliDecompressSync(await readFile(RUNTIME_FACTS_FILE)).toString('utf8');
    return shipped === JSON.stringify(facts);
  } catch {
    return false;
  }
}
