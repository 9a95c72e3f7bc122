import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The compiler options `tsc --init` writes (TypeScript 5.9), with Node's types as an app would add them. */
export const TSC_INIT_OPTIONS = {
  module: 'nodenext',
  target: 'esnext',
  types: ['node'],
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  strict: true,
  verbatimModuleSyntax: true,
  isolatedModules: true,
  noUncheckedSideEffectImports: true,
  moduleDetection: 'force',
  skipLibCheck: true,
  noEmit: true,
};

/**
 * A fresh consumer project with the packed tarball installed in node_modules/fortix (its
 * dependencies linked from this repository's node_modules, so that no network is needed).
 */
export function consumerProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'fortix-consumer-'));
  const packed = execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', dir, '--json'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  const [info] = JSON.parse(packed) as Array<{ filename: string }>;
  if (!info) throw new Error('npm pack printed nothing');
  const { filename } = info;
  const modules = join(dir, 'node_modules');
  mkdirSync(join(modules, 'fortix'), { recursive: true });
  execFileSync('tar', ['-xzf', join(dir, filename), '-C', join(modules, 'fortix'), '--strip-components=1']);
  for (const name of readdirSync(join(ROOT, 'node_modules'))) {
    if (name === 'fortix' || name.startsWith('.')) continue;
    symlinkSync(join(ROOT, 'node_modules', name), join(modules, name));
  }
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'consumer', type: 'module', private: true }),
  );
  return dir;
}

/** Type-checks `files` of `dir` with `tsc` (a path to a TypeScript's bin/tsc); returns the diagnostics. */
export function typeCheck(dir: string, tsc: string, options: object, files: readonly string[]): string {
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: options, files }));
  try {
    execFileSync(process.execPath, [tsc, '-p', join(dir, 'tsconfig.json')], { cwd: dir, encoding: 'utf8' });
    return '';
  } catch (error) {
    return String((error as { stdout?: string }).stdout ?? error);
  }
}
