/**
 * The `get` method on stored tables and objects: one object, one attribute, or a table with `filter`,
 * `range`, `sortings`, `subfetch filter`, `scope member`, and the options of options.ts; rows are
 * rendered as render.ts says and annotated as annotate.ts says. Paging a table without `sortings`
 * reads only the requested window (O(page) without a filter). Rows that nothing but their rendering
 * shapes are answered as JSON bytes remembered per row (rendered.ts).
 */
import { memoize } from '../../memo.js';
import { type NodeSchema, nodeSchemaOf, type ResolvedUrl } from '../schema.js';
import type { FmgState } from '../state.js';
import { FmgCode, fail } from '../status.js';
import type { Database, LayerFor } from '../store/database.js';
import type { Container } from '../store/layer.js';
import { type Row, rowKey, Table } from '../store/table.js';
import { keySegments } from '../url.js';
import { renderValue } from '../values.js';
import { Annotator } from './annotate.js';
import { compileFilter, type RowPredicate } from './filter.js';
import { JsonRows } from './json-rows.js';
import { type GetOptions, parseGetOptions } from './options.js';
import {
  parseFields,
  parseScope,
  parseSubFetch,
  type RenderOptions,
  renderRow,
  type ScopeMember,
  selectSubRows,
  templateOf,
} from './render.js';
import { renderedJson } from './rendered.js';
import { attrValue, compareValues } from './value.js';

type GetParam = Readonly<Record<string, unknown>>;

/** An ordered sequence of rows: a stored table, a sub-table or a union of tables. */
interface RowSeq {
  readonly size: number;
  at(index: number): Row | undefined;
  rows(): Iterable<Row>;
}

export function getData(
  state: FmgState,
  layerFor: LayerFor,
  resolved: ResolvedUrl,
  param: GetParam,
  verbose: boolean,
): unknown {
  const options = parseGetOptions(param);
  const { node } = resolved;
  if (options.objectTemplate) return templateOf(node, verbose);
  const target = locate(state.db, layerFor, resolved);
  if ('value' in target) {
    const attr = node.attributes?.[target.attr];
    return target.value === undefined ? null : renderValue(attr, target.value, verbose);
  }
  const render = renderOptions(param, options, node, verbose, resolved);
  const annotator = new Annotator(state, resolved, options);
  if ('row' in target) {
    const json = annotator.annotates ? undefined : renderedJson(node, render);
    if (json) return new JsonRows([json(target.row)], false);
    return annotator.annotate(target.row, renderRow(target.row, node, render), true);
  }
  const rows = assignedTo(target.rows, render.devices, state, resolved);
  return queryRows(rows, node, param, options, render, annotator);
}

type Located = { row: Row } | { rows: RowSeq } | { value: unknown; attr: string };

/** Finds the table, object or attribute a resolved url addresses, as `layerFor` shows it. */
function locate(db: Database, layerFor: LayerFor, resolved: ResolvedUrl): Located {
  const { entry, steps } = resolved;
  let current: Located;
  if (entry.union && steps.length === 0) {
    current = {
      rows: unionSeq(db.unionMembers(entry.union, resolved.params).map((key) => layerFor(key).get(key))),
    };
  } else {
    const concrete = db.concretize(resolved, layerFor);
    const container = layerFor(concrete.containerKey).get(concrete.containerKey);
    if (concrete.entry.schema.kind === 'object')
      current = { row: container?.kind === 'object' ? container.row : {} };
    else current = { rows: container?.kind === 'table' ? container.table : EMPTY_SEQ };
  }
  let node = nodeSchemaOf(resolved.entry.schema);
  for (const step of steps) {
    if (step.kind === 'row') {
      const row: Row | undefined = 'rows' in current ? findRow(current.rows, step.key, node.mkey) : undefined;
      if (!row) return fail(FmgCode.notFound);
      current = { row };
    } else if (step.kind === 'attr') {
      current = { value: 'row' in current ? current.row[step.attr] : undefined, attr: step.attr };
    } else {
      const value: unknown = 'row' in current ? current.row[step.attr] : undefined;
      current = { rows: arraySeq(Array.isArray(value) ? (value as Row[]) : []) };
      node = nodeSchemaOf(node.attributes![step.attr]!);
    }
  }
  return current;
}

function findRow(rows: RowSeq, key: string, mkey: string | null): Row | undefined {
  if (rows instanceof Table) return rows.get(key);
  for (const row of rows.rows()) if (rowKey(row, mkey) === key) return row;
  return undefined;
}

function renderOptions(
  param: GetParam,
  { options }: GetOptions,
  node: NodeSchema,
  verbose: boolean,
  resolved: ResolvedUrl,
): RenderOptions {
  const loadsub = !(param.loadsub === 0 || param.loadsub === '0' || options.has('no loadsub'));
  const scope = parseScope(param['scope member']);
  const container = containerFacts(resolved.containerKey);
  // Objects assigned to devices (FortiAPs, FortiSwitches, ...) are selected by `scope member`; for
  // other objects it narrows their per-device mappings.
  const assigned = node.attributes?.['scope member'] !== undefined && container.objects;
  const own = container.ownSettings;
  const base = {
    verbose,
    loadsub,
    scope: assigned ? undefined : scope,
    devices: assigned ? scope : undefined,
    // Rows whose members are expanded into objects (`expand datasrc`) are answered without oid (recorded).
    oid: !own && resolved.entry.schema.rowOid !== false && param['expand datasrc'] === undefined,
    secretsAsText: own,
  };
  return {
    ...base,
    fields: withAssignment(
      parseFields(param.fields, node, {
        withKey: container.templates,
        withParentKey: resolved.target === 'list',
      }),
      assigned && scope !== undefined,
    ),
    subFetch: parseSubFetch(param['sub fetch'], node, base),
  };
}

/** Objects selected by the devices they are assigned to answer those devices with any `fields`. */
function withAssignment(fields: ReadonlySet<string> | undefined, assigned: boolean) {
  return fields && assigned ? new Set([...fields, 'scope member']) : fields;
}

/** What the path of a stored container says about how its rows answer (once per distinct path). */
const containerFacts = memoize((containerKey: string) => {
  const segments = keySegments(containerKey);
  const [root, second] = segments;
  return {
    /** Below an `obj` segment: objects that can be assigned to devices. */
    objects: segments.includes('obj'),
    /** A provisioning template table (`/pm/devprof/...`, not `/pm/config/...`). */
    templates: root === 'pm' && second !== 'config',
    /** FortiManager's own settings (`/cli/global/...`): rows without `oid`, secrets as `ENC` text. */
    ownSettings: root === 'cli' && second === 'global',
  };
});

/** The rows assigned to one of `devices` (each answering only those of its members). */
function assignedTo(
  rows: RowSeq,
  devices: readonly ScopeMember[] | undefined,
  state: FmgState,
  resolved: ResolvedUrl,
): RowSeq {
  if (devices === undefined) return rows;
  const adom = resolved.params.adom ?? 'root';
  // A group stands for itself (objects assigned to it) and for its devices.
  const names = new Set(
    devices.flatMap((member) =>
      member.vdom !== undefined
        ? [member.name]
        : [
            member.name,
            ...(state.topology.groupMembers(adom, member.name) ?? []).map((device) => String(device.name)),
          ],
    ),
  );
  const out: Row[] = [];
  for (const row of rows.rows()) {
    const members = (Array.isArray(row['scope member']) ? row['scope member'] : []) as Row[];
    const matching = members.filter((member) => names.has(String(member.name)));
    if (matching.length > 0) out.push({ ...row, 'scope member': matching });
  }
  return arraySeq(out);
}

function queryRows(
  rows: RowSeq,
  node: NodeSchema,
  param: GetParam,
  options: GetOptions,
  render: RenderOptions,
  annotator: Annotator,
): unknown {
  const predicate = rowPredicate(param, node, render, annotator);
  if (options.options.has('count')) return countRows(rows, predicate);
  if (options.options.has('chksum')) return checksum(rows);
  if (options.options.has('find duplicates')) return duplicates(rows, node, predicate, render);
  const [start, count] = parseRange(param.range);
  const sortings = parseSortings(param.sortings);
  let selected: Row[];
  if (sortings.length > 0) {
    selected = [];
    for (const row of rows.rows()) if (!predicate || predicate(row)) selected.push(row);
    selected.sort((a, b) => compareRows(a, b, sortings, node));
    selected = selected.slice(start, count === undefined ? undefined : start + count);
  } else {
    selected = window(rows, predicate, start, count);
  }
  const json = annotator.annotates ? undefined : renderedJson(node, render);
  if (json) return new JsonRows(selected.map(json), true);
  return selected.map((row) => annotator.annotate(row, renderRow(row, node, render), false));
}

function rowPredicate(
  param: GetParam,
  node: NodeSchema,
  options: RenderOptions,
  annotator: Annotator,
): RowPredicate | undefined {
  const computed = (row: Row, name: string) =>
    name === 'object used' ? (annotator.used(row) ? 1 : 0) : undefined;
  const filter =
    param.filter === undefined || param.filter === null
      ? undefined
      : compileFilter(param.filter, node, computed);
  if (Number(param['subfetch filter']) !== 1) return filter;
  const fetched = [...options.subFetch].filter(([, fetch]) => !fetch.hidden);
  const names = fetched.length > 0 ? fetched : node.subTables.map((name) => [name, undefined] as const);
  const hasSubRows = (row: Row) =>
    names.some(([name, fetch]) => {
      const selected = selectSubRows(row, name, options, fetch);
      return fetch?.count ? fetch.count(selected.length) : selected.length > 0;
    });
  return filter ? (row) => filter(row) && hasSubRows(row) : hasSubRows;
}

function countRows(rows: RowSeq, predicate: RowPredicate | undefined): number {
  if (!predicate) return rows.size;
  let count = 0;
  for (const row of rows.rows()) if (predicate(row)) count++;
  return count;
}

/** A number that changes whenever a row of the table changes (`option: chksum`). */
function checksum(rows: RowSeq): number {
  let hash = 0;
  for (const row of rows.rows()) {
    for (const ch of JSON.stringify(row)) hash = (Math.imul(hash, 31) + ch.charCodeAt(0)) >>> 0;
  }
  return hash;
}

/**
 * `find duplicates`: per set of rows that define the same thing (the same values but for the name
 * and bookkeeping), its first row with the names of the others (`duplicate entries`); no oid.
 */
function duplicates(
  rows: RowSeq,
  node: NodeSchema,
  predicate: RowPredicate | undefined,
  render: RenderOptions,
) {
  const ignored = new Set([node.mkey ?? 'name', 'oid', 'uuid', 'comment', 'color', '_scope']);
  const signature = (row: Row) =>
    JSON.stringify(
      Object.keys(row)
        .filter((name) => !ignored.has(name) && !node.subTables.includes(name))
        .sort()
        .map((name) => [name, row[name]]),
    );
  const groups = new Map<string, Row[]>();
  for (const row of rows.rows()) {
    if (predicate && !predicate(row)) continue;
    const key = signature(row);
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  const mkey = node.mkey ?? 'name';
  return [...groups.values()]
    .filter((group) => group.length > 1)
    .map(([first, ...others]) => ({
      ...renderRow(first!, node, { ...render, oid: false }),
      'duplicate entries': others.map((other) => other[mkey]),
    }));
}

/** Rows `start .. start+count` of the filtered sequence, stopping as soon as the window is full. */
function window(
  rows: RowSeq,
  predicate: RowPredicate | undefined,
  start: number,
  count: number | undefined,
): Row[] {
  const out: Row[] = [];
  if (!predicate) {
    const end = count === undefined ? rows.size : Math.min(rows.size, start + count);
    for (let i = start; i < end; i++) out.push(rows.at(i)!);
    return out;
  }
  let skipped = 0;
  for (const row of rows.rows()) {
    if (!predicate(row)) continue;
    if (skipped < start) {
      skipped++;
      continue;
    }
    out.push(row);
    if (count !== undefined && out.length >= count) break;
  }
  return out;
}

/** `range: [start, count]` of a get (count undefined: to the end). */
export function parseRange(range: unknown): [number, number | undefined] {
  if (!Array.isArray(range)) return [0, undefined];
  const [start, count] = range.map(Number);
  if (
    !Number.isInteger(start) ||
    start! < 0 ||
    (count !== undefined && (!Number.isInteger(count) || count < 0))
  ) {
    return fail(FmgCode.invalidData, "attribute 'range' expects [start, count]");
  }
  return [start!, count];
}

function parseSortings(sortings: unknown): Array<[string, number]> {
  if (!Array.isArray(sortings)) return [];
  const keys: Array<[string, number]> = [];
  for (const entry of sortings) {
    if (typeof entry !== 'object' || entry === null) continue;
    for (const [name, direction] of Object.entries(entry)) keys.push([name, Number(direction) < 0 ? -1 : 1]);
  }
  return keys;
}

function compareRows(a: Row, b: Row, sortings: ReadonlyArray<[string, number]>, node: NodeSchema): number {
  for (const [name, direction] of sortings) {
    const order = compareValues(attrValue(a, name, node), attrValue(b, name, node));
    if (order !== 0) return order * direction;
  }
  return 0;
}

const EMPTY_SEQ: RowSeq = arraySeq([]);

function arraySeq(rows: readonly Row[]): RowSeq {
  return { size: rows.length, at: (index) => rows[index], rows: () => rows };
}

function unionSeq(containers: ReadonlyArray<Container | undefined>): RowSeq {
  const rows: Row[] = [];
  for (const container of containers) if (container?.kind === 'table') rows.push(...container.table.rows());
  return arraySeq(rows);
}
