/**
 * Policy packages and the folders that hold them, as FortiManager keeps them per ADOM: the rows of the
 * package table (`/pm/pkg/adom/{adom}`) are the top-level entries, `type: "pkg"` or `"folder"`, and a
 * folder lists what it holds (packages and folders) in `subobj`. A package is named by its path, the
 * folders it sits in and its name joined by `/` (`emea/france/pp_france`), as installs, package status
 * and package locks name it. Entries are immutable rows: a change rebuilds the entries above it.
 */
import type { Row } from '../store/table.js';

export function isFolder(entry: Row): boolean {
  return entry.type === 'folder';
}

/** What a folder holds (nothing for a package). */
export function entriesOf(entry: Row): readonly Row[] {
  return Array.isArray(entry.subobj) ? (entry.subobj as Row[]) : [];
}

export function nameOf(entry: Row): string {
  return String(entry.name ?? '');
}

export interface PackageRef {
  /** `folder/.../name`. */
  readonly path: string;
  readonly row: Row;
}

/** Every package below `entries`, with its path, depth first in table order. */
export function packagesIn(entries: readonly Row[], prefix = ''): PackageRef[] {
  const found: PackageRef[] = [];
  for (const entry of entries) {
    const path = `${prefix}${nameOf(entry)}`;
    if (isFolder(entry)) found.push(...packagesIn(entriesOf(entry), `${path}/`));
    else found.push({ path, row: entry });
  }
  return found;
}

/**
 * The entries along a path (`emea/france/pp`), the named entry last, or undefined. A name that itself
 * holds a `/` is found as it is before the path is read as folders.
 */
export function trailOf(entries: readonly Row[], path: string): Row[] | undefined {
  const exact = entries.find((entry) => nameOf(entry) === path);
  if (exact) return [exact];
  for (const entry of entries) {
    const prefix = `${nameOf(entry)}/`;
    if (!isFolder(entry) || !path.startsWith(prefix)) continue;
    const below = trailOf(entriesOf(entry), path.slice(prefix.length));
    if (below) return [entry, ...below];
  }
  return undefined;
}

/** Where the url segments after the package table lead. */
export interface Walk {
  /** The entries named on the way, from the top (the last one may be a package). */
  readonly trail: readonly Row[];
  /** The name that names nothing inside the last folder of `trail` (or at the top), if any. */
  readonly missing?: string;
  /** Segments after the entry (`scope member`, ...) or after the missing name. */
  readonly rest: readonly string[];
}

/**
 * Follows url segments from the top entries: through folders, until a package, a name that is not
 * there, or the end. A segment holding `/` (an escaped path) counts as its parts unless an entry has
 * that very name.
 */
export function walk(entries: readonly Row[], segments: readonly string[]): Walk {
  const trail: Row[] = [];
  let level = entries;
  const queue = [...segments];
  while (queue.length > 0) {
    const segment = queue.shift()!;
    const entry = level.find((candidate) => nameOf(candidate) === segment);
    if (!entry && segment.includes('/')) {
      queue.unshift(...segment.split('/').filter((part) => part !== ''));
      continue;
    }
    if (!entry) return { trail, missing: segment, rest: queue };
    trail.push(entry);
    if (!isFolder(entry)) break;
    level = entriesOf(entry);
  }
  return { trail, rest: queue };
}

/** The path of the last entry of a trail. */
export function pathOf(trail: readonly Row[]): string {
  return trail.map(nameOf).join('/');
}

/**
 * `entries` with the entry at `names` (a path as a list of names, from the top) replaced by what
 * `change` makes of it; `change` returning undefined removes the entry.
 */
export function changeAt(
  entries: readonly Row[],
  names: readonly string[],
  change: (entry: Row) => Row | undefined,
): Row[] {
  const [name, ...below] = names;
  const out: Row[] = [];
  for (const entry of entries) {
    if (nameOf(entry) !== name) out.push(entry);
    else {
      const changed =
        below.length === 0 ? change(entry) : { ...entry, subobj: changeAt(entriesOf(entry), below, change) };
      if (changed) out.push(changed);
    }
  }
  return out;
}
