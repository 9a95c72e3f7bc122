/**
 * Type-level hooks between the client's methods and the generated catalog (`catalog/types.ts`).
 * Every method is generic in its URL type `U`, inferred from the URL argument only (options that
 * depend on `U` are `NoInfer`), and computes its options and reply through these aliases: one keyed
 * lookup of `U` in `FmgCatalog` per call. A catalogued template gets its object's fields, enums,
 * keys and methods; any other string is typed loosely (records), its `{placeholders}` still checked.
 * Writes are also generic in their `data` (`D`, inferred as written): it is checked value by value
 * (`CheckedRow`), so data built in a variable, a loop or parsed from a file compiles, and the reply
 * follows what was written (one row answers its key).
 */

import type { CallOptions, GetQuery, IterateOptions } from './call-options.js';
import type {
  CatalogEntry,
  FieldName as CatalogFieldName,
  GetReply as CatalogGetReply,
  WriteData as CatalogWriteData,
  CheckedRow,
  EntryOf,
  FilterFor,
  FmgMethod,
  MethodsOf,
  RowOf,
  SortingsFor,
  TemplateParams,
  WriteAnswerOf,
} from './catalog/types.js';
import type { Filter as AnyFilter, Built } from './filter.js';
import type { FmgRecord, ParamValue, RpcMethod, WriteMethod } from './types.js';

export type { CatalogUrl } from './catalog/types.js';

/** Methods whose `data` is required. */
type DataMethod = 'add' | 'set' | 'update' | 'replace' | 'clone';

/**
 * Options of a write method `M` (`add`, `set`, ...), with `D` the `data` as written (by default the
 * row type `WriteData<U, M>`, to annotate options built ahead of the call).
 */
export type WriteOptions<U extends string, M extends WriteMethod, D = WriteData<U, M>> = DataOptions<
  U,
  M,
  D
> &
  OtherWriteOptions<U, M>;

type DataOptions<U extends string, M extends WriteMethod, D> = M extends DataMethod
  ? { data: CheckedData<U, M, D> }
  : M extends 'move'
    ? unknown
    : { data?: CheckedData<U, M, D> };

type OtherWriteOptions<U extends string, M extends WriteMethod> = CallOptions &
  ParamsField<U> &
  (M extends DataMethod | 'unset'
    ? { unsetAttrs?: readonly string[] }
    : M extends 'move'
      ? { option: 'before' | 'after'; target: ParamValue }
      : M extends 'delete'
        ? { filter?: AnyFilter }
        : unknown);

/** The catalog has no `unset`: it clears attributes of an object that takes `update`. */
type CatalogMethod<M extends RpcMethod> = M extends 'unset' ? 'update' : M;

/**
 * The options type `O` when the catalog allows method `M` on `U`, else `never` (so `add` on a
 * singleton or `get` on an exec URL does not compile). Any method is allowed on other URLs.
 */
export type OptionsFor<U extends string, M extends RpcMethod, O> =
  CatalogMethod<M> extends MethodsOf<U> ? O : never;

/**
 * Options of a write method `M` at `U`, checked against the catalog. `U` is inferred from the URL
 * only (the other options are `NoInfer`); `D` from `data`, through `CheckedData`.
 */
export type WriteOptionsOf<U extends string, M extends WriteMethod, D = undefined> = OptionsFor<
  U,
  M,
  DataOptions<U, M, D> & NoInfer<OtherWriteOptions<U, M>>
>;

/**
 * What the `data` type parameter of a write may be: any object (checked by `CheckedData`), or
 * nothing where `data` is optional. The row types are in the union for the editor: it completes
 * their attributes and enum values.
 */
export type DataArg<U extends string, M extends WriteMethod> =
  | WriteData<U, M>
  | readonly WriteData<U, M>[]
  | object
  | undefined;

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
 * The `data` a write method `M` takes at `U` as a type to annotate with: one row or a list of rows,
 * checked against the catalog (a collection URL's add/set/update must name the row); `never` when
 * `M` does not apply. Records for URLs outside the catalog.
 */
export type WriteData<U extends string, M extends WriteMethod> = OneOrMany<RowData<U, M, EntryOf<U>>>;

type RowData<U extends string, M extends WriteMethod, E extends CatalogEntry> = E['known'] extends true
  ? CatalogWriteData<U, CatalogMethod<M>>
  : FmgRecord;

/**
 * `data` as written (`D`: one row or a list of rows) checked row by row against `U` (see
 * `CheckedRow`: literals must be valid, wide values of the right kind pass, attribute names and
 * required keys are checked). Any object for URLs outside the catalog.
 */
export type CheckedData<U extends string, M extends WriteMethod, D> = EntryOf<U>['known'] extends true
  ? D extends readonly unknown[]
    ? CheckedRows<D, U, CatalogMethod<M>>
    : CheckedRow<D, U, CatalogMethod<M>>
  : D;

type CheckedRows<D extends readonly unknown[], U extends string, M extends FmgMethod> = {
  readonly [K in keyof D]: CheckedRow<D[K], U, M>;
};

/** `option` values whose reply is a number, not rows: `count` (rows in the table) and `chksum`. */
export type CountOption = 'count' | 'chksum';

/**
 * What `get` resolves to: typed rows narrowed to the chosen `fields` (plus `oid`), an array for
 * collection URLs and one row for item and singleton URLs; records for URLs outside the catalog.
 * `option: 'count'` (or `'chksum'`) answers a number, `option: 'syntax'` the schema (a record).
 */
export type GetReply<U extends string, F extends FieldList<U>, O = undefined> = O extends
  | CountOption
  | readonly [CountOption]
  ? number
  : O extends 'syntax' | readonly ['syntax']
    ? FmgRecord
    : RowsReply<U, F>;

type RowsReply<U extends string, F extends FieldList<U>> = EntryOf<U>['known'] extends true
  ? CatalogGetReply<U, F>
  : FmgRecord | FmgRecord[];

/** One row at `U` as `iterate` yields it (narrowed to the chosen `fields`, plus `oid`). */
export type GetItem<U extends string, F extends FieldList<U>> = EntryOf<U>['known'] extends true
  ? RowOf<U, F>
  : FmgRecord;

/**
 * What a write method `M` at `U` resolves to, as FortiManager answers it in `data`: the key of the
 * row written (`{ name }`, `{ policyid }`; a `set` or `replace` that overwrote a row through the
 * collection URL answers nothing, several rows answer nothing), nothing for deletes, unsets,
 * singletons and member lists, the task id of execs that start a task (`{ task }`), and `unknown`
 * where the catalog does not know (other execs, URLs outside the catalog). `D` is the `data` written.
 */
export type WriteReply<U extends string, M extends WriteMethod, D = undefined> = WriteAnswerOf<U, M, D>;

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

type QueryOptions = Omit<GetQuery<never>, 'fields' | 'filter' | 'sortings' | 'option'>;

/** What `option` takes: one option or a list (`'count'`, `['get flags', 'extra info']`). */
export type GetOption = string | readonly string[];

type GetOptionsWith<U extends string, F extends FieldList<U>, Q, Query> = OptionsFor<
  U,
  'get',
  { fields?: F; filter?: FilterArg<U, Q> } & NoInfer<
    Query & CallOptions & ParamsField<U> & { sortings?: SortingsFor<U> }
  >
>;

/**
 * Options of `get(url, options)`: `fields` (`F`), `filter` (`Q`) and `option` (`O`) are inferred
 * and checked, `sortings` and `params` follow `U`; `never` when `U` does not take `get`.
 */
export type GetOptionsOf<U extends string, F extends FieldList<U>, Q, O = undefined> = GetOptionsWith<
  U,
  F,
  Q,
  QueryOptions
> & { option?: O };

/** Options of `iterate(url, options)`: those of `get` without `range` (iterate sets it), plus paging. */
export type IterateOptionsOf<U extends string, F extends FieldList<U>, Q> = GetOptionsWith<
  U,
  F,
  Q,
  Omit<QueryOptions, 'range'> & { option?: GetOption }
> &
  IterateOptions;

/** Makes the options argument optional when nothing in it is required. */
export type OptionsArg<O> = {} extends O ? [options?: O] : [options: O];
