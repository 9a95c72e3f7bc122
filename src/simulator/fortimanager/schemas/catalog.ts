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
import { memoize } from '../../memo.js';
import {
  type AttrSchema,
  type ObjectSchema,
  type ResolvedUrl,
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

  validate(url: string, method: WriteMethod, data: Readonly<Record<string, unknown>>): string | undefined {
    const target = this.#target(url);
    if (target === undefined) return undefined;
    const { object, item } = target.match;
    const checkAs = factsMethod(methodsFor(object, item), method);
    if (checkAs === undefined) return undefined;
    const builtin = target.builtin;
    const refused = validateData(object, item, checkAs, data).find(
      (issue) => this.#refuses(object, issue) && !builtinChecks(builtin, issue),
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

  /** The facts and the hand-written schema behind a URL, once per distinct URL. */
  readonly #target = memoize((url: string) => {
    const match = this.#facts.match(url);
    // Folder-path URLs (`.../{pkg_path}`) mean something else here: the simulator keys packages by name.
    if (match === undefined || collectionTemplate(match.template) !== match.template) return undefined;
    return { match, builtin: this.#builtinNode(url) };
  });

  /** What the hand-written schemas say about `url`, if they own it. */
  #builtinNode(url: string): ResolvedUrl['node'] | undefined {
    this.#builtins ??= new SchemaRegistry([builtinSchemas]);
    try {
      return this.#builtins.resolve(splitUrl(url)).node;
    } catch {
      return undefined;
    }
  }

  #objectSchema(object: FmgObjectFacts): ObjectSchema {
    const base = object.kind === 'table' ? object.itemUrls?.[0] : object.urls[0];
    const attributes = this.#attributes(object, object.attributes, [], base);
    if (object.kind === 'object') return { kind: 'object', mkey: null, attributes, strict: true };
    const mkey = tableKey(object.mkey, object.mkeyExpr, object.attributes);
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
      if (shape === 'ip-mask') out[name] = { type: 'str', format: 'ipmask' };
      else if (shape !== undefined) out[name] = { type: 'raw' };
      else if (isSubTableFacts(attr)) out[name] = this.#subTable(object, name, attr, at, base);
      else out[name] = plainAttribute(attr);
      if (attr.sensitive === true) out[name] = { ...out[name], sensitive: true } as AttrSchema;
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
    const mkey = tableKey(owner?.mkey ?? null, owner?.mkeyExpr, sub);
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
 */
function plainAttribute(attr: FmgAttributeFacts): AttrSchema {
  switch (attr.type) {
    case 'str':
      return attr.choices === undefined ? { type: 'raw' } : { type: 'str', choices: attr.choices };
    case 'int':
      return { type: 'int' };
    case 'list':
      return {
        type: 'list',
        elements: attr.elements ?? 'str',
        ...(attr.choices === undefined ? {} : { choices: attr.choices }),
      };
    case 'dict':
      return { type: 'dict' };
    case 'raw':
      return { type: 'raw' };
  }
}

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
function builtinChecks(node: ResolvedUrl['node'] | undefined, issue: ValidationIssue): boolean {
  let attrs = node?.attributes;
  let attr: AttrSchema | undefined;
  for (const key of attributePath(issue.path).split('.')) {
    attr = attrs?.[key];
    if (attr === undefined) return false;
    attrs = attr.sub;
  }
  return issue.code === 'unknown-attribute' || attr?.type !== 'raw';
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
