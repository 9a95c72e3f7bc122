/**
 * The shapes of the generated FortiAuthenticator tables (`generated/table.ts`, `generated/fields.ts`):
 * which resources exist, where, which methods and filters each allows, and what each field is.
 * Data only: the client and the simulator both read them, so this module imports nothing.
 */

/** A collection of objects, a singleton (one object at the collection path), or an action endpoint. */
export type FacKind = 'collection' | 'singleton' | 'action';

/**
 * What a resource allows, named as the client methods are:
 * `update` is PATCH, `replace` is PUT, `replaceAll`/`deleteAll` are PUT/DELETE on the collection,
 * `post` is the one POST of an action endpoint.
 */
export type FacMethod =
  | 'list'
  | 'get'
  | 'create'
  | 'update'
  | 'replace'
  | 'delete'
  | 'replaceAll'
  | 'deleteAll'
  | 'post';

/** A filter lookup (`<field>__<lookup>=<value>` in the query string). */
export type FacLookup = 'exact' | 'iexact' | 'contains' | 'icontains' | 'in' | 'startswith' | 'istartswith';

/** An extra endpoint below a resource, such as `localusers/{id}/sendoobtoken/`. */
export interface FacActionFacts {
  readonly method: 'GET' | 'POST';
  /** True when the action sits below an object (`<path>{id}/<name>/`), false below the collection. */
  readonly item: boolean;
}

export interface FacResourceFacts {
  /** Path below `/api/v1/`, with a trailing slash; `{id}` stands for the parent object of a sub-resource. */
  readonly path: string;
  readonly kind: FacKind;
  readonly methods: readonly FacMethod[];
  /** Filterable fields and their lookups. */
  readonly filters: Readonly<Record<string, readonly FacLookup[]>>;
  readonly actions?: Readonly<Record<string, FacActionFacts>>;
  /** Query parameters besides filters and paging (e.g. `returnseed`, `return_members`). */
  readonly query?: readonly string[];
  /** First FortiAuthenticator version documented with this resource. */
  readonly since?: string;
  /** Known only from a census or client code: the fields are not documented. */
  readonly stub?: true;
}

export type FacFieldType = 'string' | 'integer' | 'boolean' | 'list' | 'object' | 'file' | 'unknown';

export interface FacFieldFacts {
  readonly type: FacFieldType;
  /** Must be given on create (conditional requirements are not marked). */
  readonly required?: true;
  /** Never written by clients (ignored when sent), unless `createOnly`. */
  readonly readOnly?: true;
  /** Read-only once the object exists, but given when it is created. */
  readonly createOnly?: true;
  /** Accepted on writes, never returned (passwords, secrets). */
  readonly writeOnly?: true;
  readonly maxLength?: number;
  readonly unique?: true;
  readonly choices?: readonly (string | number)[];
  readonly default?: string | number | boolean;
  /** Points to another resource, by `resource_uri` (`uri`) or by numeric id (`id`). */
  readonly relation?: { readonly resource: string; readonly by: 'uri' | 'id'; readonly many?: true };
  /** First version documented with this field. */
  readonly since?: string;
}

export type FacFieldTable = Readonly<Record<string, FacFieldFacts>>;

/** A file to upload in a multipart field (`licensing.license`, `recovery.file`, `usercerts.csr`). */
export type FacUpload = Blob | Uint8Array;
