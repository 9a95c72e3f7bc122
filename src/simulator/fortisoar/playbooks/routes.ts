/**
 * Playbook triggers and runs: `POST /api/triggers/1/notrigger/<workflow uuid>` (no record context),
 * `POST /api/triggers/1/action/<route>` (an action trigger on records), `POST /api/triggers/1/<name>`
 * (an API endpoint trigger), and the run history under `/api/wf/api/`.
 */
import type { SimResponse } from '../../types.js';
import { isObject, jsonBody } from '../http/body.js';
import { assertCanWrite, type SoarCall, type SoarRouter } from '../http/call.js';
import { detail, json } from '../http/replies.js';
import type { RecordService } from '../records/service.js';
import type { SoarRecord } from '../records/store.js';
import type { PlaybookScript } from './catalog.js';
import type { PlaybookRun, PlaybookRuns } from './runs.js';

export function registerPlaybookRoutes(
  router: SoarRouter,
  scripts: readonly PlaybookScript[],
  runs: PlaybookRuns,
  records: RecordService,
  newUuid: () => string,
): void {
  const start = (
    call: SoarCall,
    script: PlaybookScript,
    targets: readonly SoarRecord[][],
    input: unknown,
  ) => {
    if (script.workflow.deletedAt !== undefined || script.workflow.values.isActive === false)
      throw detail(400, `Playbook "${String(script.workflow.values.name)}" is not active.`);
    const taskId = newUuid();
    for (const group of targets) runs.start(script, taskId, group, input, call.principal.user.loginid);
    return json(200, { task_id: taskId });
  };
  router
    .add('POST', '/api/triggers/1/notrigger/{workflow}', (call) => {
      assertCanWrite(call);
      const script = scripts.find((s) => s.workflow.uuid === call.params.workflow);
      if (!script) throw detail(404, `Playbook ${call.params.workflow} not found.`);
      const body = jsonBody(call.req);
      const input = isObject(body) && isObject(body.request) ? body.request.data : body;
      return start(call, script, [[]], input ?? {});
    })
    .add('POST', '/api/triggers/1/action/{route}', (call) => {
      assertCanWrite(call);
      const script = scripts.find((s) => s.trigger === 'action' && s.route === call.params.route);
      if (!script) throw detail(404, `No action trigger with route ${call.params.route}.`);
      const body = jsonBody(call.req);
      if (!isObject(body) || !Array.isArray(body.records) || body.records.length === 0)
        throw detail(400, 'records: a list of record IRIs is required.');
      if (body.__uuid !== undefined && body.__uuid !== script.workflow.uuid)
        throw detail(404, `Playbook ${String(body.__uuid)} does not own route ${call.params.route}.`);
      const targets = body.records.map((iri) => {
        const record = typeof iri === 'string' ? records.store.byIri(iri) : undefined;
        if (!record || record.deletedAt !== undefined) throw detail(400, `Record ${String(iri)} not found.`);
        if (!script.modules.includes(record.schema.name))
          throw detail(
            400,
            `Playbook "${String(script.workflow.values.name)}" does not run on ${record.schema.name}.`,
          );
        return record;
      });
      return start(
        call,
        script,
        body.singleRecordExecution === true ? targets.map((t) => [t]) : [targets],
        {},
      );
    })
    .add('POST', '/api/triggers/1/{name}', (call) => {
      assertCanWrite(call);
      const script = scripts.find((s) => s.trigger === 'api' && s.route === call.params.name);
      if (!script) throw detail(404, `No API endpoint trigger named ${call.params.name}.`);
      return start(call, script, [[]], jsonBody(call.req) ?? {});
    })
    .add('GET', '/api/wf/api/workflows/', ({ req }) => runList(runs, req.query, false))
    .add('POST', '/api/wf/api/workflows/log_list/', ({ req }) => runList(runs, req.query, false))
    .add('GET', '/api/wf/api/historical-workflows/', ({ req }) => runList(runs, req.query, true))
    .add('GET', '/api/wf/api/workflows/{pk}/', ({ params }) =>
      json(200, runs.detail(findRun(runs, params.pk!))),
    )
    .add('GET', '/api/wf/api/historical-workflows/{pk}/', ({ params }) =>
      json(200, runs.detail(findRun(runs, params.pk!))),
    );
}

function findRun(runs: PlaybookRuns, pk: string): PlaybookRun {
  const run = runs.find(pk);
  if (!run) throw detail(404, 'Not found.');
  return run;
}

const ENDED = new Set(['finished', 'failed', 'skipped', 'terminated']);

/** Runs filtered by `task_id`, `status`, `template_iri`; paged by `limit` with `offset` or `page`. */
function runList(runs: PlaybookRuns, query: URLSearchParams, historical: boolean): SimResponse {
  const taskId = query.get('task_id');
  const status = query.get('status');
  const template = query.get('template_iri');
  const matching = runs.runs
    .filter(
      (run) =>
        (taskId === null || run.taskId === taskId) &&
        (template === null || run.script.workflow.iri === template) &&
        (status === null || runs.status(run) === status) &&
        (!historical || ENDED.has(runs.status(run))),
    )
    .sort((a, b) => b.pk - a.pk);
  const limit = Math.max(1, Number(query.get('limit') ?? 30) || 30);
  const page = Math.max(1, Number(query.get('page') ?? 1) || 1);
  const offset = query.has('offset') ? Math.max(0, Number(query.get('offset')) || 0) : (page - 1) * limit;
  const base = historical ? '/api/wf/api/historical-workflows/' : '/api/wf/api/workflows/';
  const link = (n: number) => `${base}?limit=${limit}&page=${n}`;
  const current = Math.floor(offset / limit) + 1;
  const last = Math.max(1, Math.ceil(matching.length / limit));
  return json(200, {
    '@context': '/api/wf/api/contexts/Workflow',
    'hydra:member': matching.slice(offset, offset + limit).map((run) => runs.view(run)),
    'hydra:totalItems': matching.length,
    'hydra:itemsPerPage': limit,
    'hydra:firstPage': link(1),
    'hydra:lastPage': link(last),
    'hydra:nextPage': current < last ? link(current + 1) : null,
    'hydra:previousPage': current > 1 ? link(current - 1) : null,
  });
}
