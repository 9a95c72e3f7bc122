/**
 * Per-item results of bulk writes. `bulkupsert` answers `{success: [records], failure: [strings]}`
 * where each failure is a string with the refusal and the item as JSON inside: the item is matched
 * back to its position in the request, so that every item is accounted for.
 */
import { isRecord } from '../core/guards.js';
import type { SoarRecord } from './types.js';

export type BulkItemResult<T> =
  | { readonly index: number | undefined; readonly ok: true; readonly record: T }
  | {
      readonly index: number | undefined;
      readonly ok: false;
      /** The item as sent (or as the server echoed it). */
      readonly input: unknown;
      /** The server's words. */
      readonly error: string;
      /** The failure string exactly as the server sent it. */
      readonly raw: string;
    };

export interface BulkResult<T> {
  /** One entry per item, in request order; `index` is undefined only when the reply does not say which item it is. */
  readonly items: BulkItemResult<T>[];
  readonly succeeded: number;
  readonly failed: number;
}

/** Reads one `bulkupsert` reply for the `inputs` it answers, positions counted from `offset`. */
export function bulkUpsertResults<T extends SoarRecord>(
  data: unknown,
  inputs: readonly unknown[],
  offset: number,
): BulkItemResult<T>[] {
  const success = isRecord(data) && Array.isArray(data.success) ? (data.success as T[]) : [];
  const failure = isRecord(data) && Array.isArray(data.failure) ? data.failure : [];
  const keys = inputs.map(canonical);
  const taken = new Set<number>();
  const failures = failure.map((entry) => {
    const raw = typeof entry === 'string' ? entry : JSON.stringify(entry);
    const parsed = embeddedJson(entry);
    const echoed = isRecord(parsed) && 'data' in parsed ? parsed.data : undefined;
    const key = echoed === undefined ? undefined : canonical(echoed);
    const index = key === undefined ? -1 : keys.findIndex((k, i) => !taken.has(i) && k === key);
    if (index >= 0) taken.add(index);
    const error = isRecord(parsed) && typeof parsed.message === 'string' ? parsed.message : raw;
    return { index: index >= 0 ? index : undefined, input: index >= 0 ? inputs[index] : echoed, error, raw };
  });
  // Successes come back in request order: they fill the positions no failure took.
  const free = inputs.map((_, i) => i).filter((i) => !taken.has(i));
  const exact = free.length === success.length;
  const results: BulkItemResult<T>[] = [
    ...success.map((record, i) => ({ index: exact ? free[i] : undefined, ok: true as const, record })),
    ...failures.map((f) => ({ ...f, ok: false as const })),
  ].map((r) => ({ ...r, index: r.index === undefined ? undefined : r.index + offset }));
  return results.sort((a, b) => (a.index ?? Number.MAX_SAFE_INTEGER) - (b.index ?? Number.MAX_SAFE_INTEGER));
}

/** Results of `insert` / `update`: `{results: [{status, uuid, @id, message}]}`, one per item in order. */
export function statusResults(data: unknown, inputs: readonly unknown[], offset: number) {
  const results = isRecord(data) && Array.isArray(data.results) ? data.results.filter(isRecord) : [];
  return inputs.map((input, i) => {
    const r = results[i] ?? {};
    const ok = String(r.status ?? '').toLowerCase() === 'success';
    return ok
      ? { index: i + offset, ok: true as const, iri: String(r['@id'] ?? ''), uuid: String(r.uuid ?? '') }
      : { index: i + offset, ok: false as const, input, error: String(r.message ?? 'Failed') };
  });
}

/** The JSON object inside a failure string (`Bad Request: {...}`), if any. */
function embeddedJson(entry: unknown): unknown {
  if (typeof entry !== 'string') return entry;
  const start = entry.indexOf('{');
  if (start < 0) return undefined;
  try {
    return JSON.parse(entry.slice(start));
  } catch {
    return undefined;
  }
}

/** JSON with object keys sorted, so that an echoed item compares equal to the one sent. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    isRecord(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, v[k]]),
        )
      : v,
  );
}
