/**
 * Helper types over the generated `FmgCatalog` map (types only, zero runtime). Every lookup is one
 * keyed access on the map, so a typed call costs about as much to check as an untyped one. URLs that
 * are not catalogued still work, typed loosely.
 *
 * @example
 * ```ts
 * type Url = '/pm/config/adom/{adom}/obj/firewall/address';
 * type Rows = GetReply<Url, readonly ['name', 'subnet']>;
 * //   ^? (Pick<FirewallAddress, 'name' | 'subnet'> & { oid?: number })[]
 * const data: WriteData<Url, 'add'> = { name: 'h1', subnet: '10.0.0.1/32' }; // `name` is required
 * ```
 */
import type { CatalogEntry, FmgLooseObject } from './entry.js';
import type { FmgCatalog } from './generated/index.js';
import type { FmgMethod } from './rules.js';
import type { FmgObjectKind } from './schema.js';

export type { CatalogEntry, FmgLooseObject } from './entry.js';
export type { FmgCatalog } from './generated/index.js';
export type { FmgMethod, ReplyShape } from './rules.js';
export type { FmgObjectKind } from './schema.js';

/** Every catalogued URL template, e.g. `'/pm/config/adom/{adom}/obj/firewall/address'`. */
export type CatalogUrl = keyof FmgCatalog & string;

/** The entry used for URLs outside the catalog: any method, loose rows, no required keys. */
export interface LooseEntry extends CatalogEntry {
  readonly known: false;
  readonly kind: FmgObjectKind;
  readonly item: boolean;
  readonly object: FmgLooseObject;
  readonly input: FmgLooseObject;
  readonly mkey: string;
  readonly required: never;
  readonly params: string;
  readonly methods: FmgMethod;
  readonly reply: 'unknown';
  readonly body: 'data' | 'workflow';
}

/**
 * The map as looked up: the string index signature makes `Lookup[U]` of a still-generic `U` resolve
 * to `CatalogEntry`, where `FmgCatalog[U]` would expand to the union of all 4,042 entries (that
 * happens while tsc contextually types the arguments of a generic call, once per call).
 */
interface Lookup extends FmgCatalog {
  readonly [url: string]: CatalogEntry;
}

type Resolve<E extends CatalogEntry> = E['known'] extends true ? E : LooseEntry;

/** The catalog entry of a URL template, or `LooseEntry` for any other string. */
export type EntryOf<U extends string> = Resolve<Lookup[U]>;

/** A row as FortiManager returns it (every attribute optional); `Record<string, unknown>` when unknown. */
export type ObjectOf<U extends string> = EntryOf<U>['object'];

/** A row as FortiManager accepts it in `data` (differs from `ObjectOf` only where overrides say so). */
export type InputOf<U extends string> = EntryOf<U>['input'];

/** Attribute names of the URL's object (wire spelling); `string` when unknown. */
export type FieldName<U extends string> = keyof ObjectOf<U> & string;

/** Methods that make sense on the URL (all of them for unknown URLs). */
export type MethodsOf<U extends string> = EntryOf<U>['methods'];

/** Value of a URL placeholder; it is URL-encoded when the template is filled. */
export type UrlParamValue = string | number;

/** Placeholder names of any template string: `'/a/{x}/b/{y-z}'` -> `'x' | 'y-z'`. */
export type TemplateParams<U extends string> = U extends `${string}{${infer P}}${infer Rest}`
  ? P | TemplateParams<Rest>
  : never;

/** Placeholder names of a URL: from the catalog entry, or read from the template itself. */
export type ParamNamesOf<U extends string> = ParamNamesFor<U, EntryOf<U>>;

type ParamNamesFor<U extends string, E extends CatalogEntry> = E['known'] extends true
  ? E['params']
  : TemplateParams<U>;

/**
 * The placeholders a template needs, as an object (`{ adom: string | number }`): from the catalog
 * entry, or read from the template itself for other strings; `{}` for literal URLs.
 */
export type UrlParamsOf<U extends string> = NoInfer<ParamsFor<U, EntryOf<U>>>;

type ParamsFor<U extends string, E extends CatalogEntry> = E['known'] extends true
  ? ParamsObject<E['params']>
  : ParamsObject<TemplateParams<U>>;

// Not `{ [K in ParamNamesOf<U>]: ... }`: a mapped type whose key set is a conditional type makes
// inference at generic call sites (`exec(url, { data, ...params })`) take minutes. Map inside the
// branches instead, and do the same when building option types from `ParamNamesOf`.
type ParamsObject<P extends string> = { [K in P]: UrlParamValue };

/** Keys FortiManager adds to every row it returns. */
export interface RowMeta {
  /** Internal object id. */
  oid?: number;
}

/** One returned row, narrowed to `F` (a tuple of field names) when given. */
export type RowOf<U extends string, F = undefined> = [F] extends [readonly (infer K)[]]
  ? Pick<ObjectOf<U>, K & keyof ObjectOf<U>> & RowMeta
  : ObjectOf<U> & RowMeta;

/**
 * What `get` resolves to: an array of rows for collection URLs, one row for item and singleton
 * URLs (either, when the facts do not say), narrowed to the chosen `fields` when given.
 */
export type GetReply<U extends string, F = undefined> = ReplyOf<EntryOf<U>['reply'], RowOf<U, F>>;

type ReplyOf<S, R> = S extends 'list' ? R[] : S extends 'one' ? R : R | R[];

/** `data` key listing attributes to clear (seed 001), accepted by set/update/replace. */
export interface UnsetAttrs<I> {
  'unset attrs'?: readonly (keyof I & string)[];
}

type WithRequired<I, R extends string> = I & { [K in R & keyof I]-?: NonNullable<I[K]> };

type WriteFor<E extends CatalogEntry, M extends FmgMethod> = M extends E['methods']
  ? M extends 'get' | 'move'
    ? never
    : M extends 'delete'
      ? E['kind'] extends 'member'
        ? E['input']
        : never
      : M extends 'exec'
        ? E['input']
        : (E['item'] extends true
            ? M extends 'clone'
              ? WithRequired<E['input'], E['required']>
              : E['input']
            : M extends 'add' | 'set' | 'update' | 'replace'
              ? WithRequired<E['input'], E['required']>
              : E['input']) &
            (M extends 'set' | 'update' | 'replace'
              ? E['kind'] extends 'table' | 'object'
                ? UnsetAttrs<E['input']>
                : unknown
              : unknown)
  : never;

/**
 * The `data` a method accepts on a URL. On a table's collection URL, add/set/update/replace must
 * name the row (its key, e.g. `name`); on an item URL the key is in the URL, so everything is
 * optional (`clone` names the copy). `never` when the method does not apply (get, move, delete on
 * tables, or any method outside `MethodsOf<U>`). Loose for unknown URLs.
 */
export type WriteData<U extends string, M extends FmgMethod> = NoInfer<WriteFor<EntryOf<U>, M>>;

/** Comparison operators of FortiManager filters. */
export type FilterOperator =
  | '=='
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | '&'
  | 'like'
  | '!like'
  | 'glob'
  | '!glob'
  | 'in'
  | '!in'
  | 'contain'
  | '!contain';

/** `['name', 'like', 'h%']`, `['type', 'in', 'ipmask', 'iprange']`. */
export type FilterCondition<N extends string> = readonly [N, FilterOperator, ...unknown[]];

/** A FortiManager filter: a condition, `['!', filter]`, or filters joined by `'&&'` / `'||'`. */
export type Filter<N extends string> =
  | FilterCondition<N>
  | readonly ['!', Filter<N>]
  | readonly [Filter<N>, ...('&&' | '||' | Filter<N>)[]];

/** A filter whose attribute names are checked against the URL's object. */
export type FilterFor<U extends string> = Filter<FieldName<U> | 'oid'>;

/** `sortings`: `[{ name: 1 }, { 'obj-type': -1 }]` with checked attribute names. */
export type SortingsFor<U extends string> = readonly { readonly [K in FieldName<U>]?: 1 | -1 }[];

/**
 * The typed part of `get` options, for the client to merge with its own options.
 * `F` is the tuple of chosen `fields` (declare it `const` to keep the literal names).
 */
export interface TypedGetOptions<
  U extends string,
  F extends readonly FieldName<U>[] | undefined = undefined,
> {
  fields?: F;
  filter?: NoInfer<FilterFor<U>>;
  sortings?: NoInfer<SortingsFor<U>>;
}
