/**
 * Every FortiSOAR endpoint the client calls, as data. `/api/3` paths have no trailing slash; the
 * Django services (`/api/integration`, `/api/wf`) keep theirs.
 */
import type { RestEndpoint } from '../core/rest.js';

const read = (path: string): RestEndpoint => ({ method: 'GET', path, idempotent: true });
const post = (path: string, idempotent = false): RestEndpoint => ({ method: 'POST', path, idempotent });
const put = (path: string): RestEndpoint => ({ method: 'PUT', path, idempotent: true });
const remove = (path: string): RestEndpoint => ({ method: 'DELETE', path, idempotent: true });

const DEV = '/api/integration/connector/development/entity';

export const ENDPOINTS = {
  // records
  list: read('/api/3/{module}'),
  get: read('/api/3/{module}/{uuid}'),
  create: post('/api/3/{module}'),
  update: put('/api/3/{module}/{uuid}'),
  delete: remove('/api/3/{module}/{uuid}'),
  comments: read('/api/3/{module}/{uuid}/comments'),
  upsert: post('/api/3/upsert/{module}'),
  bulkUpsert: post('/api/3/bulkupsert/{module}'),
  bulkInsert: post('/api/3/insert/{module}'),
  bulkUpdate: put('/api/3/update/{module}'),
  bulkDelete: remove('/api/3/delete/{module}'),
  // the query API reads; sending it again changes nothing
  query: post('/api/query/{module}', true),
  picklistNames: read('/api/3/picklist_names'),
  picklists: read('/api/3/picklists'),
  // who the credential belongs to
  currentActor: read('/api/3/actors/current'),
  // files
  upload: post('/api/3/files'),
  download: read('/api/3/files/{uuid}/download'),
  // connectors
  connectors: read('/api/integration/connectors/'),
  connectorDetail: post('/api/integration/connectors/{id}/', true),
  uninstall: remove('/api/integration/connectors/{id}/'),
  configurations: read('/api/integration/configuration/'),
  healthcheck: read('/api/integration/connectors/healthcheck/{name}/{version}/'),
  execute: post('/api/integration/execute/'),
  install: post('/api/3/solutionpacks/install'),
  importJob: read('/api/3/import_jobs/{uuid}'),
  devList: read(`${DEV}/`),
  devEdit: post(`${DEV}/{id}/`, true),
  devReadFile: post(`${DEV}/{id}/files/`, true),
  devWriteFile: put(`${DEV}/{id}/files/`),
  devPublish: post(`${DEV}/{id}/publish/`),
  // agents
  heartbeat: read('/api/integration/agent-heartbeat/{agent}/'),
  agentInstall: post('/api/integration/install-connector/'),
  agentUpgrade: put('/api/integration/install-connector/'),
  agentUninstall: remove('/api/integration/install-connector/'),
  agentConnectorStatus: post('/api/integration/connectors/agents/{name}/{version}/', true),
  audit: post('/api/gateway/audit/activities', true),
  // playbooks
  triggerManual: post('/api/triggers/1/notrigger/{workflow}'),
  triggerAction: post('/api/triggers/1/action/{route}'),
  triggerApi: post('/api/triggers/1/{name}'),
  runs: read('/api/wf/api/workflows/'),
  run: read('/api/wf/api/workflows/{pk}/'),
} as const satisfies Record<string, RestEndpoint>;
