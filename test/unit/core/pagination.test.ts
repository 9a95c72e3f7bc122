import { describe, expect, it } from 'vitest';
import { paginate } from '../../../src/core/pagination.js';

describe('paginate', () => {
  const pages: Record<number, number[]> = { 0: [1, 2], 2: [3, 4], 4: [5] };
  const fetchPage = async (offset: number) => ({
    items: pages[offset]!,
    next: offset < 4 ? offset + 2 : undefined,
  });

  it('yields every item of every page, in order, and stops at the last page', async () => {
    const items: number[] = [];
    for await (const item of paginate(0, fetchPage)) items.push(item);
    expect(items).toEqual([1, 2, 3, 4, 5]);
  });

  it('fetches a page only when the previous one is consumed', async () => {
    const fetched: number[] = [];
    const iterator = paginate(0, async (offset: number) => {
      fetched.push(offset);
      return fetchPage(offset);
    });
    expect((await iterator.next()).value).toBe(1);
    expect((await iterator.next()).value).toBe(2);
    expect(fetched).toEqual([0]);
    await iterator.next();
    expect(fetched).toEqual([0, 2]);
    await iterator.return(undefined);
    expect(fetched).toEqual([0, 2]);
  });

  it('starts from an undefined cursor when the first page needs none', async () => {
    const seen: Array<string | undefined> = [];
    const items: string[] = [];
    const pagesByCursor = async (cursor: string | undefined) => {
      seen.push(cursor);
      return cursor === undefined ? { items: ['a'], next: 'c2' } : { items: ['b'], next: undefined };
    };
    for await (const item of paginate(undefined, pagesByCursor)) items.push(item);
    expect(items).toEqual(['a', 'b']);
    expect(seen).toEqual([undefined, 'c2']);
  });

  it('passes the signal to fetchPage and stops once it aborts', async () => {
    const controller = new AbortController();
    const signals: Array<AbortSignal | undefined> = [];
    const items: number[] = [];
    const run = async () => {
      for await (const item of paginate(
        0,
        async (offset: number, signal) => {
          signals.push(signal);
          return fetchPage(offset);
        },
        controller.signal,
      )) {
        items.push(item);
        if (item === 2) controller.abort();
      }
    };
    await expect(run()).rejects.toMatchObject({ kind: 'abort' });
    expect(items).toEqual([1, 2]);
    expect(signals).toEqual([controller.signal]);
  });
});
