import { readFile, writeFile } from 'node:fs/promises';
import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';
import type { FmgFactsFile } from '../../src/fortimanager/catalog/schema.js';
import { urlIndexOf } from '../../src/fortimanager/catalog/url-index.js';
import { PROJECT_ROOT } from './paths.js';

/**
 * The files the package ships for runtime use, minified JSON, brotli-compressed: the facts
 * (2.2 MB -> ~130 kB) and the URL index the CLI reads to tell tables from the rest.
 */
function runtimeFiles(facts: FmgFactsFile): Array<{ path: string; json: string }> {
  return [
    { path: 'specs/fortimanager/objects.json.br', json: JSON.stringify(facts) },
    { path: 'specs/fortimanager/urls.json.br', json: JSON.stringify(urlIndexOf(facts.objects)) },
  ];
}

function pack(json: string): Buffer {
  return brotliCompressSync(json, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
    },
  });
}

export async function writeRuntimeFiles(facts: FmgFactsFile): Promise<void> {
  for (const { path, json } of runtimeFiles(facts)) await writeFile(new URL(path, PROJECT_ROOT), pack(json));
}

/** The runtime files that do not hold exactly these facts (compared decompressed: encoders may differ). */
export async function staleRuntimeFiles(facts: FmgFactsFile): Promise<string[]> {
  const stale: string[] = [];
  for (const { path, json } of runtimeFiles(facts)) {
    try {
      if (brotliDecompressSync(await readFile(new URL(path, PROJECT_ROOT))).toString('utf8') !== json)
        stale.push(path);
    } catch {
      stale.push(path);
    }
  }
  return stale;
}
