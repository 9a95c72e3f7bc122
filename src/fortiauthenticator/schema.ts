/**
 * Resource descriptions: the live Tastypie schema (`GET /api/v1/<resource>/schema/`) of a collection,
 * or, for singletons and actions (whose `/schema/` the appliance answers with 500), the documented
 * facts. Writes are checked against them when `validate` is on.
 */
import type { CallOptions } from '../core/client-options.js';
import { isRecord } from '../core/guards.js';
import { Issues } from '../core/issues.js';
import type { FacCaller } from './caller.js';
import type { FacFieldFacts, FacResourceFacts } from './facts.js';

/** What the appliance's schema says about one field. */
export interface FacFieldDescription {
  /** Tastypie type: `string`, `integer`, `boolean`, `list`, `dict`, `related`, `file`, ... */
  readonly type: string;
  /** Must be given on create. */
  readonly required: boolean;
  readonly readOnly: boolean;
  readonly unique: boolean;
  readonly maxLength?: number;
  readonly choices?: readonly (string | number)[];
  /** For `related` fields: the resource pointed to, and whether it is a list. */
  readonly related?: { readonly resource: string; readonly many: boolean };
}

export interface FacDescription {
  readonly resource: string;
  /** `live`: read from the appliance; `spec`: the documented facts (no live schema for this resource). */
  readonly source: 'live' | 'spec';
  readonly fields: Readonly<Record<string, FacFieldDescription>>;
  /** HTTP verbs (lower case) on the collection path and on an object path. */
  readonly listMethods: readonly string[];
  readonly detailMethods: readonly string[];
  readonly filters: Readonly<Record<string, readonly string[]>>;
}

const NO_DEFAULT = 'No default provided.';

/** Reads a Tastypie schema reply. */
export function fromLiveSchema(resource: string, data: unknown): FacDescription | undefined {
  if (!isRecord(data) || !isRecord(data.fields)) return undefined;
  const fields: Record<string, FacFieldDescription> = {};
  for (const [name, raw] of Object.entries(data.fields)) {
    if (!isRecord(raw)) continue;
    const readOnly = raw.readonly === true;
    const related =
      raw.type === 'related' && typeof raw.related_schema === 'string'
        ? {
            resource: raw.related_schema.replace(/^\/api\/v1\/|\/schema\/$/g, ''),
            many: raw.related_type === 'to_many',
          }
        : undefined;
    fields[name] = {
      type: String(raw.type ?? 'string'),
      required: raw.blank === false && !readOnly && (raw.default === undefined || raw.default === NO_DEFAULT),
      readOnly,
      unique: raw.unique === true,
      ...(typeof raw.max_length === 'number' ? { maxLength: raw.max_length } : {}),
      ...(Array.isArray(raw.choices) ? { choices: raw.choices as (string | number)[] } : {}),
      ...(related ? { related } : {}),
    };
  }
  const strings = (value: unknown) => (Array.isArray(value) ? value.map(String) : []);
  const filters: Record<string, string[]> = {};
  if (isRecord(data.filtering)) for (const [k, v] of Object.entries(data.filtering)) filters[k] = strings(v);
  return {
    resource,
    source: 'live',
    fields,
    listMethods: strings(data.allowed_list_http_methods),
    detailMethods: strings(data.allowed_detail_http_methods),
    filters,
  };
}

/** A description from the documented facts (loaded on first use only). */
export async function fromSpec(resource: string, facts: FacResourceFacts): Promise<FacDescription> {
  const { FAC_FIELDS } = await import('./generated/fields.js');
  const fields: Record<string, FacFieldDescription> = {};
  for (const [name, f] of Object.entries(FAC_FIELDS[resource] ?? {})) fields[name] = fromFacts(f);
  const verbs = { list: 'get', create: 'post', replaceAll: 'put', deleteAll: 'delete' } as Record<
    string,
    string
  >;
  const detail = { get: 'get', update: 'patch', replace: 'put', delete: 'delete' } as Record<string, string>;
  const collection = facts.kind === 'collection';
  const listMethods = facts.methods.flatMap((m) => {
    if (collection) return verbs[m] ? [verbs[m]] : [];
    return m === 'post' || m === 'create'
      ? ['post']
      : m === 'update'
        ? ['patch']
        : m === 'replace'
          ? ['put']
          : m === 'get'
            ? ['get']
            : [];
  });
  const detailMethods = collection ? facts.methods.flatMap((m) => (detail[m] ? [detail[m]] : [])) : [];
  return { resource, source: 'spec', fields, listMethods, detailMethods, filters: facts.filters };
}

function fromFacts(f: FacFieldFacts): FacFieldDescription {
  return {
    type: f.relation ? 'related' : f.type === 'object' ? 'dict' : f.type,
    required: f.required === true,
    readOnly: f.readOnly === true,
    unique: f.unique === true,
    ...(f.maxLength !== undefined ? { maxLength: f.maxLength } : {}),
    ...(f.choices ? { choices: f.choices } : {}),
    ...(f.relation ? { related: { resource: f.relation.resource, many: f.relation.many === true } } : {}),
  };
}

/** Descriptions read once per resource and client. */
export class Schemas {
  readonly #caller: FacCaller;
  readonly #cache = new Map<string, Promise<FacDescription>>();

  constructor(caller: FacCaller) {
    this.#caller = caller;
  }

  describe(resource: string, facts: FacResourceFacts, options: CallOptions = {}): Promise<FacDescription> {
    let pending = this.#cache.get(resource);
    if (!pending) {
      pending = this.#load(resource, facts, options);
      pending.catch(() => this.#cache.delete(resource));
      this.#cache.set(resource, pending);
    }
    return pending;
  }

  async #load(resource: string, facts: FacResourceFacts, options: CallOptions): Promise<FacDescription> {
    if (facts.kind !== 'collection') return fromSpec(resource, facts);
    const endpoint = this.#caller.endpoint(facts, 'GET', 'collection', 'schema');
    // A sub-resource's schema sits below any parent; the appliance does not look the parent up.
    const reply = await this.#caller.call(endpoint, { ...options, params: { parent: 1 } });
    return fromLiveSchema(resource, reply.data) ?? fromSpec(resource, facts);
  }
}

export type WriteKind = 'create' | 'update' | 'replace';

/** Checks a body against a description; throws one ValidationError naming every problem. */
export function checkWrite(description: FacDescription, kind: WriteKind, body: unknown): void {
  const fields = description.fields;
  if (Object.keys(fields).length === 0) return;
  const issues = new Issues();
  const what = `${description.resource} ${kind}`;
  if (!isRecord(body)) {
    issues.add('data', 'must be an object');
    issues.throwIfAny(what);
    return;
  }
  for (const [name, value] of Object.entries(body)) {
    const field = fields[name];
    if (!field) {
      issues.add(`data.${name}`, `${description.resource} has no field '${name}'`, 'unknown-field');
      continue;
    }
    if (field.readOnly) {
      issues.add(`data.${name}`, 'is read-only', 'read-only');
      continue;
    }
    if (value === undefined || value === null) continue;
    const problem = valueProblem(field, value);
    if (problem) issues.add(`data.${name}`, problem.message, problem.code);
  }
  if (kind !== 'update') {
    for (const [name, field] of Object.entries(fields)) {
      if (field.required && body[name] === undefined) issues.add(`data.${name}`, 'is required', 'required');
    }
  }
  issues.throwIfAny(what);
}

function valueProblem(
  field: FacFieldDescription,
  value: unknown,
): { message: string; code: string } | undefined {
  const type = (t: string) => ({ message: `must be ${t}`, code: 'type' });
  switch (field.type) {
    case 'string':
      if (typeof value !== 'string') return type('a string');
      if (field.maxLength !== undefined && value.length > field.maxLength) {
        return {
          message: `is longer than ${field.maxLength} characters (${value.length})`,
          code: 'max-length',
        };
      }
      break;
    case 'integer':
      if (!Number.isSafeInteger(value)) return type('an integer');
      break;
    case 'boolean':
      if (typeof value !== 'boolean') return type('true or false');
      break;
    case 'list':
      if (!Array.isArray(value)) return type('a list');
      break;
    case 'dict':
      if (!isRecord(value)) return type('an object');
      break;
    case 'related':
      if (
        field.related?.many ? !Array.isArray(value) : typeof value !== 'string' && typeof value !== 'number'
      ) {
        return type(field.related?.many ? 'a list of resource URIs' : 'a resource URI');
      }
      break;
  }
  if (field.choices && !field.choices.some((c) => c === value)) {
    return {
      message: `must be one of ${field.choices.map((c) => JSON.stringify(c)).join(', ')}`,
      code: 'choice',
    };
  }
  return undefined;
}
