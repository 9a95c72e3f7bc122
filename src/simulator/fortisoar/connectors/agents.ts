/**
 * Remote agents: liveness over the secure-message bus (`agent-heartbeat`), connectors pushed to,
 * upgraded on and removed from an agent (`install-connector`, distinct from uninstalling from the
 * appliance), their per-agent install status, and the audit log where agent operations report back.
 */
import type { SimResponse } from '../../types.js';
import { djangoObjectBody, isObject, jsonBody } from '../http/body.js';
import { assertCanWrite, type SoarCall, type SoarRouter } from '../http/call.js';
import { detail, failedMessage, json } from '../http/replies.js';
import type { RecordService } from '../records/service.js';
import type { SoarRecord } from '../records/store.js';
import { findPackage } from './catalog.js';
import type { AgentDirectory } from './routes.js';
import type { IntegrationState } from './state.js';

const INSTALL = '/api/integration/install-connector/';

/** Agents are `agents` records; the appliance's own agent is one of them. */
export class Agents implements AgentDirectory {
  constructor(
    private readonly records: RecordService,
    readonly selfAgentId: string,
  ) {}

  find(agentId: string): SoarRecord | undefined {
    return this.records
      .table('agents')
      .live()
      .find((a) => a.values.agentId === agentId);
  }

  exists(agentId: string): boolean {
    return this.find(agentId) !== undefined;
  }
}

export function registerAgentRoutes(router: SoarRouter, state: IntegrationState, agents: Agents): void {
  const remote = (agentId: unknown): string => {
    if (typeof agentId !== 'string' || !agents.exists(agentId) || agentId === agents.selfAgentId)
      throw detail(404, `Agent ${String(agentId)} not found.`);
    return agentId;
  };
  router
    .add('GET', '/api/integration/agent-heartbeat/{agent}/', ({ params }) => {
      const agentId = remote(params.agent);
      const online = !state.offlineAgents.has(agentId);
      return json(200, {
        agent: agentId,
        status: online ? 'alive' : 'unreachable',
        message: online ? 'Heartbeat acknowledged by the agent.' : 'The agent did not answer the heartbeat.',
        timestamp: new Date(state.now()).toISOString(),
      });
    })
    .add('POST', INSTALL, (call) => {
      assertCanWrite(call);
      const body = djangoObjectBody(call.req);
      const targets = Array.isArray(body.agent) ? body.agent : [body.agent ?? body.agent_id];
      const { name, version } = nameAndVersion(body);
      if (!findPackage(name, version) && state.byName(name)?.def.version !== version)
        throw failedMessage(400, `Connector ${name} ${version} is not in the catalog.`);
      for (const target of targets) {
        const agentId = remote(target);
        state.agentConnectors.set(`${agentId}|${name}`, { agentId, name, version, started: state.now() });
      }
      return json(200, { result: 'Success' });
    })
    .add('PUT', INSTALL, (call) => {
      assertCanWrite(call);
      const body = djangoObjectBody(call.req);
      const agentId = remote(body.agent_id);
      const { name, version } = nameAndVersion(body);
      const entry = state.agentConnectors.get(`${agentId}|${name}`);
      if (!entry) throw detail(404, `Connector ${name} is not installed on agent ${agentId}.`);
      if (!findPackage(name, version))
        throw failedMessage(400, `Connector ${name} ${version} is not in the catalog.`);
      Object.assign(entry, { version, started: state.now() });
      return json(200, { result: 'Success' });
    })
    .add('DELETE', INSTALL, (call) => {
      assertCanWrite(call);
      const body = djangoObjectBody(call.req);
      const agentId = remote(body.agent_id);
      const { name } = nameAndVersion(body);
      if (!state.agentConnectors.delete(`${agentId}|${name}`))
        throw detail(404, `Connector ${name} is not installed on agent ${agentId}.`);
      return json(200, { result: 'Success' });
    })
    .add('POST', '/api/integration/connectors/agents/{name}/{version}/', (call) => agentStatus(state, call))
    .add('GET', '/api/integration/connectors/agents/{name}/{version}/', (call) => agentStatus(state, call))
    .add('POST', '/api/gateway/audit/activities', (call) => audit(state, call));
}

function nameAndVersion(body: Record<string, unknown>): { name: string; version: string } {
  if (typeof body.name !== 'string' || typeof body.version !== 'string')
    throw failedMessage(400, 'name and version are required.');
  return { name: body.name, version: body.version };
}

function agentStatus(state: IntegrationState, call: SoarCall): SimResponse {
  const { name, version } = call.params as { name: string; version: string };
  const rows = [...state.agentConnectors.values()]
    .filter((e) => e.name === name && e.version === version)
    .map((e) => ({
      agent: e.agentId,
      name: e.name,
      version: e.version,
      status: state.agentConnectorStatus(e),
    }));
  return json(200, { status: 'Success', totalItems: rows.length, data: rows });
}

/** `POST /api/gateway/audit/activities` with `{component, operation, search, page, limit}`. */
function audit(state: IntegrationState, call: SoarCall): SimResponse {
  const body = jsonBody(call.req);
  const query = isObject(body) ? body : {};
  const page = Number(query.page ?? 0);
  const limit = Number(query.limit ?? 10);
  const search = typeof query.search === 'string' ? query.search : undefined;
  const hits = state.audit.filter(
    (e) =>
      (query.component === undefined || e.component === query.component) &&
      (query.operation === undefined || e.operation === query.operation) &&
      (search === undefined || e.title.includes(search) || e.entityUuid === search),
  );
  const content = hits.slice(page * limit, (page + 1) * limit).map((e) => ({
    ...e,
    displayName: e.title,
    entitySingularName: 'Connector',
    subComponent: 'connector',
    teamIris: [],
    userOwnerIris: [],
  }));
  return json(200, { content, first: page === 0, number: page, totalElements: hits.length });
}
