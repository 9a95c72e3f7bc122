/**
 * Stored row -> answer object, as `get` options ask: `fields` (plus `oid`, and sub-tables, which
 * FortiManager always adds), `loadsub: 0` (no sub-tables), per-sub-table `sub fetch` (fields, filter,
 * `subfetch hidden`, `scope member`, nested `sub fetch`), numeric enums unless verbose, empty sub-tables
 * as `null`, defaults for attributes the row does not store, and no secrets.
 */
import type { AttrSchema, NodeSchema } from '../schema.js';
import { isSubTable, nodeSchemaOf } from '../schema.js';
import type { Row } from '../store/table.js';
import { renderValue } from '../values.js';
import { compileFilter, type RowPredicate } from './filter.js';

export interface RenderOptions {
  readonly verbose: boolean;
  readonly loadsub: boolean;
  /** Attribute names to answer; undefined: all. */
  readonly fields: ReadonlySet<string> | undefined;
  readonly subFetch: ReadonlyMap<string, SubFetch>;
  /** `scope member` of the request: keeps only the per-device mappings of these devices. */
  readonly scope: readonly ScopeMember[] | undefined;
}

export interface SubFetch {
  readonly hidden: boolean;
  readonly render: RenderOptions;
  readonly filter: RowPredicate | undefined;
}

export interface ScopeMember {
  readonly name: string;
  readonly vdom: string | undefined;
}

export function renderRow(row: Row, node: NodeSchema, options: RenderOptions): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const plan = planOf(node);
  const { fields, verbose } = options;
  if (fields) {
    for (const name of fields) {
      const value = row[name] !== undefined ? row[name] : node.defaults.get(name);
      if (value !== undefined && name !== 'oid' && !plan.hidden.has(name))
        out[name] = renderValue(node.attributes?.[name], value, verbose);
    }
  } else {
    const { names, defaults, attrs } = plan;
    for (let i = 0; i < names.length; i++) {
      const name = names[i]!;
      const stored = row[name];
      out[name] = renderValue(attrs[i], stored !== undefined ? stored : defaults[i], verbose);
    }
    for (const name in row) {
      if (name === 'oid' || plan.hidden.has(name) || plan.defaulted.has(name)) continue;
      out[name] = renderValue(node.attributes?.[name], row[name], verbose);
    }
  }
  if (row.oid !== undefined) out.oid = row.oid;
  if (options.loadsub) renderSubTables(row, node, options, out);
  return out;
}

/** Per-schema lists that make rendering a row a few array walks. */
interface RenderPlan {
  /** Attributes with a default value (always answered), their defaults and schemas. */
  readonly names: readonly string[];
  readonly defaults: readonly unknown[];
  readonly attrs: ReadonlyArray<AttrSchema | undefined>;
  readonly defaulted: ReadonlySet<string>;
  /** Sub-tables (answered separately) and secrets (never answered). */
  readonly hidden: ReadonlySet<string>;
}

const plans = new WeakMap<NodeSchema, RenderPlan>();

function planOf(node: NodeSchema): RenderPlan {
  let plan = plans.get(node);
  if (plan) return plan;
  const hidden = new Set<string>();
  for (const [name, attr] of Object.entries(node.attributes ?? {}))
    if (attr.sensitive || isSubTable(attr)) hidden.add(name);
  const names = [...node.defaults.keys()].filter((name) => !hidden.has(name));
  plan = {
    names,
    defaults: names.map((name) => node.defaults.get(name)),
    attrs: names.map((name) => node.attributes?.[name]),
    defaulted: new Set(names),
    hidden,
  };
  plans.set(node, plan);
  return plan;
}

function renderSubTables(
  row: Row,
  node: NodeSchema,
  options: RenderOptions,
  out: Record<string, unknown>,
): void {
  for (const name of node.subTables) {
    const fetch = options.subFetch.size === 0 ? undefined : options.subFetch.get(name);
    if (fetch?.hidden) continue;
    if (!fetch && !isRowList(row[name])) {
      out[name] = null;
      continue;
    }
    const rows = selectSubRows(row, name, options, fetch);
    const subNode = nodeSchemaOf(node.attributes![name]!);
    const render = fetch?.render ?? plainSubRender(options);
    out[name] = rows.length === 0 ? null : rows.map((sub) => renderRow(sub, subNode, render));
  }
}

/** The rows of a sub-table that the request's `sub fetch` filter and `scope member` keep. */
export function selectSubRows(
  row: Row,
  name: string,
  options: RenderOptions,
  fetch: SubFetch | undefined,
): readonly Row[] {
  const value = row[name];
  if (!isRowList(value)) return [];
  let rows = value;
  const scope = fetch?.render.scope ?? (name === 'dynamic_mapping' ? options.scope : undefined);
  if (scope) rows = rows.filter((sub) => inScope(sub, scope));
  if (fetch?.filter) rows = rows.filter(fetch.filter);
  return rows;
}

function inScope(row: Row, scope: readonly ScopeMember[]): boolean {
  const entries = Array.isArray(row._scope) ? (row._scope as Array<Record<string, unknown>>) : [];
  return entries.some((entry) =>
    scope.some(
      (member) => member.name === entry.name && (member.vdom === undefined || member.vdom === entry.vdom),
    ),
  );
}

function isRowList(value: unknown): value is readonly Row[] {
  return Array.isArray(value) && value.length > 0 && typeof value[0] === 'object' && value[0] !== null;
}

const EMPTY: ReadonlyMap<string, SubFetch> = new Map();
const plainRenders = new WeakMap<RenderOptions, RenderOptions>();

/** Sub-table rows without a `sub fetch` entry: every field, the parent's verbosity. */
function plainSubRender(options: RenderOptions): RenderOptions {
  let render = plainRenders.get(options);
  if (!render) {
    render = { ...options, fields: undefined, subFetch: EMPTY };
    plainRenders.set(options, render);
  }
  return render;
}

/** Reads the `sub fetch` option for the sub-tables of `node`. */
export function parseSubFetch(
  spec: unknown,
  node: NodeSchema,
  parent: Omit<RenderOptions, 'subFetch' | 'fields'>,
): ReadonlyMap<string, SubFetch> {
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) return EMPTY;
  const fetches = new Map<string, SubFetch>();
  for (const [name, value] of Object.entries(spec)) {
    const attr = node.attributes?.[name];
    if (!attr || !isSubTable(attr) || typeof value !== 'object' || value === null) continue;
    const entry = value as Record<string, unknown>;
    const subNode = nodeSchemaOf(attr);
    const base = { ...parent, scope: parseScope(entry['scope member']) };
    fetches.set(name, {
      hidden: Number(entry['subfetch hidden']) === 1,
      filter: entry.filter === undefined ? undefined : compileFilter(entry.filter, subNode),
      render: {
        ...base,
        fields: parseFields(entry.fields),
        subFetch: parseSubFetch(entry['sub fetch'], subNode, base),
      },
    });
  }
  return fetches;
}

export function parseFields(value: unknown): ReadonlySet<string> | undefined {
  if (!Array.isArray(value)) return undefined;
  return new Set(value.filter((field): field is string => typeof field === 'string'));
}

export function parseScope(value: unknown): readonly ScopeMember[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value
    .filter((entry): entry is Record<string, unknown> => typeof entry === 'object' && entry !== null)
    .map((entry) => ({
      name: String(entry.name),
      vdom: entry.vdom === undefined ? undefined : String(entry.vdom),
    }));
}
