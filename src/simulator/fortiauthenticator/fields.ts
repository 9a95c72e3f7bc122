/**
 * Checks a write against the documented fields of its resource, the way Tastypie validates a form:
 * unknown and read-only fields are ignored, every other problem is collected per field.
 */
import type { FacFieldFacts, FacFieldTable } from '../../fortiauthenticator/facts.js';
import type { FieldErrors } from './http.js';

export type WriteMode = 'create' | 'replace' | 'update';

export interface CheckContext {
  readonly fields: FacFieldTable;
  readonly mode: WriteMode;
  /** True when another object already uses `value` for the unique `field`. */
  taken(field: string, value: unknown): boolean;
  /** True when `value` (a resource URI or an id) names an existing object of `resource`. */
  exists(resource: string, by: 'uri' | 'id', value: unknown): boolean;
  /** The message for a duplicate value (resources word it differently). */
  duplicate(field: string): string;
}

export interface Checked {
  readonly values: Record<string, unknown>;
  readonly errors: FieldErrors;
}

export const REQUIRED = 'This field is required.';

/** The values to store (coerced, defaults filled on create) and the errors found. */
export function checkBody(body: Record<string, unknown>, c: CheckContext): Checked {
  const values: Record<string, unknown> = {};
  const errors: FieldErrors = {};
  const add = (field: string, message: string) => {
    errors[field] ??= [];
    errors[field].push(message);
  };
  const names = Object.keys(c.fields);
  if (names.length === 0) {
    // Undocumented resource: keep what was sent.
    for (const [key, value] of Object.entries(body))
      if (key !== 'id' && key !== 'resource_uri') values[key] = value;
    return { values, errors };
  }
  for (const name of names) {
    const facts = c.fields[name] as FacFieldFacts;
    if (facts.readOnly || (facts.createOnly && c.mode === 'update')) continue;
    const given = body[name];
    if (given === undefined) {
      if (c.mode === 'update') continue;
      if (facts.required) add(name, REQUIRED);
      else if (facts.default !== undefined) values[name] = facts.default;
      continue;
    }
    if (given === '' && facts.type === 'string' && !facts.required) {
      values[name] = ''; // clears the field (e.g. `token_type` of a user without a token)
      continue;
    }
    if (given === null || given === '') {
      if (facts.required) add(name, REQUIRED);
      else values[name] = null;
      continue;
    }
    const coerced = coerce(facts, given);
    if (typeof coerced === 'object' && coerced !== null && 'error' in coerced) {
      add(name, (coerced as { error: string }).error);
      continue;
    }
    const problem = constraintProblem(name, facts, coerced, c);
    if (problem) add(name, problem);
    else values[name] = coerced;
  }
  return { values, errors };
}

type Coerced = unknown | { error: string };

function coerce(facts: FacFieldFacts, value: unknown): Coerced {
  switch (facts.relation ? 'relation' : facts.type) {
    case 'relation':
      return value;
    case 'string':
      if (typeof value === 'string') return value;
      if (typeof value === 'number') return String(value);
      return { error: 'Enter a valid string.' };
    case 'integer': {
      const n = typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
      return Number.isSafeInteger(n) ? n : { error: 'Enter a whole number.' };
    }
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (value === 1 || value === '1' || value === 'true' || value === 'True') return true;
      if (value === 0 || value === '0' || value === 'false' || value === 'False') return false;
      return { error: `'${String(value)}' value must be either True or False.` };
    case 'list':
      return Array.isArray(value) ? value : { error: 'Enter a list of values.' };
    case 'object':
      return typeof value === 'object' && !Array.isArray(value) ? value : { error: 'Enter an object.' };
    default:
      return value;
  }
}

function constraintProblem(
  name: string,
  facts: FacFieldFacts,
  value: unknown,
  c: CheckContext,
): string | undefined {
  if (facts.maxLength !== undefined && typeof value === 'string' && value.length > facts.maxLength) {
    return `Ensure this value has at most ${facts.maxLength} characters (it has ${value.length}).`;
  }
  if (facts.choices && !facts.choices.some((choice) => String(choice) === String(value))) {
    return `Select a valid choice. ${String(value)} is not one of the available choices.`;
  }
  if (facts.relation) {
    const { resource, by, many } = facts.relation;
    const items = many ? value : [value];
    if (!Array.isArray(items)) return 'Enter a list of resource URIs.';
    for (const item of items) {
      if (!c.exists(resource, by, item)) {
        return by === 'uri'
          ? `Could not find the provided object via resource URI '${String(item)}'.`
          : `No ${resource} object with id ${String(item)}.`;
      }
    }
  }
  if (facts.unique && c.taken(name, value)) return c.duplicate(name);
  return undefined;
}

/** The value a field shows when nothing was stored: the default, or an empty value of its type. */
export function emptyValue(facts: FacFieldFacts): unknown {
  if (facts.default !== undefined) return facts.default;
  if (facts.relation) return facts.relation.many ? [] : null;
  switch (facts.type) {
    case 'string':
      return '';
    case 'boolean':
      return false;
    case 'list':
      return [];
    case 'object':
      return {};
    default:
      return null;
  }
}
