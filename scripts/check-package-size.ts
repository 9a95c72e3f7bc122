/**
 * Fails when the packed tarball outgrows its budget, and names its biggest files.
 *
 *   npm run build && tsx scripts/check-package-size.ts
 */
import { execFileSync } from 'node:child_process';

/** Packed (gzip) and unpacked budgets, in bytes. */
const BUDGET = { packed: 1_200_000, unpacked: 7_000_000 };

interface PackInfo {
  size: number;
  unpackedSize: number;
  files: Array<{ path: string; size: number }>;
}

const [info] = JSON.parse(
  execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { encoding: 'utf8' }),
) as PackInfo[];
if (!info) throw new Error('npm pack printed nothing');
const biggest = [...info.files].sort((a, b) => b.size - a.size).slice(0, 5);
const kb = (n: number) => `${(n / 1000).toFixed(0)} kB`;
console.log(
  `package: ${kb(info.size)} packed (budget ${kb(BUDGET.packed)}), ${kb(info.unpackedSize)} unpacked ` +
    `(budget ${kb(BUDGET.unpacked)}), ${info.files.length} files; biggest: ` +
    biggest.map((f) => `${f.path} ${kb(f.size)}`).join(', '),
);
if (info.size > BUDGET.packed || info.unpackedSize > BUDGET.unpacked) {
  console.error('The package is over its size budget.');
  process.exitCode = 1;
}
