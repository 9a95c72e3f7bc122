/** Integration-service answers: the `{status, totalItems, data}` page envelope and connector records. */
import type { SimResponse } from '../../types.js';
import { json } from '../http/replies.js';
import type { ConnectorConfig, InstalledConnector, IntegrationState } from './state.js';

/** `page`/`page_size` paging (default 30) in the integration envelope. */
export function integrationPage(items: readonly unknown[], query: URLSearchParams): SimResponse {
  const page = Math.max(1, Number(query.get('page') ?? 1) || 1);
  const size = Math.max(1, Number(query.get('page_size') ?? 30) || 30);
  const data = items.slice((page - 1) * size, page * size);
  const more = page * size < items.length;
  return json(200, {
    status: 'Success',
    totalItems: items.length,
    itemsPerPage: size,
    nextPage: more ? page + 1 : null,
    previousPage: page > 1 ? page - 1 : null,
    data,
  });
}

const iso = (ms: number) => new Date(ms).toISOString();

export function configView(config: ConnectorConfig, state: IntegrationState): Record<string, unknown> {
  const connector = state.connectors.get(config.connectorId);
  const secretNames = new Set(
    connector?.def.configFields.filter((f) => f.type === 'password').map((f) => f.name),
  );
  return {
    id: config.id,
    config_id: config.configId,
    name: config.name,
    default: config.isDefault,
    connector: config.connectorId,
    connector_name: connector?.def.name ?? null,
    connector_version: connector?.def.version ?? null,
    agent: config.agent,
    config: Object.fromEntries(
      Object.entries(config.config).map(([k, v]) => [k, secretNames.has(k) ? '********' : v]),
    ),
    status: 1,
    health_status: {},
    remote_status: {},
    teams: [],
  };
}

export function connectorSummary(connector: InstalledConnector, state: IntegrationState, selfAgent: string) {
  const { def } = connector;
  const configs = state.configsOf(connector);
  return {
    id: connector.id,
    uuid: connector.uuid,
    name: def.name,
    label: def.label,
    version: def.version,
    description: def.description,
    publisher: def.publisher,
    category: def.category,
    active: connector.active,
    status: 'Completed',
    system: false,
    development: false,
    ingestion_supported: false,
    agent: selfAgent,
    config_count: configs.length,
    configuration: configs.map((c) => ({
      config_id: c.configId,
      name: c.name,
      default: c.isDefault,
      agent: c.agent,
    })),
    created: iso(connector.created),
    modified: iso(connector.modified),
    install_result: { message: 'Installed successfully', output: '' },
    remote_status: { status: 'finished', message: '', output: '' },
    help_online: '',
    icon_small: null,
    icon_large: null,
    contributor: null,
    rpm_full_name: null,
    rpm_installed: null,
    tags: [],
  };
}

/** The full record `POST /api/integration/connectors/<id>/` answers: operations and configuration schema. */
export function connectorDetail(connector: InstalledConnector, state: IntegrationState, selfAgent: string) {
  const { def } = connector;
  return {
    ...connectorSummary(connector, state, selfAgent),
    installed: true,
    cs_approved: def.publisher === 'Fortinet',
    cs_compatible: true,
    vendor_version: null,
    help_file: null,
    requirements_installed: 'Completed',
    playbook_collections: [],
    configuration: state.configsOf(connector).map((c) => configView(c, state)),
    config_schema: {
      fields: def.configFields.map((f) => ({
        name: f.name,
        title: f.title,
        type: f.type,
        required: f.required,
        editable: true,
        visible: true,
        value: f.value ?? null,
        tooltip: '',
      })),
    },
    operations: def.operations.map((op, index) => ({
      id: connector.id * 1000 + index,
      connector: connector.id,
      operation: op.operation,
      title: op.title,
      description: op.description,
      category: op.category ?? 'miscellaneous',
      annotation: op.operation,
      enabled: true,
      visible: true,
      roles: [],
      output_schema: {},
      parameters: op.parameters.map((p) => ({ ...p, editable: true, visible: true })),
    })),
  };
}
