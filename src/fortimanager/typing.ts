/**
 * Type-level hooks between the client's methods and the generated catalog (`catalog/types.ts`).
 * Every method is generic in its URL type `U`, inferred from the URL argument only (options that
 * depend on `U` are `NoInfer`), and computes its options and reply through these aliases: one keyed
 * lookup of `U` in `FmgCatalog` per call. A catalogued template gets its object's fields, enums,
 * keys and methods; any other string is typed loosely (records), its `{placeholders}` still checked.
 */

import type { CallOptions, GetQuery, IterateOptions } from './call-options.js';
import type {
  CatalogEntry,
  FieldName as CatalogFieldName,
  GetReply as CatalogGetReply,
  WriteData as CatalogWriteData,
  EntryOf,
  FilterFor,
  MethodsOf,
  RowOf,
  SortingsFor,
  TemplateParams,
} from './catalog/types.js';
import type { Filter as AnyFilter, Built } from './filter.js';
import type { FmgRecord, ParamValue, RpcMethod, WriteMethod } from './types.js';

export type { CatalogUrl } from './catalog/types.js';

/** Methods whose `data` is required. */
type DataMethod = 'add' | 'set' | 'update' | 'replace' | 'clone';

/** Options of a write method `M` (`add`, `set`, ...). */
export type WriteOptions<U extends string, M extends WriteMethod> = CallOptions &
  ParamsField<U> &
  (M extends DataMethod
    ? { data: WriteData<U, M>; unsetAttrs?: readonly string[] }
    : M extends 'move'
      ? { option: 'before' | 'after'; target: ParamValue }
      : M extends 'delete'
        ? { data?: WriteData<U, M>; filter?: AnyFilter }
        : M extends 'unset'
          ? { data?: WriteData<U, M>; unsetAttrs?: readonly string[] }
          : { data?: WriteData<U, M> });

/** The catalog has no `unset`: it clears attributes of an object that takes `update`. */
type CatalogMethod<M extends RpcMethod> = M extends 'unset' ? 'update' : M;

/**
 * The options type `O` when the catalog allows method `M` on `U`, else `never` (so `add` on a
 * singleton or `get` on an exec URL does not compile). Any method is allowed on other URLs.
 */
export type OptionsFor<U extends string, M extends RpcMethod, O> =
  CatalogMethod<M> extends MethodsOf<U> ? O : never;

/** Options of a write method `M` at `U`, checked against the catalog (`U` is inferred from the URL only). */
export type WriteOptionsOf<U extends string, M extends WriteMethod> = OptionsFor<
  U,
  M,
  NoInfer<WriteOptions<U, M>>
>;

/** Attribute names of the objects at `U` (wire spelling); any string for URLs outside the catalog. */
export type FieldName<U extends string> = CatalogFieldName<U>;

/** The chosen `fields`, or undefined for all fields. */
export type FieldList<U extends string> = readonly FieldName<U>[] | undefined;

// Mapped over the entry's own placeholder names inside each branch, never over a conditional type
// of `U` (that made inference at generic call sites take minutes).
type ParamsObject<P extends string> = { readonly [K in Exclude<P, 'adom'>]: ParamValue } & {
  readonly [K in Extract<P, 'adom'>]?: ParamValue;
};

type ParamsFieldOf<P extends string> = [Exclude<P, 'adom'>] extends [never]
  ? { params?: ParamsObject<P> }
  : { params: ParamsObject<P> };

/** The `params` a URL template needs. `adom` is optional: the client's `adom` option fills it. */
export type UrlParamsOf<U extends string> = string extends U
  ? Readonly<Record<string, ParamValue>>
  : ParamsObjectFor<U, EntryOf<U>>;

type ParamsObjectFor<U extends string, E extends CatalogEntry> = E['known'] extends true
  ? ParamsObject<E['params']>
  : ParamsObject<TemplateParams<U>>;

/** `params` is required exactly when the URL has a placeholder other than `{adom}`. */
export type ParamsField<U extends string> = string extends U
  ? { params?: Readonly<Record<string, ParamValue>> }
  : ParamsFieldFor<U, EntryOf<U>>;

type ParamsFieldFor<U extends string, E extends CatalogEntry> = E['known'] extends true
  ? ParamsFieldOf<E['params']>
  : ParamsFieldOf<TemplateParams<U>>;

type OneOrMany<W> = [W] extends [never] ? never : W | readonly W[];

/**
 * The `data` a write method `M` takes at `U`: one row or a list of rows, checked against the
 * catalog (a collection URL's add/set/update must name the row); `never` when `M` does not apply.
 * Records for URLs outside the catalog.
 */
export type WriteData<U extends string, M extends WriteMethod> = OneOrMany<RowData<U, M, EntryOf<U>>>;

type RowData<U extends string, M extends WriteMethod, E extends CatalogEntry> = E['known'] extends true
  ? M extends 'add'
    ? AddData<U, E>
    : CatalogWriteData<U, CatalogMethod<M>>
  : FmgRecord;

// FortiManager numbers a new row itself when the table's key is an integer (`policyid`, `id`) and
// `add` names none; such tables require nothing else.
type AddData<U extends string, E extends CatalogEntry> = E['item'] extends false
  ? [AutoNumberedKey<E>] extends [never]
    ? CatalogWriteData<U, 'add'>
    : E['input']
  : CatalogWriteData<U, 'add'>;

type AutoNumberedKey<E extends CatalogEntry> = E['mkey'] extends keyof E['input']
  ? NonNullable<E['input'][E['mkey']]> extends number
    ? E['mkey']
    : never
  : never;

/**
 * What `get` resolves to: typed rows narrowed to the chosen `fields` (plus `oid`), an array for
 * collection URLs and one row for item and singleton URLs; records for URLs outside the catalog.
 */
export type GetReply<U extends string, F extends FieldList<U>> = EntryOf<U>['known'] extends true
  ? CatalogGetReply<U, F>
  : FmgRecord | FmgRecord[];

/** One row at `U` as `iterate` yields it (narrowed to the chosen `fields`, plus `oid`). */
export type GetItem<U extends string, F extends FieldList<U>> = EntryOf<U>['known'] extends true
  ? RowOf<U, F>
  : FmgRecord;

/** What a write method `M` at `U` resolves to (`add` answers with the new object's key, `exec` with its result). */
export type WriteReply<U extends string, M extends WriteMethod> = U | M extends never ? never : unknown;

/**
 * A `filter`: an array literal is checked against the attributes of `U` (the editor completes
 * them); a filter from the `f` builder carries the attribute names it tests, and they must be
 * attributes of `U` too; a filter typed wide (`Filter`) is accepted as it is. `Q` is the filter's
 * inferred type.
 */
export type FilterArg<U extends string, Q> = [Q] extends [Built<infer N>]
  ? string extends N
    ? Q // names only known as \`string\` (built from variables): nothing to check
    : [N] extends [FieldName<U> | 'oid']
      ? Q
      : Built<FieldName<U> | 'oid'>
  : [AnyFilter] extends [Q]
    ? Q
    : NoInfer<FilterFor<U>>;

type QueryOptions = Omit<GetQuery<never>, 'fields' | 'filter' | 'sortings'>;

type GetOptionsWith<U extends string, F extends FieldList<U>, Q, Query> = OptionsFor<
  U,
  'get',
  { fields?: F; filter?: FilterArg<U, Q> } & NoInfer<
    Query & CallOptions & ParamsField<U> & { sortings?: SortingsFor<U> }
  >
>;

/**
 * Options of `get(url, options)`: `fields` (`F`) and `filter` (`Q`) are inferred and checked,
 * `sortings` and `params` follow `U`; `never` when `U` does not take `get`.
 */
export type GetOptionsOf<U extends string, F extends FieldList<U>, Q> = GetOptionsWith<U, F, Q, QueryOptions>;

/** Options of `iterate(url, options)`: those of `get` without `range` (iterate sets it), plus paging. */
export type IterateOptionsOf<U extends string, F extends FieldList<U>, Q> = GetOptionsWith<
  U,
  F,
  Q,
  Omit<QueryOptions, 'range'>
> &
  IterateOptions;

/** Makes the options argument optional when nothing in it is required. */
export type OptionsArg<O> = {} extends O ? [options?: O] : [options: O];
