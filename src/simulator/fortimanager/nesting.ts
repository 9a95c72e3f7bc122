/** How deep a param may nest (filters, `sub fetch`, data): far beyond any real request. */
export const MAX_NESTING = 64;

/**
 * Whether a JSON value nests more than `levels` deep. The recursion stops at `levels`, so a deep
 * value cannot overflow the stack, and it allocates nothing.
 */
export function deeperThan(value: unknown, levels: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (levels === 0) return true;
  if (Array.isArray(value)) {
    for (const item of value) if (deeperThan(item, levels - 1)) return true;
    return false;
  }
  const record = value as Record<string, unknown>;
  for (const key in record) if (deeperThan(record[key], levels - 1)) return true;
  return false;
}
