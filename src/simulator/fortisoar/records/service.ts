/** Record operations shared by the single, bulk and query routes: create, update, upsert, delete, restore. */
import type { Clock } from '../../../core/clock.js';
import { hydraError, SoarFailure } from '../http/replies.js';
import { FieldResolver } from './filter.js';
import { type CheckedInput, InputChecker } from './input.js';
import type { Picklists } from './picklists.js';
import { MODULE_SCHEMAS } from './schema.js';
import type { ModuleTable, RecordStore, SoarRecord } from './store.js';
import { RecordViews } from './view.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class RecordService {
  readonly views: RecordViews;
  readonly checker: InputChecker;
  readonly resolver: FieldResolver;

  constructor(
    readonly store: RecordStore,
    readonly picklists: Picklists,
    private readonly clock: Clock,
    private readonly newUuid: () => string,
  ) {
    this.views = new RecordViews(store, picklists);
    this.checker = new InputChecker(store, picklists);
    this.resolver = new FieldResolver(store, picklists);
  }

  /** The table of a module, or 404 as FortiSOAR answers an unknown collection. */
  table(module: string): ModuleTable {
    const table = MODULE_SCHEMAS.has(module) ? this.store.table(module) : undefined;
    if (!table) throw hydraError(404, `No route found for "/api/3/${module}"`);
    return table;
  }

  /** A record by uuid; recycled records only with `showDeleted`. */
  find(module: string, uuid: string, showDeleted = false): SoarRecord {
    const record = this.table(module).rows.get(uuid);
    if (!record || (record.deletedAt !== undefined && !showDeleted)) throw hydraError(404, 'Not Found');
    return record;
  }

  /** A record by `@id` or `uuid` of a body, when the body names one that exists. */
  identified(module: string, body: Record<string, unknown>): SoarRecord | undefined {
    const iri = typeof body['@id'] === 'string' ? body['@id'] : undefined;
    const uuid = iri?.split('/').pop() ?? (typeof body.uuid === 'string' ? body.uuid : undefined);
    return uuid === undefined ? undefined : this.table(module).rows.get(uuid);
  }

  create(module: string, body: Record<string, unknown>, userIri: string): SoarRecord {
    const table = this.table(module);
    const input = this.checker.check(table.schema, body, true);
    const uuid = this.#newRecordUuid(table, body.uuid);
    this.#assertUnique(table, input.values, undefined);
    const now = this.#now();
    const record: SoarRecord = {
      schema: table.schema,
      id: this.store.nextId(),
      uuid,
      iri: `/api/3/${module}/${uuid}`,
      values: input.values,
      links: new Map(),
      createDate: now,
      modifyDate: now,
      createUser: userIri,
      modifyUser: userIri,
    };
    table.insert(record);
    this.#applyLinks(record, input);
    return record;
  }

  update(record: SoarRecord, body: Record<string, unknown>, userIri: string): SoarRecord {
    const table = this.table(record.schema.name);
    const input = this.checker.check(record.schema, body, false);
    this.#assertUnique(table, input.values, record);
    const before = record.values;
    record.values = { ...before, ...input.values };
    table.reindex(record, before);
    this.#applyLinks(record, input);
    record.modifyDate = this.#now();
    record.modifyUser = userIri;
    return record;
  }

  /** Updates the record the body identifies (by uuid or a unique field), or creates one. */
  upsert(
    module: string,
    body: Record<string, unknown>,
    userIri: string,
  ): { record: SoarRecord; created: boolean } {
    const table = this.table(module);
    const existing =
      this.identified(module, body) ??
      table.schema.unique.map((field) => table.findUnique(field, body[field])).find(Boolean);
    if (existing && existing.deletedAt === undefined)
      return { record: this.update(existing, body, userIri), created: false };
    return { record: this.create(module, body, userIri), created: true };
  }

  /** To the recycle bin (modules that have one), or for good with `hard`. */
  remove(record: SoarRecord, hard: boolean): void {
    if (hard || !record.schema.softDelete) {
      this.store.purge(record);
      return;
    }
    record.deletedAt = this.#now();
    this.table(record.schema.name).changedVisibility();
  }

  /** Back from the recycle bin. */
  restore(record: SoarRecord): void {
    if (record.deletedAt === undefined) throw hydraError(400, `${record.iri} is not in the recycle bin.`);
    delete record.deletedAt;
    record.modifyDate = this.#now();
    this.table(record.schema.name).changedVisibility();
  }

  /** Runs `work`, turning its refusal into a message (for per-item bulk results). */
  attempt<T>(work: () => T): { ok: true; value: T } | { ok: false; status: number; message: string } {
    try {
      return { ok: true, value: work() };
    } catch (error) {
      if (!(error instanceof SoarFailure)) throw error;
      const body = error.reply.body as Record<string, unknown>;
      return {
        ok: false,
        status: error.reply.status,
        message: String(body['hydra:description'] ?? 'Failed'),
      };
    }
  }

  #applyLinks(record: SoarRecord, input: CheckedInput): void {
    for (const change of input.links) {
      if (change.mode === 'set') {
        for (const iri of [...(record.links.get(change.field) ?? [])]) {
          const other = this.store.byIri(iri);
          if (other) this.store.unlink(record, change.field, other);
        }
      }
      for (const target of change.targets) {
        if (change.mode === 'remove') this.store.unlink(record, change.field, target);
        else this.store.link(record, change.field, target);
      }
    }
  }

  #assertUnique(table: ModuleTable, values: Record<string, unknown>, self: SoarRecord | undefined): void {
    for (const field of table.schema.unique) {
      const holder = table.findUnique(field, values[field]);
      if (holder && holder !== self)
        throw hydraError(
          409,
          `A ${table.schema.type} with ${field} "${String(values[field])}" already exists (${holder.iri}).`,
        );
    }
  }

  #newRecordUuid(table: ModuleTable, given: unknown): string {
    if (given === undefined || given === null) return this.newUuid();
    if (typeof given !== 'string' || !UUID.test(given)) throw hydraError(400, 'uuid must be a UUID.');
    if (table.rows.has(given))
      throw hydraError(409, `A ${table.schema.type} with uuid "${given}" already exists.`);
    return given;
  }

  #now(): number {
    return this.clock.now() / 1000;
  }
}
