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

/**
 * The rows of {@link tablePages}, one by one. A plain async iterator rather than an async generator:
 * a generator's `yield` costs several promise turns per row, which shows on a table of 200,000 rows;
 * here a row of the current page is one resolved promise. Behaves as the generator would: calls
 * overlapping a page fetch are answered in order, an error ends the rows, and `return`/`throw` (a
 * `break` out of `for await`) close the pages.
 */
export function tableRows(pages: AsyncGenerator<FmgRecord[]>): AsyncGenerator<FmgRecord> {
  return new TableRows(pages);
}

type Step = IteratorResult<FmgRecord, undefined>;
const DONE: Step = { value: undefined, done: true };

class TableRows implements AsyncGenerator<FmgRecord, undefined> {
  readonly #pages: AsyncGenerator<FmgRecord[]>;
  #page: readonly FmgRecord[] = [];
  #next = 0;
  #finished = false;
  /** The page fetch in flight: later calls wait for it, so that they are answered in order. */
  #fetching: Promise<unknown> | undefined;

  constructor(pages: AsyncGenerator<FmgRecord[]>) {
    this.#pages = pages;
  }

  next(): Promise<Step> {
    if (this.#fetching) return this.#after(() => this.next());
    if (this.#next < this.#page.length)
      return Promise.resolve({ value: this.#page[this.#next++]!, done: false });
    if (this.#finished) return Promise.resolve(DONE);
    const fetched = this.#pages.next().then(
      (result) => {
        this.#fetching = undefined;
        if (result.done) this.#finish();
        else [this.#page, this.#next] = [result.value, 0];
        return this.next();
      },
      (error: unknown) => {
        this.#fetching = undefined;
        this.#finish();
        throw error;
      },
    );
    this.#fetching = fetched;
    return fetched;
  }

  return(): Promise<Step> {
    return this.#after(async () => {
      this.#finish();
      await this.#pages.return(undefined);
      return DONE;
    });
  }

  throw(error: unknown): Promise<Step> {
    return this.#after(async () => {
      this.#finish();
      await this.#pages.return(undefined);
      throw error;
    });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.return();
  }

  #after(work: () => Promise<Step>): Promise<Step> {
    const fetching = this.#fetching;
    return fetching ? fetching.then(work, work) : work();
  }

  #finish(): void {
    this.#finished = true;
    this.#page = [];
  }
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
