/**
 * Writes to package entries (see tree.ts), as FortiManager applies them:
 * - a folder written with `subobj` (add or set, to the table or into a folder) creates what it holds,
 *   and an existing folder keeps what it already holds: the folders and packages given are added to
 *   it (how clients put a package into a folder: `{name: <folder>, type: "folder", subobj: [pkg]}`);
 * - `add` of a package that exists is refused (-2); `set`/`replace` overwrite it (attributes not given
 *   return to their defaults), `update` merges into it; each change counts up its `obj ver`;
 * - an entry cannot turn from package to folder or back (-10);
 * - `scope member` edits: `add` appends devices, `delete` removes them (all without data), `unset`
 *   empties the list, `set`/`update` replace it.
 */
import { editedMembers } from '../members.js';
import type { WriteMethod } from '../schema.js';
import { FmgCode, fail } from '../status.js';
import type { Row } from '../store/table.js';
import { COMPUTED_SETTINGS, storedSetting } from './render.js';
import { entriesOf, isFolder, nameOf } from './tree.js';

type Data = Record<string, unknown>;

export interface EntryContext {
  readonly nextOid: () => number;
  /** Checks an entry's own attributes (throws -10 naming the attribute). */
  readonly check: (data: Data) => void;
}

/** `list` with each of `items` written into it. */
export function writeEntries(
  list: readonly Row[],
  items: readonly unknown[],
  method: WriteMethod,
  context: EntryContext,
): Row[] {
  let out = [...list];
  for (const item of items) out = writeEntry(out, entryData(item), method, context);
  return out;
}

function writeEntry(list: Row[], item: Data, method: WriteMethod, context: EntryContext): Row[] {
  const name = item.name;
  if (typeof name !== 'string' || name === '') fail(FmgCode.invalidData, "attribute 'name' is required");
  const index = list.findIndex((entry) => nameOf(entry) === name);
  if (index < 0) {
    if (method === 'update') fail(FmgCode.notFound);
    return [...list, created(item, context)];
  }
  const out = [...list];
  out[index] = rewritten(list[index]!, item, method, context);
  return out;
}

/** A new entry (and, for a folder, what it holds). */
export function created(item: Data, context: EntryContext): Row {
  const type = typeOf(item);
  context.check(withoutHeld(item));
  if (type === 'folder') {
    return {
      name: item.name,
      oid: context.nextOid(),
      subobj: writeEntries([], held(item), 'add', context),
      type,
    };
  }
  return { ...own(item), oid: context.nextOid(), 'obj ver': 1, type };
}

/** An existing entry written again (a folder gains what `item` holds; a package is overwritten or merged). */
export function rewritten(entry: Row, item: Data, method: WriteMethod, context: EntryContext): Row {
  const type = item.type === undefined ? entry.type : typeOf(item);
  if (type !== entry.type)
    fail(FmgCode.invalidData, `attribute 'type': '${nameOf(entry)}' is a ${String(entry.type)}`);
  context.check(withoutHeld(item));
  if (isFolder(entry)) {
    const renamed = typeof item.name === 'string' && item.name !== '' ? item.name : entry.name;
    return { ...entry, name: renamed, subobj: writeEntries(entriesOf(entry), held(item), method, context) };
  }
  if (method === 'add') return fail(FmgCode.exists);
  const version = Number(entry['obj ver'] ?? 1) + 1;
  const base = method === 'update' ? entry : { name: entry.name, type: entry.type };
  const merged: Data = { ...base, ...own(item) };
  if (method === 'update' && isObject(entry['package settings']) && isObject(merged['package settings']))
    merged['package settings'] = { ...entry['package settings'], ...merged['package settings'] };
  return { ...merged, oid: entry.oid, 'obj ver': version };
}

/** A package's `scope member` after a member edit. */
export function withMembers(entry: Row, method: WriteMethod, data: unknown): Row {
  const given = data === undefined ? undefined : data === null ? [] : membersOf(data);
  const next = editedMembers(method, membersOf(entry['scope member']), given);
  if (!next) return fail(FmgCode.invalidMethod);
  return { ...entry, 'scope member': next };
}

/** The written data of one entry as an object. */
export function entryData(item: unknown): Data {
  if (!isObject(item)) return fail(FmgCode.invalidData, "attribute 'data' expects an object");
  return item;
}

function typeOf(item: Data): 'pkg' | 'folder' {
  const type = item.type ?? 'pkg';
  if (type !== 'pkg' && type !== 'folder')
    return fail(FmgCode.invalidData, "attribute 'type' expects one of pkg, folder");
  return type;
}

function held(item: Data): unknown[] {
  const { subobj } = item;
  if (subobj === undefined || subobj === null) return [];
  if (!Array.isArray(subobj)) return fail(FmgCode.invalidData, "attribute 'subobj' expects a list");
  return subobj;
}

function withoutHeld(item: Data): Data {
  const { subobj: _held, ...rest } = item;
  return rest;
}

/** A package's attributes as stored: computed ones dropped, members as a list, settings as symbols. */
function own(item: Data): Data {
  const { oid: _oid, 'obj ver': _version, subobj: _held, ...out } = item;
  if (out['scope member'] !== undefined) out['scope member'] = membersOf(out['scope member']);
  const settings = out['package settings'];
  if (isObject(settings)) {
    const stored: Data = {};
    for (const [name, value] of Object.entries(settings))
      if (!COMPUTED_SETTINGS.has(name)) stored[name] = storedSetting(name, value);
    out['package settings'] = stored;
  }
  return out;
}

function membersOf(value: unknown): Data[] {
  const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return list.map((member) => {
    if (!isObject(member) || typeof member.name !== 'string')
      return fail(FmgCode.invalidData, "attribute 'scope member' expects {name, vdom} entries");
    return member;
  });
}

function isObject(value: unknown): value is Data {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
