/**
 * `GET /api/v1/` (the resource directory) and `GET /api/v1/<resource>/schema/` (a Tastypie schema),
 * rendered from the generated tables. Besides Tastypie's keys, each field carries `max_length` and
 * `choices` where documented, so a client can check writes against the live schema.
 */
import type { FacFieldFacts, FacMethod } from '../../fortiauthenticator/facts.js';
import { type FacSim, RESOURCES } from './engine.js';
import { emptyValue } from './fields.js';
import { DEFAULT_LIMIT } from './query.js';

/** Endpoints the 8.0.3 directory lists that have no documented method, with the status they answered. */
export const CENSUS_ONLY: Readonly<Record<string, number>> = {
  pushpoll: 403,
  transfertoken: 403,
  faccloudhost: 401,
  userfortitokenpolicy: 400,
  csv: 403,
  system: 405,
  oauth: 403,
};

export function directory(): Record<string, { list_endpoint: string; schema: string }> {
  const names = new Set<string>(Object.keys(CENSUS_ONLY));
  for (const key of Object.keys(RESOURCES)) if (!key.includes('/')) names.add(key);
  const out: Record<string, { list_endpoint: string; schema: string }> = {};
  for (const name of [...names].sort()) {
    out[name] = { list_endpoint: `/api/v1/${name}/`, schema: `/api/v1/${name}/schema/` };
  }
  return out;
}

/** Tastypie's word for a field without a default. */
const NO_DEFAULT = 'No default provided.';

const LIST_VERBS: Partial<Record<FacMethod, string>> = {
  list: 'get',
  create: 'post',
  replaceAll: 'put',
  deleteAll: 'delete',
};
const DETAIL_VERBS: Partial<Record<FacMethod, string>> = {
  get: 'get',
  update: 'patch',
  replace: 'put',
  delete: 'delete',
};

/** HTTP verbs (upper case) a collection path and an object path accept. */
export function allowedVerbs(key: string): { list: string[]; detail: string[] } {
  const methods = RESOURCES[key]?.methods ?? [];
  const pick = (table: Partial<Record<FacMethod, string>>) =>
    methods.flatMap((m) => (table[m] ? [(table[m] as string).toUpperCase()] : []));
  return { list: pick(LIST_VERBS), detail: pick(DETAIL_VERBS) };
}

export function schemaOf(sim: FacSim, key: string): Record<string, unknown> {
  const { list, detail } = allowedVerbs(key);
  const fields: Record<string, unknown> = {};
  for (const [name, facts] of Object.entries(sim.fields(key))) fields[name] = fieldSchema(name, facts);
  const facts = sim.facts(key);
  return {
    allowed_detail_http_methods: detail.map((v) => v.toLowerCase()),
    allowed_list_http_methods: list.map((v) => v.toLowerCase()),
    default_format: 'application/json',
    default_limit: DEFAULT_LIMIT,
    fields,
    filtering: facts.filters,
    ordering: Object.keys(fields).filter((name) => name !== 'resource_uri'),
  };
}

function fieldSchema(name: string, facts: FacFieldFacts): Record<string, unknown> {
  const related = facts.relation;
  return {
    blank: !facts.required,
    default: facts.required ? NO_DEFAULT : (facts.default ?? emptyValue(facts) ?? NO_DEFAULT),
    help_text: helpText(facts),
    nullable: !facts.required,
    primary_key: name === 'id',
    readonly: facts.readOnly === true,
    type: related ? 'related' : schemaType(facts.type),
    unique: facts.unique === true,
    verbose_name: name.replace(/_/g, ' '),
    ...(related
      ? {
          related_type: related.many ? 'to_many' : 'to_one',
          related_schema: `/api/v1/${related.resource}/schema/`,
        }
      : {}),
    ...(facts.maxLength !== undefined ? { max_length: facts.maxLength } : {}),
    ...(facts.choices ? { choices: facts.choices } : {}),
    ...(facts.writeOnly ? { write_only: true } : {}),
  };
}

function schemaType(type: FacFieldFacts['type']): string {
  if (type === 'object') return 'dict';
  if (type === 'unknown') return 'string';
  return type;
}

function helpText(facts: FacFieldFacts): string {
  switch (facts.type) {
    case 'integer':
      return 'Integer data. Ex: 2673';
    case 'boolean':
      return 'Boolean data. Ex: True';
    case 'list':
      return 'A list of data. Ex: [1, 2, 3]';
    case 'object':
      return 'A dictionary of data. Ex: {"price": 26.73}';
    default:
      return 'Unicode string data. Ex: "Hello World"';
  }
}
