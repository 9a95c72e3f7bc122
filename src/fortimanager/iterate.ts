import { ProtocolError, ValidationError } from '../core/errors.js';
import { paginate } from '../core/pagination.js';
import type { FmgRecord } from './typing.js';

export interface IterateOptions {
  /** Rows per request (default 1000). Memory holds at most one page. */
  pageSize?: number;
  /** Row to start at (default 0). */
  start?: number;
}

type FetchPage = (range: [offset: number, count: number], signal?: AbortSignal) => Promise<unknown>;

/**
 * Walks a table page by page with `range: [offset, pageSize]`, yielding row by row; the next page is
 * requested only when the current one is consumed. A page shorter than `pageSize` is the last.
 */
export function iterateTable(
  fetchPage: FetchPage,
  url: string,
  options: IterateOptions,
  signal?: AbortSignal,
): AsyncGenerator<FmgRecord> {
  const pageSize = options.pageSize ?? 1000;
  const start = options.start ?? 0;
  if (!Number.isInteger(pageSize) || pageSize < 1)
    throw new ValidationError('pageSize must be a positive integer', 'pageSize');
  if (!Number.isInteger(start) || start < 0)
    throw new ValidationError('start must be an integer >= 0', 'start');
  return paginate(
    start,
    async (offset: number, pageSignal) => {
      const data = await fetchPage([offset, pageSize], pageSignal);
      const items = rows(data, url);
      return { items, next: items.length < pageSize ? undefined : offset + pageSize };
    },
    signal,
  );
}

function rows(data: unknown, url: string): FmgRecord[] {
  if (data === undefined || data === null) return [];
  if (Array.isArray(data)) return data as FmgRecord[];
  throw new ProtocolError(`iterate ${url}: the URL names one object, not a table; use get`, {
    status: 200,
    contentType: 'application/json',
  });
}
