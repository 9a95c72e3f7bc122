/**
 * Write options that change what a write does or answers:
 * - `option: "duplicate check"` on an `add` to an item url: writes nothing; answers the object's
 *   category (`"firewall address"`) when the name is taken, nothing when it is free;
 * - `option: "cli config"` on an `add`: answers the CLI the new object installs as (`{"cli config"}`);
 * - `merge: [names]` on a `set` of an item url: the other objects are folded into this one (their
 *   references now name it) and deleted;
 * - `used objs: {attr, from, to}` on an `update`: the row's references to `from` in `attr` become `to`.
 */
import type { ResolvedUrl } from '../schema.js';
import { FmgCode, fail } from '../status.js';
import type { Layer } from '../store/layer.js';
import { type Row, rowKey, type Table } from '../store/table.js';
import { joinPath, keySegments } from '../url.js';
import type { WriteResult } from '../write.js';

export function duplicateCheck(layer: Layer, resolved: ResolvedUrl): string | undefined {
  const table = tableOf(layer, resolved);
  const key = rowKeyOf(resolved);
  return key !== undefined && table?.has(key) ? categoryOf(resolved) : undefined;
}

export function mergeInto(layer: Layer, resolved: ResolvedUrl, names: readonly string[]): undefined {
  const key = rowKeyOf(resolved);
  const table = tableOf(layer, resolved, true);
  if (key === undefined || !table?.has(key)) return fail(FmgCode.notFound);
  const others = names.filter((name) => name !== key);
  for (const name of others) {
    if (!table.has(name)) fail(FmgCode.notFound, `'${name}'`);
  }
  for (const name of others) {
    table.remove(name);
    replaceEverywhere(layer, resolved, name, [key]);
  }
  return undefined;
}

export function replaceUsedObjects(layer: Layer, resolved: ResolvedUrl, spec: unknown): WriteResult {
  const used = typeof spec === 'object' && spec !== null ? (spec as Record<string, unknown>) : {};
  const attrs = Array.isArray(used.attr) ? used.attr.map(String) : [];
  const from = typeof used.from === 'string' ? used.from.split('/').at(-1) : undefined;
  const to = Array.isArray(used.to) ? used.to.map(String) : typeof used.to === 'string' ? [used.to] : [];
  const key = rowKeyOf(resolved);
  const table = tableOf(layer, resolved, true);
  const row = key === undefined ? undefined : table?.get(key);
  if (!row || key === undefined || !table) return fail(FmgCode.notFound);
  if (from === undefined || attrs.length === 0)
    return fail(FmgCode.invalidData, "'used objs' needs attr and from");
  const updated: Record<string, unknown> = { ...row };
  for (const attr of attrs) updated[attr] = replaced(row[attr], from, to);
  table.replace(key, updated);
  return { removed: [] };
}

export function cliConfig(layer: Layer, resolved: ResolvedUrl, written: unknown): Record<string, string> {
  const table = tableOf(layer, resolved);
  const mkey = table?.mkey ?? 'name';
  const key = (written as Record<string, unknown> | undefined)?.[mkey];
  const row = key === undefined ? undefined : table?.get(String(key));
  const lines = [`config ${categoryOf(resolved)}`, `edit ${JSON.stringify(String(key ?? ''))}`];
  for (const [name, value] of Object.entries(row ?? {})) {
    if (
      name === mkey ||
      name === 'oid' ||
      value === null ||
      value === undefined ||
      (typeof value === 'object' && !Array.isArray(value))
    )
      continue;
    const words = Array.isArray(value) ? value.map(String) : [String(value)];
    if (words.length > 0) lines.push(`set ${name} ${words.join(' ')}`);
  }
  lines.push('next', 'end');
  return { 'cli config': lines.join('\n') };
}

/** `firewall address` for `/pm/config/adom/x/obj/firewall/address`. */
function categoryOf(resolved: ResolvedUrl): string {
  const segments = keySegments(resolved.containerKey);
  const obj = segments.indexOf('obj');
  return segments.slice(obj >= 0 ? obj + 1 : -2).join(' ');
}

function rowKeyOf(resolved: ResolvedUrl): string | undefined {
  const [first] = resolved.steps;
  return resolved.steps.length === 1 && first?.kind === 'row' ? first.key : undefined;
}

function tableOf(layer: Layer, resolved: ResolvedUrl, forWrite = false): Table | undefined {
  if (resolved.entry.schema.kind !== 'table') return undefined;
  if (forWrite) return layer.tableForWrite(resolved.containerKey, resolved.entry.schema.mkey ?? null);
  const container = layer.get(resolved.containerKey);
  return container?.kind === 'table' ? container.table : undefined;
}

/** Every reference to `name` in the ADOM's objects and policy packages becomes `to`. */
function replaceEverywhere(layer: Layer, resolved: ResolvedUrl, name: string, to: readonly string[]): void {
  const adom = resolved.params.adom;
  const prefix = adom === undefined ? '/pm/config/global/' : `${joinPath(['pm', 'config', 'adom', adom])}/`;
  for (const key of layer.keys()) {
    if (!key.startsWith(prefix) || layer.get(key)?.kind !== 'table') continue;
    const table = layer.tableForWrite(key, null);
    for (const row of [...table.rows()]) {
      const updated = replacedRow(row, name, to);
      const rowName = rowKey(row, table.mkey);
      if (updated !== row && rowName !== undefined) table.replace(rowName, updated);
    }
  }
}

function replacedRow(row: Row, name: string, to: readonly string[]): Row {
  let changed: Record<string, unknown> | undefined;
  for (const [attr, value] of Object.entries(row)) {
    if (Array.isArray(value) && value.includes(name)) {
      changed ??= { ...row };
      changed[attr] = replaced(value, name, to);
    }
  }
  return changed ?? row;
}

function replaced(value: unknown, from: string, to: readonly string[]): unknown {
  const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  const out: unknown[] = [];
  for (const item of list) {
    if (item === from) out.push(...to.filter((name) => !out.includes(name)));
    else if (!out.includes(item)) out.push(item);
  }
  return out;
}
