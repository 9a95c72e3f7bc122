/**
 * Generates the FortiManager catalog types from `specs/fortimanager/objects.json`.
 *
 *   npm run generate             write src/fortimanager/catalog/generated/
 *   npm run generate -- --check  exit 1 when the committed output differs from a fresh run (CI)
 */
import { generateCatalog } from './catalog/generate.js';
import { diffOutput, writeOutput } from './catalog/output.js';
import { GENERATED_DIR } from './catalog/paths.js';
import { readFacts } from './catalog/read-facts.js';

async function main(args: readonly string[]): Promise<number> {
  const files = generateCatalog(await readFacts());
  if (args.includes('--check')) {
    const differ = await diffOutput(GENERATED_DIR, files);
    if (differ.length > 0) {
      console.error(`Generated catalog is out of date (${differ.join(', ')}). Run: npm run generate`);
      return 1;
    }
    console.log(`Generated catalog is up to date (${files.size} files).`);
    return 0;
  }
  await writeOutput(GENERATED_DIR, files);
  console.log(`Wrote ${files.size} files to src/fortimanager/catalog/generated/.`);
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
