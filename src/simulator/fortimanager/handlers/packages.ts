/**
 * Policy packages and their folders: `/pm/pkg/adom/{adom}[/{folder}...[/{name}[/scope member]]]` and
 * `/pm/pkg/global[...]`, for get and the write methods (see packages/ for the layout and the rules).
 *
 * - get of the table answers the top-level entries (`fields`, `filter`, `range`), a folder its
 *   `subobj`; a path that names nothing is an invalid url (-6), as FortiManager answers it;
 * - a write to a folder's url whose data names other entries writes them into the folder (the
 *   url of the folder is the table of what it holds);
 * - deleting a folder that still holds something is refused (-10); deleting or renaming a package
 *   (or a folder above it) takes its policy tables along;
 * - writes answer no data (recorded).
 */

import { followPackages } from '../packages/cascade.js';
import { packageTableKey, packageTableSegments, topEntries, withPackagePath } from '../packages/paths.js';
import { renderEntry } from '../packages/render.js';
import { packageSchema } from '../packages/schema.js';
import {
  changeAt,
  entriesOf,
  isFolder,
  nameOf,
  packagesIn,
  pathOf,
  type Walk,
  walk,
} from '../packages/tree.js';
import { type EntryContext, entryData, rewritten, withMembers, writeEntries } from '../packages/write.js';
import { compileFilter } from '../query/filter.js';
import { parseRange } from '../query/get.js';
import { nodeSchemaOf, type WriteMethod } from '../schema.js';
import { FmgCode, fail } from '../status.js';
import type { Row } from '../store/table.js';
import { urlOf } from '../url.js';
import { type Call, requireAdom, requireWrite } from './call.js';

const WRITES: ReadonlySet<string> = new Set(['add', 'set', 'update', 'replace', 'delete', 'unset']);
const NODE = nodeSchemaOf(packageSchema);

/**
 * The call with a package inside folders named by one `{pkg}` segment in its url, as the package's
 * own tables are stored (see packages/paths.ts); the same call when the url names none.
 */
export function atPackagePath(call: Call, segments: readonly string[]): [Call, readonly string[]] {
  const merged = withPackagePath(segments, (key) =>
    call.state.layerFor(call.principal, key, undefined, false),
  );
  return merged === segments ? [call, segments] : [{ ...call, url: urlOf(merged) }, merged];
}

/** `adom` undefined: the global database's packages. */
export function packageUrl(call: Call, adom: string | undefined, rest: readonly string[]): unknown {
  const { state } = call;
  requireAdom(call, adom);
  if (adom !== undefined && !state.topology.adom(adom)) fail(FmgCode.invalidUrl);
  const key = packageTableKey(adom);
  const entries = topEntries(state.layerFor(call.principal, key, undefined, false), key);
  const place = walk(entries, rest);
  if (call.method === 'get') return rest.length === 0 ? listEntries(call, entries) : getEntry(call, place);
  if (!WRITES.has(call.method)) return fail(FmgCode.invalidMethod);
  requireWrite(call);
  const layer = state.layerFor(
    call.principal,
    key,
    place.trail.length > 0 ? pathOf(place.trail) : undefined,
    true,
  );
  const table = layer.tableForWrite(key, 'name');
  const before = table.toArray();
  const context: EntryContext = {
    nextOid: () => state.db.nextOid(),
    check: (data) =>
      state.db.registry.validate(urlOf(packageTableSegments(adom)), call.method as WriteMethod, data, NODE),
  };
  const after = written(call, before, place, context);
  table.clear();
  for (const entry of after) table.insert(entry);
  const base = adom === undefined ? ['pm', 'config', 'global'] : ['pm', 'config', 'adom', adom];
  followPackages(layer, base, packagesIn(before), packagesIn(after));
  return undefined;
}

function listEntries(call: Call, entries: readonly Row[]): unknown {
  const { param } = call;
  const matches = param.filter === undefined ? undefined : compileFilter(param.filter, NODE);
  const selected = matches ? entries.filter(matches) : entries;
  const [start, count] = parseRange(param.range);
  const page = count === undefined ? selected.slice(start) : selected.slice(start, start + count);
  return page.map((entry) => answer(call, entry));
}

function getEntry(call: Call, place: Walk): unknown {
  const entry = place.trail.at(-1);
  if (place.missing !== undefined || !entry) return fail(FmgCode.invalidUrl);
  if (place.rest.length === 0) return answer(call, entry);
  if (place.rest.length === 1 && place.rest[0] === 'scope member' && !isFolder(entry))
    return entry['scope member'] ?? [];
  return fail(FmgCode.invalidUrl);
}

/** An entry as answered, narrowed to `fields` (plus its name and oid, which FortiManager always adds). */
function answer(call: Call, entry: Row): Record<string, unknown> {
  const rendered = renderEntry(entry, call.verbose);
  const { fields } = call.param;
  if (!Array.isArray(fields)) return rendered;
  const keep = new Set(['name', 'oid', ...fields.map(String)]);
  return Object.fromEntries(Object.entries(rendered).filter(([name]) => keep.has(name)));
}

/** The top-level entries after the write. */
function written(call: Call, top: readonly Row[], place: Walk, context: EntryContext): Row[] {
  const method = call.method as WriteMethod;
  const data = withScopeMember(call.param);
  const names = place.trail.map(nameOf);
  const entry = place.trail.at(-1);
  if (place.missing !== undefined) {
    // A new entry named by the url, in the folder the url walked to.
    if (place.rest.length > 0 || !['add', 'set', 'replace'].includes(method)) return fail(FmgCode.invalidUrl);
    return into(top, names, [{ ...entryData(data ?? {}), name: place.missing }], method, context);
  }
  if (!entry) return tableWrite(call, data, top, context);
  if (place.rest.length === 1 && place.rest[0] === 'scope member' && !isFolder(entry))
    return changeAt(top, names, (pkg) => withMembers(pkg, method, data));
  if (place.rest.length > 0) return fail(FmgCode.invalidUrl);
  if (method === 'delete') {
    if (entriesOf(entry).length > 0) notEmpty(pathOf(place.trail));
    return changeAt(top, names, () => undefined);
  }
  if (method === 'unset')
    return changeAt(top, names, (row) => withoutAttributes(row, data, call.param['unset attrs']));
  const items = Array.isArray(data) ? data : [data ?? {}];
  // Data naming other entries than the folder itself goes into the folder.
  if (isFolder(entry) && method !== 'update' && items.some((item) => entryData(item).name !== nameOf(entry)))
    return into(top, names, items, method, context);
  const item = entryData(items[0]);
  const renamed = typeof item.name === 'string' && item.name !== '' ? item.name : nameOf(entry);
  const siblings = names.length === 1 ? top : entriesOf(place.trail.at(-2)!);
  if (renamed !== nameOf(entry) && siblings.some((sibling) => nameOf(sibling) === renamed))
    fail(FmgCode.exists);
  return changeAt(top, names, (row) => rewritten(row, { ...item, name: renamed }, method, context));
}

/** `items` written into the folder at `names` (the top level when `names` is empty). */
function into(
  top: readonly Row[],
  names: readonly string[],
  items: readonly unknown[],
  method: WriteMethod,
  context: EntryContext,
): Row[] {
  if (names.length === 0) return writeEntries(top, items, method, context);
  return changeAt(top, names, (folder) => ({
    ...folder,
    subobj: writeEntries(entriesOf(folder), items, method, context),
  }));
}

/** A write to the table url: the entries the data names (delete: those, those the filter selects, or all). */
function tableWrite(call: Call, data: unknown, top: readonly Row[], context: EntryContext): Row[] {
  const method = call.method as WriteMethod;
  const { filter } = call.param;
  if (method === 'unset') return fail(FmgCode.invalidUrl);
  if (method !== 'delete') return writeEntries(top, Array.isArray(data) ? data : [data], method, context);
  const named =
    data === undefined
      ? undefined
      : new Set(
          (Array.isArray(data) ? data : [data]).map((item) =>
            typeof item === 'object' && item !== null ? nameOf(item as Row) : String(item),
          ),
        );
  const matches = filter === undefined ? undefined : compileFilter(filter, NODE);
  const doomed = top.filter((entry) => (named ? named.has(nameOf(entry)) : !matches || matches(entry)));
  const busy = doomed.find((entry) => entriesOf(entry).length > 0);
  if (busy) notEmpty(nameOf(busy));
  return top.filter((entry) => !doomed.includes(entry));
}

function notEmpty(path: string): never {
  return fail(FmgCode.invalidData, `folder '${path}' is not empty; delete what it holds first`);
}

/** `scope member` beside the data: the devices the written packages are assigned to. */
function withScopeMember(param: Readonly<Record<string, unknown>>): unknown {
  const { data } = param;
  const members = param['scope member'];
  if (members === undefined || typeof data !== 'object' || data === null || Array.isArray(data)) return data;
  return { ...data, 'scope member': members };
}

function withoutAttributes(row: Row, data: unknown, unsetAttrs: unknown): Row {
  const names = Array.isArray(unsetAttrs)
    ? unsetAttrs.map(String)
    : typeof data === 'object' && data !== null
      ? Object.keys(data)
      : [];
  const out: Record<string, unknown> = { ...row };
  for (const name of names) if (!['name', 'oid', 'type', 'subobj'].includes(name)) delete out[name];
  return out;
}
