import type { VersionRange } from './schema.js';

/** Compares dotted versions numerically (`'7.10.0' > '7.9.1'`); missing parts count as 0. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

/** True when `version` lies in one of the ranges (an open `to` has no upper bound). */
export function inRanges(version: string, ranges: readonly VersionRange[]): boolean {
  return ranges.some(
    ([from, to]) => compareVersions(version, from) >= 0 && (to === '' || compareVersions(version, to) <= 0),
  );
}

/** `[['6.2.2',''], ...]` -> `'6.2.2+'`, `[['7.0.0','7.4.3']]` -> `'7.0.0–7.4.3'`, joined by `, `. */
export function formatRanges(ranges: readonly VersionRange[]): string {
  return ranges
    .map(([from, to]) => (to === '' ? `${from}+` : from === to ? from : `${from}–${to}`))
    .join(', ');
}
