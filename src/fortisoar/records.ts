/** The records of one module: `soar.records('alerts')`, or the typed `soar.alerts`. */

import { ValidationError } from '../core/errors.js';
import { isRecord } from '../core/guards.js';
import type { RestEndpoint } from '../core/rest.js';
import { checkCallOptions } from '../core/timeouts.js';
import { type BulkResult, bulkUpsertResults, statusResults } from './bulk.js';
import { type CallOptions, callOptions, type SoarCaller } from './caller.js';
import { ENDPOINTS } from './endpoints.js';
import { checkPaging, hydraPage, itemsOf, pagesOf, type SoarPage } from './hydra.js';
import { type Aggregate, checkModule, type Query, queryBody, type Scalar } from './query.js';
import type { Comment, Iri, RecordInput, SoarRecord } from './types.js';

export interface GetOptions extends CallOptions {
  /** Include to-many relationships as IRI lists (`$relationships=true`). */
  relationships?: boolean;
  /** Only these fields (`$fields`). */
  fields?: readonly string[];
}

export interface ListOptions extends GetOptions {
  /** 1-based page (for `list`); `iterate`/`pages` start there. Default 1. */
  page?: number;
  /** Records per page (`$limit`); default 30 for `list`, 500 for `iterate`/`pages`. */
  pageSize?: number;
  /** `'-createDate'` or `['name', '-id']` (`$orderby`; ignored with `query`, which has its own sort). */
  orderBy?: string | readonly string[];
  /** Query-string filters: `{ 'status.itemValue': 'Open', 'name$like': '%phish%', 'severity.itemValue$in': ['High', 'Critical'] }`. */
  filter?: Readonly<Record<string, Scalar | readonly Scalar[]>>;
  /** Free-text search (`$search`). */
  search?: string;
  /** The query API (`POST /api/query/<module>`) instead of the list: filter groups, sort, fields. */
  query?: Query;
  /** Recycle-bin records too (`$showDeleted=true`). */
  showDeleted?: boolean;
}

export interface DeleteOptions extends CallOptions {
  /** Delete for good instead of moving to the recycle bin (`$hardDelete=true`). */
  hard?: boolean;
}

export interface BulkOptions extends CallOptions {
  /** Items per request (default 500); the results keep the positions of the whole list. */
  chunkSize?: number;
}

export interface DeleteSummary {
  total: number;
  deleted: number;
  failed: number;
}

const ITERATE_PAGE_SIZE = 500;

export class Records<T extends SoarRecord = SoarRecord> {
  readonly module: string;

  constructor(
    private readonly caller: SoarCaller,
    module: string,
  ) {
    this.module = checkModule(module);
  }

  /** `/api/3/<module>/<uuid>` of a record. */
  iri(uuid: string): Iri {
    return `/api/3/${this.module}/${checkUuid(uuid)}`;
  }

  async get(uuid: string, options: GetOptions = {}): Promise<T> {
    checkCallOptions(options);
    return this.caller.call<T>(ENDPOINTS.get, {
      params: { module: this.module, uuid: checkUuid(uuid) },
      query: { $relationships: options.relationships || undefined, $fields: options.fields?.join(',') },
      ...callOptions(options),
    });
  }

  /** One page of records (the list, or the query API with `query`). */
  async list(options: ListOptions = {}): Promise<SoarPage<T>> {
    checkCallOptions(options);
    const { page, pageSize } = checkPaging(options, 30);
    return this.#page(options, page, pageSize);
  }

  /**
   * Every matching record, one page in memory at a time: 100,000 records take no more memory than
   * two pages.
   *
   * @example
   * for await (const alert of soar.alerts.iterate({ filter: { 'status.itemValue': 'Open' } })) ...
   */
  iterate(options: ListOptions = {}): AsyncGenerator<T> {
    return itemsOf(this.pages(options));
  }

  /** Every page of matching records, fetched as the caller goes. */
  pages(options: ListOptions = {}): AsyncGenerator<SoarPage<T>> {
    checkCallOptions(options);
    const { page, pageSize } = checkPaging(options, ITERATE_PAGE_SIZE);
    if (options.query) queryBody(options.query);
    return pagesOf((n) => this.#page(options, n, pageSize), page);
  }

  /** Aggregated rows of the query API: `aggregate({ filter }, [agg.groupBy('severity.itemValue', 'severity'), agg.count('*', 'n')])`. */
  async aggregate(
    query: Query,
    aggregates: readonly Aggregate[],
    options: CallOptions & { pageSize?: number } = {},
  ): Promise<Record<string, unknown>[]> {
    checkCallOptions(options);
    if (aggregates.length === 0)
      throw new ValidationError('aggregates needs at least one aggregate', 'aggregates');
    const body = queryBody(query, aggregates);
    const pageSize = options.pageSize ?? 1000;
    const rows: Record<string, unknown>[] = [];
    for await (const row of itemsOf(
      pagesOf((page) => this.#queryPage<Record<string, unknown>>(body, page, pageSize, options)),
    ))
      rows.push(row);
    return rows;
  }

  async create(data: RecordInput<T>, options: CallOptions = {}): Promise<T> {
    checkCallOptions(options);
    return this.caller.call<T>(ENDPOINTS.create, {
      params: { module: this.module },
      json: checkData(data),
      ...callOptions(options),
    });
  }

  /** Changes the given fields (a relationship given as a list replaces it; see `link`/`unlink`). */
  async update(uuid: string, data: RecordInput<T>, options: CallOptions = {}): Promise<T> {
    checkCallOptions(options);
    return this.caller.call<T>(ENDPOINTS.update, {
      params: { module: this.module, uuid: checkUuid(uuid) },
      json: checkData(data),
      ...callOptions(options),
    });
  }

  /** Updates the record the data identifies (uuid or the module's unique fields), or creates it. */
  async upsert(data: RecordInput<T>, options: CallOptions = {}): Promise<{ record: T; created: boolean }> {
    checkCallOptions(options);
    const { status, data: record } = await this.caller.callWithStatus<T>(ENDPOINTS.upsert, {
      params: { module: this.module },
      json: checkData(data),
      ...callOptions(options),
    });
    return { record, created: status === 201 };
  }

  /**
   * Upserts many records; every item gets its own result (`index`, `record` or `error`), nothing is
   * hidden: a failed item does not fail the others.
   */
  async bulkUpsert(items: readonly RecordInput<T>[], options: BulkOptions = {}): Promise<BulkResult<T>> {
    const results = await this.#chunked(items, options, async (chunk, offset) => {
      const data = await this.caller.call<unknown>(ENDPOINTS.bulkUpsert, {
        params: { module: this.module },
        json: chunk,
        ...callOptions(options),
      });
      return bulkUpsertResults<T>(data, chunk, offset);
    });
    return summary(results);
  }

  /** Inserts many records (`/api/3/insert`); each item's result says its IRI or its error. */
  bulkInsert(items: readonly RecordInput<T>[], options: BulkOptions = {}) {
    return this.#perItemStatus(ENDPOINTS.bulkInsert, items, options);
  }

  /** Updates many records; each item names its record with `uuid` or `@id`. */
  bulkUpdate(
    items: ReadonlyArray<RecordInput<T> & ({ uuid: string } | { '@id': string })>,
    options: BulkOptions = {},
  ) {
    return this.#perItemStatus(ENDPOINTS.bulkUpdate, items, options);
  }

  /** A bulk endpoint whose reply carries one status per item, chunk by chunk. */
  async #perItemStatus<I extends RecordInput<T>>(
    endpoint: RestEndpoint,
    items: readonly I[],
    options: BulkOptions,
  ) {
    const results = await this.#chunked(items, options, async (chunk, offset) =>
      statusResults(
        await this.caller.call(endpoint, {
          params: { module: this.module },
          json: chunk,
          ...callOptions(options),
        }),
        chunk,
        offset,
      ),
    );
    return summary(results);
  }

  /** To the recycle bin (modules that have one), or for good with `hard`. */
  async delete(uuid: string, options: DeleteOptions = {}): Promise<void> {
    checkCallOptions(options);
    await this.caller.call(ENDPOINTS.delete, {
      params: { module: this.module, uuid: checkUuid(uuid) },
      query: options.hard ? { $hardDelete: true, $showDeleted: true } : undefined,
      ...callOptions(options),
    });
  }

  /** Deletes records by uuid or IRI (`/api/3/delete/<module>`). */
  async deleteMany(
    ids: readonly string[],
    options: DeleteOptions & { chunkSize?: number } = {},
  ): Promise<DeleteSummary> {
    checkCallOptions(options);
    const total: DeleteSummary = { total: 0, deleted: 0, failed: 0 };
    const size = checkChunk(options.chunkSize);
    for (let i = 0; i < ids.length; i += size) {
      const part = await this.#deleteChunk(ids.slice(i, i + size), options);
      total.total += part.total;
      total.deleted += part.deleted;
      total.failed += part.failed;
    }
    return total;
  }

  /**
   * Deletes every record a query matches, a chunk at a time (the query's first page, deleted, then
   * again), so that memory stays bounded however many records match.
   */
  async deleteByQuery(
    query: Query,
    options: DeleteOptions & { chunkSize?: number } = {},
  ): Promise<DeleteSummary> {
    checkCallOptions(options);
    const body = queryBody({ ...query, fields: ['uuid'] });
    const size = checkChunk(options.chunkSize);
    const total: DeleteSummary = { total: 0, deleted: 0, failed: 0 };
    for (;;) {
      const page = await this.#queryPage<{ uuid: string }>(body, 1, size, options);
      if (page.items.length === 0) return total;
      const part = await this.#deleteChunk(
        page.items.map((r) => r.uuid),
        options,
      );
      total.total += part.total;
      total.deleted += part.deleted;
      total.failed += part.failed;
      // Nothing went away: the rest would match again and again.
      if (part.deleted === 0) return total;
    }
  }

  /** Takes a record back from the recycle bin. */
  async restore(uuid: string, options: CallOptions = {}): Promise<T> {
    checkCallOptions(options);
    return this.caller.call<T>(ENDPOINTS.update, {
      params: { module: this.module, uuid: checkUuid(uuid) },
      query: { $showDeleted: true },
      json: { isDeleted: false },
      ...callOptions(options),
    });
  }

  /** Adds records to a relationship field (`__link`), keeping the ones already linked. */
  async link(uuid: string, field: string, iris: readonly Iri[], options: CallOptions = {}): Promise<T> {
    return this.#relate('__link', uuid, field, iris, options);
  }

  /** Removes records from a relationship field (`__unlink`). */
  async unlink(uuid: string, field: string, iris: readonly Iri[], options: CallOptions = {}): Promise<T> {
    return this.#relate('__unlink', uuid, field, iris, options);
  }

  /** The comments of a record, oldest first. */
  async comments(uuid: string, options: CallOptions = {}): Promise<Comment[]> {
    checkCallOptions(options);
    const out: Comment[] = [];
    const pages = pagesOf((page) =>
      this.caller
        .call(ENDPOINTS.comments, {
          params: { module: this.module, uuid: checkUuid(uuid) },
          query: { $limit: 200, $page: page },
          ...callOptions(options),
        })
        .then((data) => hydraPage<Comment>(data, page, 200, `${this.module} comments`)),
    );
    for await (const comment of itemsOf(pages)) out.push(comment);
    return out;
  }

  /** Comments on a record. */
  async addComment(
    uuid: string,
    content: string,
    options: CallOptions & { important?: boolean } = {},
  ): Promise<Comment> {
    checkCallOptions(options);
    if (typeof content !== 'string' || content === '')
      throw new ValidationError('content must be a non-empty string', 'content');
    return this.caller.call<Comment>(ENDPOINTS.create, {
      params: { module: 'comments' },
      json: { content, isImportant: options.important ?? false, [this.module]: [this.iri(uuid)] },
      ...callOptions(options),
    });
  }

  async #relate(
    key: '__link' | '__unlink',
    uuid: string,
    field: string,
    iris: readonly Iri[],
    options: CallOptions,
  ): Promise<T> {
    checkCallOptions(options);
    if (!Array.isArray(iris) || iris.some((iri) => typeof iri !== 'string' || !iri.startsWith('/api/3/')))
      throw new ValidationError(
        `${key.slice(2)} takes a list of record IRIs (/api/3/<module>/<uuid>)`,
        'iris',
      );
    return this.caller.call<T>(ENDPOINTS.update, {
      params: { module: this.module, uuid: checkUuid(uuid) },
      query: { $relationships: true },
      json: { [key]: { [field]: iris } },
      ...callOptions(options),
    });
  }

  #page(options: ListOptions, page: number, pageSize: number): Promise<SoarPage<T>> {
    if (options.query) {
      return this.#queryPage<T>(
        queryBody({ ...options.query, relationships: options.query.relationships ?? options.relationships }),
        page,
        pageSize,
        options,
      );
    }
    const orderBy = typeof options.orderBy === 'string' ? options.orderBy : options.orderBy?.join(',');
    return this.caller
      .call(ENDPOINTS.list, {
        params: { module: this.module },
        query: {
          $limit: pageSize,
          $page: page,
          $orderby: orderBy,
          $search: options.search,
          $relationships: options.relationships || undefined,
          $fields: options.fields?.join(','),
          $showDeleted: options.showDeleted || undefined,
          ...filterQuery(options.filter),
        },
        ...callOptions(options),
      })
      .then((data) => hydraPage<T>(data, page, pageSize, `list of ${this.module}`));
  }

  #queryPage<R>(
    body: Record<string, unknown>,
    page: number,
    pageSize: number,
    options: CallOptions,
  ): Promise<SoarPage<R>> {
    return this.caller
      .call(ENDPOINTS.query, {
        params: { module: this.module },
        query: { $limit: pageSize, $page: page },
        json: body,
        ...callOptions(options),
      })
      .then((data) => hydraPage<R>(data, page, pageSize, `query of ${this.module}`));
  }

  async #deleteChunk(ids: readonly string[], options: DeleteOptions): Promise<DeleteSummary> {
    const data = await this.caller.call(ENDPOINTS.bulkDelete, {
      params: { module: this.module },
      query: options.hard ? { $hardDelete: true } : undefined,
      json: { ids },
      ...callOptions(options),
    });
    const count = (key: string) => (isRecord(data) && typeof data[key] === 'number' ? data[key] : 0);
    return {
      total: count('totalCount') || ids.length,
      deleted: count('successCount'),
      failed: count('failureCount'),
    };
  }

  async #chunked<I, R>(
    items: readonly I[],
    options: BulkOptions,
    run: (chunk: I[], offset: number) => Promise<R[]>,
  ): Promise<R[]> {
    checkCallOptions(options);
    if (!Array.isArray(items)) throw new ValidationError('items must be a list of records', 'items');
    for (const [i, item] of items.entries()) checkData(item, `items[${i}]`);
    const size = checkChunk(options.chunkSize);
    const results: R[] = [];
    for (let i = 0; i < items.length; i += size) results.push(...(await run(items.slice(i, i + size), i)));
    return results;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A record's uuid (its IRI works too). */
function checkUuid(value: string): string {
  const uuid = typeof value === 'string' && value.startsWith('/api/3/') ? value.split('/').pop()! : value;
  if (typeof uuid !== 'string' || !UUID.test(uuid))
    throw new ValidationError(`uuid must be a record UUID or IRI, got ${JSON.stringify(value)}`, 'uuid');
  return uuid;
}

function checkData<D>(data: D, field = 'data'): D {
  if (!isRecord(data)) throw new ValidationError(`${field} must be an object of record fields`, field);
  return data;
}

function checkChunk(size: number | undefined): number {
  const chunk = size ?? 500;
  if (!Number.isInteger(chunk) || chunk < 1)
    throw new ValidationError(`chunkSize must be an integer >= 1, got ${chunk}`, 'chunkSize');
  return chunk;
}

function filterQuery(filter: ListOptions['filter']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(filter ?? {})) {
    if (key.startsWith('$'))
      throw new ValidationError(`filter keys are field names; use the option for ${key}`, `filter.${key}`);
    out[key] = Array.isArray(value) ? value.map(String).join(',') : String(value);
  }
  return out;
}

function summary<R extends { ok: boolean }>(items: R[]) {
  const succeeded = items.filter((i) => i.ok).length;
  return { items, succeeded, failed: items.length - succeeded };
}
