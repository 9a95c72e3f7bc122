/**
 * `/api/integration/...` discovery, configuration, healthcheck and execution. The Django service
 * keeps its trailing slashes, answers 405 to a GET of a connector record, and pages with `page`/`page_size`.
 */
import type { SimResponse } from '../../types.js';
import { djangoObjectBody, isObject } from '../http/body.js';
import { assertCanWrite, type SoarCall, type SoarRouter } from '../http/call.js';
import { detail, failedMessage, json } from '../http/replies.js';
import type { RecordService } from '../records/service.js';
import type { ConnectorConfig, InstalledConnector, IntegrationState } from './state.js';
import { configView, connectorDetail, connectorSummary, integrationPage } from './views.js';

/** What the integration routes need to know about agents (kept as `agents` records). */
export interface AgentDirectory {
  /** The appliance's own agent. */
  readonly selfAgentId: string;
  exists(agentId: string): boolean;
}

export function registerConnectorRoutes(
  router: SoarRouter,
  state: IntegrationState,
  agents: AgentDirectory,
  records: RecordService,
): void {
  const connector = (id: string): InstalledConnector => {
    const found = state.connectors.get(Number(id));
    if (!found) throw detail(404, 'Not found.');
    return found;
  };
  const sortedConnectors = () => [...state.connectors.values()].sort((a, b) => a.id - b.id);
  router
    .add('GET', '/api/integration/connectors/', ({ req }) => {
      const name = req.query.get('name');
      const active = req.query.get('active');
      const list = sortedConnectors().filter(
        (c) => (name === null || c.def.name === name) && (active === null || String(c.active) === active),
      );
      return integrationPage(
        list.map((c) => connectorSummary(c, state, agents.selfAgentId)),
        req.query,
      );
    })
    .add('POST', '/api/integration/connectors/{id}/', (call) => {
      djangoObjectBody(call.req);
      return json(200, connectorDetail(connector(call.params.id!), state, agents.selfAgentId));
    })
    .add('GET', '/api/integration/connectors/{id}/', () => {
      throw detail(405, 'Method "GET" not allowed.');
    })
    .add('DELETE', '/api/integration/connectors/{id}/', (call) => {
      assertCanWrite(call);
      state.uninstall(connector(call.params.id!));
      return { status: 204 };
    })
    .add('GET', '/api/integration/connectors/healthcheck/{name}/{version}/', (call) =>
      healthcheck(state, call),
    )
    .add('GET', '/api/integration/configuration/', ({ req }) => {
      const name = req.query.get('name');
      const active = req.query.get('active');
      const rows = state.configs.filter((c) => {
        const owner = state.connectors.get(c.connectorId);
        return (
          (name === null || owner?.def.name === name) && (active === null || String(owner?.active) === active)
        );
      });
      return integrationPage(
        rows.map((c) => configView(c, state)),
        req.query,
      );
    })
    .add('POST', '/api/integration/configuration/', (call) => {
      assertCanWrite(call);
      const body = djangoObjectBody(call.req);
      const owner = connector(String(body.connector));
      const config = writeConfig(state, agents, owner, body, undefined);
      return json(201, configView(config, state));
    })
    .add('PUT', '/api/integration/configuration/{configId}/', (call) => {
      assertCanWrite(call);
      const existing = findConfig(state, call.params.configId!);
      const body = djangoObjectBody(call.req);
      const config = writeConfig(state, agents, connector(String(existing.connectorId)), body, existing);
      return json(200, configView(config, state));
    })
    .add('DELETE', '/api/integration/configuration/{configId}/', (call) => {
      assertCanWrite(call);
      const existing = findConfig(state, call.params.configId!);
      state.configs.splice(state.configs.indexOf(existing), 1);
      return { status: 204 };
    })
    .add('POST', '/api/integration/execute/', (call) => execute(state, records, call));
}

function findConfig(state: IntegrationState, configId: string): ConnectorConfig {
  const config = state.configs.find((c) => c.configId === configId);
  if (!config) throw detail(404, 'Not found.');
  return config;
}

function writeConfig(
  state: IntegrationState,
  agents: AgentDirectory,
  owner: InstalledConnector,
  body: Record<string, unknown>,
  existing: ConnectorConfig | undefined,
): ConnectorConfig {
  const name = body.name ?? existing?.name;
  if (typeof name !== 'string' || name === '') throw failedMessage(400, 'name: This field is required.');
  const config = body.config ?? existing?.config ?? {};
  if (!isObject(config)) throw failedMessage(400, 'config: Expected a dictionary of items.');
  const agent = body.agent === undefined ? (existing?.agent ?? null) : body.agent;
  if (agent !== null && (typeof agent !== 'string' || !agents.exists(agent)))
    throw failedMessage(400, `agent: Invalid agent "${String(agent)}".`);
  const missing = owner.def.configFields.filter(
    (f) => f.required && f.value === undefined && (config[f.name] === undefined || config[f.name] === ''),
  );
  if (missing.length > 0)
    throw failedMessage(
      400,
      `Configuration is missing required fields: ${missing.map((f) => f.name).join(', ')}.`,
    );
  const clash = state.configs.find(
    (c) => c !== existing && c.connectorId === owner.id && c.name === name && c.agent === agent,
  );
  if (clash) throw failedMessage(400, 'The fields name, connector, agent must make a unique set.');
  const isDefault = body.default === undefined ? (existing?.isDefault ?? false) : body.default === true;
  if (isDefault) for (const c of state.configsOf(owner)) c.isDefault = false;
  const defaults = Object.fromEntries(
    owner.def.configFields.filter((f) => f.value !== undefined).map((f) => [f.name, f.value]),
  );
  if (existing) {
    Object.assign(existing, { name, config: { ...defaults, ...config }, agent, isDefault });
    return existing;
  }
  const configId = typeof body.config_id === 'string' ? body.config_id : state.newUuid();
  if (state.configs.some((c) => c.configId === configId))
    throw failedMessage(400, `config_id: A configuration with id ${configId} already exists.`);
  const created: ConnectorConfig = {
    id: state.nextId(),
    configId,
    connectorId: owner.id,
    name,
    isDefault: isDefault || state.configsOf(owner).length === 0,
    config: { ...defaults, ...config },
    agent,
  };
  state.configs.push(created);
  return created;
}

/** The configuration a call names (by `config_id`, or the connector's default), or a refusal. */
function chooseConfig(
  state: IntegrationState,
  owner: InstalledConnector,
  configId: unknown,
): ConnectorConfig {
  const configs = state.configsOf(owner);
  const config =
    typeof configId === 'string' && configId !== ''
      ? configs.find((c) => c.configId === configId)
      : (configs.find((c) => c.isDefault) ?? configs[0]);
  if (!config) throw detail(404, `No configuration found for connector ${owner.def.name}.`);
  return config;
}

function healthcheck(state: IntegrationState, call: SoarCall): SimResponse {
  const { name, version } = call.params as { name: string; version: string };
  const owner = state.byName(name);
  if (!owner || owner.def.version !== version)
    throw detail(404, `Connector ${name} ${version} is not installed.`);
  const config = chooseConfig(state, owner, call.req.query.get('config'));
  const offline = config.agent !== null && state.offlineAgents.has(config.agent);
  const refused = config.config.api_key === 'invalid';
  const healthy = !offline && !refused;
  return json(200, {
    _status: healthy,
    status: healthy ? 'Available' : 'Disconnected',
    message: offline
      ? `Agent ${config.agent} is not reachable.`
      : refused
        ? 'Authentication failed: the API key was refused.'
        : 'Connector is available',
    name,
    version,
    config_id: config.configId,
    request_id: null,
  });
}

function execute(state: IntegrationState, records: RecordService, call: SoarCall): SimResponse {
  assertCanWrite(call);
  const body = djangoObjectBody(call.req);
  const { connector: name, operation } = body;
  if (typeof name !== 'string' || typeof operation !== 'string')
    throw failedMessage(400, 'connector and operation are required.');
  const owner = state.byName(name);
  if (!owner) throw failedMessage(404, `Connector ${name} is not installed.`);
  const op = owner.def.operations.find((o) => o.operation === operation);
  if (!op) throw failedMessage(400, `Operation ${operation} is not defined by ${name} ${owner.def.version}.`);
  const params = isObject(body.params) ? body.params : {};
  const missing = op.parameters.filter(
    (p) => p.required && (params[p.name] === undefined || params[p.name] === ''),
  );
  if (missing.length > 0)
    throw failedMessage(400, `Missing required input: ${missing.map((p) => p.name).join(', ')}.`);
  const config = chooseConfig(state, owner, body.config);
  if (config.agent !== null) {
    const requestId = state.newUuid();
    const person = records.store.byIri(call.userIri);
    state.executions.push({
      requestId,
      agentId: config.agent,
      connector: owner,
      operation,
      params,
      config,
      started: state.now(),
      user: { name: String(person?.values.name ?? call.principal.user.name), uuid: call.principal.user.uuid },
      settled: false,
    });
    return json(200, {
      operation,
      status: 'In-Progress',
      message: `The action was sent to agent ${config.agent}; its result is delivered asynchronously.`,
      data: {},
      request_id: requestId,
    });
  }
  const outcome = state.runner(owner)(operation, params, config.config);
  if (!outcome.ok) throw failedMessage(500, outcome.message);
  return json(200, { operation, status: 'Success', message: outcome.message ?? '', data: outcome.data });
}
