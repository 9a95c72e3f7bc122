/** The record database: one table per module, records addressed by IRI, symmetric relationships. */
import { MODULE_SCHEMAS, type ModuleSchema } from './schema.js';

export interface SoarRecord {
  readonly schema: ModuleSchema;
  readonly id: number;
  readonly uuid: string;
  readonly iri: string;
  /** Field values (to-many relationships excepted): scalars, picklist and reference IRIs, JSON. */
  values: Record<string, unknown>;
  /** To-many relationships: field name to the IRIs it links. */
  readonly links: Map<string, Set<string>>;
  /** Seconds since the epoch, as FortiSOAR stamps records. */
  createDate: number;
  modifyDate: number;
  createUser: string;
  modifyUser: string;
  /** When the record went to the recycle bin. */
  deletedAt?: number;
}

export class ModuleTable {
  readonly rows = new Map<string, SoarRecord>();
  #live: SoarRecord[] | undefined;
  readonly #unique = new Map<string, Map<unknown, SoarRecord>>();

  constructor(readonly schema: ModuleSchema) {
    for (const field of schema.unique) this.#unique.set(field, new Map());
  }

  /** Records not in the recycle bin, in creation order (cached until the next delete). */
  live(): readonly SoarRecord[] {
    this.#live ??= [...this.rows.values()].filter((r) => r.deletedAt === undefined);
    return this.#live;
  }

  insert(record: SoarRecord): void {
    this.rows.set(record.uuid, record);
    this.#live?.push(record);
    this.reindex(record, undefined);
  }

  remove(record: SoarRecord): void {
    this.rows.delete(record.uuid);
    this.#live = undefined;
    for (const [field, index] of this.#unique)
      if (index.get(record.values[field]) === record) index.delete(record.values[field]);
  }

  /** Call after a soft delete or a restore. */
  changedVisibility(): void {
    this.#live = undefined;
  }

  /** The record holding `value` in the unique field `field` (recycle bin included, as FortiSOAR checks). */
  findUnique(field: string, value: unknown): SoarRecord | undefined {
    return value === undefined || value === null ? undefined : this.#unique.get(field)?.get(value);
  }

  /** Keeps the unique indexes right after `record.values` changed from `before`. */
  reindex(record: SoarRecord, before: Record<string, unknown> | undefined): void {
    for (const [field, index] of this.#unique) {
      const old = before?.[field];
      if (before && index.get(old) === record) index.delete(old);
      const value = record.values[field];
      if (value !== undefined && value !== null) index.set(value, record);
    }
  }
}

export class RecordStore {
  readonly #tables = new Map<string, ModuleTable>();
  #nextId = 1;

  constructor() {
    for (const schema of MODULE_SCHEMAS.values()) this.#tables.set(schema.name, new ModuleTable(schema));
  }

  table(module: string): ModuleTable | undefined {
    return this.#tables.get(module);
  }

  nextId(): number {
    return this.#nextId++;
  }

  /** The record behind `/api/3/<module>/<uuid>`. */
  byIri(iri: string): SoarRecord | undefined {
    const match = /^\/api\/3\/([^/]+)\/([^/?]+)$/.exec(iri);
    return match ? this.#tables.get(match[1]!)?.rows.get(match[2]!) : undefined;
  }

  /** Links `a.field` to `b` and `b.<inverse>` to `a`. */
  link(a: SoarRecord, field: string, b: SoarRecord): void {
    const kind = a.schema.fields[field];
    if (kind?.type !== 'many') return;
    linkSet(a, field).add(b.iri);
    linkSet(b, kind.inverse).add(a.iri);
  }

  unlink(a: SoarRecord, field: string, b: SoarRecord): void {
    const kind = a.schema.fields[field];
    if (kind?.type !== 'many') return;
    a.links.get(field)?.delete(b.iri);
    b.links.get(kind.inverse)?.delete(a.iri);
  }

  /** Removes a record for good, with its links on the other side. */
  purge(record: SoarRecord): void {
    for (const [field, iris] of record.links) {
      for (const iri of [...iris]) {
        const other = this.byIri(iri);
        if (other) this.unlink(record, field, other);
      }
    }
    this.#tables.get(record.schema.name)?.remove(record);
  }
}

function linkSet(record: SoarRecord, field: string): Set<string> {
  let set = record.links.get(field);
  if (!set) {
    set = new Set();
    record.links.set(field, set);
  }
  return set;
}
