/**
 * Bulk creates with per-item results, in input order. Where the appliance takes a list in one POST
 * (8.0.3 `localusers`, answering 207), items go in chunks; elsewhere one POST per item, a few at a
 * time. One item's failure never stops the others; a failed chunk fails each of its items.
 */
import { FortixError, ProtocolError, ValidationError } from '../core/errors.js';
import type { FacReply } from './caller.js';
import { itemOutcome } from './replies.js';
import type { FacItemResult } from './typing.js';

type Obj = Record<string, unknown>;

export interface BulkPlan {
  readonly concurrency: number;
  readonly chunkSize: number;
  /** POST lists (207 per item) instead of one object per POST. */
  readonly lists: boolean;
  readonly where: string;
  one(item: unknown): Promise<Obj>;
  chunk(items: readonly unknown[]): Promise<FacReply>;
}

export async function createMany(items: readonly unknown[], plan: BulkPlan): Promise<FacItemResult<Obj>[]> {
  const results: FacItemResult<Obj>[] = new Array(items.length);
  const fail = (index: number, error: unknown) => {
    if (!(error instanceof FortixError)) throw error;
    results[index] = { ok: false, index, error };
  };
  if (!plan.lists) {
    await pool(items.length, plan.concurrency, async (index) => {
      try {
        results[index] = { ok: true, index, object: await plan.one(items[index]) };
      } catch (error) {
        fail(index, error);
      }
    });
    return results;
  }
  const size = Math.max(1, plan.chunkSize);
  const chunks = Math.ceil(items.length / size);
  await pool(chunks, Math.min(Math.max(1, plan.concurrency), 4), async (c) => {
    const start = c * size;
    const chunk = items.slice(start, start + size);
    try {
      const reply = await plan.chunk(chunk);
      const list = reply.data;
      if (!Array.isArray(list) || list.length !== chunk.length) {
        throw new ProtocolError(
          `${plan.where} answered ${Array.isArray(list) ? list.length : 'no'} results for ${chunk.length} objects`,
          { status: reply.status },
        );
      }
      list.forEach((item, i) => {
        const outcome = itemOutcome(item, plan.where);
        const index = start + i;
        results[index] = outcome.ok
          ? { ok: true, index, object: outcome.object }
          : { ok: false, index, error: outcome.error };
      });
    } catch (error) {
      for (let i = 0; i < chunk.length; i++) fail(start + i, error);
    }
  });
  return results;
}

/** Runs `task(0..n-1)` with at most `limit` in flight. */
export async function pool(n: number, limit: number, task: (index: number) => Promise<void>): Promise<void> {
  if (!(Number.isSafeInteger(limit) && limit >= 1)) {
    throw new ValidationError('concurrency must be an integer >= 1', 'concurrency');
  }
  let next = 0;
  const worker = async () => {
    while (next < n) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), n) }, worker));
}
