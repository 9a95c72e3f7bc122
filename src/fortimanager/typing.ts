/**
 * Type-level hooks between the client's methods and the generated catalog. Every method is generic
 * in its URL type `U` (and in the chosen `fields`), and computes its option and reply types through
 * these aliases. Until the catalog is wired in they are loose: any URL works, replies are records.
 * Placeholders are already checked: `{name}` in a URL template makes `params.name` required.
 */

/** One FortiManager object as it travels on the wire. */
export type FmgRecord = Record<string, unknown>;

/** A value for a `{placeholder}` of a URL template. */
export type ParamValue = string | number;

/** The JSON-RPC methods of FortiManager. */
export type RpcMethod =
  | 'get'
  | 'add'
  | 'set'
  | 'update'
  | 'replace'
  | 'delete'
  | 'clone'
  | 'move'
  | 'exec'
  | 'unset';

/** Methods that write (everything but `get`). */
export type WriteMethod = Exclude<RpcMethod, 'get'>;

/** URLs the catalog knows; any string until the catalog is wired in. */
export type CatalogUrl = string;

/** The placeholder names of a URL template: `'/a/{x}/b/{y}'` -> `'x' | 'y'`. */
export type Placeholders<U extends string> = U extends `${string}{${infer P}}${infer Rest}`
  ? P | Placeholders<Rest>
  : never;

/** The `params` a URL template needs. `adom` is optional: the client's `adom` option fills it. */
export type UrlParamsOf<U extends string> = string extends U
  ? Readonly<Record<string, ParamValue>>
  : { readonly [K in Exclude<Placeholders<U>, 'adom'>]: ParamValue } & {
      readonly [K in Extract<Placeholders<U>, 'adom'>]?: ParamValue;
    };

/** `params` is required exactly when the URL has a placeholder other than `{adom}`. */
export type ParamsField<U extends string> = string extends U
  ? { params?: UrlParamsOf<U> }
  : [Exclude<Placeholders<U>, 'adom'>] extends [never]
    ? { params?: UrlParamsOf<U> }
    : { params: UrlParamsOf<U> };

/** Attribute names of the objects at `U` (any string until the catalog is wired in). */
export type FieldName<U extends string> = U extends string ? string : never;

/** The chosen `fields`, or undefined for all fields. */
export type FieldList<U extends string> = readonly FieldName<U>[] | undefined;

/** What `get(U, { fields: F })` resolves to: one object or a table of objects. */
export type GetReply<U extends string, F extends FieldList<U>> = U | F extends never
  ? never
  : FmgRecord | FmgRecord[];

/** One row of the table at `U`, as `iterate` yields it. */
export type GetItem<U extends string, F extends FieldList<U>> =
  GetReply<U, F> extends infer R ? (R extends readonly (infer E)[] ? E : R) : never;

/** The `data` a write method `M` takes at `U`. */
export type WriteData<U extends string, M extends WriteMethod> = U | M extends never
  ? never
  : FmgRecord | readonly FmgRecord[];

/** What a write method `M` at `U` resolves to (`add` answers with the new object's key, `exec` with its result). */
export type WriteReply<U extends string, M extends WriteMethod> = U | M extends never ? never : unknown;

/** Makes the options argument optional when nothing in it is required. */
export type OptionsArg<O> = {} extends O ? [options?: O] : [options: O];
