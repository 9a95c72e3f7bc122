/**
 * Rules that turn the raw facts into catalog entries. Shared by the type generator
 * (`scripts/generate-catalog.ts`) and the runtime facts (`facts.ts`), so both always agree.
 */
import { KEY_OVERRIDES, REPLY_ATTRIBUTES, REPLY_SHAPE_OVERRIDES, requiredKeyOverride } from './overrides.js';
import type { FmgAttributeFacts, FmgObjectFacts, FmgObjectKind } from './schema.js';

/** JSON-RPC methods a catalog entry can allow. */
export type FmgMethod = 'get' | 'add' | 'set' | 'update' | 'replace' | 'delete' | 'clone' | 'move' | 'exec';

/** How a `get` on a URL answers: a list of rows, one row, or not known from the facts. */
export type ReplyShape = 'list' | 'one' | 'unknown';

/** One URL template of the catalog and the object that owns it. */
export interface CatalogTemplate {
  readonly template: string;
  readonly object: FmgObjectFacts;
  /** True for keyed item URLs (`.../address/{address}`). */
  readonly item: boolean;
}

/** Keys FortiManager adds to, or accepts in, every row besides the object's attributes. */
export const META_KEYS: readonly string[] = ['oid', 'unset attrs'];

const KIND_RANK: Record<FmgObjectKind, number> = { table: 0, object: 1, member: 2, exec: 3, get: 4 };

/**
 * Every URL template with its owner, sorted by template. Three templates are listed by two objects
 * (`/pm/devprof/adom/{adom}/{pkg_path}` as a package table and as a read-only selector); the richer
 * kind wins (table > object > member > exec > get), then the object name.
 */
export function catalogTemplates(objects: readonly FmgObjectFacts[]): CatalogTemplate[] {
  const byTemplate = new Map<string, CatalogTemplate>();
  const offer = (candidate: CatalogTemplate): void => {
    const current = byTemplate.get(candidate.template);
    if (current === undefined || compareOwners(candidate, current) < 0) {
      byTemplate.set(candidate.template, candidate);
    }
  };
  for (const object of objects) {
    for (const template of object.urls) offer({ template, object, item: false });
    for (const template of object.itemUrls ?? []) offer({ template, object, item: true });
  }
  return [...byTemplate.values()].sort((a, b) => compareText(a.template, b.template));
}

function compareOwners(a: CatalogTemplate, b: CatalogTemplate): number {
  return KIND_RANK[a.object.kind] - KIND_RANK[b.object.kind] || compareText(a.object.name, b.object.name);
}

/** Plain code-unit comparison: stable across locales, so generated output never depends on the machine. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Placeholder names of a template, in order: `'/a/{adom}/b/{x-y}'` -> `['adom', 'x-y']`. */
export function templateParams(template: string): string[] {
  return [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? '');
}

/** Placeholders whose value is a folder path (`{pkg_path}`): one rule for the client, the catalog and the simulator. */
export { isPathParam } from '../url-escape.js';

/** Methods that make sense for a URL of this object (collection or item URL). */
export function methodsFor(object: FmgObjectFacts, item: boolean): FmgMethod[] {
  switch (object.kind) {
    case 'table': {
      if (!item) return ['get', 'add', 'set', 'update', 'replace', 'delete'];
      const extra = (object.extraOps ?? []).filter((op): op is 'clone' | 'move' => op !== 'rename');
      return ['get', 'set', 'update', 'replace', 'delete', ...extra];
    }
    case 'object':
      return ['get', 'set', 'update', 'replace'];
    case 'member':
      return ['get', 'add', 'set', 'delete'];
    case 'exec':
      return ['exec'];
    case 'get':
      return ['get'];
  }
}

/** The key attribute of the object's rows: the facts' `mkey`, or the override where the facts name none. */
export function mkeyOf(object: FmgObjectFacts): string | null {
  return object.mkey ?? KEY_OVERRIDES[object.name] ?? null;
}

/** The object's attributes, with those of replies the facts give no schema for (the overrides). */
export function attributesOf(object: FmgObjectFacts): Readonly<Record<string, FmgAttributeFacts>> {
  const added = REPLY_ATTRIBUTES[object.name];
  return added === undefined ? object.attributes : { ...object.attributes, ...added };
}

/**
 * Attributes a write must name so FortiManager knows which row it is about: the table's required
 * attributes (its mkey), or the override for tables keyed by an expression (dynamic mappings).
 */
export function requiredAttributes(object: FmgObjectFacts): readonly string[] {
  let required = requiredCache.get(object);
  if (required === undefined) {
    required = computeRequired(object);
    requiredCache.set(object, required);
  }
  return required;
}

// Validation asks once per written row; the answer depends on the object alone.
const requiredCache = new WeakMap<FmgObjectFacts, readonly string[]>();

function computeRequired(object: FmgObjectFacts): readonly string[] {
  if (object.kind !== 'table') return [];
  const override = requiredKeyOverride(object);
  if (override !== undefined) return [...override];
  return Object.keys(object.attributes)
    .filter((name) => object.attributes[name]?.required === true)
    .sort(compareText);
}

/**
 * Whether `method` on this URL needs the required attributes in `data`: writes to a collection URL
 * (the row is named in the data, even for `update`), and `clone` (the data names the copy).
 */
export function needsRequired(item: boolean, method: FmgMethod): boolean {
  if (item) return method === 'clone';
  return method === 'add' || method === 'set' || method === 'update' || method === 'replace';
}

/** Request key that carries the attributes (`data`, or `workflow` for some exec URLs). */
export function bodyKeyOf(object: FmgObjectFacts): 'data' | 'workflow' {
  return object.bodyKey ?? 'data';
}

/**
 * Shape of a `get` reply. `lookup` resolves `attributesFrom` (`'<object>.<attr>'`) for read-only
 * selectors that expose a parent's sub-table (list) or sub-object (one row).
 */
export function replyShapeOf(
  object: FmgObjectFacts,
  item: boolean,
  lookup: (name: string) => FmgObjectFacts | undefined,
): ReplyShape {
  switch (object.kind) {
    case 'table':
      return item ? 'one' : 'list';
    case 'object':
      return 'one';
    case 'member':
      return 'list';
    case 'exec':
      return 'unknown';
    case 'get': {
      if (item) return 'one';
      const known = REPLY_SHAPE_OVERRIDES[object.name];
      if (known !== undefined) return known;
      if (object.itemUrls !== undefined && object.itemUrls.length > 0) return 'list';
      const [parent, attr] = (object.attributesFrom ?? '').split('.');
      const from = lookup(parent ?? '')?.attributes[attr ?? ''];
      if (from?.type === 'dict') return 'one';
      if (from?.type === 'list') return 'list';
      return 'unknown';
    }
  }
}
