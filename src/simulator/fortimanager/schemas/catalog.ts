/**
 * The generated FortiManager catalog as a simulator schema provider: every catalogued table and
 * singleton exists with its key, and writes are checked against the facts (unknown attributes, values
 * outside `choices`, wrong types, missing keys are refused with -10, naming the attribute).
 *
 * The hand-written schemas (`schemas/index.ts`) are registered first and keep their tables; for the
 * attributes they define (wire hints such as `ipmask` subnets and numeric enums, and what the
 * simulator itself stores, like `meta fields`) their own checks apply, not the facts'.
 *
 * @example
 * const provider = await loadCatalogSchemas();
 * await startSimulator({ fortimanager: { catalog: false, schemaProviders: [provider] } });
 */
import {
  type FmgAttributeFacts,
  type FmgFacts,
  type FmgObjectFacts,
  loadFmgFacts,
} from '../../../fortimanager/catalog/facts.js';
import { shapeOverrideAt } from '../../../fortimanager/catalog/overrides.js';
import {
  type CatalogTemplate,
  type FmgMethod,
  isPathParam,
  methodsFor,
} from '../../../fortimanager/catalog/rules.js';
import { type ValidationIssue, validateData } from '../../../fortimanager/catalog/validate.js';
import { compareVersions } from '../../../fortimanager/catalog/versions.js';
import { memoize } from '../../memo.js';
import {
  type AttrSchema,
  type NodeSchema,
  type ObjectSchema,
  type SchemaEntry,
  type SchemaProvider,
  SchemaRegistry,
  type WriteMethod,
} from '../schema.js';
import { splitUrl } from '../url.js';
import { builtinSchemas } from './index.js';

/**
 * Key given to rows of tables the facts name no key for (FortiManager numbers such rows itself).
 * The simulator assigns it, so it is never refused as an unknown attribute.
 */
export const SYNTHETIC_KEY = 'id';

const GUESSED_KEYS = ['name', 'id', 'seq-num', 'seq'];

/** Keys of tables the facts name none for, as FortiManager answers writes to them (recorded). */
const RECORDED_KEYS: Readonly<Record<string, string>> = {
  switchcontroller_customcommand: 'command-name',
  switchcontroller_managedswitch_customcommand: 'command-entry',
};

/** Attributes FortiManager answers (recorded) that the facts do not list, by object. */
const RECORDED_ATTRIBUTES: Readonly<Record<string, Readonly<Record<string, AttrSchema>>>> = {
  devprof_system_dns: Object.fromEntries(
    [
      'alt-primary',
      'alt-secondary',
      'fqdn-cache-ttl',
      'fqdn-max-refresh',
      'fqdn-min-refresh',
      'hostname-limit',
      'hostname-ttl',
      'log',
      'protocol',
      'root-servers',
      'server-select-method',
      'source-ip',
      'source-ip-interface',
      'vrf-select',
    ].map((name) => [name, { type: 'raw' } as AttrSchema]),
  ),
  fmg_device_blueprint: { 'folder-oid': { type: 'int', default: 0 } },
};

const providers = new WeakMap<FmgFacts, SchemaProvider>();

/** The catalog provider over the package's facts (read once per process). */
export async function loadCatalogSchemas(): Promise<SchemaProvider> {
  return catalogSchemas(await loadFmgFacts());
}

/** The catalog provider over `facts` (built once per facts instance; schemas are shared read-only). */
export function catalogSchemas(facts: FmgFacts): SchemaProvider {
  let provider = providers.get(facts);
  if (provider === undefined) {
    provider = new CatalogProvider(facts);
    providers.set(facts, provider);
  }
  return provider;
}

class CatalogProvider implements SchemaProvider {
  readonly #facts: FmgFacts;
  /** Catalog templates by their exact text (a sub-table's own table, if catalogued). */
  readonly #templates: ReadonlyMap<string, CatalogTemplate>;
  readonly #entries: SchemaEntry[] = [];
  /** `<object>:<attribute path>` of the keys the simulator adds (see SYNTHETIC_KEY). */
  readonly #synthetic = new Set<string>();
  #builtins: SchemaRegistry | undefined;

  constructor(facts: FmgFacts) {
    this.#facts = facts;
    this.#templates = new Map(facts.templates.map((t) => [t.template, t]));
    for (const object of facts.objects) {
      if (object.kind !== 'table' && object.kind !== 'object') continue;
      const schema = this.#objectSchema(object);
      for (const url of object.urls) {
        const template = collectionTemplate(url);
        if (template !== undefined) this.#entries.push({ template, schema });
      }
    }
  }

  entries(): Iterable<SchemaEntry> {
    return this.#entries;
  }

  validate(
    url: string,
    method: WriteMethod,
    data: Readonly<Record<string, unknown>>,
    node: NodeSchema,
  ): string | undefined {
    const match = this.#target(url);
    if (match === undefined) return undefined;
    const { object, item } = match;
    const checkAs = factsMethod(methodsFor(object, item), method);
    if (checkAs === undefined) return undefined;
    const builtin = this.#builtinNode(url);
    const refused = validateData(object, item, checkAs, data).find(
      (issue) =>
        this.#refuses(object, issue) &&
        !checkedBy(builtin, issue) &&
        !(issue.code === 'unknown-attribute' && knows(node, issue)),
    );
    return refused === undefined ? undefined : explain(refused);
  }

  #refuses(object: FmgObjectFacts, issue: ValidationIssue): boolean {
    switch (issue.code) {
      case 'unknown-attribute':
        return !this.#synthetic.has(`${object.name}:${attributePath(issue.path)}`);
      case 'missing-required': {
        // FortiManager numbers new rows of tables keyed by an integer.
        const key = attributePath(issue.path);
        return !(key === object.mkey && object.attributes[key]?.type === 'int');
      }
      case 'invalid-choice':
      case 'wrong-type':
        return true;
      default:
        return false;
    }
  }

  /** The facts behind a URL, once per distinct URL. */
  readonly #target = memoize((url: string) => {
    const match = this.#facts.match(url);
    // Folder-path URLs (`.../{pkg_path}`) mean something else here: the simulator keys packages by name.
    if (match === undefined || collectionTemplate(match.template) !== match.template) return undefined;
    return match;
  });

  /** What the hand-written schemas say about `url`, if they own it. */
  readonly #builtinNode = memoize((url: string): NodeSchema | undefined => {
    this.#builtins ??= new SchemaRegistry([builtinSchemas]);
    try {
      return this.#builtins.resolve(splitUrl(url)).node;
    } catch {
      return undefined;
    }
  });

  #objectSchema(object: FmgObjectFacts): ObjectSchema {
    const base = object.kind === 'table' ? object.itemUrls?.[0] : object.urls[0];
    const recorded = RECORDED_ATTRIBUTES[object.name] ?? {};
    for (const name of Object.keys(recorded)) this.#synthetic.add(`${object.name}:${name}`);
    const attributes = { ...this.#attributes(object, object.attributes, [], base), ...recorded };
    if (object.kind === 'object') return { kind: 'object', mkey: null, attributes, strict: true };
    const mkey = RECORDED_KEYS[object.name] ?? tableKey(object.mkey, object.mkeyExpr, object.attributes);
    if (mkey !== undefined) return { kind: 'table', mkey, attributes, strict: true };
    this.#synthetic.add(`${object.name}:${SYNTHETIC_KEY}`);
    return {
      kind: 'table',
      mkey: SYNTHETIC_KEY,
      attributes: { ...attributes, [SYNTHETIC_KEY]: { type: 'int' } },
      strict: true,
    };
  }

  /**
   * Facts attributes as simulator attributes. `base` is the item URL template of the rows these
   * attributes belong to, used to find the catalog table of a sub-table (and so its key).
   */
  #attributes(
    object: FmgObjectFacts,
    attrs: Readonly<Record<string, FmgAttributeFacts>>,
    path: readonly string[],
    base: string | undefined,
  ): Record<string, AttrSchema> {
    const out: Record<string, AttrSchema> = {};
    for (const [name, attr] of Object.entries(attrs)) {
      const at = [...path, name];
      const shape = shapeOverrideAt(object.name, at.join('.'));
      // A mapping's scope (its key) and the devices an object is assigned to are lists of
      // `{name, vdom}`, not sub-tables with rows (and oids) of their own.
      if (name === '_scope' || name === 'scope member' || name === 'object member')
        out[name] = { type: 'raw' };
      else if (shape === 'ip-mask') out[name] = { type: 'str', format: 'ipmask' };
      else if (shape !== undefined) out[name] = { type: 'raw' };
      else if (isSubTableFacts(attr)) out[name] = this.#subTable(object, name, attr, at, base);
      else out[name] = plainAttribute(attr);
      if (attr.sensitive === true) out[name] = { ...out[name], sensitive: true } as AttrSchema;
      // What only releases before 7.0 had (`profile-list` of addresses was 6.2 only) is accepted, and
      // answered only when it was written.
      if (
        attr.vRange !== undefined &&
        attr.vRange.length > 0 &&
        attr.vRange.every(([, to]) => to !== '' && compareVersions(to, FIRST_RELEASE) < 0)
      ) {
        const { default: _ignored, ...rest } = out[name]!;
        out[name] = { ...rest, otherRelease: true } as AttrSchema;
      }
    }
    return out;
  }

  #subTable(
    object: FmgObjectFacts,
    name: string,
    attr: FmgAttributeFacts,
    path: readonly string[],
    base: string | undefined,
  ): AttrSchema {
    const template = base === undefined ? undefined : `${base}/${name}`;
    const child = template === undefined ? undefined : this.#templates.get(template);
    const owner = child?.object.kind === 'table' && !child.item ? child.object : undefined;
    const childBase = owner?.itemUrls?.find((url) => url.startsWith(`${template}/`));
    const sub = this.#attributes(object, attr.sub ?? {}, path, childBase);
    const mkey = (owner && RECORDED_KEYS[owner.name]) ?? tableKey(owner?.mkey ?? null, owner?.mkeyExpr, sub);
    if (mkey !== undefined) return { type: 'list', elements: 'dict', sub, mkey };
    this.#synthetic.add(`${object.name}:${[...path, SYNTHETIC_KEY].join('.')}`);
    return {
      type: 'list',
      elements: 'dict',
      sub: { ...sub, [SYNTHETIC_KEY]: { type: 'int' } },
      mkey: SYNTHETIC_KEY,
    };
  }
}

/**
 * The template the simulator registers for a collection or singleton URL. Package tables are
 * addressed by folder path (`/pm/pkg/adom/{adom}/{pkg_path}`); the simulator keys them by name under
 * the parent URL. Other multi-segment placeholders cannot be registered (undefined).
 */
function collectionTemplate(url: string): string | undefined {
  const segments = url.split('/');
  const last = /^\{(.+)\}$/.exec(segments.at(-1) ?? '')?.[1];
  const trimmed = last !== undefined && isPathParam(last) ? segments.slice(0, -1).join('/') : url;
  const params = [...trimmed.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? '');
  return params.some(isPathParam) ? undefined : trimmed;
}

function tableKey(
  mkey: string | null,
  mkeyExpr: string | undefined,
  attributes: Readonly<Record<string, unknown>>,
): string | undefined {
  if (mkey !== null && mkey in attributes) return mkey;
  if (mkeyExpr?.startsWith('_scope[') === true || '_scope' in attributes) return '_scope';
  return GUESSED_KEYS.find((name) => name in attributes);
}

function isSubTableFacts(attr: FmgAttributeFacts): boolean {
  return attr.type === 'list' && (attr.elements === 'dict' || attr.sub !== undefined);
}

/**
 * Plain strings are stored as given: FortiManager takes a list of names where a string attribute
 * references other objects, and the facts check (not the simulator's string coercion) decides.
 *
 * Every attribute has a default, since FortiManager answers every attribute of a row: the first
 * choice of an enum (answered as its number unless verbose), 0, an empty list, or null.
 */
function plainAttribute(attr: FmgAttributeFacts): AttrSchema {
  switch (attr.type) {
    case 'str':
      return attr.choices === undefined
        ? { type: 'raw', default: null }
        : { type: 'str', choices: attr.choices, numeric: true, default: attr.choices[0] };
    case 'int':
      return { type: 'int', default: 0 };
    case 'list':
      return {
        type: 'list',
        elements: attr.elements ?? 'str',
        ...(attr.choices === undefined ? {} : { choices: attr.choices }),
        default: [],
      };
    case 'dict':
      return { type: 'dict', default: null };
    case 'raw':
      return { type: 'raw', default: null };
  }
}

/**
 * The simulator answers with the attributes of the 7.x releases (the book's recordings mix 7.0 to
 * 7.6); those that were gone by 7.0 are not answered unless written.
 */
const FIRST_RELEASE = '7.0.0';

/** The facts method a simulator write is checked as; undefined: nothing to check (delete, move, unset). */
function factsMethod(allowed: readonly FmgMethod[], method: WriteMethod): FmgMethod | undefined {
  if (method === 'delete' || method === 'move' || method === 'unset') return undefined;
  if ((allowed as readonly string[]).includes(method)) return method;
  // e.g. `add` on an item URL or `clone` where the facts list none: check the attributes only.
  return allowed.find((m) => m === 'update' || m === 'set');
}

/** `'[1].dynamic_mapping[0]._scope'` -> `'dynamic_mapping._scope'`. */
function attributePath(path: string): string {
  return path
    .replace(/\[\d+\]/g, '')
    .split('.')
    .filter((key) => key !== '')
    .join('.');
}

/**
 * True when the hand-written schema of the URL owns the attribute an issue is about: it knows the
 * attribute, and (for values) checks it itself, with its wire hints. Its untyped (`raw`) attributes
 * are checked against the facts.
 */
function checkedBy(node: NodeSchema | undefined, issue: ValidationIssue): boolean {
  let attrs = node?.attributes;
  let attr: AttrSchema | undefined;
  for (const key of attributePath(issue.path).split('.')) {
    attr = attrs?.[key];
    if (attr === undefined) return false;
    attrs = attr.sub;
  }
  return issue.code === 'unknown-attribute' || attr?.type !== 'raw';
}

/**
 * True when the schema the URL resolved to has the attribute (a sub-table of an object that the facts
 * also describe as a table of their own may hold attributes that table does not list).
 */
function knows(node: NodeSchema, issue: ValidationIssue): boolean {
  let attrs = node.attributes;
  for (const key of attributePath(issue.path).split('.')) {
    const attr = attrs?.[key];
    if (attr === undefined) return false;
    attrs = attr.sub;
  }
  return true;
}

function explain(issue: ValidationIssue): string {
  const name = attributePath(issue.path);
  switch (issue.code) {
    case 'unknown-attribute':
      return name.endsWith('unset attrs')
        ? `attribute '${name}': ${issue.message}`
        : `attribute '${name}' is not supported`;
    case 'missing-required':
      return `attribute '${name}' is required`;
    default:
      return `attribute '${name}': ${issue.message}`;
  }
}
