/**
 * The matching logs of a query, found by scanning a stream's index range once and remembered: a
 * client pages through a result by starting a new search per page (search ids are single-use), so
 * the same query is answered many times and must cost one scan, not one per page.
 *
 * A scan only grows: it is evaluated as far as the searches using it have progressed, and a later
 * search with a later window end extends it.
 */
import type { DeviceScope } from './devices.js';
import type { CompiledFilter } from './filter.js';
import { type LogStream, MAX_DELAY_S } from './stream.js';

export interface ScanQuery {
  readonly stream: LogStream;
  readonly scope: DeviceScope;
  readonly filter: CompiledFilter;
  /** The filter text and case flag, for the cache key. */
  readonly filterKey: string;
  readonly zone: string;
}

export class Scan {
  readonly query: ScanQuery;
  readonly lo: number;
  /** End (exclusive) of the index range scanned so far or to be scanned. */
  hi: number;
  /** Next index to evaluate. */
  #cursor: number;
  /** Matching indices, ascending; undefined while every log matches (no filter, all devices). */
  #matches: Uint32Array | undefined;
  #count = 0;

  constructor(query: ScanQuery, lo: number, hi: number) {
    this.query = query;
    this.lo = lo;
    this.hi = hi;
    this.#cursor = lo;
    const everything = query.scope.all && query.filter.fields.size === 0;
    this.#matches = everything ? undefined : new Uint32Array(1024);
  }

  /** Evaluates logs up to index `upTo` (exclusive, capped at `hi`). */
  advance(upTo: number): void {
    const end = Math.min(upTo, this.hi);
    if (end <= this.#cursor) return;
    if (!this.#matches) {
      this.#count += end - this.#cursor;
      this.#cursor = end;
      return;
    }
    const { stream, scope, filter, zone } = this.query;
    const needsRow = filter.fields.size > 0;
    for (let i = this.#cursor; i < end; i++) {
      if (!scope.all && !scope.matches(stream.source(i))) continue;
      if (needsRow && !filter.test(stream.row(i, zone))) continue;
      this.#push(i);
    }
    this.#cursor = end;
  }

  /** Index of the `k`-th match. */
  at(k: number): number {
    return this.#matches ? this.#matches[k]! : this.lo + k;
  }

  /** Matches with an index below `index` (among those evaluated). */
  countBelow(index: number): number {
    if (!this.#matches) return Math.max(0, Math.min(index, this.#cursor) - this.lo);
    let low = 0;
    let high = this.#count;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.#matches[mid]! < index) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /**
   * The matches a search started at `startSec` sees in `[lo, hi)`: those FortiAnalyzer had indexed
   * by then. Only logs of the last 30 minutes can still be missing, so only those are checked.
   */
  visible(hi: number, startSec: number): VisibleMatches {
    const count = this.countBelow(hi);
    const sure = Math.min(count, this.countBelow(this.query.stream.firstAtOrAfter(startSec - MAX_DELAY_S)));
    const tail: number[] = [];
    for (let k = sure; k < count; k++) {
      const index = this.at(k);
      if (this.query.stream.itime(index) <= startSec) tail.push(index);
    }
    return new VisibleMatches(this, sure, tail);
  }

  #push(index: number): void {
    let matches = this.#matches!;
    if (this.#count === matches.length) {
      const grown = new Uint32Array(matches.length * 2);
      grown.set(matches);
      this.#matches = matches = grown;
    }
    matches[this.#count++] = index;
  }
}

/** The indexed matches of one search, in time order. */
export class VisibleMatches {
  readonly #scan: Scan;
  readonly #sure: number;
  readonly #tail: readonly number[];

  constructor(scan: Scan, sure: number, tail: readonly number[]) {
    this.#scan = scan;
    this.#sure = sure;
    this.#tail = tail;
  }

  get count(): number {
    return this.#sure + this.#tail.length;
  }

  /** Index of the `k`-th visible match, oldest first. */
  at(k: number): number {
    return k < this.#sure ? this.#scan.at(k) : this.#tail[k - this.#sure]!;
  }
}

/** Scans by query, the most recently used kept (each holds at most 4 bytes per match). */
export class ScanCache {
  readonly #scans = new Map<string, Scan>();
  readonly #limit: number;

  constructor(limit = 64) {
    this.#limit = limit;
  }

  /** The scan of `query` over `[lo, hi)`, extended when an earlier one stopped short of `hi`. */
  get(query: ScanQuery, lo: number, hi: number): Scan {
    const key = `${query.stream.spec.adom.name}|${query.stream.spec.logtype}|${query.scope.key}|${query.filterKey}|${lo}`;
    let scan = this.#scans.get(key);
    if (scan) {
      this.#scans.delete(key);
      if (scan.hi < hi) scan.hi = hi;
    } else {
      scan = new Scan(query, lo, hi);
      if (this.#scans.size >= this.#limit) this.#scans.delete(this.#scans.keys().next().value!);
    }
    this.#scans.set(key, scan);
    return scan;
  }
}

/** Logs of a window of `total` a search started at `startedMs` has scanned by `nowMs`. */
export function scannedRows(total: number, startedMs: number, nowMs: number, rowsPerSecond: number): number {
  if (rowsPerSecond === Number.POSITIVE_INFINITY) return total;
  return Math.min(total, Math.floor((Math.max(0, nowMs - startedMs) * rowsPerSecond) / 1000));
}

/** Progress in percent (100 for an empty window). */
export function percentOf(scanned: number, total: number): number {
  return total === 0 ? 100 : Math.floor((100 * scanned) / total);
}
