import { abortError } from '../core/clock.js';
import { ProtocolError } from '../core/errors.js';
import type { IterateOptions } from './call-options.js';
import { integerOf } from './checks.js';
import type { FmgRecord } from './types.js';

type FetchPage = (range: [offset: number, count: number], signal?: AbortSignal) => Promise<unknown>;

/**
 * Walks a table page by page with `range: [offset, pageSize]`, yielding each page; the next page is
 * requested only when the current one is consumed. A page shorter than `pageSize` is the last.
 * The options are checked at once (a ValidationError before anything is sent).
 */
export function tablePages(
  fetchPage: FetchPage,
  url: string,
  options: IterateOptions,
  signal?: AbortSignal,
): AsyncGenerator<FmgRecord[]> {
  const pageSize = integerOf(options.pageSize, 'pageSize', 1) ?? 1000;
  const start = integerOf(options.start, 'start', 0) ?? 0;
  return walk(fetchPage, url, pageSize, start, signal);
}

/** The rows of {@link tablePages}, one by one. */
export async function* tableRows(pages: AsyncGenerator<FmgRecord[]>): AsyncGenerator<FmgRecord> {
  for await (const page of pages) for (const row of page) yield row;
}

async function* walk(
  fetchPage: FetchPage,
  url: string,
  pageSize: number,
  start: number,
  signal: AbortSignal | undefined,
): AsyncGenerator<FmgRecord[]> {
  for (let offset = start; ; offset += pageSize) {
    if (signal?.aborted) throw abortError(signal);
    const page = rows(await fetchPage([offset, pageSize], signal), url);
    if (page.length > 0) yield page;
    if (page.length < pageSize) return;
  }
}

function rows(data: unknown, url: string): FmgRecord[] {
  if (data === undefined || data === null) return [];
  if (Array.isArray(data)) return data as FmgRecord[];
  throw new ProtocolError(`iterate ${url}: the URL names one object, not a table; use get`, {
    status: 200,
    contentType: 'application/json',
  });
}
