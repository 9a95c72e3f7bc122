/** The query API, `POST /api/query/<module>?$limit=&$page=`: filters, sort, aggregates, selected fields. */
import type { SimResponse } from '../../types.js';
import { objectBody } from '../http/body.js';
import { flag, type SoarCall, type SoarRouter } from '../http/call.js';
import { problem } from '../http/replies.js';
import { compileFilters, FilterError, type FilterNode } from './filter.js';
import { collection, pageOf, slice } from './hydra.js';
import { ld } from './routes.js';
import { type Aggregate, aggregate, parseSort, sortRecords } from './select.js';
import type { RecordService } from './service.js';

export function registerQueryRoutes(router: SoarRouter, records: RecordService): void {
  router.add('POST', '/api/query/{module}', (call) => {
    try {
      return runQuery(records, call);
    } catch (error) {
      if (error instanceof FilterError) throw problem(400, error.message);
      throw error;
    }
  });
}

function runQuery(records: RecordService, call: SoarCall): SimResponse {
  const module = call.params.module!;
  const table = records.table(module);
  const body = objectBody(call.req, problem.bind(null, 400));
  const { query } = call.req;
  const page = pageOf(query);
  const filters = body.filters ?? [];
  if (!Array.isArray(filters)) throw new FilterError('"filters" must be a list.');
  const predicate = compileFilters(
    records.resolver,
    table.schema,
    filters as FilterNode[],
    String(body.logic ?? 'AND'),
  );
  const showDeleted = flag(query, '$showDeleted');
  const matching = (showDeleted ? [...table.rows.values()] : table.live()).filter(predicate);
  const path = `/api/query/${module}`;
  if (body.aggregates !== undefined) {
    if (!Array.isArray(body.aggregates)) throw new FilterError('"aggregates" must be a list.');
    for (const a of body.aggregates as Aggregate[])
      records.resolver.assertField(table.schema, a.field === '*' ? 'uuid' : a.field);
    const rows = aggregate(records.resolver, matching, body.aggregates as Aggregate[]);
    return ld(200, collection(path, table.schema.type, slice(rows, page), rows.length, page, query));
  }
  const sorted = sortRecords(records.resolver, matching, parseSort(body.sort));
  const selected = body.__selectFields;
  const ignored = Array.isArray(body.__ignoreFields) ? new Set(body.__ignoreFields as string[]) : undefined;
  const fields = Array.isArray(selected) ? new Set(selected as string[]) : undefined;
  const relationships = body.relationships === true || flag(query, '$relationships');
  const members = slice(sorted, page).map((record) => {
    const view = records.views.render(record, { fields, relationships });
    if (ignored) for (const name of ignored) delete view[name];
    return view;
  });
  return ld(200, collection(path, table.schema.type, members, sorted.length, page, query));
}
