/**
 * Turns the spec into the resources the client offers: one entry per endpoint that allows at least one
 * method (sub-resources and namespace children get keys like `fgtgroupfilter/ssofilterobjects`), with
 * the method names of the client and field facts normalised for typing and validation.
 *
 * Left out on purpose: `oauth/*` (the client's OAuth strategy speaks to it), `fabric/*` (FortiOS
 * fabric integration, outside `/api/v1/`), the `/api/v1/` directory itself, and endpoints without any
 * known method (`pushpoll`, `transfertoken`, `faccloudhost`, `userfortitokenpolicy`).
 */
import type {
  FacFieldFacts,
  FacKind,
  FacLookup,
  FacMethod,
  FacResourceFacts,
} from '../../src/fortiauthenticator/facts.js';
import { TYPE_NAMES } from './names.js';
import type { SpecField, SpecResource } from './spec.js';

export interface FieldModel {
  readonly name: string;
  readonly facts: FacFieldFacts;
  /** Short facts for the field's doc comment. */
  readonly notes: string;
  readonly inferred: boolean;
}

export interface ResourceModel {
  /** Key of the resource in the client (`localusers`, `fgtgroupfilter/ssofilterobjects`). */
  readonly key: string;
  readonly typeName: string;
  readonly facts: FacResourceFacts;
  readonly fields: readonly FieldModel[];
  readonly completeness: SpecResource['completeness'];
  readonly quirks: readonly string[];
}

const API_PREFIX = '/api/v1/';
const METHOD_ORDER: readonly FacMethod[] = [
  'list',
  'get',
  'create',
  'update',
  'replace',
  'delete',
  'replaceAll',
  'deleteAll',
  'post',
];
const EXTRA_METHODS: Readonly<Record<string, FacMethod>> = {
  put_list: 'replaceAll',
  delete_list: 'deleteAll',
};

/**
 * Facts the generator corrects, each for a reason the spec itself records:
 * `iamusers` flags both `localuser` and `ldapuser` required although exactly one of them is given.
 */
const NOT_REQUIRED: ReadonlySet<string> = new Set(['iamusers.localuser', 'iamusers.ldapuser']);

export function buildModel(resources: readonly SpecResource[]): ResourceModel[] {
  const out: ResourceModel[] = [];
  for (const resource of resources) {
    if (resource.name.startsWith('oauth') || resource.name.startsWith('fabric/')) continue;
    const own = model(resource.name, resource);
    if (own) out.push(own);
    for (const sub of resource.sub_resources) {
      const child = model(`${resource.name}/${sub.name}`, sub);
      if (child) out.push(child);
    }
  }
  return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function model(key: string, resource: SpecResource): ResourceModel | undefined {
  const kind = kindOf(resource);
  if (kind === undefined) return undefined;
  const methods = methodsOf(resource, kind);
  if (methods.length === 0) return undefined;
  const typeName = TYPE_NAMES[key];
  if (typeName === undefined)
    throw new Error(`No type name for FortiAuthenticator resource '${key}' (names.ts)`);

  const creatable = methods.includes('create') || methods.includes('post');
  const fields = resource.fields
    .filter((field) => !field.query_param)
    .map((field) => fieldModel(key, field, creatable));
  if (kind === 'collection' && resource.item_path !== null) addIdentity(fields);

  const query = [
    ...new Set([
      ...(resource.query_params ?? []).map((q) => q.name),
      ...resource.fields.filter((f) => f.query_param).map((f) => f.name),
    ]),
  ];
  const filters: Record<string, FacLookup[]> = {};
  for (const [field, lookups] of Object.entries(resource.filters)) {
    filters[field] = lookups.length > 0 ? (lookups as FacLookup[]) : ['exact'];
  }
  const actions: Record<string, { method: 'GET' | 'POST'; item: boolean }> = {};
  for (const action of resource.actions ?? []) {
    const [method = 'POST', path = ''] = action.http.split(' ');
    actions[action.name] = { method: method === 'GET' ? 'GET' : 'POST', item: path.includes('{id}') };
  }

  const facts: FacResourceFacts = {
    path: resource.path.slice(API_PREFIX.length),
    kind,
    methods,
    filters,
    ...(Object.keys(actions).length > 0 ? { actions } : {}),
    ...(query.length > 0 ? { query } : {}),
    ...(resource.since_version ? { since: resource.since_version } : {}),
    ...(resource.completeness === 'stub' ? { stub: true as const } : {}),
  };
  return {
    key,
    typeName,
    facts,
    fields,
    completeness: resource.completeness,
    quirks: resource.quirks ?? [],
  };
}

function kindOf(resource: SpecResource): FacKind | undefined {
  if (resource.kind === 'singleton' || resource.kind === 'action') return resource.kind;
  if (resource.kind !== 'collection') return undefined;
  // A "collection" that only takes a POST on its path is an action (csv/localusers).
  const { list, get } = resource.methods;
  return !list && !get && resource.item_path === null ? 'action' : 'collection';
}

function methodsOf(resource: SpecResource, kind: FacKind): FacMethod[] {
  const m = resource.methods;
  const out = new Set<FacMethod>();
  if (kind === 'action') {
    if (m.get) out.add('get');
    if (m.create) out.add('post');
  } else {
    if (m.list && kind === 'collection') out.add('list');
    if (m.get) out.add('get');
    if (m.create) out.add('create');
    if (m.update_patch) out.add('update');
    if (m.update_put) out.add('replace');
    if (m.delete && kind === 'collection') out.add('delete');
    for (const [name, extra] of Object.entries(resource.methods_extra ?? {})) {
      const method = EXTRA_METHODS[name];
      // Inferred extras (a bulk DELETE of every local user) are not offered.
      if (method && extra.allowed && !extra.inferred) out.add(method);
    }
  }
  return METHOD_ORDER.filter((method) => out.has(method));
}

function fieldModel(resourceKey: string, field: SpecField, creatable: boolean): FieldModel {
  const creatingOnly = field.required_when?.includes('creating') ?? false;
  const createOnly = field.read_only && creatable && (field.required || creatingOnly);
  const required =
    field.required &&
    field.default === undefined &&
    !NOT_REQUIRED.has(`${resourceKey}.${field.name}`) &&
    (!field.read_only || createOnly);
  const facts: FacFieldFacts = {
    type: field.type,
    ...(required ? { required: true as const } : {}),
    ...(field.read_only && !createOnly ? { readOnly: true as const } : {}),
    ...(createOnly ? { createOnly: true as const } : {}),
    ...(field.write_only ? { writeOnly: true as const } : {}),
    ...(field.max_length ? { maxLength: field.max_length } : {}),
    ...(field.unique ? { unique: true as const } : {}),
    ...(field.choices ? { choices: choicesOf(field) } : {}),
    ...(field.default !== undefined ? { default: field.default } : {}),
    ...(field.relation
      ? {
          relation: {
            resource: field.relation.resource,
            by: field.relation.kind,
            ...(field.relation.many ? { many: true as const } : {}),
          },
        }
      : {}),
    ...(field.since_version ? { since: field.since_version } : {}),
  };
  const notes = [field.notes_short, field.required_when ? `required when ${field.required_when}` : '']
    .filter((note) => note !== '')
    .join('; ');
  return { name: field.name, facts, notes, inferred: field.inferred === true };
}

/** Integer choices documented as a code -> label table become the codes. */
function choicesOf(field: SpecField): (string | number)[] {
  const { choices } = field;
  if (Array.isArray(choices)) return choices;
  const codes = Object.keys(choices ?? {});
  return field.type === 'integer' ? codes.map(Number).sort((a, b) => a - b) : codes;
}

/** Every object of a keyed collection carries its `id` and `resource_uri`, documented or not. */
function addIdentity(fields: FieldModel[]): void {
  const identity: [string, FacFieldFacts, string][] = [
    ['id', { type: 'integer', readOnly: true }, 'object id; detail path key (not listed in the spec)'],
    ['resource_uri', { type: 'string', readOnly: true }, 'path of the object (not listed in the spec)'],
  ];
  for (const [name, facts, notes] of identity.reverse()) {
    if (!fields.some((field) => field.name === name)) fields.unshift({ name, facts, notes, inferred: false });
  }
}
