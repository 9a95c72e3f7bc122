/**
 * Checks request `data` against the facts (and the overrides). Lenient where FortiManager is:
 * `null` clears a value, a list attribute takes a single item, a string attribute that references
 * other objects may carry a list of names (seed 003: `"country": []`), enum attributes take their
 * numeric value (seed 001: `"protocol": 1`), and plain strings and integers take either JSON form
 * (`80` / `"80"`). `raw` attributes are not checked.
 */
import { acceptsShape, EXTRA_SUB_ATTRIBUTES, shapeOverrideAt, type WireShape } from './overrides.js';
import { type FmgMethod, META_KEYS, methodsFor, needsRequired, requiredAttributes } from './rules.js';
import type { FmgAttributeFacts, FmgObjectFacts, VersionRange } from './schema.js';
import { formatRanges, inRanges } from './versions.js';

export type ValidationCode =
  | 'method'
  | 'unknown-attribute'
  | 'invalid-choice'
  | 'wrong-type'
  | 'missing-required'
  | 'version';

export interface ValidationIssue {
  readonly code: ValidationCode;
  /** Where in `data`: `''` for the request itself, `'subnet'`, `'[1].dynamic_mapping[0]._scope'`. */
  readonly path: string;
  readonly message: string;
}

export interface ValidateOptions {
  /** FortiManager version to check attribute ranges against (e.g. from `/sys/status`). */
  readonly version?: string;
}

interface Walk {
  readonly object: FmgObjectFacts;
  readonly version: string | undefined;
  readonly issues: ValidationIssue[];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const join = (path: string, key: string): string => (path === '' ? key : `${path}.${key}`);

/** Validates `data` for `method` on a URL of `object` (`item`: the URL is a keyed item URL). */
export function validateData(
  object: FmgObjectFacts,
  item: boolean,
  method: string,
  data: unknown,
  options: ValidateOptions = {},
): ValidationIssue[] {
  const walk: Walk = { object, version: options.version, issues: [] };
  const methods: readonly string[] = methodsFor(object, item);
  if (!methods.includes(method)) {
    walk.issues.push({
      code: 'method',
      path: '',
      message: `${method} does not apply to ${item ? 'item URLs of ' : ''}${object.name} (allowed: ${methods.join(', ')})`,
    });
    return walk.issues;
  }
  if (walk.version !== undefined && object.vRange !== null && !inRanges(walk.version, object.vRange)) {
    walk.issues.push({
      code: 'version',
      path: '',
      message: `${object.name} exists in FortiManager ${formatRanges(object.vRange)}, not in ${walk.version}`,
    });
  }
  if (data === undefined || data === null) return walk.issues;
  const required = needsRequired(item, method as FmgMethod) ? requiredAttributes(object) : NONE;
  if (!Array.isArray(data)) checkItem(walk, method, required, data, '');
  else for (let i = 0; i < data.length; i++) checkItem(walk, method, required, data[i], `[${i}]`);
  return walk.issues;
}

const NONE: readonly string[] = [];

/** One row of a write's data (`path`: where it is in `data`, `''` for data that is one row). */
function checkItem(
  walk: Walk,
  method: string,
  required: readonly string[],
  row: unknown,
  path: string,
): void {
  const { object } = walk;
  if (!isRecord(row)) {
    walk.issues.push({ code: 'wrong-type', path, message: `${path || 'data'} must be an object` });
    return;
  }
  for (const name of required) {
    if (row[name] === undefined || row[name] === null) {
      walk.issues.push({
        code: 'missing-required',
        path: join(path, name),
        message: `${name} is required to ${method} a ${object.name} row`,
      });
    }
  }
  if (!isEmpty(object.attributes)) checkRow(walk, object.attributes, NO_EXTRAS, row, path, '', object.vRange);
}

const NO_EXTRAS: Readonly<Record<string, WireShape>> = {};

/** True for an object without keys (an address has ~100 attributes: not listed to find out). */
function isEmpty(record: object): boolean {
  for (const _ in record) return false;
  return true;
}

function checkRow(
  walk: Walk,
  attrs: Readonly<Record<string, FmgAttributeFacts>>,
  extras: Readonly<Record<string, WireShape>>,
  row: Record<string, unknown>,
  path: string,
  attrPath: string,
  inherited: readonly VersionRange[] | null,
): void {
  // Runs for every attribute of every row written (the simulator checks each one): no per-key
  // arrays, and the attribute's dotted path built once.
  for (const key of Object.keys(row)) {
    const value = row[key];
    const here = join(path, key);
    if (META_KEYS.includes(key)) {
      if (key === 'unset attrs') checkUnsetAttrs(walk, attrs, value, here);
      continue;
    }
    const extra = extras[key];
    if (extra !== undefined) {
      if (!acceptsShape(extra, value)) wrongType(walk, here, extra);
      continue;
    }
    const attr = attrs[key];
    if (attr === undefined) {
      walk.issues.push({
        code: 'unknown-attribute',
        path: here,
        message: `${walk.object.name} has no attribute ${key}`,
      });
      continue;
    }
    const range = attr.vRange ?? inherited;
    if (walk.version !== undefined && range !== null && !inRanges(walk.version, range)) {
      walk.issues.push({
        code: 'version',
        path: here,
        message: `${key} exists in FortiManager ${formatRanges(range)}, not in ${walk.version}`,
      });
    }
    const dotted = join(attrPath, key);
    const override = shapeOverrideAt(walk.object.name, dotted);
    if (override !== undefined) {
      if (!acceptsShape(override, value)) wrongType(walk, here, override);
      continue;
    }
    checkValue(walk, key, attr, value, here, dotted, range);
  }
}

function checkUnsetAttrs(
  walk: Walk,
  attrs: Readonly<Record<string, FmgAttributeFacts>>,
  value: unknown,
  path: string,
): void {
  if (!Array.isArray(value)) {
    wrongType(walk, path, 'list of attribute names');
    return;
  }
  for (const name of value) {
    if (typeof name !== 'string' || attrs[name] === undefined) {
      walk.issues.push({
        code: 'unknown-attribute',
        path,
        message: `cannot unset ${String(name)}: no such attribute`,
      });
    }
  }
}

function checkValue(
  walk: Walk,
  key: string,
  attr: FmgAttributeFacts,
  value: unknown,
  path: string,
  attrPath: string,
  range: readonly VersionRange[] | null,
): void {
  if (value === null || attr.type === 'raw') return;
  switch (attr.type) {
    case 'str':
    case 'int':
      for (const item of Array.isArray(value) && attr.type === 'str' ? value : [value]) {
        checkScalar(walk, attr.type, attr.choices, item, path);
      }
      return;
    case 'list': {
      const items = Array.isArray(value) ? value : [value];
      items.forEach((item, i) => {
        const at = Array.isArray(value) ? `${path}[${i}]` : path;
        if (attr.elements === 'dict') checkDict(walk, key, attr, item, at, attrPath, range);
        else checkScalar(walk, attr.elements === 'int' ? 'int' : 'str', attr.choices, item, at);
      });
      return;
    }
    case 'dict':
      checkDict(walk, key, attr, value, path, attrPath, range);
      return;
  }
}

function checkDict(
  walk: Walk,
  key: string,
  attr: FmgAttributeFacts,
  value: unknown,
  path: string,
  attrPath: string,
  range: readonly VersionRange[] | null,
): void {
  if (!isRecord(value)) {
    wrongType(walk, path, 'object');
    return;
  }
  if (attr.sub !== undefined)
    checkRow(walk, attr.sub, EXTRA_SUB_ATTRIBUTES[key] ?? NO_EXTRAS, value, path, attrPath, range);
}

function checkScalar(
  walk: Walk,
  type: 'str' | 'int',
  choices: readonly string[] | undefined,
  value: unknown,
  path: string,
): void {
  if (type === 'int') {
    if (!(typeof value === 'number' || (typeof value === 'string' && /^-?\d+$/.test(value)))) {
      wrongType(walk, path, 'integer');
    }
    return;
  }
  if (choices !== undefined && choices.length > 0) {
    if (typeof value === 'number' && Number.isInteger(value)) return;
    if (typeof value !== 'string' || !choices.includes(value)) {
      walk.issues.push({
        code: 'invalid-choice',
        path,
        message: `${JSON.stringify(value)} is not one of ${choices.map((c) => `'${c}'`).join(', ')}`,
      });
    }
    return;
  }
  if (typeof value !== 'string' && typeof value !== 'number') wrongType(walk, path, 'string');
}

function wrongType(walk: Walk, path: string, expected: string): void {
  walk.issues.push({
    code: 'wrong-type',
    path,
    message: `${path || 'data'} must be ${describeExpected(expected)}`,
  });
}

function describeExpected(expected: string): string {
  switch (expected) {
    case 'ip-mask':
      return "an address as [ip, mask], 'ip/len' or 'ip mask'";
    case 'string-or-list':
      return 'a string or a list of strings';
    case 'boolean':
      return 'true or false';
    default:
      return `a ${expected}`;
  }
}
