/**
 * Valid (and deliberately invalid) write data generated from the catalog facts, for the simulator's
 * catalog tests. Deterministic for a given random source.
 */
import type {
  FmgAttributeFacts,
  FmgFacts,
  FmgObjectFacts,
} from '../../../../src/fortimanager/catalog/facts.js';
import { shapeOverrideAt } from '../../../../src/fortimanager/catalog/overrides.js';
import { isPathParam, META_KEYS } from '../../../../src/fortimanager/catalog/rules.js';
import type { Json } from './helpers.js';

/** URL placeholders the seeded simulator has values for (a managed device with a VDOM, a package). */
const KNOWN_PARAMS: Readonly<Record<string, string>> = {
  adom: 'root',
  device: 'FGT1',
  vdom: 'root',
  pkg: 'default',
};

/** Tables whose rows the seeded simulator already has (the values of KNOWN_PARAMS). */
const SEEDED_TABLES: ReadonlySet<string> = new Set(['dvmdb_adom', 'dvmdb_device']);

const SCOPE = [{ name: 'FGT1', vdom: 'root' }];

/** A row that must exist before a URL below it can be written (a parent table's row). */
export interface ParentRow {
  readonly url: string;
  readonly data: Json;
}

export interface TableCase {
  readonly object: FmgObjectFacts;
  /** Collection URL with every placeholder filled. */
  readonly url: string;
  /** Parent rows, outermost first. */
  readonly parents: readonly ParentRow[];
  /** Valid data for `add`, with the key unless FortiManager numbers the rows itself. */
  readonly row: Json;
  /** What a `get` of the new row (verbose) must contain. */
  readonly expected: Json;
  /** A valid `update` of one attribute, and what is read back after it. */
  readonly change: { readonly data: Json; readonly expected: Json };
}

interface Generated {
  readonly value: unknown;
  readonly expected: unknown;
}

/** Random integer in [0, n). */
const pick = (random: () => number, n: number): number => Math.floor(random() * n);

/** Shuffled copy (Fisher-Yates), deterministic for `random`. */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = pick(random, i + 1);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

/** An object name as FortiManager reads it inside a url: `\` and `/` escaped with a backslash. */
export function escapeName(name: string): string {
  return name.replaceAll('\\', '\\\\').replaceAll('/', '\\/');
}

/** Templates of collection URLs the simulator can address with plain one-segment placeholders. */
export function plainUrls(object: FmgObjectFacts): string[] {
  return object.urls.filter((url) => ![...url.matchAll(/\{([^}]+)\}/g)].some((m) => isPathParam(m[1] ?? '')));
}

/** The key attribute and value of a new row: undefined when FortiManager numbers rows itself. */
export function keyOf(object: FmgObjectFacts, n: number): { data: Json; segment: string } | undefined {
  if (object.mkeyExpr !== undefined || (object.mkey === null && '_scope' in object.attributes)) {
    return { data: { _scope: SCOPE }, segment: 'FGT1/root' };
  }
  // Without an mkey in the facts, the simulator keys rows by the first of these it finds.
  const mkey =
    object.mkey ?? ['name', 'id', 'seq-num', 'seq'].find((name) => name in object.attributes) ?? null;
  const attr = mkey === null ? undefined : object.attributes[mkey];
  if (mkey === null || attr === undefined) return undefined;
  if (attr.type === 'int') return { data: { [mkey]: 100 + n }, segment: String(100 + n) };
  if (attr.type === 'list') return { data: { [mkey]: [`k${n}`] }, segment: `k${n}` };
  return { data: { [mkey]: `k${n}` }, segment: `k${n}` };
}

/**
 * A generated value of an attribute and how `get` answers it; undefined for attributes with no
 * value we can predict (raw, dict, sub-tables, secrets, which are never answered).
 */
export function valueFor(
  objectName: string,
  name: string,
  attr: FmgAttributeFacts,
  variant: number,
): Generated | undefined {
  if (attr.sensitive === true) return undefined;
  const shape = shapeOverrideAt(objectName, name);
  if (shape === 'ip-mask') {
    const ip = `10.0.${variant}.1`;
    return { value: `${ip}/32`, expected: [ip, '255.255.255.255'] };
  }
  if (shape !== undefined) return undefined;
  const choice = (choices: readonly string[]) => choices[variant % choices.length] as string;
  switch (attr.type) {
    case 'str': {
      const value = attr.choices === undefined ? `v${variant}-${name}` : choice(attr.choices);
      return { value, expected: value };
    }
    case 'int':
      return { value: variant + 1, expected: variant + 1 };
    case 'list': {
      if (attr.elements === 'dict' || attr.sub !== undefined) return undefined;
      const item =
        attr.choices !== undefined ? choice(attr.choices) : attr.elements === 'int' ? variant : `i${variant}`;
      return { value: [item], expected: [item] };
    }
    default:
      return undefined;
  }
}

/**
 * A create/update case for one table: parents to create, a valid row with up to `width` attributes,
 * and a change of one attribute (the last enum choice instead of the first, another string, ...).
 */
export function tableCase(
  facts: FmgFacts,
  object: FmgObjectFacts,
  template: string,
  n: number,
  random: () => number,
  width = 6,
): TableCase | undefined {
  const filled = fillTemplate(facts, template, n);
  if (filled === undefined) return undefined;
  const { url, parents } = filled;
  const key = keyOf(object, n);
  const keyNames = new Set([...Object.keys(key?.data ?? {}), ...META_KEYS]);
  const candidates = shuffled(Object.keys(object.attributes), random).filter((name) => !keyNames.has(name));
  const row: Json = { ...key?.data };
  const expected: Json = {};
  let change: TableCase['change'] | undefined;
  for (const name of candidates) {
    const attr = object.attributes[name] as FmgAttributeFacts;
    const generated = valueFor(object.name, name, attr, 0);
    if (generated === undefined) continue;
    if (Object.keys(expected).length < width) {
      row[name] = generated.value;
      expected[name] = generated.expected;
    }
    if (change === undefined) {
      const other = valueFor(object.name, name, attr, 1 + pick(random, 7));
      if (other !== undefined)
        change = { data: { [name]: other.value }, expected: { [name]: other.expected } };
    }
    if (Object.keys(expected).length >= width && change !== undefined) break;
  }
  return { object, url, parents, row, expected, change: change ?? { data: {}, expected: {} } };
}

/**
 * Fills a template: known placeholders from the seeded data, others with made-up keys. A made-up key
 * that names a row of a parent table (`.../profile/{profile}/...`) becomes a parent row to create.
 * Undefined when a parent table numbers its rows itself (its key cannot be chosen in advance).
 */
export function fillTemplate(
  facts: FmgFacts,
  template: string,
  n: number,
): { url: string; parents: ParentRow[] } | undefined {
  const segments = template.split('/');
  const filled: string[] = [];
  const parents: ParentRow[] = [];
  for (const [i, segment] of segments.entries()) {
    const param = /^\{(.+)\}$/.exec(segment)?.[1];
    if (param === undefined) {
      filled.push(segment);
      continue;
    }
    // A system template's content lives in the template, which is a row of its own table.
    if (param === 'devprof') {
      const adom = filled[filled.indexOf('adom') + 1] ?? 'root';
      parents.push({ url: `/pm/devprof/adom/${adom}`, data: { name: `p${n}` } });
      filled.push(`p${n}`);
      continue;
    }
    // `{device}` names a managed device in `/dvmdb/device/{device}`, but a user device in
    // `/obj/user/device/{device}`: a parent table other than the seeded ADOMs/devices makes a row.
    const parent = facts.match(segments.slice(0, i).join('/'));
    const table = parent?.object.kind === 'table' && !parent.item && !SEEDED_TABLES.has(parent.object.name);
    if (!table) {
      filled.push(KNOWN_PARAMS[param] ?? `p${n}`);
      continue;
    }
    const parentKey = keyOf(parent!.object, n);
    if (parentKey === undefined) return undefined;
    parents.push({ url: filled.join('/'), data: parentKey.data });
    filled.push(escapeName(parentKey.segment));
  }
  return { url: filled.join('/'), parents };
}

/** An attribute of `object` with `choices` that a value can be refused for, if any. */
export function enumAttribute(object: FmgObjectFacts): string | undefined {
  return Object.keys(object.attributes)
    .sort()
    .find((name) => {
      const attr = object.attributes[name] as FmgAttributeFacts;
      return (
        attr.type === 'str' && attr.choices !== undefined && shapeOverrideAt(object.name, name) === undefined
      );
    });
}

/** The parent rows of `cases` as `add` params, one list per nesting level (send them in order). */
export function parentLevels(cases: readonly TableCase[]): Json[][] {
  const levels: Json[][] = [];
  for (const { parents } of cases) {
    parents.forEach((parent, level) => {
      levels[level] = [...(levels[level] ?? []), { url: parent.url, data: parent.data }];
    });
  }
  return levels;
}

/** Seeded choice of `count` distinct tables (one collection URL each) with valid data. */
export function chooseTables(facts: FmgFacts, count: number, random: () => number): TableCase[] {
  const cases: TableCase[] = [];
  for (const object of shuffled(
    facts.objects.filter((o) => o.kind === 'table'),
    random,
  )) {
    const urls = plainUrls(object);
    const template = urls[pick(random, urls.length)];
    const found =
      template === undefined ? undefined : tableCase(facts, object, template, cases.length, random);
    if (found !== undefined) cases.push(found);
    if (cases.length === count) break;
  }
  return cases;
}
