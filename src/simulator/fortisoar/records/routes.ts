/** `/api/3/<module>` and `/api/3/<module>/<uuid>`: list, read, create, update, delete, restore, comments. */
import type { SimResponse } from '../../types.js';
import { objectBody } from '../http/body.js';
import { assertCanWrite, flag, type SoarCall, type SoarRouter } from '../http/call.js';
import { hydraError } from '../http/replies.js';
import { compileFilters, FilterError, type FilterNode, OPERATORS } from './filter.js';
import { collection, pageOf, slice } from './hydra.js';
import { parseOrderBy, sortRecords } from './select.js';
import type { RecordService } from './service.js';
import type { SoarRecord } from './store.js';

/** Query parameters that are not filters. */
const NON_FILTERS = new Set(['format']);

export function registerRecordRoutes(router: SoarRouter, records: RecordService): void {
  router
    .add('GET', '/api/3/{module}/{uuid}/comments', (call) => listComments(records, call))
    .add('GET', '/api/3/{module}', (call) => list(records, call))
    .add('POST', '/api/3/{module}', (call) => {
      assertCanWrite(call);
      const record = records.create(call.params.module!, objectBody(call.req), call.userIri);
      return ld(201, records.views.render(record, { context: true, relationships: true }));
    })
    .add('GET', '/api/3/{module}/{uuid}', (call) => {
      const { query } = call.req;
      const record = records.find(call.params.module!, call.params.uuid!, flag(query, '$showDeleted'));
      return ld(200, records.views.render(record, { ...viewOptions(query), context: true }));
    })
    .add('PUT', '/api/3/{module}/{uuid}', (call) => {
      assertCanWrite(call);
      const body = objectBody(call.req);
      const restoring = body.isDeleted === false || body.isDeleted === 'false';
      const record = records.find(call.params.module!, call.params.uuid!, restoring);
      if (restoring && record.deletedAt !== undefined) records.restore(record);
      records.update(record, body, call.userIri);
      return ld(200, records.views.render(record, { context: true, relationships: true }));
    })
    .add('DELETE', '/api/3/{module}/{uuid}', (call) => {
      assertCanWrite(call);
      const { query } = call.req;
      const record = records.find(call.params.module!, call.params.uuid!, flag(query, '$showDeleted'));
      records.remove(record, flag(query, '$hardDelete'));
      return { status: 204 };
    });
}

function list(records: RecordService, call: SoarCall): SimResponse {
  const module = call.params.module!;
  const table = records.table(module);
  const { query } = call.req;
  const page = pageOf(query);
  let rows: readonly SoarRecord[] = flag(query, '$showDeleted') ? [...table.rows.values()] : table.live();
  const filters = queryFilters(query);
  const search = query.get('$search');
  const orderBy = query.get('$orderby');
  try {
    if (filters.length > 0) {
      const predicate = compileFilters(records.resolver, table.schema, filters);
      rows = rows.filter(predicate);
    }
    if (search) rows = rows.filter((record) => matchesSearch(record, search));
    if (orderBy) rows = sortRecords(records.resolver, rows, parseOrderBy(orderBy));
  } catch (error) {
    if (error instanceof FilterError) throw hydraError(400, error.message);
    throw error;
  }
  const options = viewOptions(query);
  const members = slice(rows, page).map((record) => records.views.render(record, options));
  return ld(200, collection(`/api/3/${module}`, table.schema.type, members, rows.length, page, query));
}

function listComments(records: RecordService, call: SoarCall): SimResponse {
  const owner = records.find(call.params.module!, call.params.uuid!);
  if (owner.schema.fields.comments?.type !== 'many') throw hydraError(404, 'Not Found');
  const comments = [...(owner.links.get('comments') ?? [])]
    .map((iri) => records.store.byIri(iri))
    .filter((c): c is SoarRecord => c !== undefined)
    .sort((a, b) => a.id - b.id);
  const { query } = call.req;
  const page = pageOf(query);
  const members = slice(comments, page).map((c) => records.views.render(c, viewOptions(query)));
  return ld(200, collection(`${owner.iri}/comments`, 'Comment', members, comments.length, page, query));
}

/** `field=value` and `field$op=value` query parameters as query-API filters. */
function queryFilters(query: URLSearchParams): FilterNode[] {
  const filters: FilterNode[] = [];
  for (const [key, value] of query) {
    if (key.startsWith('$') || NON_FILTERS.has(key)) continue;
    const split = key.lastIndexOf('$');
    const operator = split > 0 ? key.slice(split + 1) : 'eq';
    if (!(OPERATORS as readonly string[]).includes(operator))
      throw hydraError(400, `Unsupported filter operator "${operator}" in "${key}".`);
    filters.push({ field: split > 0 ? key.slice(0, split) : key, operator, value });
  }
  return filters;
}

function matchesSearch(record: SoarRecord, search: string): boolean {
  const needle = search.toLowerCase();
  return Object.values(record.values).some((v) => typeof v === 'string' && v.toLowerCase().includes(needle));
}

function viewOptions(query: URLSearchParams) {
  const fields = query.get('$fields');
  return {
    relationships: flag(query, '$relationships'),
    fields: fields ? new Set(fields.split(',').map((f) => f.trim())) : undefined,
  };
}

export function ld(status: number, body: unknown): SimResponse {
  return { status, headers: { 'content-type': 'application/ld+json; charset=utf-8' }, body };
}
