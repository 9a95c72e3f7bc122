/**
 * Where package tables are, and how urls name packages inside folders. A package's own tables are
 * addressed by its path, one segment per folder (`/pm/config/adom/{adom}/pkg/emea/france/pp/firewall/
 * policy`); the simulator keys them by the whole path as one segment (`pkg/emea\/france\/pp/...`), the
 * form the rest of it (and the catalog) reads as `{pkg}`.
 */
import type { Layer } from '../store/layer.js';
import type { Row } from '../store/table.js';
import { joinPath } from '../url.js';
import { isFolder, pathOf, walk } from './tree.js';

/** The url segments of the package table of an ADOM (`undefined`: the global database). */
export function packageTableSegments(adom: string | undefined): string[] {
  return adom === undefined ? ['pm', 'pkg', 'global'] : ['pm', 'pkg', 'adom', adom];
}

export function packageTableKey(adom: string | undefined): string {
  return joinPath(packageTableSegments(adom));
}

/** The top-level entries of a package table, as `layer` shows them. */
export function topEntries(layer: Layer, tableKey: string): readonly Row[] {
  const container = layer.get(tableKey);
  return container?.kind === 'table' ? container.table.toArray() : [];
}

/**
 * `segments` with the folders and name of a package inside folders merged into one segment (the same
 * array when the url names no such package). `layerFor` gives the layer the caller reads through.
 */
export function withPackagePath(
  segments: readonly string[],
  layerFor: (tableKey: string) => Layer,
): readonly string[] {
  const [a, b, c, d, e] = segments;
  let start: number;
  let adom: string | undefined;
  if (a === 'pm' && b === 'config' && c === 'adom' && d !== undefined && e === 'pkg') [start, adom] = [5, d];
  else if (a === 'pm' && b === 'config' && c === 'global' && d === 'pkg') start = 4;
  else return segments;
  const key = packageTableKey(adom);
  const { trail, rest } = walk(topEntries(layerFor(key), key), segments.slice(start));
  const entry = trail.at(-1);
  if (!entry || isFolder(entry) || (trail.length === 1 && segments[start] === pathOf(trail))) return segments;
  return [...segments.slice(0, start), pathOf(trail), ...rest];
}
