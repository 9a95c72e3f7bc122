/**
 * The `get` method on stored tables and objects: one object, or a table with `filter`, `range`,
 * `sortings`, `option: "count"`, `subfetch filter`, and rendering options (see render.ts).
 * Paging a table without `sortings` reads only the requested window (O(page) without a filter).
 */
import { type NodeSchema, nodeSchemaOf, type ResolvedUrl } from '../schema.js';
import { FmgCode, fail } from '../status.js';
import type { Database, LayerFor } from '../store/database.js';
import type { Container } from '../store/layer.js';
import { type Row, rowKey, Table } from '../store/table.js';
import { compileFilter, type RowPredicate } from './filter.js';
import {
  parseFields,
  parseScope,
  parseSubFetch,
  type RenderOptions,
  renderRow,
  selectSubRows,
} from './render.js';
import { attrValue, compareValues } from './value.js';

type GetParam = Readonly<Record<string, unknown>>;

/** An ordered sequence of rows: a stored table, a sub-table or a union of tables. */
interface RowSeq {
  readonly size: number;
  at(index: number): Row | undefined;
  rows(): Iterable<Row>;
}

export function getData(
  db: Database,
  layerFor: LayerFor,
  resolved: ResolvedUrl,
  param: GetParam,
  verbose: boolean,
): unknown {
  const target = locate(db, layerFor, resolved);
  const options = renderOptions(param, resolved.node, verbose);
  if (!('rows' in target)) return renderRow(target.row, resolved.node, options);
  return queryRows(target.rows, resolved.node, param, options);
}

type Located = { row: Row } | { rows: RowSeq };

/** Finds the table or object a resolved url addresses, as `layerFor` shows it. */
function locate(db: Database, layerFor: LayerFor, resolved: ResolvedUrl): Located {
  const { entry, steps } = resolved;
  let current: Located;
  if (entry.union && steps.length === 0) {
    current = { rows: unionSeq(db.unionMembers(entry.union).map((key) => layerFor(key).get(key))) };
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
      const row = 'rows' in current ? findRow(current.rows, step.key, node.mkey) : undefined;
      if (!row) return fail(FmgCode.notFound);
      current = { row };
    } else {
      const value = 'row' in current ? current.row[step.attr] : undefined;
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

function renderOptions(param: GetParam, node: NodeSchema, verbose: boolean): RenderOptions {
  const options = optionList(param.option);
  const loadsub = !(param.loadsub === 0 || param.loadsub === '0' || options.includes('no loadsub'));
  const base = { verbose, loadsub, scope: parseScope(param['scope member']) };
  return {
    ...base,
    fields: parseFields(param.fields),
    subFetch: parseSubFetch(param['sub fetch'], node, base),
  };
}

function optionList(option: unknown): string[] {
  if (typeof option === 'string') return [option];
  return Array.isArray(option) ? option.filter((o): o is string => typeof o === 'string') : [];
}

function queryRows(rows: RowSeq, node: NodeSchema, param: GetParam, options: RenderOptions): unknown {
  const predicate = rowPredicate(param, node, options);
  if (optionList(param.option).includes('count')) return countRows(rows, predicate);
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
  return selected.map((row) => renderRow(row, node, options));
}

function rowPredicate(param: GetParam, node: NodeSchema, options: RenderOptions): RowPredicate | undefined {
  const filter =
    param.filter === undefined || param.filter === null ? undefined : compileFilter(param.filter, node);
  if (Number(param['subfetch filter']) !== 1) return filter;
  const fetched = [...options.subFetch].filter(([, fetch]) => !fetch.hidden);
  const names = fetched.length > 0 ? fetched : node.subTables.map((name) => [name, undefined] as const);
  const hasSubRows = (row: Row) =>
    names.some(([name, fetch]) => selectSubRows(row, name, options, fetch).length > 0);
  return filter ? (row) => filter(row) && hasSubRows(row) : hasSubRows;
}

function countRows(rows: RowSeq, predicate: RowPredicate | undefined): number {
  if (!predicate) return rows.size;
  let count = 0;
  for (const row of rows.rows()) if (predicate(row)) count++;
  return count;
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

function parseRange(range: unknown): [number, number | undefined] {
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
