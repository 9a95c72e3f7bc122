/**
 * The state of a simulated FortiAuthenticator and the generic behaviour of its resources, driven by
 * the generated tables (`FAC_RESOURCES`, `FAC_FIELDS`): every collection stores rows, every singleton
 * its settings; writes are checked against the documented fields and answered the way the chosen
 * version answers them. Resource-specific behaviour comes from hooks.
 */
import type { Clock } from '../../core/clock.js';
import type { FacFieldTable, FacResourceFacts } from '../../fortiauthenticator/facts.js';
import { FAC_FIELDS } from '../../fortiauthenticator/generated/fields.js';
import { FAC_RESOURCES } from '../../fortiauthenticator/generated/table.js';
import type { SimOrigin, SimRequest, SimResponse } from '../types.js';
import type { Admins } from './admins.js';
import { checkBody, emptyValue, type WriteMode } from './fields.js';
import {
  type Body,
  badRequest,
  empty,
  FacFailure,
  type FieldErrors,
  fieldErrors,
  json,
  notFound,
} from './http.js';
import { compareValues, matches, pageMeta, parseListQuery } from './query.js';
import { Collection, type Row } from './store.js';
import type { WriteStyle } from './versions.js';

export const RESOURCES = FAC_RESOURCES as unknown as Readonly<Record<string, FacResourceFacts>>;
const FIELDS = FAC_FIELDS;
const API = '/api/v1/';

export interface EngineDeps {
  readonly clock: Clock;
  readonly random: () => number;
  readonly origin: SimOrigin;
  readonly version: string;
  readonly style: WriteStyle;
  readonly admins: Admins;
  readonly hooks: Readonly<Record<string, ResourceHooks>>;
}

/** A message "sent" by the appliance: activation mails, e-mail and SMS token codes. */
export interface SimMessage {
  readonly kind: 'email' | 'sms';
  readonly to: string;
  readonly subject: string;
  readonly username: string;
  /** The token code or activation code the message carries. */
  readonly code?: string;
  readonly at: number;
}

export class FacSim {
  readonly clock: Clock;
  readonly random: () => number;
  readonly version: string;
  readonly style: WriteStyle;
  readonly admins: Admins;
  readonly outbox: SimMessage[] = [];
  readonly #origin: SimOrigin;
  readonly #hooks: Readonly<Record<string, ResourceHooks>>;
  readonly #collections = new Map<string, Collection>();
  readonly #singletons = new Map<string, Record<string, unknown>>();
  readonly #known = new Map<string, ReadonlySet<string>>();

  constructor(deps: EngineDeps) {
    this.clock = deps.clock;
    this.random = deps.random;
    this.version = deps.version;
    this.style = deps.style;
    this.admins = deps.admins;
    this.#origin = deps.origin;
    this.#hooks = deps.hooks;
    for (const [key, facts] of Object.entries(RESOURCES)) {
      if (facts.kind === 'collection') this.#collections.set(key, new Collection());
      if (facts.kind === 'singleton') this.#singletons.set(key, this.#defaults(key));
    }
  }

  facts(key: string): FacResourceFacts {
    return RESOURCES[key] as FacResourceFacts;
  }

  fields(key: string): FacFieldTable {
    return FIELDS[key] ?? {};
  }

  hooks(key: string): ResourceHooks {
    return this.#hooks[key] ?? {};
  }

  collection(key: string): Collection {
    const collection = this.#collections.get(key);
    if (!collection) throw new Error(`'${key}' is not a collection resource`);
    return collection;
  }

  /** The stored settings of a singleton (mutable). */
  settings(key: string): Record<string, unknown> {
    const stored = this.#singletons.get(key);
    if (!stored) throw new Error(`'${key}' is not a singleton resource`);
    return stored;
  }

  now(): number {
    return this.clock.now();
  }

  /** `/api/v1/<path>/<id>/`, with the parent's id in a sub-resource path. */
  uriOf(key: string, row: Row): string {
    return `${API}${this.facts(key).path.replace('{id}', String(row.parent))}${row.id}/`;
  }

  /** The row a resource URI (or, with `by: 'id'`, an id) names, or undefined. */
  lookup(key: string, by: 'uri' | 'id', value: unknown): Row | undefined {
    const collection = this.#collections.get(key);
    if (!collection) return undefined;
    if (by === 'id') return typeof value === 'number' ? collection.get(value) : undefined;
    if (typeof value !== 'string') return undefined;
    const prefix = `${API}${this.facts(key).path}`;
    const id = value.startsWith(prefix) ? /^(\d+)\/$/.exec(value.slice(prefix.length))?.[1] : undefined;
    return id === undefined ? undefined : collection.get(Number(id));
  }

  /** A field of a row as GET shows it (stored, computed, or its empty value). */
  valueOf(key: string, row: Row, field: string): unknown {
    if (field === 'id') return row.id;
    if (field === 'resource_uri') return this.uriOf(key, row);
    const compute = this.hooks(key).computed?.[field];
    if (compute) return compute(this, row);
    const stored = row.data[field];
    if (stored !== undefined) return stored;
    const facts = this.fields(key)[field];
    return facts ? emptyValue(facts) : undefined;
  }

  /** The object as GET shows it: documented fields except write-only ones, keys sorted on the wire. */
  render(key: string, row: Row, query = new URLSearchParams()): Record<string, unknown> {
    const fields = this.fields(key);
    const out: Record<string, unknown> = { id: row.id, resource_uri: this.uriOf(key, row) };
    const names = Object.keys(fields);
    if (names.length === 0) {
      for (const [name, value] of Object.entries(row.data)) if (!name.startsWith('_')) out[name] = value;
    }
    for (const name of names) if (!fields[name]?.writeOnly) out[name] = this.valueOf(key, row, name);
    this.hooks(key).render?.(this, out, query);
    return out;
  }

  // --- collections ---

  list(key: string, path: string, query: URLSearchParams, parent?: number): SimResponse {
    const rows = this.#select(key, query, parent);
    const hooks = this.hooks(key);
    if (hooks.list) return hooks.list(this, rows.all);
    const page = rows.all.slice(rows.query.offset, rows.query.offset + rows.query.limit);
    return json(200, {
      meta: pageMeta(path, query, rows.query, rows.all.length),
      objects: page.map((row) => this.render(key, row, query)),
    });
  }

  get(key: string, id: number, query: URLSearchParams, parent?: number): SimResponse {
    return json(200, this.render(key, this.#row(key, id, parent), query));
  }

  create(key: string, body: Body, query: URLSearchParams, parent?: number): SimResponse {
    if (this.style.bulk.has(key))
      return this.#createBulk(key, Array.isArray(body) ? body : [body], query, parent);
    if (Array.isArray(body)) throw badRequest('The request body must be a JSON object, not a list.');
    const row = this.write(key, 'create', body, query, parent);
    const location = this.style.absoluteLocation
      ? `${this.#origin.url}${this.uriOf(key, row)}`
      : this.uriOf(key, row);
    if (this.style.create === 'location') return empty(201, { location });
    return json(201, this.#createdView(key, row, query), { location });
  }

  update(key: string, id: number, body: Body, query: URLSearchParams, parent?: number): SimResponse {
    const row = this.write(key, 'update', objectBody(body), query, parent, this.#row(key, id, parent));
    return this.style.patch === 'object' ? json(202, this.render(key, row, query)) : empty(202);
  }

  replace(key: string, id: number, body: Body, query: URLSearchParams, parent?: number): SimResponse {
    this.write(key, 'replace', objectBody(body), query, parent, this.#row(key, id, parent));
    return empty(204);
  }

  delete(key: string, id: number, parent?: number): SimResponse {
    this.remove(key, this.#row(key, id, parent));
    return empty(204);
  }

  /** PUT on a collection: every object below the parent is replaced by the ones sent. */
  replaceAll(key: string, body: Body, query: URLSearchParams, parent?: number): SimResponse {
    const items = Array.isArray(body) ? body : (body as { objects?: unknown }).objects;
    if (!Array.isArray(items)) throw badRequest('Send {"objects": [...]} to replace the collection.');
    for (const row of this.collection(key).rows(parent)) this.remove(key, row);
    for (const item of items) this.write(key, 'create', objectBody(item), query, parent);
    return empty(204);
  }

  /** DELETE on a collection: every object below the parent that passes the filters is deleted. */
  deleteAll(key: string, query: URLSearchParams, parent?: number): SimResponse {
    for (const row of this.#select(key, query, parent).all) this.remove(key, row);
    return empty(204);
  }

  /**
   * Checks and stores one object (a new one, or `row` replaced or updated) and runs the resource's
   * hooks. Refusals are thrown as a `FacFailure`.
   */
  write(
    key: string,
    mode: WriteMode,
    body: Record<string, unknown>,
    query: URLSearchParams,
    parent: number | undefined,
    row?: Row,
  ): Row {
    const hooks = this.hooks(key);
    const collection = this.collection(key);
    const checked = checkBody(body, {
      fields: this.fields(key),
      mode,
      taken: (field, value) => {
        const other = collection.find(field, value, parent);
        return other !== undefined && other !== row;
      },
      exists: (resource, by, value) => this.lookup(resource, by, value) !== undefined,
      duplicate: (field) => hooks.duplicate?.(field) ?? `An object with this ${field} already exists.`,
    });
    const event: WriteEvent = {
      mode,
      body,
      values: checked.values,
      errors: checked.errors,
      row,
      parent,
      query,
    };
    if (Object.keys(event.errors).length === 0) hooks.check?.(this, event);
    if (Object.keys(event.errors).length > 0) throw fieldErrors(errorKey(key), event.errors);
    let stored: Row;
    if (row === undefined) {
      stored = collection.insert({ ...event.values }, parent);
    } else {
      if (mode === 'replace') {
        const kept = Object.entries(row.data).filter(
          ([name]) => name.startsWith('_') || this.#createOnly(key, name),
        );
        row.data = Object.fromEntries(kept);
      }
      Object.assign(row.data, event.values);
      stored = row;
    }
    hooks.stored?.(this, stored, event);
    return stored;
  }

  /** Deletes a row after its resource's clean-up. */
  remove(key: string, row: Row): void {
    this.hooks(key).deleting?.(this, row);
    this.collection(key).delete(row.id);
  }

  // --- singletons ---

  singletonView(key: string): Record<string, unknown> {
    const stored = this.settings(key);
    const view = this.hooks(key).view?.(this, stored) ?? stored;
    const fields = this.fields(key);
    const out: Record<string, unknown> = {};
    for (const [name, facts] of Object.entries(fields)) {
      if (!facts.writeOnly) out[name] = view[name] !== undefined ? view[name] : emptyValue(facts);
    }
    return out;
  }

  /** POST/PATCH/PUT on a singleton: POST and PUT set every field (unspecified ones to defaults). */
  writeSettings(key: string, mode: WriteMode, body: Body): void {
    const checked = checkBody(objectBody(body), {
      fields: this.fields(key),
      mode,
      taken: () => false,
      exists: (resource, by, value) => this.lookup(resource, by, value) !== undefined,
      duplicate: (field) => `An object with this ${field} already exists.`,
    });
    if (Object.keys(checked.errors).length > 0) throw fieldErrors(errorKey(key), checked.errors);
    const stored = this.settings(key);
    if (mode !== 'update') {
      for (const name of Object.keys(stored)) delete stored[name];
      Object.assign(stored, this.#defaults(key));
    }
    Object.assign(stored, checked.values);
  }

  // --- internals ---

  #select(key: string, query: URLSearchParams, parent: number | undefined) {
    const known = this.#knownFields(key);
    const q = parseListQuery(query, this.facts(key), known);
    let all = this.collection(key).rows(parent);
    for (const filter of q.filters)
      all = all.filter((row) => matches(this.valueOf(key, row, filter.field), filter));
    if (q.order.length > 0) {
      all = all.slice().sort((a, b) => {
        for (const { field, descending } of q.order) {
          const order = compareValues(this.valueOf(key, a, field), this.valueOf(key, b, field));
          if (order !== 0) return descending ? -order : order;
        }
        return a.id - b.id;
      });
    }
    return { all, query: q };
  }

  #knownFields(key: string): ReadonlySet<string> {
    let known = this.#known.get(key);
    if (!known) {
      known = new Set(['id', 'resource_uri', ...Object.keys(this.fields(key))]);
      this.#known.set(key, known);
    }
    return known;
  }

  #row(key: string, id: number, parent: number | undefined): Row {
    const row = this.collection(key).get(id, parent);
    if (!row) throw notFound();
    return row;
  }

  #createdView(key: string, row: Row, query: URLSearchParams): Record<string, unknown> {
    return { ...this.render(key, row, query), ...this.hooks(key).created?.(this, row) };
  }

  #createOnly(key: string, field: string): boolean {
    return this.fields(key)[field]?.createOnly === true;
  }

  #createBulk(key: string, items: unknown[], query: URLSearchParams, parent?: number): SimResponse {
    if (items.length === 0) throw badRequest('The list of objects to create is empty.');
    const results = items.map((item) => {
      try {
        const row = this.write(key, 'create', objectBody(item), query, parent);
        return { statue: 201, ...this.#createdView(key, row, query) };
      } catch (error) {
        if (!(error instanceof FacFailure)) throw error;
        const body =
          typeof error.reply.body === 'object' && error.reply.body !== null ? error.reply.body : {};
        return { statue: error.reply.status, ...body };
      }
    });
    return json(207, results);
  }

  #defaults(key: string): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [name, facts] of Object.entries(this.fields(key))) {
      if (facts.default !== undefined) out[name] = facts.default;
    }
    return out;
  }
}

/** The key of a field-error body: the resource's last path segment (`ssofilterobjects`, `localusers`). */
export function errorKey(key: string): string {
  return key.split('/').pop() as string;
}

function objectBody(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest('The request body must be a JSON object.');
  }
  return body as Record<string, unknown>;
}

export interface WriteEvent {
  readonly mode: WriteMode;
  /** The body as sent. */
  readonly body: Record<string, unknown>;
  /** The checked values that will be stored; a hook may add or change them. */
  readonly values: Record<string, unknown>;
  /** Field errors so far; a hook may add more. */
  readonly errors: FieldErrors;
  /** The stored row, for a replace or an update. */
  readonly row: Row | undefined;
  /** The owning object of a sub-resource. */
  readonly parent: number | undefined;
  readonly query: URLSearchParams;
}

export interface ResourceHooks {
  /** More checks: add field errors, or throw a `FacFailure` for a `{"error": ...}` refusal. */
  check?(sim: FacSim, w: WriteEvent): void;
  /**
   * Side effects once the row is stored. May throw a `FacFailure`: the write stays done, the caller
   * gets the error (as the appliance does when the FortiToken activation mail fails).
   */
  stored?(sim: FacSim, row: Row, w: WriteEvent): void;
  /** Clean-up before a row is deleted; may throw a `FacFailure` to refuse. */
  deleting?(sim: FacSim, row: Row): void;
  /** Read-only fields computed from other state, by field name. */
  computed?: Readonly<Record<string, (sim: FacSim, row: Row) => unknown>>;
  /** Changes the rendered object (query parameters such as `return_members`). */
  render?(sim: FacSim, out: Record<string, unknown>, query: URLSearchParams): void;
  /** Extra keys of the create reply (e.g. a new admin's `api_key`). */
  created?(sim: FacSim, row: Row): Record<string, unknown>;
  /** The reply to a list GET, when the resource does not use the `meta`/`objects` envelope. */
  list?(sim: FacSim, rows: readonly Row[]): SimResponse;
  /** The message for a duplicate value of a unique field. */
  duplicate?(field: string): string;
  /** Sub-endpoints below the collection or an object (`pem`, `renew`, `sendoobtoken`). */
  actions?: Readonly<Record<string, ActionHandler>>;
  /** Singletons: the object as GET shows it, from the stored settings. */
  view?(sim: FacSim, stored: Record<string, unknown>): Record<string, unknown>;
  /** Singletons and actions: the reply to a POST. */
  post?(sim: FacSim, body: Body, req: SimRequest): SimResponse | Promise<SimResponse>;
  /** Actions: the reply to a GET. */
  get?(sim: FacSim, req: SimRequest): SimResponse;
}

export type ActionHandler = (
  sim: FacSim,
  row: Row | undefined,
  body: Body,
  req: SimRequest,
) => SimResponse | Promise<SimResponse>;
