/** Records as FortiSOAR answers them: JSON-LD with picklists and references expanded one level. */
import { type Picklists, picklistView } from './picklists.js';
import type { RecordStore, SoarRecord } from './store.js';

export interface ViewOptions {
  /** Include to-many relationships as IRI lists (`$relationships=true`). */
  readonly relationships?: boolean;
  /** Only these fields (`$fields` / `__selectFields`), besides the identity. */
  readonly fields?: ReadonlySet<string> | undefined;
  /** The `@context` of a record answered on its own (members of a collection have none). */
  readonly context?: boolean;
}

export class RecordViews {
  constructor(
    private readonly store: RecordStore,
    private readonly picklists: Picklists,
  ) {}

  render(record: SoarRecord, options: ViewOptions = {}): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    if (options.context) out['@context'] = `/api/3/contexts/${record.schema.type}`;
    out['@id'] = record.iri;
    out['@type'] = record.schema.type;
    out.id = record.id;
    out.uuid = record.uuid;
    const wanted = options.fields;
    for (const [name, kind] of Object.entries(record.schema.fields)) {
      if (wanted && !wanted.has(name)) continue;
      if (kind.type === 'many') {
        if (options.relationships) out[name] = [...(record.links.get(name) ?? [])];
        continue;
      }
      const value = record.values[name] ?? null;
      if (kind.type === 'picklist') out[name] = this.#picklist(value);
      else if (kind.type === 'ref') out[name] = this.#reference(value);
      else out[name] = value;
    }
    if (!wanted || wanted.has('createDate')) out.createDate = record.createDate;
    if (!wanted || wanted.has('modifyDate')) out.modifyDate = record.modifyDate;
    if (!wanted || wanted.has('createUser')) out.createUser = this.#reference(record.createUser);
    if (!wanted || wanted.has('modifyUser')) out.modifyUser = this.#reference(record.modifyUser);
    if (record.deletedAt !== undefined) out.isDeleted = true;
    return out;
  }

  #picklist(iri: unknown): unknown {
    const item = typeof iri === 'string' ? this.picklists.item(iri) : undefined;
    return item ? picklistView(item) : null;
  }

  /** A referenced record, shallow: its own fields without relationships or nested references. */
  #reference(iri: unknown): unknown {
    if (typeof iri !== 'string') return null;
    const target = this.store.byIri(iri);
    if (!target) return iri;
    const out: Record<string, unknown> = {
      '@id': target.iri,
      '@type': target.schema.type,
      uuid: target.uuid,
    };
    for (const [name, kind] of Object.entries(target.schema.fields)) {
      if (kind.type === 'many') continue;
      const value = target.values[name] ?? null;
      out[name] = kind.type === 'picklist' ? this.#picklist(value) : value;
    }
    return out;
  }
}
