/**
 * Compares the SHAPE of a documented answer with a real one: the same keys in every object (minus
 * `ignoreKeys`), arrays where arrays are documented, and every element of an answered array shaped
 * like one of the documented elements. Primitive values are not compared (a documented `null` may be
 * answered with a value).
 */
export function shapeDifferences(
  documented: unknown,
  actual: unknown,
  ignoreKeys: readonly string[] = [],
  path = '$',
): string[] {
  if (documented === null || documented === undefined) return [];
  if (Array.isArray(documented)) {
    if (!Array.isArray(actual)) return [`${path}: expected an array, got ${describe(actual)}`];
    if (documented.length === 0) return [];
    if (actual.length === 0) return [`${path}: expected elements, got an empty array`];
    return actual.flatMap((element, index) => {
      const where = `${path}[${index}]`;
      const tries = documented.map((model) => shapeDifferences(model, element, ignoreKeys, where));
      return tries.some((problems) => problems.length === 0) ? [] : tries[0]!;
    });
  }
  if (typeof documented === 'object') {
    if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) {
      return [`${path}: expected an object, got ${describe(actual)}`];
    }
    const want = keysOf(documented, ignoreKeys);
    const got = keysOf(actual, ignoreKeys);
    const problems: string[] = [];
    const missing = want.filter((key) => !got.includes(key));
    const extra = got.filter((key) => !want.includes(key));
    if (missing.length > 0) problems.push(`${path}: missing keys ${missing.join(', ')}`);
    if (extra.length > 0) problems.push(`${path}: unexpected keys ${extra.join(', ')}`);
    for (const key of want) {
      if (got.includes(key)) {
        problems.push(
          ...shapeDifferences(
            (documented as Record<string, unknown>)[key],
            (actual as Record<string, unknown>)[key],
            ignoreKeys,
            `${path}.${key}`,
          ),
        );
      }
    }
    return problems;
  }
  if (actual !== null && typeof actual === 'object')
    return [`${path}: expected a value, got ${describe(actual)}`];
  return [];
}

function keysOf(value: object, ignoreKeys: readonly string[]): string[] {
  return Object.keys(value).filter((key) => !ignoreKeys.includes(key));
}

function describe(value: unknown): string {
  return Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value;
}
