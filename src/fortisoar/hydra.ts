/** Pages of FortiSOAR's two list envelopes: hydra collections and the integration service's. */
import { ProtocolError, ValidationError } from '../core/errors.js';
import { isRecord } from '../core/guards.js';

/** One page of a list. */
export interface SoarPage<T> {
  items: T[];
  /** Items over every page (`hydra:totalItems` / `totalItems`). */
  totalItems: number;
  /** 1-based. */
  page: number;
  pageSize: number;
  /** True when the server names a next page. */
  hasNext: boolean;
}

/** A hydra collection (`hydra:member`, `hydra:totalItems`, `hydra:view` first/last/next) as a page. */
export function hydraPage<T>(data: unknown, page: number, pageSize: number, where: string): SoarPage<T> {
  if (!isRecord(data) || !Array.isArray(data['hydra:member']))
    throw notAList(where, 'a hydra collection (hydra:member)');
  const view = isRecord(data['hydra:view']) ? data['hydra:view'] : {};
  const next = view['hydra:next'] ?? data['hydra:nextPage'];
  const total =
    typeof data['hydra:totalItems'] === 'number' ? data['hydra:totalItems'] : data['hydra:member'].length;
  return {
    items: data['hydra:member'] as T[],
    totalItems: total,
    page,
    pageSize,
    hasNext: typeof next === 'string' && next !== '',
  };
}

/** The integration service's `{data, totalItems, itemsPerPage, nextPage}` as a page. */
export function integrationPage<T>(data: unknown, page: number, where: string): SoarPage<T> {
  if (!isRecord(data) || !Array.isArray(data.data))
    throw notAList(where, 'a list envelope (data, totalItems)');
  return {
    items: data.data as T[],
    totalItems: typeof data.totalItems === 'number' ? data.totalItems : data.data.length,
    page,
    pageSize: typeof data.itemsPerPage === 'number' ? data.itemsPerPage : data.data.length,
    hasNext: data.nextPage !== null && data.nextPage !== undefined && data.nextPage !== false,
  };
}

/**
 * Every item of a paged list, one page in memory at a time (plus the next one, fetched while the
 * current one is consumed).
 */
export async function* itemsOf<T>(pages: AsyncIterable<SoarPage<T>>): AsyncGenerator<T> {
  for await (const page of pages) for (const item of page.items) yield item;
}

/**
 * Pages from `fetch(page)` until one has no next page. While the caller works on a page, the next
 * one is already on its way: two pages in memory at most.
 */
export async function* pagesOf<T>(
  fetch: (page: number) => Promise<SoarPage<T>>,
  first = 1,
): AsyncGenerator<SoarPage<T>> {
  let pending: Promise<SoarPage<T>> | undefined = fetch(first);
  try {
    while (pending) {
      const current: SoarPage<T> = await pending;
      pending = current.hasNext && current.items.length > 0 ? fetch(current.page + 1) : undefined;
      yield current;
    }
  } finally {
    // The caller stopped early: the prefetched page is dropped, its failure too.
    pending?.catch(() => undefined);
  }
}

/** `pageSize` / `page` of list options, checked. */
export function checkPaging(
  options: { page?: number | undefined; pageSize?: number | undefined },
  fallback: number,
) {
  const page = options.page ?? 1;
  const pageSize = options.pageSize ?? fallback;
  if (!Number.isInteger(page) || page < 1)
    throw new ValidationError(`page must be an integer >= 1, got ${page}`, 'page');
  if (!Number.isInteger(pageSize) || pageSize < 1)
    throw new ValidationError(`pageSize must be an integer >= 1, got ${pageSize}`, 'pageSize');
  return { page, pageSize };
}

function notAList(where: string, what: string): ProtocolError {
  return new ProtocolError(`FortiSOAR ${where} did not answer ${what}`, {
    status: 200,
    contentType: 'application/json',
  });
}
