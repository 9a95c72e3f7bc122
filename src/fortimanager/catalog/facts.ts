/**
 * The catalog facts at runtime: URL matching, descriptions and `data` validation. Nothing here is
 * loaded by the client unless asked for: import this module lazily (`await import(...)`), and the
 * facts (2.2 MB of JSON, shipped brotli-compressed as ~130 kB) are read on the first `loadFmgFacts()` call only.
 *
 * @example
 * ```ts
 * const facts = await loadFmgFacts();
 * facts.match('/pm/config/adom/root/obj/firewall/address/h1');
 * // { object: <firewall_address facts>, template: '/pm/config/adom/{adom}/obj/firewall/address/{address}',
 * //   item: true, params: { adom: 'root', address: 'h1' } }
 * facts.validate('/pm/config/adom/root/obj/firewall/address', 'add', { name: 'h1', type: 'bogus' });
 * // [{ code: 'invalid-choice', path: 'type', message: '"bogus" is not one of ...' }]
 * ```
 */
import { describeFields, type FieldDescription } from './describe.js';
import { packedJsonLoader } from './packed-json.js';
import {
  bodyKeyOf,
  type CatalogTemplate,
  catalogTemplates,
  type FmgMethod,
  methodsFor,
  mkeyOf,
  type ReplyShape,
  replyShapeOf,
  requiredAttributes,
} from './rules.js';
import type { FmgFactsFile, FmgObjectFacts, FmgObjectKind, VersionRange } from './schema.js';
import { UrlTrie } from './url-trie.js';
import { type ValidateOptions, type ValidationIssue, validateData } from './validate.js';
import { formatRanges } from './versions.js';

export type { FieldDescription } from './describe.js';
export type { FmgAttributeFacts, FmgFactsFile, FmgObjectFacts, VersionRange } from './schema.js';
export type { ValidateOptions, ValidationCode, ValidationIssue } from './validate.js';

/**
 * Where the facts live: `specs/` at the package root (written by `npm run generate` from
 * `objects.json`). The relative depth is the same from `src/fortimanager/catalog/` and from
 * `dist/fortimanager/catalog/`.
 */
export const FACTS_URL = new URL('../../../specs/fortimanager/objects.json.br', import.meta.url);

export interface UrlMatch {
  readonly object: FmgObjectFacts;
  /** The catalog template, e.g. `'/pm/config/adom/{adom}/obj/firewall/address/{address}'`. */
  readonly template: string;
  readonly item: boolean;
  /** Placeholder values taken from the URL (decoded); empty when a template itself was given. */
  readonly params: Readonly<Record<string, string>>;
}

export interface UrlDescription {
  readonly template: string;
  readonly object: string;
  readonly kind: FmgObjectKind;
  readonly item: boolean;
  readonly params: Readonly<Record<string, string>>;
  readonly mkey: string | null;
  /** Attributes add/set on the collection URL must carry. */
  readonly required: readonly string[];
  readonly methods: readonly FmgMethod[];
  readonly reply: ReplyShape;
  /** Request key that carries the attributes. */
  readonly body: 'data' | 'workflow';
  readonly versions?: string;
  readonly ranges?: readonly VersionRange[];
  readonly fields: readonly FieldDescription[];
}

export interface FmgFacts {
  /** Where the facts were taken from. */
  readonly source: string;
  /** FortiManager versions the facts cover, oldest first. */
  readonly versions: readonly string[];
  readonly objects: readonly FmgObjectFacts[];
  /** Every URL template with its owner, sorted. */
  readonly templates: readonly CatalogTemplate[];
  /** An object by name (`'firewall_address'`). */
  object(name: string): FmgObjectFacts | undefined;
  /** Resolves a literal URL (or a template) to its catalog template and placeholder values. */
  match(url: string): UrlMatch | undefined;
  describe(url: string): UrlDescription | undefined;
  /**
   * Checks `data` for `method` on `url`: unknown attributes, values outside `choices`, wrong types,
   * missing keys, and (with `version`) attributes outside their version range. Unknown URLs give `[]`.
   */
  validate(url: string, method: string, data: unknown, options?: ValidateOptions): ValidationIssue[];
}

/** Reads and indexes the facts once per process; later calls share the result. */
export const loadFmgFacts: () => Promise<FmgFacts> = packedJsonLoader(FACTS_URL, (file) =>
  createFmgFacts(file as FmgFactsFile),
);

/** Indexes an already-parsed facts file (tests, or a simulator with its own facts). */
export function createFmgFacts(file: FmgFactsFile): FmgFacts {
  const byName = new Map(file.objects.map((o) => [o.name, o]));
  const templates = catalogTemplates(file.objects);
  const byTemplate = new Map(templates.map((t) => [t.template, t]));
  const trie = new UrlTrie<CatalogTemplate>();
  for (const t of templates) trie.insert(t.template, t);

  const match = (url: string): UrlMatch | undefined => {
    const exact = byTemplate.get(url.startsWith('/') ? url : `/${url}`);
    if (exact !== undefined)
      return { object: exact.object, template: exact.template, item: exact.item, params: {} };
    const found = trie.match(url);
    if (found === undefined) return undefined;
    return {
      object: found.value.object,
      template: found.template,
      item: found.value.item,
      params: found.params,
    };
  };

  return {
    source: file.source,
    versions: file.fmgVersions,
    objects: file.objects,
    templates,
    object: (name) => byName.get(name),
    match,
    describe(url) {
      const m = match(url);
      if (m === undefined) return undefined;
      const { object, item } = m;
      return {
        template: m.template,
        object: object.name,
        kind: object.kind,
        item,
        params: m.params,
        mkey: mkeyOf(object),
        required: requiredAttributes(object),
        methods: methodsFor(object, item),
        reply: replyShapeOf(object, item, (name) => byName.get(name)),
        body: bodyKeyOf(object),
        ...(object.vRange !== null ? { versions: formatRanges(object.vRange), ranges: object.vRange } : {}),
        fields: describeFields(object),
      };
    },
    validate(url, method, data, options) {
      const m = match(url);
      return m === undefined ? [] : validateData(m.object, m.item, method, data, options);
    },
  };
}
