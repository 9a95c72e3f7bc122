/**
 * The Connector Studio workspace (`/api/integration/connector/development/entity/...`): connectors
 * checked out for editing, their files by `xpath` (`/<name>_<version>_dev/<file>`), and publishing
 * the workspace onto the appliance (which refreshes the integrations service).
 */
import type { SimResponse } from '../../types.js';
import { djangoObjectBody, isObject } from '../http/body.js';
import { assertCanWrite, type SoarRouter } from '../http/call.js';
import { detail, failedMessage, json } from '../http/replies.js';
import { connectorFromInfo, infoOf } from './bundle.js';
import type { ConnectorDef } from './catalog.js';
import type { DevEntity, IntegrationState } from './state.js';
import { integrationPage } from './views.js';

const BASE = '/api/integration/connector/development/entity';

/** Checks a connector out into the workspace, as Studio's "Edit" of an installed connector does. */
export function checkOut(state: IntegrationState, def: ConnectorDef): DevEntity {
  const root = `/${def.name}_${def.version.replace(/\./g, '_')}_dev`;
  const entity: DevEntity = {
    id: state.nextId(),
    name: def.name,
    root,
    files: new Map([
      [`${root}/info.json`, infoOf(def)],
      [`${root}/connector.py`, connectorPy(def)],
      [`${root}/operations.py`, operationsPy(def)],
      [`${root}/requirements.txt`, ''],
    ]),
  };
  state.dev.set(entity.id, entity);
  return entity;
}

export function registerStudioRoutes(router: SoarRouter, state: IntegrationState): void {
  const entity = (id: string): DevEntity => {
    const found = state.dev.get(Number(id));
    if (!found) throw detail(404, 'Not found.');
    return found;
  };
  router
    .add('GET', `${BASE}/`, ({ req }) =>
      integrationPage(
        [...state.dev.values()].map((e) => summary(e)),
        req.query,
      ),
    )
    .add('POST', `${BASE}/{id}/`, (call) => {
      assertCanWrite(call);
      djangoObjectBody(call.req);
      const id = Number(call.params.id);
      const installed = state.connectors.get(id);
      if (installed) {
        const twin =
          [...state.dev.values()].find((e) => e.name === installed.def.name) ??
          checkOut(state, installed.def);
        return json(200, editView(twin));
      }
      return json(200, editView(entity(call.params.id!)));
    })
    .add('DELETE', `${BASE}/{id}/`, (call) => {
      assertCanWrite(call);
      state.dev.delete(entity(call.params.id!).id);
      return { status: 204 };
    })
    .add('POST', `${BASE}/{id}/files/`, (call) => {
      const dev = entity(call.params.id!);
      const xpath = resolvePath(dev, djangoObjectBody(call.req).xpath);
      const content = dev.files.get(xpath);
      if (content === undefined) throw detail(404, `File ${xpath} not found.`);
      return json(200, { xpath, name: xpath.split('/').pop(), fileContent: content });
    })
    .add('PUT', `${BASE}/{id}/files/`, (call) => {
      assertCanWrite(call);
      const dev = entity(call.params.id!);
      const fileData = djangoObjectBody(call.req).fileData;
      if (!isObject(fileData) || typeof fileData.fileContent !== 'string')
        throw failedMessage(400, 'fileData needs "xpath" and "fileContent".');
      const xpath = resolvePath(dev, fileData.xpath);
      dev.files.set(xpath, fileData.fileContent);
      return json(200, { status: 'Success', message: `${xpath} saved`, xpath });
    })
    .add('POST', `${BASE}/{id}/publish/`, (call) =>
      publish(state, entity(call.params.id!), call.req.body.length ? djangoObjectBody(call.req) : {}),
    );
}

function publish(state: IntegrationState, dev: DevEntity, body: Record<string, unknown>): SimResponse {
  const def = connectorFromInfo(dev.files.get(`${dev.root}/info.json`) ?? '');
  if (typeof def === 'string') throw failedMessage(400, def);
  const installed = state.byName(def.name);
  if (installed && installed.def.version === def.version && body.replace !== true)
    throw failedMessage(
      409,
      `Connector ${def.name} ${def.version} is already installed; publish with replace to overwrite it.`,
    );
  const connector = state.install(def);
  if (body.discard === true) state.dev.delete(dev.id);
  return json(200, {
    status: 'Success',
    message: `Connector ${def.name} ${def.version} published and the integrations service refreshed.`,
    id: connector.id,
    name: def.name,
    version: def.version,
  });
}

/** A workspace path from an absolute xpath or one relative to the connector folder. */
function resolvePath(dev: DevEntity, xpath: unknown): string {
  if (typeof xpath !== 'string' || xpath === '') throw failedMessage(400, 'xpath is required.');
  return xpath.startsWith('/') ? xpath : `${dev.root}/${xpath}`;
}

function summary(dev: DevEntity) {
  const def = connectorFromInfo(dev.files.get(`${dev.root}/info.json`) ?? '');
  return {
    id: dev.id,
    name: dev.name,
    label: typeof def === 'string' ? dev.name : def.label,
    version: typeof def === 'string' ? null : def.version,
    development: true,
    root: dev.root,
  };
}

function editView(dev: DevEntity) {
  const def = connectorFromInfo(dev.files.get(`${dev.root}/info.json`) ?? '');
  return {
    ...summary(dev),
    operations: typeof def === 'string' ? [] : def.operations,
    config_schema: { fields: typeof def === 'string' ? [] : def.configFields },
    files: [
      {
        name: dev.root.slice(1),
        type: 'folder',
        xpath: dev.root,
        children: [...dev.files.keys()].map((xpath) => ({
          name: xpath.split('/').pop(),
          type: 'file',
          xpath,
        })),
      },
    ],
  };
}

function connectorPy(def: ConnectorDef): string {
  const cls = def.name.replace(/(^|[-_])(\w)/g, (_, __, c: string) => c.toUpperCase());
  return [
    'from connectors.core.connector import Connector, ConnectorError, get_logger',
    'from .operations import operations',
    '',
    `logger = get_logger('${def.name}')`,
    '',
    '',
    `class ${cls}(Connector):`,
    '    def execute(self, config, operation, params, **kwargs):',
    '        action = operations.get(operation)',
    '        if action is None:',
    "            raise ConnectorError('Unsupported operation: {}'.format(operation))",
    '        return action(config, params)',
    '',
    '    def check_health(self, config):',
    '        return True',
    '',
  ].join('\n');
}

function operationsPy(def: ConnectorDef): string {
  const lines = def.operations.flatMap((op) => [
    `def ${op.operation}(config, params):`,
    '    return {"params": params}',
    '',
    '',
  ]);
  const table = def.operations.map((op) => `    '${op.operation}': ${op.operation},`);
  return [...lines, 'operations = {', ...table, '}', ''].join('\n');
}
