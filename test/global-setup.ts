import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * Builds `dist/` once before any test file runs: the CLI tests run the built binary and the package
 * tests pack it. One build, so that parallel test files never race on `dist/`. Type errors are
 * `npm run typecheck`'s to report; tsc still emits, and only a build without output fails here.
 */
export default function setup(): void {
  const tsc = fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url));
  const build = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (!existsSync(new URL('../dist/index.js', import.meta.url))) {
    throw new Error(`The build wrote no dist/: ${build.stdout}${build.stderr}`);
  }
}
