/**
 * The simulator's schema registry: it turns a JSON-RPC url into "which stored table or object, which
 * row, which sub-table" and knows the attributes of each.
 *
 * ## Plugging in more schemas (the `SchemaProvider` interface)
 *
 * The simulator ships a small hand-written set (firewall objects, policy packages, dvmdb, a few
 * device settings: see `schemas/`). More come from providers, for example an adapter over the
 * generated FortiManager catalog facts:
 *
 * ```ts
 * const catalogProvider: SchemaProvider = {
 *   // one entry per collection url (tables) and per object url (singletons); no item urls
 *   entries: () => facts.objects.flatMap((o) =>
 *     o.kind === 'table' || o.kind === 'object'
 *       ? o.urls.map((template) => ({ template, schema: { kind: o.kind, mkey: o.mkey, attributes: o.attributes, strict: true } }))
 *       : []),
 *   // optional: refuse invalid data with -10; return what is wrong (attribute named), or undefined
 *   validate: (url, method, data) => facts.validate(url, method, data),
 * };
 * await startSimulator({ fortimanager: { schemaProviders: [catalogProvider] } });
 * ```
 *
 * Rules:
 * - `template` is a collection or singleton url with `{param}` placeholders, e.g.
 *   `/pm/config/adom/{adom}/obj/firewall/address`. Item urls (`.../address/{name}`) and sub-table urls
 *   (`.../address/{name}/dynamic_mapping`) are derived: a table's item is the next segment, and a
 *   sub-table is an attribute of type `list` with `sub` attributes (its key is `AttrSchema.mkey`, else
 *   `name`, `id`, `seq-num` or `seq` when present).
 * - The first registration of a template wins; the built-in set is registered first, so a provider
 *   adds every table the built-ins do not know. `validate` runs for every write, whoever owns the table.
 * - `AttrSchema` is the shape of the catalog facts (`type`, `choices`, `elements`, `sub`), plus optional
 *   simulator hints (`numeric`, `format`, `default`, `sensitive`, `mkey`).
 */
import { FmgCode, fail } from './status.js';
import { joinPath } from './url.js';

export type AttrType = 'str' | 'int' | 'raw' | 'list' | 'dict';

export interface AttrSchema {
  readonly type: AttrType;
  /** Allowed symbolic values (for a list: of its items). */
  readonly choices?: readonly string[];
  /** Item type of a list. A list of `dict` with `sub` is a sub-table. */
  readonly elements?: 'str' | 'int' | 'dict' | 'raw';
  /** Attributes of a dict, or of each row of a sub-table. */
  readonly sub?: Readonly<Record<string, AttrSchema>>;
  /** Primary key of a sub-table; `_scope` means the `name/vdom` of the first `_scope` entry. */
  readonly mkey?: string;
  /** Answered as its index in `choices` unless the request asks for `verbose: 1`. */
  readonly numeric?: boolean;
  /** `ipmask`: stored and answered as `[ip, mask]`; accepted as that, `ip/len` or `ip mask`. */
  readonly format?: 'ipmask';
  /** Value given to new objects that do not set the attribute. */
  readonly default?: unknown;
  /** Answered encrypted (passwords, keys). */
  readonly sensitive?: boolean;
  /** Not in the simulated release (another release's): answered only when a row stores it. */
  readonly otherRelease?: boolean;
  /** Sub-table only: the attribute of each row that holds the key of the row it belongs to (`devid`). */
  readonly parentKey?: string;
}

export interface ObjectSchema {
  /** `table`: keyed rows; `object`: one singleton. */
  readonly kind: 'table' | 'object';
  /** Primary key attribute of a table. An `int` key is auto-assigned when a new row has none. */
  readonly mkey?: string | null;
  readonly attributes?: Readonly<Record<string, AttrSchema>>;
  /** Refuse attributes not listed in `attributes` (-10). Leave off for partial schemas. */
  readonly strict?: boolean;
  /** `false`: rows answer no `oid` (objects FortiManager reads from the devices, such as FortiAPs). */
  readonly rowOid?: false;
}

export interface SchemaEntry {
  /** Collection (table) or singleton (object) url template. */
  readonly template: string;
  readonly schema: ObjectSchema;
  /**
   * Built-in only: the table is the union of every stored table matching this other template (used
   * for `/dvmdb/device`, which lists the devices of every ADOM).
   */
  readonly union?: string;
}

export type WriteMethod = 'add' | 'set' | 'update' | 'replace' | 'delete' | 'clone' | 'move' | 'unset';

export interface SchemaProvider {
  /** Every table and singleton this provider knows. Read once, when the provider is registered. */
  entries(): Iterable<SchemaEntry>;
  /**
   * Checks a write; returns a short description of what is invalid (naming the attribute), or
   * undefined. `node` is the schema the url resolved to (whichever provider owns it).
   */
  validate?(
    url: string,
    method: WriteMethod,
    data: Readonly<Record<string, unknown>>,
    node: NodeSchema,
  ): string | undefined;
}

/** The schema of one addressable table or object: a top-level one or a sub-table. */
export interface NodeSchema {
  readonly mkey: string | null;
  readonly attributes: Readonly<Record<string, AttrSchema>> | undefined;
  readonly strict: boolean;
  /** Names of the attributes that are sub-tables (lists of rows). */
  readonly subTables: readonly string[];
  /** Values answered for attributes a row does not store (defaults are not copied into rows). */
  readonly defaults: ReadonlyMap<string, unknown>;
  /** Sub-tables: the attribute holding the parent row's key (answered with any `fields`). */
  readonly parentKey?: string;
}

export type Step =
  | { readonly kind: 'row'; readonly key: string }
  | { readonly kind: 'sub'; readonly attr: string }
  /** A plain attribute of a row addressed as a url of its own (`.../addrgrp/g1/member`). */
  | { readonly kind: 'attr'; readonly attr: string };

export interface ResolvedUrl {
  readonly entry: SchemaEntry;
  /** Canonical concrete path of the stored container (table or singleton). */
  readonly containerKey: string;
  readonly params: Readonly<Record<string, string>>;
  /** Path below the container: a row key of a table, a sub-table attribute, a row key in it, ... */
  readonly steps: readonly Step[];
  /** Schema of what the url addresses (for `attr`: of the row holding the attribute). */
  readonly node: NodeSchema;
  /** `list`: a table (get returns an array); `row`: one object; `attr`: one attribute of a row. */
  readonly target: 'list' | 'row' | 'attr';
}

interface TrieNode {
  literal: Map<string, TrieNode>;
  wildcard: { name: string; node: TrieNode } | undefined;
  entry: SchemaEntry | undefined;
}

interface Candidate {
  entry: SchemaEntry;
  depth: number;
  params: Record<string, string>;
}

const nodeCache = new WeakMap<object, NodeSchema>();

/** Node schema of a top-level table/object or of a sub-table attribute. */
export function nodeSchemaOf(source: ObjectSchema | AttrSchema): NodeSchema {
  const cached = nodeCache.get(source);
  if (cached) return cached;
  const attributes = 'kind' in source ? source.attributes : source.sub;
  const subTables = attributes ? Object.keys(attributes).filter((name) => isSubTable(attributes[name]!)) : [];
  const mkey = 'kind' in source ? (source.mkey ?? null) : guessSubMkey(source);
  const defaults = new Map<string, unknown>();
  for (const [name, attr] of Object.entries(attributes ?? {})) {
    if (attr.default !== undefined) defaults.set(name, attr.default);
  }
  const node: NodeSchema = {
    mkey,
    attributes,
    strict: 'kind' in source ? source.strict === true : false,
    subTables,
    defaults,
    ...('kind' in source || source.parentKey === undefined ? {} : { parentKey: source.parentKey }),
  };
  nodeCache.set(source, node);
  return node;
}

export function isSubTable(attr: AttrSchema): boolean {
  return attr.type === 'list' && (attr.elements === 'dict' || attr.sub !== undefined);
}

function guessSubMkey(attr: AttrSchema): string | null {
  if (attr.mkey) return attr.mkey;
  const sub = attr.sub ?? {};
  for (const name of ['name', 'id', 'seq-num', 'seq']) if (name in sub) return name;
  return null;
}

/** Url -> table/object resolution over the built-in schemas and any registered providers. */
export class SchemaRegistry {
  readonly #root: TrieNode = newNode();
  readonly #validators: Array<NonNullable<SchemaProvider['validate']>> = [];

  constructor(providers: Iterable<SchemaProvider> = []) {
    for (const provider of providers) this.register(provider);
  }

  register(provider: SchemaProvider): void {
    for (const entry of provider.entries()) this.#insert(entry);
    if (provider.validate) this.#validators.push(provider.validate.bind(provider));
  }

  /** Runs every provider's validator; throws -10 with the first complaint. */
  validate(
    url: string,
    method: WriteMethod,
    data: Readonly<Record<string, unknown>>,
    node: NodeSchema,
  ): void {
    for (const validate of this.#validators) {
      const problem = validate(url, method, data, node);
      if (problem) fail(FmgCode.invalidData, problem);
    }
  }

  /** Resolves decoded url segments, or throws -6 "Invalid url". */
  resolve(segments: readonly string[]): ResolvedUrl {
    const candidates: Candidate[] = [];
    collect(this.#root, segments, 0, {}, candidates);
    candidates.sort((a, b) => a.depth - b.depth);
    // A table registered for the attribute's url (`.../{row}/intf`) wins over the attribute itself.
    let attribute: ResolvedUrl | undefined;
    for (const candidate of candidates) {
      const resolved = descend(candidate, segments);
      if (resolved?.target !== 'attr' && resolved) return resolved;
      attribute ??= resolved;
    }
    return attribute ?? fail(FmgCode.invalidUrl);
  }

  /** The entry registered for exactly this template. */
  entryFor(template: string): SchemaEntry | undefined {
    let node: TrieNode | undefined = this.#root;
    for (const segment of template.split('/').filter(Boolean)) {
      if (!node) return undefined;
      node = isPlaceholder(segment) ? node.wildcard?.node : node.literal.get(segment);
    }
    return node?.entry;
  }

  #insert(entry: SchemaEntry): void {
    let node = this.#root;
    for (const segment of entry.template.split('/').filter(Boolean)) {
      if (isPlaceholder(segment)) {
        node.wildcard ??= { name: segment.slice(1, -1), node: newNode() };
        node = node.wildcard.node;
      } else {
        let next = node.literal.get(segment);
        if (!next) {
          next = newNode();
          node.literal.set(segment, next);
        }
        node = next;
      }
    }
    node.entry = node.entry ? withAttributesOf(node.entry, entry) : entry;
  }
}

/**
 * A template registered again keeps its first schema, which also gains the attributes it lacks from
 * the later one (the built-in tables answer every attribute the catalog knows).
 */
function withAttributesOf(first: SchemaEntry, later: SchemaEntry): SchemaEntry {
  const { schema } = first;
  if (schema.strict || schema.kind !== later.schema.kind || !later.schema.attributes) return first;
  const attributes = mergeAttributes(schema.attributes ?? {}, later.schema.attributes);
  return attributes === schema.attributes ? first : { ...first, schema: { ...schema, attributes } };
}

function mergeAttributes(
  own: Readonly<Record<string, AttrSchema>>,
  more: Readonly<Record<string, AttrSchema>>,
): Readonly<Record<string, AttrSchema>> {
  let merged: Record<string, AttrSchema> | undefined;
  for (const [name, attr] of Object.entries(more)) {
    const mine = own[name];
    const next =
      mine === undefined
        ? attr
        : mine.sub && attr.sub
          ? { ...mine, sub: mergeAttributes(mine.sub, attr.sub) }
          : mine;
    if (next !== mine) {
      merged ??= { ...own };
      merged[name] = next;
    }
  }
  return merged ?? own;
}

function newNode(): TrieNode {
  return { literal: new Map(), wildcard: undefined, entry: undefined };
}

function isPlaceholder(segment: string): boolean {
  return segment.startsWith('{') && segment.endsWith('}');
}

function collect(
  node: TrieNode,
  segments: readonly string[],
  depth: number,
  params: Record<string, string>,
  out: Candidate[],
): void {
  if (node.entry && depth > 0) out.push({ entry: node.entry, depth, params: { ...params } });
  if (depth >= segments.length) return;
  const segment = segments[depth]!;
  const literal = node.literal.get(segment);
  if (literal) collect(literal, segments, depth + 1, params, out);
  if (node.wildcard) {
    params[node.wildcard.name] = segment;
    collect(node.wildcard.node, segments, depth + 1, params, out);
    delete params[node.wildcard.name];
  }
}

/** Member lists FortiManager lets a url address directly, whether or not a schema lists them. */
const MEMBER_ATTRS: ReadonlySet<string> = new Set([
  'member',
  'scope member',
  'object member',
  'section value',
  '_scope',
]);

/**
 * Walks the segments after a container: item key, then (sub-table, key)* pairs, and at the end
 * possibly one plain attribute. A per-device mapping (key `_scope`) is addressed by two segments,
 * `{device}/{vdom}`.
 */
function descend(candidate: Candidate, segments: readonly string[]): ResolvedUrl | undefined {
  const { entry, depth } = candidate;
  const containerKey = joinPath(segments.slice(0, depth));
  let node = nodeSchemaOf(entry.schema);
  let isList = entry.schema.kind === 'table';
  const steps: Step[] = [];
  for (let i = depth; i < segments.length; i++) {
    const segment = segments[i]!;
    if (isList) {
      // A mapping key is `{device}/{vdom}`: two segments, or one with the `/` escaped.
      const scoped = node.mkey === '_scope' && !segment.includes('/') && i + 1 < segments.length;
      steps.push({ kind: 'row', key: scoped ? `${segment}/${segments[++i]}` : segment });
      isList = false;
      continue;
    }
    const attr = node.attributes?.[segment];
    const last = i === segments.length - 1;
    const plain = attr ? !isSubTable(attr) : MEMBER_ATTRS.has(segment) || !node.strict;
    if (last && steps.length > 0 && plain) {
      steps.push({ kind: 'attr', attr: segment });
      return { entry, containerKey, params: candidate.params, steps, node, target: 'attr' };
    }
    if (!attr || !isSubTable(attr)) return undefined;
    steps.push({ kind: 'sub', attr: segment });
    node = nodeSchemaOf(attr);
    isList = true;
  }
  return { entry, containerKey, params: candidate.params, steps, node, target: isList ? 'list' : 'row' };
}
