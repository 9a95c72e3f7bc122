/**
 * Renders the resource types: per resource the object as read, the bodies of create/update, the filter
 * keys with their value types, the fields to order by, and one `FacResources` map that the client's
 * typing reads. Types only: no runtime code.
 */
import type { FacFieldFacts, FacMethod } from '../../src/fortiauthenticator/facts.js';
import { propertyKey, quote } from '../catalog/naming.js';
import { BANNER } from './emit-tables.js';
import type { FieldModel, ResourceModel } from './model.js';

const LOOSE = 'FacLooseObject';
const SCALAR = new Set(['string', 'integer', 'boolean']);

export function renderTypes(models: readonly ResourceModel[]): string {
  const blocks = models.map(renderResource);
  const map = models.map(renderMapEntry);
  return [
    BANNER,
    "import type { FacUpload } from '../facts.js';",
    '',
    '/** An object of a resource whose fields are not documented. */',
    `export interface ${LOOSE} {`,
    '  [field: string]: unknown;',
    '}',
    '',
    ...blocks,
    '/** Every resource by name: its kind, allowed methods and the types of its objects, bodies and filters. */',
    'export interface FacResources {',
    ...map,
    '}',
    '',
  ].join('\n');
}

function renderResource(m: ResourceModel): string {
  const out: string[] = [];
  const { kind, methods } = m.facts;
  const read = m.fields.filter((f) => !f.facts.writeOnly);
  const writable = m.fields.filter((f) => !f.facts.readOnly);
  const header = resourceDoc(m);
  if (kind === 'action') {
    const reply = m.fields.filter((f) => f.facts.readOnly);
    const request = m.fields.filter((f) => !f.facts.readOnly);
    out.push(
      objectType(`${m.typeName}Request`, request, (f) => f.facts.required === true, header, m.facts.stub),
    );
    if (reply.length > 0)
      out.push(objectType(`${m.typeName}Reply`, reply, () => false, `Reply of \`${m.key}\`.`));
    return out.join('\n');
  }
  out.push(objectType(m.typeName, read, isAlwaysRead, header, m.facts.stub));
  if (methods.some((x) => x === 'create' || x === 'replace' || x === 'replaceAll')) {
    out.push(
      objectType(
        `${m.typeName}Create`,
        writable,
        (f) => f.facts.required === true,
        `\`${m.key}\` as sent to create${methods.includes('replace') ? ' or replace (PUT)' : ''}.`,
        m.facts.stub,
      ),
    );
  }
  if (methods.includes('update')) {
    out.push(
      objectType(
        `${m.typeName}Update`,
        writable.filter((f) => !f.facts.createOnly),
        () => false,
        `\`${m.key}\` as sent to update (PATCH): only the fields to change.`,
        m.facts.stub,
      ),
    );
  }
  if (Object.keys(m.facts.filters).length > 0) out.push(filterType(m));
  if (methods.includes('list')) {
    const sortable = read
      .filter((f) => SCALAR.has(f.facts.type) && f.name !== 'resource_uri')
      .map((f) => quote(f.name));
    out.push(
      `/** Fields of \`${m.key}\` to order by (\`order_by\`; prefix \`-\` for descending). */\nexport type ${m.typeName}Order = ${sortable.length > 0 ? sortable.join(' | ') : 'string'};\n`,
    );
  }
  return out.join('\n');
}

function renderMapEntry(m: ResourceModel): string {
  const { kind, methods, filters, actions, query } = m.facts;
  const t = m.typeName;
  const has = (method: FacMethod) => methods.includes(method);
  const union = (items: readonly string[]) => (items.length > 0 ? items.map(quote).join(' | ') : 'never');
  const lines: [string, string][] = [
    ['kind', quote(kind)],
    ['methods', union(methods)],
    ['parent', m.facts.path.includes('{id}') ? 'true' : 'false'],
  ];
  if (kind === 'action') {
    lines.push(['request', `${t}Request`]);
    lines.push(['reply', m.fields.some((f) => f.facts.readOnly) ? `${t}Reply` : 'unknown']);
  } else {
    lines.push(['object', t]);
    lines.push(['create', has('create') || has('replace') || has('replaceAll') ? `${t}Create` : 'never']);
    lines.push(['update', has('update') ? `${t}Update` : 'never']);
    lines.push(['filter', Object.keys(filters).length > 0 ? `${t}Filter` : '{}']);
    lines.push(['order', has('list') ? `${t}Order` : 'never']);
  }
  lines.push(['query', union(query ?? [])]);
  lines.push(['actions', union(Object.keys(actions ?? {}))]);
  const body = lines.map(([key, value]) => `    ${key}: ${value};`).join('\n');
  return `  /** \`/api/v1/${m.facts.path}\` */\n  ${quote(m.key)}: {\n${body}\n  };`;
}

function objectType(
  name: string,
  fields: readonly FieldModel[],
  present: (f: FieldModel) => boolean,
  doc: string,
  stub?: true,
): string {
  if (stub && fields.length === 0) return `/** ${doc} */\nexport type ${name} = ${LOOSE};\n`;
  const props = fields.map((f) => {
    const comment = fieldDoc(f);
    const optional = present(f) ? '' : '?';
    return `${comment ? `  /** ${comment} */\n` : ''}  ${propertyKey(f.name)}${optional}: ${valueType(f.facts)};`;
  });
  return `/** ${doc} */\nexport interface ${name} {\n${props.join('\n')}\n}\n`;
}

function filterType(m: ResourceModel): string {
  const props: string[] = [];
  for (const [field, lookups] of Object.entries(m.facts.filters)) {
    const facts = m.fields.find((f) => f.name === field)?.facts;
    const value = facts ? filterValueType(facts) : 'string | number';
    for (const lookup of lookups) {
      if (lookup === 'exact') props.push(`  ${propertyKey(field)}?: ${value};`);
      const list = value.includes(' ') ? `readonly (${value})[]` : `readonly ${value}[]`;
      props.push(`  ${propertyKey(`${field}__${lookup}`)}?: ${lookup === 'in' ? list : value};`);
    }
  }
  return `/** Filters of \`${m.key}\`: \`<field>\` (= exact) or \`<field>__<lookup>\`. */\nexport interface ${m.typeName}Filter {\n${props.join('\n')}\n}\n`;
}

function filterValueType(facts: FacFieldFacts): string {
  if (facts.relation) return 'string | number';
  return valueType(facts);
}

function valueType(facts: FacFieldFacts): string {
  if (facts.choices)
    return facts.choices.map((c) => (typeof c === 'number' ? String(c) : quote(c))).join(' | ');
  if (facts.relation) {
    const one = facts.relation.by === 'id' ? 'number' : 'string';
    return facts.relation.many ? `${one}[]` : one;
  }
  switch (facts.type) {
    case 'string':
      return 'string';
    case 'integer':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'list':
      return 'unknown[]';
    case 'object':
      return 'Record<string, unknown>';
    case 'file':
      return 'FacUpload';
    default:
      return 'unknown';
  }
}

/** A read field is always there when documented for every version and not inferred. */
function isAlwaysRead(f: FieldModel): boolean {
  return !f.inferred && f.facts.since === undefined;
}

function fieldDoc(f: FieldModel): string {
  const { facts } = f;
  const parts = [f.notes ? sentence(f.notes) : ''];
  if (facts.maxLength) parts.push(`At most ${facts.maxLength} characters.`);
  if (facts.unique) parts.push('Unique.');
  if (facts.default !== undefined) parts.push(`Default \`${JSON.stringify(facts.default)}\`.`);
  if (facts.writeOnly) parts.push('Write-only: never returned.');
  if (facts.readOnly) parts.push('Read-only.');
  if (facts.createOnly) parts.push('Set on create only.');
  if (facts.since) parts.push(`FortiAuthenticator ${facts.since}+.`);
  if (f.inferred) parts.push('(inferred)');
  return parts
    .filter((p) => p !== '')
    .join(' ')
    .replace(/\*\//g, '*\\/');
}

function resourceDoc(m: ResourceModel): string {
  const parts = [`\`${m.key}\` (${m.facts.kind}, \`/api/v1/${m.facts.path}\`).`];
  if (m.facts.since) parts.push(`FortiAuthenticator ${m.facts.since}+.`);
  if (m.completeness !== 'complete') parts.push(`Facts ${m.completeness}.`);
  for (const quirk of m.quirks.slice(0, 3)) parts.push(sentence(quirk));
  return parts.join(' ').replace(/\*\//g, '*\\/');
}

function sentence(text: string): string {
  const trimmed = text.trim();
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?)]$/.test(capital) ? capital : `${capital}.`;
}
