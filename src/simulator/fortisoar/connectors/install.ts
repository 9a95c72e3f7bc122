/**
 * Installing connectors on the appliance: `POST /api/3/solutionpacks/install` with `{name, version}`
 * starts a Content Hub import job (`/api/3/import_jobs/<uuid>`, progressing to "Import Complete"),
 * and the multipart form of the same call (`$type=connector`, `$replace=true`) installs an uploaded
 * `.tgz` at once.
 */
import type { SimResponse } from '../../types.js';
import { readTgz } from '../files/tar.js';
import { formParts, objectBody } from '../http/body.js';
import { assertCanWrite, flag, type SoarCall, type SoarRouter } from '../http/call.js';
import { hydraError } from '../http/replies.js';
import { ld } from '../records/routes.js';
import { connectorFromInfo } from './bundle.js';
import { findPackage } from './catalog.js';
import type { ImportJob, IntegrationState } from './state.js';
import { connectorDetail } from './views.js';

export function registerInstallRoutes(
  router: SoarRouter,
  state: IntegrationState,
  selfAgentId: string,
): void {
  router
    .add('POST', '/api/3/solutionpacks/install', (call) => {
      assertCanWrite(call);
      return formParts(call.req) ? installBundle(state, call, selfAgentId) : installFromHub(state, call);
    })
    .add('GET', '/api/3/import_jobs/{uuid}', ({ params }) => {
      const job = state.jobs.get(params.uuid!);
      if (!job) throw hydraError(404, 'Not Found');
      return ld(200, { '@context': '/api/3/contexts/ImportJob', ...jobView(state, job) });
    });
}

function installFromHub(state: IntegrationState, call: SoarCall): SimResponse {
  const { name, version } = objectBody(call.req);
  if (typeof name !== 'string' || typeof version !== 'string')
    throw hydraError(400, 'name and version of the connector are required.');
  const def = findPackage(name, version);
  if (!def) throw hydraError(404, `Content Hub has no connector ${name} ${version}.`);
  const job = state.startImport(def);
  const uuid = state.newUuid();
  return ld(200, {
    '@context': '/api/3/contexts/SolutionPack',
    '@id': `/api/3/solutionpacks/${uuid}`,
    '@type': 'SolutionPack',
    uuid,
    name,
    label: def.label,
    version,
    type: 'connector',
    installed: false,
    importJob: { '@id': `/api/3/import_jobs/${job.uuid}`, '@type': 'ImportJob', uuid: job.uuid },
  });
}

function installBundle(state: IntegrationState, call: SoarCall, selfAgentId: string): SimResponse {
  if (call.req.query.get('$type') !== 'connector')
    throw hydraError(400, '$type=connector is required to upload a connector.');
  const part = formParts(call.req)?.find((p) => p.name === 'file');
  if (!part) throw hydraError(400, 'A "file" field with the connector bundle is required.');
  const files = readTgz(part.data);
  if (!files) throw hydraError(400, 'The connector bundle is not a .tgz archive.');
  const infos = [...files.keys()].filter((path) => /^[^/]+\/info\.json$/.test(path));
  if (infos.length !== 1)
    throw hydraError(400, 'The bundle must hold exactly one top-level folder with an info.json.');
  const def = connectorFromInfo(files.get(infos[0]!)!.toString('utf8'));
  if (typeof def === 'string') throw hydraError(400, def);
  const existing = state.byName(def.name);
  if (existing?.def.version === def.version && !flag(call.req.query, '$replace'))
    throw hydraError(
      409,
      `Connector ${def.name} ${def.version} is already installed; add $replace=true to reinstall it.`,
    );
  const connector = state.install(def);
  return ld(200, {
    ...connectorDetail(connector, state, selfAgentId),
    install_result: { message: `Connector ${def.name} ${def.version} installed`, output: '' },
  });
}

function jobView(state: IntegrationState, job: ImportJob) {
  const progress = state.importProgress(job);
  const failed = state.importFailed(job);
  const done = !job.fails && progress >= 100;
  return {
    '@id': `/api/3/import_jobs/${job.uuid}`,
    '@type': 'ImportJob',
    uuid: job.uuid,
    status: failed ? 'Failed' : done ? 'Import Complete' : progress === 0 ? 'Pending' : 'In Progress',
    progressPercent: progress,
    currentlyImporting: done || failed ? null : `Connector: ${job.def.label} ${job.def.version}`,
    errorMessage: failed
      ? `Failed to install connector ${job.def.name} ${job.def.version}: the package did not import.`
      : null,
    file: null,
    options: { connectors: [{ name: job.def.name, version: job.def.version }] },
  };
}
