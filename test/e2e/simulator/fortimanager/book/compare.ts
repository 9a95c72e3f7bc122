/**
 * The SHAPE comparison of a recorded FortiManager reply with the simulator's (the rules of the book
 * README): the same envelope keys, the same number of result entries with the same keys, the same
 * status code and message, the same data type (list, object, scalar or none), and the same key names
 * at every depth, with values compared only by kind (list, object, string, number, boolean; `null`
 * matches anything, since FortiManager answers `null` for empty values).
 *
 * Tolerances, each for a documented reason:
 * - a recorded object holding `"..."` was cut short by the book: its keys must be present, more may be;
 * - `cid` is a counter FortiManager 7.4+ adds to the envelope: required when recorded, allowed when not;
 * - `unset attrs` of a per-device mapping lists what the mapping leaves unset: a mapping that leaves
 *   nothing unset has none, so rows the simulator's own seed holds may lack it;
 * - a full row (no `fields` asked) may carry more catalogued attributes than the recording: the book
 *   mixes FortiManager 6.0 to 7.6, and the simulator answers every attribute its catalog knows.
 */
export type Json = Record<string, unknown>;

/** Per result entry: attribute names a full row may carry beyond the recorded ones (by data path). */
export type ExtraKeys = (entry: number, path: readonly string[]) => ReadonlySet<string> | undefined;

const ELLIPSIS = '...';
/** Keys a row has only when it has something to say in them (see above). */
const OPTIONAL = new Set(['unset attrs']);

export function replyDifferences(documented: Json, actual: Json, extraKeys: ExtraKeys): string[] {
  const problems: string[] = [];
  const envelopeExtras = new Set(['cid']);
  compareKeys('$', documented, actual, envelopeExtras, problems);
  if ('session' in documented && 'session' in actual && kind(documented.session) !== kind(actual.session))
    problems.push(`$.session: expected a ${kind(documented.session)}, got a ${kind(actual.session)}`);
  const want = Array.isArray(documented.result) ? (documented.result as Json[]) : [];
  const got = Array.isArray(actual.result) ? (actual.result as Json[]) : [];
  if (want.length !== got.length) {
    problems.push(`$.result: expected ${want.length} entries, got ${got.length}`);
    return problems;
  }
  want.forEach((entry, index) => {
    problems.push(...entryDifferences(entry, got[index] ?? {}, index, extraKeys));
  });
  return problems;
}

function entryDifferences(documented: Json, actual: Json, index: number, extraKeys: ExtraKeys): string[] {
  const where = `$.result[${index}]`;
  const problems: string[] = [];
  compareKeys(where, documented, actual, new Set(), problems);
  const wantStatus = documented.status as Json | undefined;
  const gotStatus = actual.status as Json | undefined;
  if (wantStatus?.code !== gotStatus?.code || wantStatus?.message !== gotStatus?.message) {
    problems.push(
      `${where}.status: expected ${JSON.stringify(wantStatus)}, got ${JSON.stringify(gotStatus)}`,
    );
  }
  if (!('data' in documented) || !('data' in actual)) return problems;
  const want = documented.data;
  const got = actual.data;
  if (kind(want) !== kind(got) && want !== null) {
    problems.push(`${where}.data: expected ${describe(want)}, got ${describe(got)}`);
    return problems;
  }
  if (Array.isArray(want) && Array.isArray(got)) {
    if (want.length === 0 && got.length > 0)
      problems.push(`${where}.data: expected no rows, got ${got.length}`);
    if (want.length > 0 && got.length === 0) problems.push(`${where}.data: expected rows, got none`);
  }
  shape(`${where}.data`, want, got, [], (path) => extraKeys(index, path), problems);
  return problems;
}

function shape(
  where: string,
  want: unknown,
  got: unknown,
  path: readonly string[],
  extras: (path: readonly string[]) => ReadonlySet<string> | undefined,
  problems: string[],
): void {
  if (want === null || got === null || want === undefined) return;
  if (kind(want) !== kind(got)) {
    problems.push(`${where}: expected ${describe(want)}, got ${describe(got)}`);
    return;
  }
  if (Array.isArray(want)) {
    const models = want.filter((item) => !isElision(item));
    if (models.length === 0) return;
    (got as unknown[]).forEach((item, i) => {
      const tries = models.map((model) => {
        const found: string[] = [];
        shape(`${where}[${i}]`, model, item, path, extras, found);
        return found;
      });
      if (!tries.some((found) => found.length === 0)) problems.push(...tries[0]!);
    });
    return;
  }
  if (typeof want === 'object') {
    const model = want as Json;
    const actual = got as Json;
    const allowed = ELLIPSIS in model ? 'any' : extras(path);
    compareKeys(where, model, actual, allowed ?? new Set(), problems);
    for (const key of Object.keys(model)) {
      if (key === ELLIPSIS || !(key in actual)) continue;
      shape(`${where}.${key}`, model[key], actual[key], [...path, key], extras, problems);
    }
  }
}

function compareKeys(
  where: string,
  want: Json,
  got: Json,
  allowedExtras: ReadonlySet<string> | 'any',
  problems: string[],
): void {
  const missing = Object.keys(want).filter((key) => key !== ELLIPSIS && !(key in got) && !OPTIONAL.has(key));
  if (missing.length > 0) problems.push(`${where}: missing ${missing.join(', ')}`);
  if (allowedExtras === 'any') return;
  const extra = Object.keys(got).filter((key) => !(key in want) && !allowedExtras.has(key));
  if (extra.length > 0) problems.push(`${where}: unexpected ${extra.join(', ')}`);
}

/** `"... LIST IS TOO LONG ..."`, `"<truncated>"`, `{"...": "..."}`: the book's elisions inside lists. */
function isElision(value: unknown): boolean {
  if (typeof value === 'string') return /^\.\.\./.test(value) || value === '<truncated>';
  return typeof value === 'object' && value !== null && Object.keys(value).join() === ELLIPSIS;
}

function kind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'list';
  return typeof value;
}

function describe(value: unknown): string {
  return value === undefined ? 'no data' : `a ${kind(value)}`;
}
