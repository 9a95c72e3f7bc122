/**
 * Bundled size of `fortix/fortimanager` with and without the catalog types, to show the generated
 * map costs no runtime bytes (budget: < 1 KB). Also prints the lazily imported runtime facts module.
 *
 *   npx tsx bench/bundle-size.ts
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = new URL('../', import.meta.url);
const path = (relative: string): string => fileURLToPath(new URL(relative, ROOT));
const BUDGET_BYTES = 1024;

/** Minified ESM bundle size of `contents` (resolved from the project root); dependencies stay external. */
async function bundledBytes(contents: string): Promise<number> {
  const result = await build({
    stdin: { contents, resolveDir: path('.'), loader: 'ts', sourcefile: 'entry.ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'node',
    packages: 'external',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles.reduce((sum, file) => sum + file.contents.byteLength, 0);
}

const client = existsSync(path('src/fortimanager/index.ts'))
  ? "export * from './src/fortimanager/index.ts';"
  : 'export const stub = 1;';
const withCatalog = [
  client,
  "export type * from './src/fortimanager/catalog/types.ts';",
  "export type * from './src/fortimanager/catalog/generated/index.ts';",
].join('\n');

const sizes = {
  'fortix/fortimanager': await bundledBytes(client),
  'fortix/fortimanager + catalog types': await bundledBytes(withCatalog),
  'catalog types alone': await bundledBytes("export type * from './src/fortimanager/catalog/types.ts';"),
  'runtime facts (lazy, not in the client bundle)': await bundledBytes(
    "export * from './src/fortimanager/catalog/facts.ts';",
  ),
};
console.table(Object.entries(sizes).map(([bundle, bytes]) => ({ bundle, bytes })));
const growth = sizes['fortix/fortimanager + catalog types'] - sizes['fortix/fortimanager'];
console.log(
  `Catalog types add ${growth} bytes (budget ${BUDGET_BYTES}): ${growth < BUDGET_BYTES ? 'OK' : 'OVER BUDGET'}`,
);
if (growth >= BUDGET_BYTES) process.exitCode = 1;
