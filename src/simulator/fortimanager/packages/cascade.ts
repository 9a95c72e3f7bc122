/**
 * What lives under a package (`/pm/config/adom/{adom}/pkg/{path}/...`: its policy tables and settings)
 * follows the package: it goes when the package is deleted (alone or with its folder) and moves when
 * the package or a folder above it is renamed.
 */
import type { Layer } from '../store/layer.js';
import { joinPath } from '../url.js';
import type { PackageRef } from './tree.js';

/** The store key prefix of what lives under a package: `['pm','config','adom',adom]` or `['pm','config','global']`. */
export type PackageBase = readonly string[];

export function followPackages(
  layer: Layer,
  base: PackageBase,
  before: readonly PackageRef[],
  after: readonly PackageRef[],
): void {
  const now = new Map(after.map((ref) => [ref.row.oid, ref.path]));
  for (const { row, path } of before) {
    const next = now.get(row.oid);
    if (next === path) continue;
    const from = `${joinPath([...base, 'pkg', path])}/`;
    if (next === undefined) layer.removePrefix(from);
    else move(layer, from, `${joinPath([...base, 'pkg', next])}/`);
  }
}

function move(layer: Layer, from: string, to: string): void {
  for (const key of layer.keys()) {
    if (!key.startsWith(from)) continue;
    const container = layer.get(key)!;
    const target = to + key.slice(from.length);
    if (container.kind === 'object') layer.setObject(target, container.row);
    else {
      const table = layer.tableForWrite(target, container.table.mkey);
      table.clear();
      for (const row of container.table.rows()) table.insert(row);
    }
    layer.remove(key);
  }
}
