/** FortiSOAR records as the API answers them (JSON-LD), and what writes accept. */

/** `/api/3/<module>/<uuid>`. */
export type Iri = string;

/** A picklist item as a record embeds it. Writes take its IRI (`@id`), never its name. */
export interface PicklistItem {
  '@id': Iri;
  '@type': 'Picklist';
  uuid: string;
  itemValue: string;
  /** IRI of the list, `/api/3/picklist_names/<uuid>`. */
  listName: Iri;
  color: string | null;
  orderIndex: number;
}

/** A person (user) as a record references it. */
export interface PersonRef {
  '@id': Iri;
  '@type': 'Person';
  uuid: string;
  name?: string | null;
  userId?: string | null;
}

/** What every record carries. Fields of custom modules are there too, untyped. */
export interface SoarRecord {
  '@id': Iri;
  '@type': string;
  id: number;
  uuid: string;
  /** Seconds since the epoch. */
  createDate?: number;
  modifyDate?: number;
  createUser?: PersonRef | Iri | null;
  modifyUser?: PersonRef | Iri | null;
  [field: string]: unknown;
}

export interface Alert extends SoarRecord {
  name: string;
  description?: string | null;
  severity?: PicklistItem | null;
  status?: PicklistItem | null;
  type?: PicklistItem | null;
  source?: string | null;
  sourceId?: string | null;
  sourceIp?: string | null;
  destinationIp?: string | null;
  /** With `relationships: true`. */
  incidents?: Iri[];
  indicators?: Iri[];
  tasks?: Iri[];
  comments?: Iri[];
  attachments?: Iri[];
}

export interface Incident extends SoarRecord {
  name: string;
  description?: string | null;
  severity?: PicklistItem | null;
  status?: PicklistItem | null;
  phase?: PicklistItem | null;
  category?: string | null;
  alerts?: Iri[];
  indicators?: Iri[];
  tasks?: Iri[];
  comments?: Iri[];
  attachments?: Iri[];
}

export interface Task extends SoarRecord {
  name: string;
  description?: string | null;
  status?: PicklistItem | null;
  priority?: PicklistItem | null;
  dueDate?: number | null;
  alerts?: Iri[];
  incidents?: Iri[];
  comments?: Iri[];
}

export interface Indicator extends SoarRecord {
  value: string;
  typeofindicator?: PicklistItem | null;
  reputation?: PicklistItem | null;
  tLP?: PicklistItem | null;
  description?: string | null;
  score?: number | null;
  alerts?: Iri[];
  incidents?: Iri[];
  comments?: Iri[];
}

export interface Comment extends SoarRecord {
  content: string;
  isImportant?: boolean | null;
}

export interface FileRecord extends SoarRecord {
  filename: string;
  mimeType: string;
  size: number;
}

export interface Attachment extends SoarRecord {
  name: string;
  description?: string | null;
  file: FileRecord | Iri;
}

/**
 * The fields of a write: each field of the record, where a picklist or reference is its IRI and a
 * relationship a list of IRIs. Server-owned keys (`@id`, `id`, dates, users) are left out.
 */
export type RecordInput<T extends SoarRecord = SoarRecord> = {
  [K in Exclude<keyof T, keyof SoarRecord>]?: WriteValue<T[K]>;
} & Record<string, unknown>;

type WriteValue<V> = V extends PicklistItem | null | undefined
  ? Iri | null
  : V extends Iri[] | undefined
    ? Iri[]
    : V extends PersonRef | FileRecord | null | undefined
      ? Iri | null
      : V;
