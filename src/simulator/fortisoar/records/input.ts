/**
 * A JSON body applied to a record, checked field by field the way FortiSOAR (API Platform) checks
 * it: unknown attributes, wrong types, picklist values that are not item IRIs of the right list,
 * references to records that do not exist, and blank required fields are refused.
 */
import { hydraError, type Violation, violations } from '../http/replies.js';
import type { Picklists } from './picklists.js';
import type { FieldKind, ModuleSchema } from './schema.js';
import type { RecordStore, SoarRecord } from './store.js';

/** Keys a client may send back as it received them; the server owns them. */
const SERVER_KEYS = new Set([
  '@context',
  '@id',
  '@type',
  '@settings',
  'id',
  'uuid',
  'createDate',
  'modifyDate',
  'createUser',
  'modifyUser',
  'isDeleted',
]);

export interface LinkChange {
  readonly field: string;
  readonly targets: readonly SoarRecord[];
  /** `set` replaces the relationship (the field given as a list); `add`/`remove` come from `__link`/`__unlink`. */
  readonly mode: 'set' | 'add' | 'remove';
}

export interface CheckedInput {
  /** The fields to write (on create: every given field). */
  readonly values: Record<string, unknown>;
  readonly links: readonly LinkChange[];
}

export class InputChecker {
  constructor(
    private readonly store: RecordStore,
    private readonly picklists: Picklists,
  ) {}

  /** Checks `body` for a record of `schema`; `creating` also checks the required fields. */
  check(schema: ModuleSchema, body: Record<string, unknown>, creating: boolean): CheckedInput {
    const problems: Violation[] = [];
    const values: Record<string, unknown> = {};
    const links: LinkChange[] = [];
    for (const [key, value] of Object.entries(body)) {
      if (SERVER_KEYS.has(key)) continue;
      if (key === '__link' || key === '__unlink') {
        links.push(...this.#linkOps(schema, key, value, problems));
        continue;
      }
      const kind = schema.fields[key];
      if (!kind) throw hydraError(400, `Extra attributes are not allowed ("${key}" is unknown).`);
      if (kind.type === 'many') {
        links.push({ field: key, targets: this.#targets(kind, key, value, problems), mode: 'set' });
        continue;
      }
      const problem = this.#checkValue(kind, value);
      if (problem) problems.push({ propertyPath: key, message: problem });
      else values[key] = kind.type === 'picklist' || kind.type === 'ref' ? (iriOf(value) ?? null) : value;
    }
    if (creating) {
      for (const field of schema.required) {
        const value = values[field];
        if (value === undefined || value === null || value === '')
          problems.push({ propertyPath: field, message: 'This value should not be blank.' });
      }
    }
    if (problems.length > 0) throw violations(problems);
    return { values, links };
  }

  #checkValue(kind: FieldKind, value: unknown): string | undefined {
    if (value === null) return undefined;
    switch (kind.type) {
      case 'text':
        return typeof value === 'string' ? undefined : 'This value should be of type string.';
      case 'integer':
        return Number.isInteger(value) ? undefined : 'This value should be of type integer.';
      case 'decimal':
      case 'datetime':
        return typeof value === 'number' && Number.isFinite(value)
          ? undefined
          : 'This value should be of type number.';
      case 'boolean':
        return typeof value === 'boolean' ? undefined : 'This value should be of type bool.';
      case 'json':
        return undefined;
      case 'picklist': {
        const iri = iriOf(value);
        if (iri === undefined || !iri.startsWith('/api/3/picklists/'))
          throw hydraError(400, `Invalid IRI "${display(value)}".`);
        const item = this.picklists.item(iri);
        if (!item) throw hydraError(400, `Item not found for "${iri}".`);
        return item.list.name === kind.list
          ? undefined
          : `This value is not a valid choice for ${kind.list}.`;
      }
      case 'ref': {
        const iri = iriOf(value);
        if (iri === undefined) throw hydraError(400, `Invalid IRI "${display(value)}".`);
        const target = this.store.byIri(iri);
        if (!target || target.schema.name !== kind.module)
          throw hydraError(400, `Item not found for "${iri}".`);
        return undefined;
      }
      default:
        return undefined;
    }
  }

  #linkOps(
    schema: ModuleSchema,
    key: '__link' | '__unlink',
    value: unknown,
    problems: Violation[],
  ): LinkChange[] {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      problems.push({ propertyPath: key, message: 'This value should be an object of relationship fields.' });
      return [];
    }
    return Object.entries(value).map(([field, iris]) => {
      const kind = schema.fields[field];
      if (kind?.type !== 'many') throw hydraError(400, `"${field}" is not a relationship of ${schema.name}.`);
      return {
        field,
        targets: this.#targets(kind, field, iris, problems),
        mode: key === '__link' ? 'add' : 'remove',
      };
    });
  }

  #targets(
    kind: FieldKind & { type: 'many' },
    field: string,
    value: unknown,
    problems: Violation[],
  ): SoarRecord[] {
    const list = Array.isArray(value) ? value : [value];
    const targets: SoarRecord[] = [];
    for (const entry of list) {
      const iri = iriOf(entry);
      if (iri === undefined) {
        problems.push({ propertyPath: field, message: 'This value should be a list of IRIs.' });
        continue;
      }
      const target = this.store.byIri(iri);
      if (!target || target.schema.name !== kind.module || target.deletedAt !== undefined)
        throw hydraError(400, `Item not found for "${iri}".`);
      targets.push(target);
    }
    return targets;
  }
}

/** The IRI of a reference given as a string or as an object with `@id`. */
function iriOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { '@id'?: unknown })['@id'] === 'string'
  )
    return (value as { '@id': string })['@id'];
  return undefined;
}

function display(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
