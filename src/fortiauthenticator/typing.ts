/**
 * The typed surface of a resource handle, derived from the generated `FacResources` map: a handle
 * offers exactly the methods its resource allows (`fac.resource('fgtgroupfilter')` has no `create`),
 * with the resource's object, body, filter and order types.
 */
import type { CallOptions } from '../core/client-options.js';
import type { FortixError } from '../core/errors.js';
import type { QueryValue } from '../core/rest.js';
import type { FacReply } from './caller.js';
import type { FacResources } from './generated/types.js';

export type FacResourceName = keyof FacResources;
type Entry<N extends FacResourceName> = FacResources[N];

/** The object of a collection or singleton as GET returns it. */
export type FacObject<N extends FacResourceName> = Entry<N> extends { object: infer O } ? O : never;
/** The body of a create (or a PUT). */
export type FacCreate<N extends FacResourceName> = Entry<N> extends { create: infer C } ? C : never;
/** The body of an update (PATCH): only the fields to change. */
export type FacUpdate<N extends FacResourceName> = Entry<N> extends { update: infer U } ? U : never;
/** The filters a resource allows, with their value types. */
export type FacFilter<N extends FacResourceName> = Entry<N> extends { filter: infer F } ? F : never;
/** A field to order by, `-` first for descending. */
export type FacOrder<N extends FacResourceName> =
  Entry<N> extends { order: infer O extends string } ? O | `-${O}` : never;
/** The body an action endpoint takes. */
export type FacActionRequest<N extends FacResourceName> = Entry<N> extends { request: infer R } ? R : never;
/** What an action endpoint answers (`undefined` for an empty 200). */
export type FacActionReply<N extends FacResourceName> = Entry<N> extends { reply: infer R } ? R : never;

/** `meta` of a list reply. */
export interface FacListMeta {
  readonly limit: number;
  /** Path (with its query) of the next page, or null on the last one. */
  readonly next: string | null;
  readonly offset: number;
  readonly previous: string | null;
  readonly total_count: number;
}

/** One page of a list: `{meta, objects}` as the appliance sends it. */
export interface FacPage<T> {
  readonly meta: FacListMeta;
  readonly objects: T[];
}

export interface FacQueryOptions<N extends FacResourceName> extends CallOptions {
  /** Filters: `field` (exact) or `field__lookup`; a list value of `__in` repeats the parameter. */
  filter?: FacFilter<N> | undefined;
  orderBy?: FacOrder<N> | readonly FacOrder<N>[] | undefined;
  /** Extra query parameters the resource knows (`return_members`, ...). */
  query?: Partial<Record<Entry<N>['query'], QueryValue>> | undefined;
}

export interface FacListOptions<N extends FacResourceName> extends FacQueryOptions<N> {
  /** Objects per page: default 20 for `list`, 1000 (the most the appliance gives) for `iterate`/`pages`. */
  limit?: number | undefined;
  offset?: number | undefined;
}

export interface FacWriteOptions<N extends FacResourceName> extends CallOptions {
  /** Extra query parameters the resource knows (`returnseed`, ...). */
  query?: Partial<Record<Entry<N>['query'], QueryValue>> | undefined;
  /** Check the body against the live schema first (default: the client's `validate` option). */
  validate?: boolean | undefined;
}

export interface FacBulkOptions<N extends FacResourceName> extends FacWriteOptions<N> {
  /** Requests in flight at once when objects are created one by one (default 8). */
  concurrency?: number | undefined;
  /** Objects per request when the appliance takes lists (8.0.3+ `localusers`; default 100). */
  chunkSize?: number | undefined;
  /**
   * `false`: each result holds what the reply said (at least `resource_uri`) instead of the object
   * read back, which saves one GET per object where the version answers with a `Location` only.
   */
  returnObjects?: boolean | undefined;
}

/** The outcome of one object of a bulk write, in input order. */
export type FacItemResult<T> =
  | { readonly ok: true; readonly index: number; readonly object: T }
  | { readonly ok: false; readonly index: number; readonly error: FortixError };

type Id = number;

type CollectionOffer<N extends FacResourceName, M> = M extends 'list'
  ? {
      /** One page (default 20 objects). */
      list(options?: FacListOptions<N>): Promise<FacPage<FacObject<N>>>;
      /** Every object, following `meta.next`; holds one page at a time. */
      iterate(options?: FacListOptions<N>): AsyncGenerator<FacObject<N>>;
      /** Every page, following `meta.next`. */
      pages(options?: FacListOptions<N>): AsyncGenerator<FacPage<FacObject<N>>>;
    }
  : M extends 'get'
    ? { get(id: Id, options?: FacQueryOptions<N>): Promise<FacObject<N>> }
    : M extends 'create'
      ? {
          /** Creates one object and returns it as stored, whatever the version's reply looks like. */
          create(data: FacCreate<N>, options?: FacWriteOptions<N>): Promise<FacObject<N>>;
          /** Creates many; one failure does not stop the others. */
          createMany(
            items: readonly FacCreate<N>[],
            options?: FacBulkOptions<N>,
          ): Promise<FacItemResult<FacObject<N>>[]>;
        }
      : M extends 'update'
        ? { update(id: Id, data: FacUpdate<N>, options?: FacWriteOptions<N>): Promise<FacObject<N>> }
        : M extends 'replace'
          ? { replace(id: Id, data: FacCreate<N>, options?: FacWriteOptions<N>): Promise<FacObject<N>> }
          : M extends 'delete'
            ? { delete(id: Id, options?: CallOptions): Promise<void> }
            : M extends 'replaceAll'
              ? { replaceAll(items: readonly FacCreate<N>[], options?: FacWriteOptions<N>): Promise<void> }
              : M extends 'deleteAll'
                ? { deleteAll(options?: FacQueryOptions<N>): Promise<void> }
                : never;

type SingletonOffer<N extends FacResourceName, M> = M extends 'get'
  ? { get(options?: CallOptions): Promise<FacObject<N>> }
  : M extends 'create'
    ? { create(data: FacCreate<N>, options?: FacWriteOptions<N>): Promise<FacObject<N>> }
    : M extends 'update'
      ? { update(data: FacUpdate<N>, options?: FacWriteOptions<N>): Promise<FacObject<N>> }
      : M extends 'replace'
        ? { replace(data: FacCreate<N>, options?: FacWriteOptions<N>): Promise<FacObject<N>> }
        : never;

type ActionOffer<N extends FacResourceName, M> = M extends 'post'
  ? {
      post(body: FacActionRequest<N>, options?: CallOptions): Promise<FacActionReply<N>>;
      /** The POST with the whole reply: some endpoints answer in the status alone (200 or 202). */
      postReply(body: FacActionRequest<N>, options?: CallOptions): Promise<FacReply>;
    }
  : M extends 'get'
    ? { /** The file or data the endpoint answers with. */ download(options?: CallOptions): Promise<Buffer> }
    : never;

type Offer<N extends FacResourceName> = Entry<N>['kind'] extends 'collection'
  ? CollectionOffer<N, Entry<N>['methods']>
  : Entry<N>['kind'] extends 'singleton'
    ? SingletonOffer<N, Entry<N>['methods']>
    : ActionOffer<N, Entry<N>['methods']>;

type Intersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

type ActionsOf<N extends FacResourceName> = [Entry<N>['actions']] extends [never]
  ? unknown
  : {
      /** A sub-endpoint (`sendoobtoken` of an object, `pem` or `renew` of the collection). */
      action(
        name: Entry<N>['actions'],
        options?: { id?: Id; body?: unknown } & CallOptions,
      ): Promise<unknown>;
    };

/** A handle on one resource: only the methods it allows. */
export type FacResource<N extends FacResourceName> = {
  readonly name: N;
  /** Path below `/api/v1/` (with the parent filled in for a sub-resource). */
  readonly path: string;
} & Intersection<Offer<N>> &
  ActionsOf<N>;

/** `fac.resource(name)`'s extra argument: the parent object's id, for a sub-resource. */
export type FacParentArgs<N extends FacResourceName> = Entry<N>['parent'] extends true ? [parentId: Id] : [];
