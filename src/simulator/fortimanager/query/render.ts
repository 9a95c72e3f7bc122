/**
 * Stored row -> answer object, as `get` options ask: `fields` (plus the key, `oid`, and sub-tables,
 * which FortiManager always adds), `loadsub: 0` (no sub-tables), per-sub-table `sub fetch` (fields,
 * filter, `subfetch hidden`, `subfetch count`, `scope member`, nested `sub fetch`), numeric enums
 * unless verbose, empty sub-tables as `null`, defaults for attributes the row does not store, and
 * secrets as FortiManager answers them (`["ENC", <ciphertext>]`, never the secret).
 */
import type { NodeSchema } from '../schema.js';
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
  /** `scope member` of the request on objects assigned to devices: selects rows (see get.ts). */
  readonly devices?: readonly ScopeMember[] | undefined;
  /** Whether rows answer their `oid` (FortiManager's own settings do not). */
  readonly oid: boolean;
  /** Secrets as `"ENC <ciphertext>"` (FortiManager's own settings) instead of `["ENC", ciphertext]`. */
  readonly secretsAsText?: boolean;
}

export interface SubFetch {
  readonly hidden: boolean;
  readonly render: RenderOptions;
  readonly filter: RowPredicate | undefined;
  /** `subfetch count: [op, n]`: how many selected sub-rows a row needs (with `subfetch filter`). */
  readonly count: ((n: number) => boolean) | undefined;
}

export interface ScopeMember {
  readonly name: string;
  readonly vdom: string | undefined;
}

export function renderRow(row: Row, node: NodeSchema, options: RenderOptions): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const plan = planOf(node);
  const { fields, verbose } = options;
  const value = (name: string, stored: unknown) => {
    const given = stored !== undefined ? stored : node.defaults.get(name);
    // FortiManager's own settings answer secrets held as lists (`ssh-public-key1`) as they are.
    const answeredEncrypted = !(options.secretsAsText === true && Array.isArray(given));
    return plan.secrets.has(name) && given !== undefined && answeredEncrypted
      ? encrypted(given, options.secretsAsText === true)
      : renderValue(node.attributes?.[name], given, verbose);
  };
  if (fields) {
    for (const name of fields) {
      if (name === 'oid' || plan.subTables.has(name)) continue;
      if (row[name] !== undefined || node.defaults.has(name)) out[name] = value(name, row[name]);
    }
  } else {
    for (const name of plan.names) out[name] = value(name, row[name]);
    for (const name in row) {
      if (name === 'oid' || plan.subTables.has(name) || plan.defaulted.has(name)) continue;
      out[name] = value(name, row[name]);
    }
  }
  if (row.oid !== undefined && options.oid) out.oid = row.oid;
  if (options.loadsub) renderSubTables(row, node, options, out);
  return out;
}

/** Per-schema lists that make rendering a row a few array walks. */
interface RenderPlan {
  /** Attributes with a default value (always answered). */
  readonly names: readonly string[];
  readonly defaulted: ReadonlySet<string>;
  /** Sub-tables (answered separately). */
  readonly subTables: ReadonlySet<string>;
  /** Secrets (answered encrypted). */
  readonly secrets: ReadonlySet<string>;
}

const plans = new WeakMap<NodeSchema, RenderPlan>();

function planOf(node: NodeSchema): RenderPlan {
  let plan = plans.get(node);
  if (plan) return plan;
  const subTables = new Set<string>();
  const secrets = new Set<string>();
  for (const [name, attr] of Object.entries(node.attributes ?? {})) {
    if (isSubTable(attr)) subTables.add(name);
    else if (attr.sensitive) secrets.add(name);
  }
  const names = [...node.defaults.keys()].filter((name) => !subTables.has(name));
  plan = { names, defaulted: new Set(names), subTables, secrets };
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
    if (node.attributes?.[name]?.otherRelease && row[name] === undefined) continue;
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
      count: countTest(entry['subfetch count']),
      render: {
        ...base,
        fields: parseFields(entry.fields, subNode),
        subFetch: parseSubFetch(entry['sub fetch'], subNode, base),
      },
    });
  }
  return fetches;
}

/**
 * The attributes `fields` asks for, and what FortiManager adds to them (recorded): the key of a
 * per-device mapping (`_scope`) and of a provisioning template (`withKey`), though not of other rows
 * (seed 003, `sub fetch` fields); the parent's key (`devid`) to the rows of a sub-table listed
 * (`withParentKey`); an address mapping's interface.
 */
export function parseFields(
  value: unknown,
  node: NodeSchema,
  { withKey = false, withParentKey = true }: { withKey?: boolean; withParentKey?: boolean } = {},
): ReadonlySet<string> | undefined {
  if (!Array.isArray(value)) return undefined;
  const fields = new Set(value.filter((field): field is string => typeof field === 'string'));
  if (node.mkey && (withKey || node.mkey === '_scope')) fields.add(node.mkey);
  if (node.parentKey && withParentKey) fields.add(node.parentKey);
  // An address mapping answers the interface it is bound to with any `fields` (recorded).
  if (node.mkey === '_scope' && node.attributes?.['associated-interface']) fields.add('associated-interface');
  return fields;
}

/** `[op, n]` of `subfetch count` as a test of a count. */
function countTest(spec: unknown): ((n: number) => boolean) | undefined {
  if (!Array.isArray(spec) || spec.length !== 2) return undefined;
  const [op, value] = spec as [unknown, unknown];
  const n = Number(value);
  switch (op) {
    case '==':
      return (count) => count === n;
    case '!=':
      return (count) => count !== n;
    case '>=':
      return (count) => count >= n;
    case '<=':
      return (count) => count <= n;
    case '>':
      return (count) => count > n;
    case '<':
      return (count) => count < n;
    default:
      return undefined;
  }
}

/**
 * A secret as FortiManager answers it: encrypted, never in clear. The simulator's "ciphertext" is a
 * fixed-length digest-like string that does not contain the secret.
 */
function encrypted(value: unknown, asText: boolean): unknown {
  // FortiManager's own settings answer an empty secret as `ENC ` (recorded).
  if (value === null) return value;
  if (value === '') return asText ? 'ENC ' : value;
  let hash = 0x811c9dc5;
  for (const ch of JSON.stringify(value)) hash = Math.imul(hash ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  const ciphertext = Buffer.from(`fortix:${hash.toString(16).padStart(8, '0')}`).toString('base64');
  return asText ? `ENC ${ciphertext}` : ['ENC', ciphertext];
}

/** A value as FortiManager answers a secret (written back, it keeps the secret as it was). */
export function isEncrypted(value: unknown): boolean {
  return (
    (Array.isArray(value) && value[0] === 'ENC') || (typeof value === 'string' && value.startsWith('ENC '))
  );
}

/**
 * `object template: 1`: a new object's attributes with their default values, sub-tables as one
 * template row (FortiManager answers `oid` 0 for all of them).
 */
export function templateOf(node: NodeSchema, verbose: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, attr] of Object.entries(node.attributes ?? {})) {
    if (attr.sensitive || name === node.mkey) continue;
    if (isSubTable(attr)) out[name] = templateOf(nodeSchemaOf(attr), verbose);
    else if (name === 'uuid') out[name] = '00000000-0000-0000-0000-000000000000';
    else if (node.defaults.has(name)) out[name] = renderValue(attr, node.defaults.get(name), verbose);
  }
  out.oid = 0;
  return out;
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
