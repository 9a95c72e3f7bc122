/**
 * Generates the FortiManager catalog types from `specs/fortimanager/objects.json`, and the compact
 * files the package ships for runtime use (`specs/fortimanager/objects.json.br`, the facts, and
 * `urls.json.br`, the URL index).
 *
 *   npm run generate             write src/fortimanager/catalog/generated/ and the runtime facts
 *   npm run generate -- --check  exit 1 when the committed output differs from a fresh run (CI)
 */
import { generateCatalog } from './catalog/generate.js';
import { diffOutput, writeOutput } from './catalog/output.js';
import { GENERATED_DIR } from './catalog/paths.js';
import { readFacts } from './catalog/read-facts.js';
import { staleRuntimeFiles, writeRuntimeFiles } from './catalog/runtime-facts.js';

async function main(args: readonly string[]): Promise<number> {
  const facts = await readFacts();
  const files = generateCatalog(facts);
  if (args.includes('--check')) {
    const differ = await diffOutput(GENERATED_DIR, files);
    differ.push(...(await staleRuntimeFiles(facts)));
    if (differ.length > 0) {
      console.error(`Generated catalog is out of date (${differ.join(', ')}). Run: npm run generate`);
      return 1;
    }
    console.log(`Generated catalog is up to date (${files.size} files).`);
    return 0;
  }
  await writeOutput(GENERATED_DIR, files);
  await writeRuntimeFiles(facts);
  console.log(`Wrote ${files.size} files to src/fortimanager/catalog/generated/ and the runtime files.`);
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
