import { readFile } from 'node:fs/promises';
import type { FmgFactsFile } from '../../src/fortimanager/catalog/schema.js';
import { FACTS_FILE } from './paths.js';

/** Reads the committed facts; fails loudly when the file is missing or not the expected shape. */
export async function readFacts(file: URL = FACTS_FILE): Promise<FmgFactsFile> {
  const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
  if (
    typeof parsed !== 'object' ||
    parsed === null ||
    !Array.isArray((parsed as { objects?: unknown }).objects) ||
    !Array.isArray((parsed as { fmgVersions?: unknown }).fmgVersions)
  ) {
    throw new Error(`${file.pathname}: expected { fmgVersions: [...], objects: [...] }`);
  }
  return parsed as FmgFactsFile;
}
