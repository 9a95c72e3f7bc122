/**
 * Helper types over the generated `FmgCatalog` map (types only, zero runtime). Every lookup is one
 * keyed access on the map, so a typed call costs about as much to check as an untyped one. URLs that
 * are not catalogued still work, typed loosely.
 *
 * @example
 * ```ts
 * type Url = '/pm/config/adom/{adom}/obj/firewall/address';
 * type Rows = GetReply<Url, readonly ['name', 'subnet']>;
 * //   ^? (Pick<FirewallAddress, 'name' | 'subnet'> & { name: string } & { oid?: number })[]
 * const data: WriteData<Url, 'add'> = { name: 'h1', subnet: '10.0.0.1/32' }; // `name` is required
 * type Checked = CheckedRow<{ name: string; type: string }, Url, 'add'>; // a wide `type` passes
 * ```
 */
import type { CatalogEntry, FmgLooseObject, WriteAnswer } from './entry.js';
import type { FmgCatalog } from './generated/index.js';
import type { FmgMethod } from './rules.js';
import type { FmgObjectKind } from './schema.js';

export type {
  CatalogEntry,
  DvmTaskAnswer,
  FmgLooseObject,
  ProxyAnswer,
  TaskAnswer,
  WriteAnswer,
} from './entry.js';
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
  readonly mkey: never;
  readonly required: never;
  readonly params: string;
  readonly methods: FmgMethod;
  readonly reply: 'unknown';
  readonly body: 'data' | 'workflow';
  readonly answer: WriteAnswer;
  readonly execAnswer: unknown;
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

/**
 * Keys FortiManager adds to every row it returns. (A type literal, not an interface: a row type that
 * intersects it keeps an implicit index signature, so `rows as Record<string, unknown>[]` works.)
 */
export type RowMeta = {
  /** Internal object id. */
  oid?: number;
};

/**
 * The key of a table row as FortiManager returns it: always there and never null, once it is among
 * the returned attributes `K` (all of them when no `fields` are chosen). `unknown` (nothing) for
 * objects without a key.
 */
type RowKey<E extends CatalogEntry, K> = [E['mkey'] & K] extends [never]
  ? unknown
  : { [P in E['mkey'] & K & keyof E['object']]-?: NonNullable<E['object'][P]> };

/** One returned row, narrowed to `F` (a tuple of field names) when given. */
export type RowOf<U extends string, F = undefined> = RowFor<EntryOf<U>, F>;

type RowFor<E extends CatalogEntry, F> = [F] extends [readonly (infer K)[]]
  ? Pick<E['object'], K & keyof E['object']> & RowKey<E, K> & RowMeta
  : E['object'] & RowKey<E, E['mkey']> & RowMeta;

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

/** The row type `data` takes for method `M`, before required keys; `never` when `M` does not apply. */
type RowInput<E extends CatalogEntry, M extends FmgMethod> = M extends E['methods']
  ? M extends 'get' | 'move'
    ? never
    : M extends 'delete'
      ? E['kind'] extends 'member'
        ? E['input']
        : never
      : M extends 'set' | 'update' | 'replace'
        ? E['kind'] extends 'table' | 'object'
          ? E['input'] & UnsetAttrs<E['input']>
          : E['input']
        : E['input']
  : never;

/**
 * Attributes a row of `data` must carry: the table's key on writes to a collection URL, the copy's
 * key on `clone`. On `add`, a table keyed by an integer (`policyid`, `id`) needs none: FortiManager
 * numbers the new row itself.
 */
type RowRequired<E extends CatalogEntry, M extends FmgMethod> = E['item'] extends true
  ? M extends 'clone'
    ? E['required']
    : never
  : M extends 'add'
    ? [AutoNumberedKey<E>] extends [never]
      ? E['required']
      : never
    : M extends 'set' | 'update' | 'replace'
      ? E['required']
      : never;

type AutoNumberedKey<E extends CatalogEntry> = E['mkey'] extends keyof E['input']
  ? NonNullable<E['input'][E['mkey']]> extends number
    ? E['mkey']
    : never
  : never;

type WithRequired<I, R extends string> = [R] extends [never]
  ? I
  : I & { [K in R & keyof I]-?: NonNullable<I[K]> };

type WriteFor<E extends CatalogEntry, M extends FmgMethod> = WithRequired<RowInput<E, M>, RowRequired<E, M>>;

/**
 * The `data` row a method accepts on a URL, as a type to annotate a variable with. On a table's
 * collection URL, add/set/update/replace must name the row (its key, e.g. `name`; `add` may leave
 * out an integer key); on an item URL the key is in the URL, so everything is optional (`clone`
 * names the copy). `never` when the method does not apply (get, move, delete on tables, or any
 * method outside `MethodsOf<U>`). Loose for unknown URLs.
 */
export type WriteData<U extends string, M extends FmgMethod> = NoInfer<WriteFor<EntryOf<U>, M>>;

/**
 * A row of `data` as written (`D`, inferred from the call) checked against what the URL takes,
 * value by value: a literal must be one the attribute takes (`type: 'ipmask'`), a value typed wide
 * (`string`, `number`, `string[]` from a variable, a loop or a parsed file) passes when the attribute
 * takes that kind of value, attribute names are checked (also in nested rows), and the required
 * keys must be there. An object with an index signature (`Record<string, unknown>`, parsed
 * CSV/YAML) passes as it is: `validate: true` checks it at run time.
 */
export type CheckedRow<D, U extends string, M extends FmgMethod> = CheckedRowOf<
  D,
  RowInput<EntryOf<U>, M>,
  RowRequired<EntryOf<U>, M>
>;

type CheckedRowOf<D, I, R extends string> = string extends keyof D
  ? D
  : CheckedAttributes<D, I> & { [K in R]: unknown };

// Mapped over the written row's own keys (homomorphic, so its optional and readonly modifiers stay).
type CheckedAttributes<D, I> = { [K in keyof D]: K extends keyof I ? CheckedValue<D[K], I[K]> : never };

type CheckedValue<V, T> = unknown extends V
  ? V
  : V extends unknown
    ? V extends readonly unknown[]
      ? CheckedList<V, Extract<T, readonly unknown[]>, T>
      : V extends object
        ? [Extract<T, object>] extends [never]
          ? T
          : string extends keyof V
            ? V
            : CheckedAttributes<V, Extract<T, object>>
        : [V] extends [T]
          ? V
          : string extends V
            ? WidePasses<Extract<T, string>, V, T>
            : number extends V
              ? WidePasses<Extract<T, number>, V, T>
              : T
    : never;

/** A wide `string`/`number` passes where the attribute takes some value of that kind. */
type WidePasses<Kind, V, T> = [Kind] extends [never] ? T : V;

// A list is checked item by item (readonly lists, tuples of `as const` and lists from variables alike).
type CheckedList<V extends readonly unknown[], L, T> = [L] extends [never]
  ? T
  : { readonly [K in keyof V]: CheckedValue<V[K], L extends readonly (infer Item)[] ? Item : never> };

/** What a write method `M` on `U` answers in `data`, when `D` is the `data` written. */
export type WriteAnswerOf<U extends string, M extends FmgMethod | 'unset', D> = AnswerFor<EntryOf<U>, M, D>;

/** The key FortiManager answers for the row written: `{ name: 'h1' }`, `{ policyid: 7 }`. */
export type KeyAnswer<E extends CatalogEntry> = [E['mkey']] extends [never]
  ? FmgLooseObject | undefined
  : { [K in E['mkey'] & keyof E['object']]-?: NonNullable<E['object'][K]> };

type AnswerFor<E extends CatalogEntry, M, D> = E['known'] extends true
  ? M extends 'exec'
    ? E['execAnswer']
    : E['answer'] extends 'key'
      ? M extends 'delete' | 'unset'
        ? undefined
        : E['item'] extends true
          ? KeyAnswer<E>
          : RowsAnswer<D, M extends 'set' | 'replace' ? KeyAnswer<E> | undefined : KeyAnswer<E>>
      : E['answer'] extends 'data'
        ? M extends 'set' | 'update' | 'replace'
          ? D
          : undefined
        : undefined
  : unknown;

// A write to a collection URL answers the key when it wrote one row (a `set` or `replace` that
// overwrote an existing row answers nothing), and nothing for several rows.
type RowsAnswer<D, One> = D extends readonly unknown[]
  ? D extends readonly [unknown]
    ? One
    : number extends D['length']
      ? One | undefined
      : undefined
  : One;

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
