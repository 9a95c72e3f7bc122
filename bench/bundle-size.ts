/**
 * What the typed catalog costs at run time: the minified `fortix/fortimanager` bundle built twice,
 * once as it is and once with the catalog's type modules (`catalog/types.ts`, `catalog/generated/*`)
 * replaced by empty modules. The difference is what the generated map adds (budget: < 1 KB).
 * Code splitting is on, as in any bundler that honours dynamic `import()`: the entry chunk is what
 * every user loads; the lazy chunks (the runtime facts behind `validate: true` and `describe()`)
 * load only when used.
 *
 * Part of `npm run bench` (`npm run bench -- bundle` alone).
 */
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

const ENTRY = fileURLToPath(new URL('../src/fortimanager/index.ts', import.meta.url));
const BUDGET_BYTES = 1024;
const CATALOG_TYPES = /[\\/]fortimanager[\\/]catalog[\\/](types|entry|generated[\\/].*)\.ts$/;

/** Replaces the catalog's type modules with empty ones. */
const withoutCatalogTypes: Plugin = {
  name: 'without-catalog-types',
  setup(b) {
    b.onLoad({ filter: CATALOG_TYPES }, () => ({ contents: 'export {};', loader: 'ts' }));
  },
};

interface Sizes {
  entry: number;
  lazy: number;
}

async function bundle(plugins: Plugin[]): Promise<Sizes> {
  const result = await build({
    entryPoints: [ENTRY],
    bundle: true,
    splitting: true,
    minify: true,
    format: 'esm',
    platform: 'node',
    packages: 'external',
    outdir: 'out',
    write: false,
    logLevel: 'silent',
    plugins,
  });
  const sizes: Sizes = { entry: 0, lazy: 0 };
  for (const file of result.outputFiles) {
    if (file.path.endsWith('index.js')) sizes.entry += file.contents.byteLength;
    else sizes.lazy += file.contents.byteLength;
  }
  return sizes;
}

/** Builds both bundles, prints the sizes and returns the bytes the catalog types add. */
export async function runBundleSizeBench(): Promise<number> {
  const typed = await bundle([]);
  const stubbed = await bundle([withoutCatalogTypes]);
  console.log('Bundle size of fortix/fortimanager (esbuild, minified, code splitting)');
  console.table([
    { bundle: 'typed catalog', entryBytes: typed.entry, lazyChunkBytes: typed.lazy },
    { bundle: 'catalog types stubbed out', entryBytes: stubbed.entry, lazyChunkBytes: stubbed.lazy },
  ]);
  const growth = typed.entry + typed.lazy - (stubbed.entry + stubbed.lazy);
  const verdict = growth < BUDGET_BYTES ? 'OK' : 'OVER BUDGET';
  console.log(`  the generated catalog types add ${growth} bytes (budget ${BUDGET_BYTES}): ${verdict}`);
  return growth;
}
