import { abortError } from './clock.js';

export interface Page<T, C> {
  items: T[];
  /** Cursor of the next page; undefined on the last page. */
  next: C | undefined;
}

/**
 * Async iterator over pages produced by fetchPage(cursor) until it returns next === undefined.
 * Memory is bounded by one page: the next page is only fetched once the current one is consumed.
 *
 * @example
 * for await (const user of paginate(0, async (offset) => {
 *   const page = await listUsers({ offset, limit: 100 });
 *   return { items: page.objects, next: page.objects.length === 100 ? offset + 100 : undefined };
 * })) console.log(user.username);
 */
export async function* paginate<T, C>(
  first: C,
  fetchPage: (cursor: C, signal?: AbortSignal) => Promise<Page<T, C>>,
  signal?: AbortSignal,
): AsyncGenerator<T> {
  let cursor = first;
  for (;;) {
    if (signal?.aborted) throw abortError(signal);
    const page: Page<T, C> = await fetchPage(cursor, signal);
    for (const item of page.items) yield item;
    if (page.next === undefined) return;
    cursor = page.next;
  }
}
