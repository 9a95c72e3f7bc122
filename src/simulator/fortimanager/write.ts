/**
 * Write methods on stored tables and objects, at any depth (a table, one row, a sub-table of a row,
 * one attribute of a row):
 * - `add`: new rows only (-2 when the key exists); an `int` key is assigned when absent.
 * - `set`: creates or overwrites; attributes not given return to their defaults, sub-tables not given
 *   are kept. `replace`: like set, but sub-tables not given are emptied. `update`: merges into an
 *   existing row (-3 when missing); a new key in the data renames it. On a table url, `update` with a
 *   `filter` updates every matching row.
 * - `delete` (one row; or a table: the rows matching `filter`, else all), `clone` (`data` holds the new
 *   key and changes), `move` (`option: before|after`, `target`), `unset` and `unset attrs` (back to defaults).
 * - On an attribute url (`.../addrgrp/g1/member`, `.../scope member`, `.../_scope`): `add` appends
 *   members, `delete` removes them, `unset` empties the list, `set`/`update` replace it.
 *
 * The `data` of the answer is what FortiManager answers (recorded replies): the key of the row written
 * (`{name}`, `{policyid}`, `{_scope}`) for a write to one row and for a one-row write to a table that
 * creates it; nothing for several rows, for an overwrite through the table url, for deletes, unsets and
 * member edits.
 */

import { editedMembers } from './members.js';
import { compileFilter } from './query/filter.js';
import { isEncrypted } from './query/render.js';
import {
  type AttrSchema,
  isSubTable,
  type NodeSchema,
  nodeSchemaOf,
  type ResolvedUrl,
  type WriteMethod,
} from './schema.js';
import { FmgCode, fail } from './status.js';
import type { Database } from './store/database.js';
import type { Layer } from './store/layer.js';
import { type Row, rowKey, Table } from './store/table.js';
import { normalizeValue } from './values.js';

export interface WriteResult {
  /** The `data` of the answer (the key of what was written), if any. */
  readonly data?: unknown;
  /** Keys removed from the addressed top-level table (for cascading deletes). */
  readonly removed: readonly string[];
}

type Data = Record<string, unknown>;

export interface WriteRequest {
  readonly method: WriteMethod;
  readonly data: unknown;
  readonly param: Readonly<Record<string, unknown>>;
}

/** Applies one write param to the container of `resolved` inside `layer`. */
export function applyWrite(
  db: Database,
  layer: Layer,
  resolved: ResolvedUrl,
  request: WriteRequest,
): WriteResult {
  const writer = new Writer(db, request);
  const { containerKey, entry, steps } = resolved;
  const node = nodeSchemaOf(entry.schema);
  if (entry.schema.kind === 'table') {
    const table = layer.tableForWrite(containerKey, node.mkey);
    const data = writer.onList(table, node, steps);
    return { data, removed: writer.removed };
  }
  const container = layer.get(containerKey);
  const current = container?.kind === 'object' ? container.row : undefined;
  if (steps.length === 0) {
    if (request.method === 'delete') {
      layer.remove(containerKey);
      return { removed: [] };
    }
    layer.setObject(containerKey, writer.writeObject(current, node));
    return { removed: [] };
  }
  const holder = new Table(null, [current ?? { oid: db.nextOid() }]);
  const key = rowKey(holder.at(0)!, null) ?? '#1';
  const data = writer.intoRow(holder, key, node, steps);
  layer.setObject(containerKey, holder.at(0)!);
  return { data, removed: [] };
}

class Writer {
  readonly removed: string[] = [];
  readonly #db: Database;
  readonly #request: WriteRequest;
  #depth = 0;

  constructor(db: Database, request: WriteRequest) {
    this.#db = db;
    this.#request = request;
  }

  /** Walks `steps` below a list and applies the method where they end. */
  onList(list: Table, node: NodeSchema, steps: ResolvedUrl['steps']): unknown {
    const [first, second] = steps;
    if (!first) return this.#listOp(list, node);
    if (first.kind !== 'row') return fail(FmgCode.invalidUrl);
    if (steps.length === 1) return this.#rowOp(list, node, first.key);
    if (second?.kind === 'attr') return this.#attrOp(list, node, first.key, second.attr);
    return this.intoRow(list, first.key, node, steps.slice(1));
  }

  /** Edits a sub-table of the row `key` of `list` (steps start with the sub-table attribute). */
  intoRow(list: Table, key: string, node: NodeSchema, steps: ResolvedUrl['steps']): unknown {
    const [sub, ...rest] = steps;
    const row = list.get(key);
    if (!row) return fail(FmgCode.notFound);
    if (sub?.kind === 'attr') return this.#attrOp(list, node, key, sub.attr);
    if (sub?.kind !== 'sub') return fail(FmgCode.invalidUrl);
    const attr = node.attributes![sub.attr]!;
    const subNode = nodeSchemaOf(attr);
    const subList = new Table(subNode.mkey, Array.isArray(row[sub.attr]) ? (row[sub.attr] as Row[]) : []);
    this.#depth++;
    const data = this.onList(subList, subNode, rest);
    this.#depth--;
    const rows = subList.toArray();
    list.replace(key, { ...row, [sub.attr]: withParentKey(rows, attr, row[node.mkey ?? ''] ?? key) });
    return data;
  }

  /** set/update/replace/unset on a singleton object. */
  writeObject(current: Row | undefined, node: NodeSchema): Row {
    const { method } = this.#request;
    const data = this.#single();
    if (method === 'unset') return this.#unset(current ?? {}, this.#unsetList(data));
    const base = method === 'update' || method === 'add' ? current : keepSubTables(current, node, method);
    return this.#build(node, data, base, current?.oid);
  }

  #listOp(list: Table, node: NodeSchema): unknown {
    const { method, param } = this.#request;
    if (method === 'delete') return this.#deleteRows(list, node, param);
    if (method === 'clone' || method === 'move' || method === 'unset') return fail(FmgCode.invalidUrl);
    if (method === 'update' && param.filter !== undefined) return this.#updateMatching(list, node, param);
    const items = this.#items();
    const written = items.map((item) => this.#writeListItem(list, node, item));
    const only = written[0];
    if (written.length !== 1 || !only) return undefined;
    // A set that changed an existing row answers nothing; an update answers the row's key (recorded).
    if ((method === 'set' || method === 'replace') && !only.created) return undefined;
    return keyAnswer(list, node, only.key, only.row);
  }

  /** Writes one row of a list write; says under which key, whether it is new, and the row stored. */
  #writeListItem(list: Table, node: NodeSchema, item: Data): { key: string; created: boolean; row: Row } {
    const { method } = this.#request;
    const key = this.#keyOf(list, node, item);
    const existing = list.get(key);
    if (method === 'update') {
      if (!existing) fail(FmgCode.notFound);
      const row = this.#build(node, item, existing, existing.oid);
      return { key: list.replace(key, row), created: false, row };
    }
    if (existing) {
      if (method === 'add') fail(FmgCode.exists);
      // set / replace of a row that is there
      const row = this.#build(node, item, keepSubTables(existing, node, method), existing.oid);
      return { key: list.replace(key, row), created: false, row };
    }
    const row = this.#build(node, withKey(node, item, key), undefined, undefined);
    return { key: list.insert(row), created: true, row };
  }

  #updateMatching(list: Table, node: NodeSchema, param: Readonly<Record<string, unknown>>): undefined {
    const matches = compileFilter(param.filter, node);
    const data = this.#single();
    for (const row of [...list.rows()]) {
      const key = rowKey(row, list.mkey);
      if (key !== undefined && matches(row)) list.replace(key, this.#build(node, data, row, row.oid));
    }
    return undefined;
  }

  #rowOp(list: Table, node: NodeSchema, key: string): unknown {
    const { method, param } = this.#request;
    const existing = list.get(key);
    if (method === 'add') {
      if (existing) return fail(FmgCode.exists);
      const inserted = list.insert(
        this.#build(node, { ...this.#single(), ...keyData(node, key) }, undefined, undefined),
      );
      return keyAnswer(list, node, inserted);
    }
    if (!existing) {
      if (method === 'set' || method === 'replace') {
        const inserted = list.insert(
          this.#build(node, { ...keyData(node, key), ...this.#single() }, undefined, undefined),
        );
        return keyAnswer(list, node, inserted);
      }
      return fail(FmgCode.notFound);
    }
    switch (method) {
      case 'delete':
        list.remove(key);
        if (this.#depth === 0) this.removed.push(key);
        return undefined;
      case 'unset':
        list.replace(key, this.#unset(existing, this.#unsetList(this.#single())));
        return undefined;
      case 'clone':
        return this.#clone(list, node, existing);
      case 'move':
        return this.#move(list, node, key, param);
      default: {
        const data = this.#single();
        const base = method === 'update' ? existing : keepSubTables(existing, node, method);
        const renamed = this.#renameTarget(list, node, key, data);
        const written = list.replace(
          key,
          this.#build(node, { ...keyData(node, renamed), ...data }, base, existing.oid),
        );
        return keyAnswer(list, node, written);
      }
    }
  }

  /** Member edits on one attribute of the row `key` (a list of names or of `{name, vdom}`). */
  #attrOp(list: Table, node: NodeSchema, key: string, attr: string): undefined {
    const { method, data } = this.#request;
    const row = list.get(key);
    if (!row) return fail(FmgCode.notFound);
    const current = Array.isArray(row[attr])
      ? (row[attr] as unknown[])
      : row[attr] == null
        ? []
        : [row[attr]];
    const given = data === undefined || data === null ? [] : Array.isArray(data) ? data : [data];
    const schema = node.attributes?.[attr];
    if (isDict(row[attr]) || (schema?.type === 'dict' && isDict(data)))
      return this.#dictOp(list, key, row, attr);
    // Each member is one element of the attribute (a list attribute's element, not a list).
    const members = (values: readonly unknown[]) =>
      schema && !isSubTable(schema)
        ? values.map((value) =>
            schema.type === 'list'
              ? (normalizeValue(attr, schema, [value]) as unknown[])[0]
              : normalizeValue(attr, schema, value),
          )
        : values;
    const next = editedMembers(method, current, data === undefined ? undefined : members(given));
    if (!next) return fail(FmgCode.invalidMethod);
    const value = schema?.type === 'str' || schema?.type === 'int' ? (next[0] ?? null) : next;
    const updated: Data = { ...row, [attr]: value };
    // An emptied list without a default is answered as absent (templates with no devices assigned).
    if (next.length === 0 && schema?.default === undefined) delete updated[attr];
    if (
      attr === node.mkey &&
      list.has(rowKey(updated, node.mkey) ?? '') &&
      rowKey(updated, node.mkey) !== key
    )
      return fail(FmgCode.exists);
    list.replace(key, updated);
    return undefined;
  }

  /** An object attribute of a row (`.../wtp/{id}/radio-1`): `update` merges into it, `set` replaces it. */
  #dictOp(list: Table, key: string, row: Row, attr: string): undefined {
    const { method } = this.#request;
    const data = this.#single();
    const current = isDict(row[attr]) ? (row[attr] as Data) : {};
    if (method === 'update' || method === 'add')
      list.replace(key, { ...row, [attr]: { ...current, ...data } });
    else if (method === 'set' || method === 'replace') list.replace(key, { ...row, [attr]: { ...data } });
    else if (method === 'unset' || method === 'delete') list.replace(key, { ...row, [attr]: null });
    else fail(FmgCode.invalidMethod);
    return undefined;
  }

  #renameTarget(list: Table, node: NodeSchema, key: string, data: Data): string {
    const wanted = node.mkey === null ? undefined : rowKey(data, node.mkey);
    if (wanted === undefined || wanted === key) return key;
    if (list.has(wanted)) fail(FmgCode.exists);
    return wanted;
  }

  #clone(list: Table, node: NodeSchema, source: Row): unknown {
    const data = this.#single();
    const key = node.mkey === null ? undefined : rowKey(data, node.mkey);
    if (key === undefined)
      return fail(FmgCode.invalidData, `attribute '${node.mkey}' is required for the clone`);
    if (list.has(key)) return fail(FmgCode.exists);
    const { oid: _oid, uuid: _uuid, ...copy } = source;
    const inserted = list.insert(this.#build(node, data, copy, undefined));
    return keyAnswer(list, node, inserted);
  }

  #move(list: Table, node: NodeSchema, key: string, param: Readonly<Record<string, unknown>>): unknown {
    const option = param.option;
    const target = param.target === undefined ? undefined : String(param.target);
    if ((option !== 'before' && option !== 'after') || target === undefined) {
      return fail(FmgCode.invalidData, "move needs 'option' (before or after) and 'target'");
    }
    if (!list.has(target)) return fail(FmgCode.notFound, `target '${target}'`);
    if (target !== key) list.move(key, target, option === 'before');
    return keyAnswer(list, node, key);
  }

  #deleteRows(list: Table, node: NodeSchema, param: Readonly<Record<string, unknown>>): undefined {
    const { data } = this.#request;
    const filter = param.filter === undefined ? undefined : compileFilter(param.filter, node);
    const named =
      typeof data === 'object' && data !== null && !Array.isArray(data)
        ? rowKey(data as Data, node.mkey)
        : undefined;
    const keys = Array.isArray(data)
      ? data.map((item) =>
          typeof item === 'object' && item !== null ? rowKey(item as Data, node.mkey) : String(item),
        )
      : named !== undefined
        ? [named]
        : [...list.rows()].filter((row) => !filter || filter(row)).map((row) => rowKey(row, list.mkey));
    const removed = list.removeAll(keys.filter((key) => key !== undefined));
    if (this.#depth === 0) for (const key of removed) this.removed.push(key);
    return undefined;
  }

  /** The key a new row gets: from its data, or the next integer for an integer key. */
  #keyOf(list: Table, node: NodeSchema, item: Data): string {
    const numbered = node.mkey !== null && node.attributes?.[node.mkey]?.type === 'int';
    const key = rowKey(item, node.mkey);
    // An integer key of 0 asks FortiManager to number the row, like no key at all.
    if (key !== undefined && !(numbered && key === '0')) return key;
    if (numbered) return String(list.maxIntKey + 1);
    return fail(FmgCode.invalidData, `attribute '${node.mkey ?? 'name'}' is required`);
  }

  /** A stored row from written data (+ a base row whose attributes are kept). */
  #build(node: NodeSchema, data: Data, base: Row | undefined, oid: unknown): Row {
    const row: Data = base ? { ...base } : {};
    for (const name in data) {
      const value = data[name];
      if (name === 'oid' || name === 'unset attrs') continue;
      const attr = node.attributes?.[name];
      // A secret written back as it was read keeps its value.
      if (attr?.sensitive && isEncrypted(value)) continue;
      if (!attr) {
        if (node.strict) fail(FmgCode.invalidData, `attribute '${name}' is not supported`);
        row[name] = value;
      } else if (isSubTable(attr)) {
        const parent = data[node.mkey ?? ''] ?? base?.[node.mkey ?? ''];
        row[name] = withParentKey(this.#subRows(name, attr, value, base?.[name]), attr, parent);
      } else {
        row[name] = normalizeValue(name, attr, value);
      }
    }
    const unset =
      data['unset attrs'] === undefined && this.#request.method !== 'unset' ? NONE : this.#unsetList(data);
    for (const name of unset) delete row[name];
    // A per-device mapping keeps the attributes it does not override, and answers them back.
    if (node.mkey === '_scope' && Array.isArray(data['unset attrs'])) row['unset attrs'] = unset;
    if (node.attributes?.uuid && row.uuid === undefined) row.uuid = this.#db.uuid();
    row.oid = oid ?? row.oid ?? this.#db.nextOid();
    return row;
  }

  #subRows(name: string, attr: AttrSchema, value: unknown, previous: unknown): Row[] {
    if (value === null) return [];
    const items = Array.isArray(value) ? value : [value];
    const node = nodeSchemaOf(attr);
    const old = new Table(node.mkey, Array.isArray(previous) ? (previous as Row[]) : []);
    const rows = new Table(node.mkey);
    for (const item of items) {
      if (typeof item !== 'object' || item === null)
        fail(FmgCode.invalidData, `attribute '${name}' expects rows`);
      const data = withScopeList(item as Data, node);
      const key = rowKey(data, node.mkey) ?? (node.mkey ? String(rows.maxIntKey + 1) : undefined);
      const withKey =
        key !== undefined && node.mkey && node.mkey !== '_scope' && data[node.mkey] === undefined
          ? { ...data, [node.mkey]: Number(key) }
          : data;
      rows.insert(this.#build(node, withKey, undefined, key === undefined ? undefined : old.get(key)?.oid));
    }
    return rows.toArray();
  }

  #unset(row: Row, names: readonly string[]): Row {
    const copy: Data = { ...row };
    for (const name of names) delete copy[name];
    return copy;
  }

  #unsetList(data: Data): string[] {
    const names = data['unset attrs'] ?? (this.#request.method === 'unset' ? Object.keys(data) : undefined);
    return Array.isArray(names) ? names.map(String) : [];
  }

  #items(): Data[] {
    const { data } = this.#request;
    const items = Array.isArray(data) ? data : [data];
    return items.map((item) => {
      if (typeof item !== 'object' || item === null || Array.isArray(item)) {
        return fail(FmgCode.invalidData, "attribute 'data' expects an object");
      }
      return withScopeList(item as Data, undefined);
    });
  }

  #single(): Data {
    const { data, method } = this.#request;
    if (data === undefined && (method === 'unset' || method === 'delete' || method === 'clone')) return {};
    return this.#items()[0] ?? {};
  }
}

/** Sub-table rows carry their parent's key where FortiManager answers it (`devid` of a VDOM). */
function withParentKey(rows: Row[], attr: AttrSchema, parent: unknown): Row[] {
  const name = attr.parentKey;
  if (name === undefined || parent === undefined || parent === null) return rows;
  return rows.map((row) => (row[name] === parent ? row : { ...row, [name]: parent }));
}

function isDict(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `_scope` given as one object is taken as a list of one (FortiManager accepts both). */
function withScopeList(item: Data, node: NodeSchema | undefined): Data {
  const scope = item._scope;
  if (
    scope === undefined ||
    Array.isArray(scope) ||
    (node && node.mkey !== '_scope' && !node.attributes?._scope)
  )
    return item;
  return typeof scope === 'object' && scope !== null ? { ...item, _scope: [scope] } : item;
}

/** `{<mkey>: <value>}` of a written row, as FortiManager answers a write (`row`: when the caller holds it). */
function keyAnswer(list: Table, node: NodeSchema, key: string, row = list.get(key)): Data | undefined {
  const mkey = node.mkey ?? 'name';
  const value = row?.[mkey];
  return value === undefined ? undefined : { [mkey]: value };
}

/** `set`/`replace` start from nothing but the kept sub-tables (set keeps them, replace drops them). */
function keepSubTables(row: Row | undefined, node: NodeSchema, method: WriteMethod): Row | undefined {
  if (!row) return undefined;
  const kept: Data = {};
  if (method === 'set')
    for (const name of node.subTables) if (row[name] !== undefined) kept[name] = row[name];
  if (node.mkey && node.mkey !== '_scope' && row[node.mkey] !== undefined) kept[node.mkey] = row[node.mkey];
  if (node.mkey === '_scope' && row._scope !== undefined) kept._scope = row._scope;
  if (row.uuid !== undefined) kept.uuid = row.uuid;
  return kept;
}

const NONE: readonly string[] = [];

/** `item` with the key it is written under (a copy only when the item does not hold it as stored). */
function withKey(node: NodeSchema, item: Data, key: string): Data {
  const mkey = node.mkey;
  if (mkey && mkey !== '_scope' && node.attributes?.[mkey]?.type !== 'int' && item[mkey] === key) return item;
  return { ...item, ...keyData(node, key) };
}

/** The key attribute of a row written under `key` (typed as the schema says). */
function keyData(node: NodeSchema, key: string): Data {
  if (!node.mkey) return {};
  if (node.mkey === '_scope') {
    const slash = key.indexOf('/');
    return slash < 0 ? {} : { _scope: [{ name: key.slice(0, slash), vdom: key.slice(slash + 1) }] };
  }
  return { [node.mkey]: node.attributes?.[node.mkey]?.type === 'int' ? Number(key) : key };
}
