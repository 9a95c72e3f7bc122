/**
 * A connector's `info.json` (in a `.tgz` bundle or a Studio workspace) read as a connector
 * definition: name, version, label, configuration fields and operations.
 */
import { isObject } from '../http/body.js';
import type { ConfigField, ConnectorDef, OperationDef } from './catalog.js';

/** The definition an `info.json` describes, or the reason it cannot be used. */
export function connectorFromInfo(text: string): ConnectorDef | string {
  let info: unknown;
  try {
    info = JSON.parse(text);
  } catch {
    return 'info.json is not valid JSON.';
  }
  if (!isObject(info) || typeof info.name !== 'string' || typeof info.version !== 'string')
    return 'info.json must name the connector ("name") and its "version".';
  const fields =
    isObject(info.configuration) && Array.isArray(info.configuration.fields) ? info.configuration.fields : [];
  const operations = Array.isArray(info.operations) ? info.operations : [];
  return {
    name: info.name,
    version: info.version,
    label: typeof info.label === 'string' ? info.label : info.name,
    description: typeof info.description === 'string' ? info.description : '',
    publisher: typeof info.publisher === 'string' ? info.publisher : 'Community',
    category: Array.isArray(info.category)
      ? info.category.map(String)
      : [String(info.category ?? 'Utilities')],
    configFields: fields.filter(isObject).map(
      (f): ConfigField => ({
        name: String(f.name),
        title: String(f.title ?? f.name),
        type: f.type === 'password' || f.type === 'checkbox' || f.type === 'integer' ? f.type : 'text',
        required: f.required === true,
        value: f.value,
      }),
    ),
    operations: operations.filter(isObject).map(
      (op): OperationDef => ({
        operation: String(op.operation),
        title: String(op.title ?? op.operation),
        description: String(op.description ?? ''),
        parameters: (Array.isArray(op.parameters) ? op.parameters : []).filter(isObject).map((p) => ({
          name: String(p.name),
          title: String(p.title ?? p.name),
          type: p.type === 'integer' || p.type === 'checkbox' || p.type === 'json' ? p.type : 'text',
          required: p.required === true,
        })),
      }),
    ),
  };
}

/** The `info.json` text a definition would have been read from (seeds the Studio workspace). */
export function infoOf(def: ConnectorDef): string {
  return JSON.stringify(
    {
      name: def.name,
      label: def.label,
      version: def.version,
      description: def.description,
      publisher: def.publisher,
      category: def.category,
      configuration: { fields: def.configFields },
      operations: def.operations,
    },
    null,
    2,
  );
}
