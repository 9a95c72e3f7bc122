/**
 * Generates the FortiAuthenticator resource types and runtime tables from
 * `specs/fortiauthenticator/resources.json`.
 *
 *   npm run generate:fac             write src/fortiauthenticator/generated/
 *   npm run generate:fac -- --check  exit 1 when the committed output differs from a fresh run (CI)
 */
import { diffOutput, writeOutput } from './catalog/output.js';
import { generateFiles } from './fortiauthenticator/generate.js';
import { GENERATED_DIR, readSpec } from './fortiauthenticator/spec.js';

async function main(args: readonly string[]): Promise<number> {
  const files = generateFiles(await readSpec());
  if (args.includes('--check')) {
    const differ = await diffOutput(GENERATED_DIR, files);
    if (differ.length > 0) {
      console.error(
        `Generated FortiAuthenticator types are out of date (${differ.join(', ')}). Run: npm run generate:fac`,
      );
      return 1;
    }
    console.log(`Generated FortiAuthenticator types are up to date (${files.size} files).`);
    return 0;
  }
  await writeOutput(GENERATED_DIR, files);
  console.log(`Wrote ${files.size} files to src/fortiauthenticator/generated/.`);
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
