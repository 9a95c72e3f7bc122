/**
 * Remote agents (`soar.agents`): push a connector to an agent, upgrade it there, remove it from the
 * agent (not from the appliance: that is `connectors.uninstall`), and probe the agent's liveness.
 */
import { ValidationError } from '../core/errors.js';
import { isRecord } from '../core/guards.js';
import { checkCallOptions } from '../core/timeouts.js';
import { type CallOptions, callOptions, type SoarCaller } from './caller.js';
import { ENDPOINTS } from './endpoints.js';
import { integrationPage } from './hydra.js';

export interface AgentConnector {
  name: string;
  version: string;
}

export interface Heartbeat {
  agent: string;
  /** `alive`, or `unreachable` when the agent did not answer on the message bus. */
  status: string;
  alive: boolean;
  message: string;
  [field: string]: unknown;
}

export interface AgentConnectorStatus {
  agent: string;
  name: string;
  version: string;
  /** `awaiting` -> `in-progress` -> `Completed`. */
  status: string;
}

export class Agents {
  constructor(private readonly caller: SoarCaller) {}

  /** Installs a connector (a version the appliance's catalog knows) on a remote agent. */
  async installConnector(
    agentId: string,
    connector: AgentConnector,
    options: CallOptions = {},
  ): Promise<Record<string, unknown>> {
    const { name, version } = check(agentId, connector, options);
    return this.caller.call(ENDPOINTS.agentInstall, {
      query: { format: 'json' },
      json: { name, version, label: name, agent: [agentId] },
      ...callOptions(options),
    });
  }

  /** Moves the connector on an agent to another version. */
  async upgradeConnector(
    agentId: string,
    connector: AgentConnector,
    options: CallOptions = {},
  ): Promise<Record<string, unknown>> {
    const { name, version } = check(agentId, connector, options);
    return this.caller.call(ENDPOINTS.agentUpgrade, {
      query: { format: 'json' },
      json: { name, version, agent_id: agentId },
      ...callOptions(options),
    });
  }

  /** Removes a connector from a remote agent (the appliance keeps it). */
  async uninstallConnector(
    agentId: string,
    connector: AgentConnector,
    options: CallOptions = {},
  ): Promise<Record<string, unknown>> {
    const { name, version } = check(agentId, connector, options);
    const data = await this.caller.call(ENDPOINTS.agentUninstall, {
      query: { format: 'json' },
      json: { name, version, agent_id: agentId },
      ...callOptions(options),
    });
    return isRecord(data) ? data : {};
  }

  /** Where the install of a connector version stands on each agent (or on one). */
  async connectorStatus(
    connector: AgentConnector,
    options: CallOptions & { agentId?: string } = {},
  ): Promise<AgentConnectorStatus[]> {
    checkCallOptions(options);
    const data = await this.caller.call(ENDPOINTS.agentConnectorStatus, {
      params: { name: connector.name, version: connector.version },
      query: { format: 'json', active: true },
      json: {},
      ...callOptions(options),
    });
    const rows = integrationPage<AgentConnectorStatus>(data, 1, ENDPOINTS.agentConnectorStatus.path).items;
    return options.agentId === undefined ? rows : rows.filter((r) => r.agent === options.agentId);
  }

  /** Liveness of an agent over the secure-message bus. */
  async heartbeat(agentId: string, options: CallOptions = {}): Promise<Heartbeat> {
    checkCallOptions(options);
    checkAgent(agentId);
    const data = await this.caller.call<Record<string, unknown>>(ENDPOINTS.heartbeat, {
      params: { agent: agentId },
      ...callOptions(options),
    });
    return {
      ...data,
      agent: String(data.agent ?? agentId),
      status: String(data.status ?? ''),
      message: String(data.message ?? ''),
      alive: data.status === 'alive',
    };
  }
}

function check(agentId: string, connector: AgentConnector, options: CallOptions): AgentConnector {
  checkCallOptions(options);
  checkAgent(agentId);
  if (!isRecord(connector) || typeof connector.name !== 'string' || connector.name === '')
    throw new ValidationError('connector.name is required', 'connector.name');
  if (typeof connector.version !== 'string' || connector.version === '')
    throw new ValidationError('connector.version is required', 'connector.version');
  return connector;
}

function checkAgent(agentId: string): void {
  if (typeof agentId !== 'string' || agentId.trim() === '' || agentId.includes('/'))
    throw new ValidationError(
      `agentId must be an agent's agentId, got ${JSON.stringify(agentId)}`,
      'agentId',
    );
}
