/** True for a non-null, non-array object: a JSON object as `JSON.parse` makes it. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
