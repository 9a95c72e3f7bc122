/**
 * Bulk record endpoints: `bulkupsert`, `insert`, `upsert`, `update` and `delete` under `/api/3/<op>/<module>`.
 * Each item succeeds or fails on its own; `bulkupsert` reports failures as strings with the
 * refusal and the item as JSON inside, as FortiSOAR does.
 */
import type { SimResponse } from '../../types.js';
import { isObject, jsonBody, objectBody } from '../http/body.js';
import { assertCanWrite, flag, type SoarCall, type SoarRouter } from '../http/call.js';
import { hydraError, json } from '../http/replies.js';
import { ld } from './routes.js';
import type { RecordService } from './service.js';

const REASONS: Record<number, string> = { 400: 'Bad Request', 404: 'Not Found', 409: 'Conflict' };

export function registerBulkRoutes(router: SoarRouter, records: RecordService): void {
  router
    .add('POST', '/api/3/bulkupsert/{module}', (call) => {
      assertCanWrite(call);
      const items = itemList(call);
      const success: unknown[] = [];
      const failure: string[] = [];
      for (const item of items) {
        const result = records.attempt(() =>
          records.upsert(call.params.module!, asObject(item), call.userIri),
        );
        if (result.ok) success.push(records.views.render(result.value.record, { relationships: true }));
        else
          failure.push(
            `${REASONS[result.status] ?? 'Error'}: ${JSON.stringify({ message: result.message, data: item })}`,
          );
      }
      return json(200, { success, failure });
    })
    .add('POST', '/api/3/insert/{module}', (call) => {
      assertCanWrite(call);
      const results = itemList(call).map((item) => {
        const result = records.attempt(() =>
          records.create(call.params.module!, asObject(item), call.userIri),
        );
        return result.ok
          ? { '@id': result.value.iri, uuid: result.value.uuid, status: 'Success' }
          : { status: 'Failed', message: result.message };
      });
      return json(200, {
        '@context': '/api/3/contexts/BulkInsert',
        '@type': 'BulkInsert',
        ...counts(results),
      });
    })
    .add('POST', '/api/3/upsert/{module}', (call) => {
      assertCanWrite(call);
      const { record, created } = records.upsert(call.params.module!, objectBody(call.req), call.userIri);
      return ld(created ? 201 : 200, records.views.render(record, { context: true, relationships: true }));
    })
    .add('PUT', '/api/3/update/{module}', (call) => {
      assertCanWrite(call);
      const module = call.params.module!;
      const results = itemList(call).map((item) => {
        const result = records.attempt(() => {
          const body = asObject(item);
          const record = records.identified(module, body);
          if (!record || record.deletedAt !== undefined) throw hydraError(404, 'Not Found');
          return records.update(record, body, call.userIri);
        });
        return result.ok
          ? { uuid: result.value.uuid, status: 'Success' }
          : { uuid: uuidOf(item), status: 'Failed', message: result.message };
      });
      return json(200, counts(results));
    })
    .add('DELETE', '/api/3/delete/{module}', (call) => bulkDelete(records, call));
}

function bulkDelete(records: RecordService, call: SoarCall): SimResponse {
  assertCanWrite(call);
  const body = jsonBody(call.req);
  const ids = Array.isArray(body) ? body : isObject(body) && Array.isArray(body.ids) ? body.ids : undefined;
  if (!ids) throw hydraError(400, 'The body must be {"ids": [<uuid or IRI>, ...]}.');
  const module = call.params.module!;
  const table = records.table(module);
  const hard = flag(call.req.query, '$hardDelete');
  let successCount = 0;
  for (const id of ids) {
    const record = typeof id === 'string' ? table.rows.get(id.split('/').pop()!) : undefined;
    if (!record || (record.deletedAt !== undefined && !hard)) continue;
    records.remove(record, hard);
    successCount++;
  }
  return json(200, { totalCount: ids.length, successCount, failureCount: ids.length - successCount });
}

function itemList(call: SoarCall): unknown[] {
  const body = jsonBody(call.req);
  if (!Array.isArray(body)) throw hydraError(400, 'The body must be a list of records.');
  return body;
}

function asObject(item: unknown): Record<string, unknown> {
  if (!isObject(item)) throw hydraError(400, 'Each item must be a JSON object.');
  return item;
}

function uuidOf(item: unknown): unknown {
  return isObject(item) ? (item.uuid ?? item['@id'] ?? null) : null;
}

function counts(results: ReadonlyArray<{ status: string }>) {
  const successCount = results.filter((r) => r.status === 'Success').length;
  return { totalCount: results.length, successCount, failureCount: results.length - successCount, results };
}
