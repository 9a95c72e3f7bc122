/** `tableRows` (the rows of `iterate`) behaves as the async generator it replaces. */
import { describe, expect, it } from 'vitest';
import { tableRows } from '../../../src/fortimanager/iterate.js';
import type { FmgRecord } from '../../../src/fortimanager/types.js';

/** Pages of `sizes` rows (`{ n }` numbered across pages); `log` records fetches and the close. */
function pagesOf(sizes: number[], log: string[], failAt?: number): AsyncGenerator<FmgRecord[]> {
  return (async function* () {
    let n = 0;
    try {
      for (const [index, size] of sizes.entries()) {
        log.push(`fetch ${index}`);
        await new Promise((resolve) => setTimeout(resolve, 1));
        if (index === failAt) throw new Error(`page ${index} failed`);
        yield Array.from({ length: size }, () => ({ n: n++ }));
      }
    } finally {
      log.push('closed');
    }
  })();
}

const numbers = (steps: IteratorResult<FmgRecord>[]) =>
  steps.map((step) => (step.done ? 'done' : step.value.n));

describe('tableRows', () => {
  it('yields every row of every page in order, fetching a page only when the last one is used up', async () => {
    const log: string[] = [];
    const rows = tableRows(pagesOf([2, 2, 1], log));
    const seen: unknown[] = [];
    for await (const row of rows) {
      seen.push(row.n);
      if (row.n === 1) expect(log).toEqual(['fetch 0']);
    }
    expect(seen).toEqual([0, 1, 2, 3, 4]);
    expect(log).toEqual(['fetch 0', 'fetch 1', 'fetch 2', 'closed']);
    expect(await rows.next()).toEqual({ value: undefined, done: true });
  });

  it('answers calls that overlap a page fetch in order', async () => {
    const rows = tableRows(pagesOf([2, 2], []));
    const steps = await Promise.all(Array.from({ length: 6 }, () => rows.next()));
    expect(numbers(steps)).toEqual([0, 1, 2, 3, 'done', 'done']);
  });

  it('closes the pages when the loop breaks', async () => {
    const log: string[] = [];
    for await (const row of tableRows(pagesOf([2, 2], log))) if (row.n === 0) break;
    expect(log).toEqual(['fetch 0', 'closed']);
  });

  it('ends after a failed page: the error once, then done', async () => {
    const rows = tableRows(pagesOf([1, 1], [], 1));
    expect((await rows.next()).value).toEqual({ n: 0 });
    await expect(rows.next()).rejects.toThrow('page 1 failed');
    expect(await rows.next()).toEqual({ value: undefined, done: true });
  });

  it('throw() closes the pages and rejects with the error; return() closes them too', async () => {
    const log: string[] = [];
    const rows = tableRows(pagesOf([2, 2], log));
    await rows.next();
    await expect(rows.throw(new Error('stop'))).rejects.toThrow('stop');
    expect(log).toEqual(['fetch 0', 'closed']);
    expect(await rows.next()).toEqual({ value: undefined, done: true });

    const other: string[] = [];
    const again = tableRows(pagesOf([2], other));
    const pending = again.next();
    expect(await again.return(undefined)).toEqual({ value: undefined, done: true });
    expect((await pending).value).toEqual({ n: 0 });
    expect(other).toEqual(['fetch 0', 'closed']);
  });
});
