/**
 * Log search tasks (`/logview/adom/{adom}/logsearch`): `add` starts a search and answers its `tid`;
 * the search scans its window over simulated time (`scanRowsPerSecond`); `get .../{tid}` answers
 * progress and, once complete, one page (`offset`/`limit`, at most 1,000 rows); `delete .../{tid}`
 * cancels it.
 *
 * Behaviours recorded against real appliances, reproduced per version profile:
 * - a search id serves a limited number of fetches (one on 7.4 and later): the completing fetch reaps
 *   it and the next one answers "Invalid tid", so paging means a new search per page;
 * - on 7.4/7.6 a fetch before the scan completes answers a partial page and reaps the id (clients
 *   must poll `logsearch/count/{tid}`, which 8.0 no longer answers); on 8.0 such a fetch answers the
 *   progress only;
 * - searches occupy a slot until reaped, cancelled or idle for `idleMs`: leaked ones exhaust the
 *   pool ("No available slot for searching");
 * - `total-count` is recounted by every search (it drifts while logs arrive) and under-reports for
 *   `limit: 1`; a completed fetch can come back empty although rows exist (armed from the control API).
 */
import type { Clock } from '../../../core/clock.js';
import type { SimAdom } from '../inventory.js';
import { FazCode, FazFailure, invalidParams } from '../status.js';
import { logsearchScope } from './devices.js';
import { indexRange, logTypeOf, numberParam, parseQuery } from './query.js';
import type { GeneratedRow } from './rows.js';
import { percentOf, type Scan, type ScanCache, scannedRows, VisibleMatches } from './scan.js';
import type { LogStore } from './store.js';

/** How a FortiAnalyzer version treats search ids. */
export interface SearchProfile {
  /** `logsearch/count/{tid}` answers progress (7.x); 8.0 answers an error. */
  readonly countEndpoint: boolean;
  /** A fetch before the scan completes answers a partial page and reaps the id (7.4, 7.6). */
  readonly partialFetchReaps: boolean;
  /** Completed fetches one search id serves before it is reaped. */
  readonly fetchesPerTid: number;
}

export interface SearchLimits {
  readonly scanRowsPerSecond: number;
  /** Concurrent searches per ADOM. */
  readonly maxSearches: number;
  /** A search nobody asked about for this long is dropped (simulated time). */
  readonly idleMs: number;
}

/** Rows a log search fetch may ask for. */
export const MAX_FETCH_ROWS = 1000;
const DEFAULT_LIMIT = 100;

interface SearchTask {
  readonly tid: number;
  readonly adom: string;
  readonly user: string;
  readonly scan: Scan | undefined;
  readonly lo: number;
  readonly hi: number;
  readonly startedMs: number;
  readonly desc: boolean;
  readonly offset: number;
  readonly limit: number;
  readonly zone: string;
  fetches: number;
  lastSeen: number;
  visible?: VisibleMatches;
}

export interface SearchContext {
  readonly clock: Clock;
  readonly store: LogStore;
  readonly scans: ScanCache;
  readonly systemZone: string;
  readonly profile: () => SearchProfile;
  readonly limits: () => SearchLimits;
}

export class LogSearches {
  readonly #ctx: SearchContext;
  readonly #tasks = new Map<number, SearchTask>();
  #nextTid = 31;
  /** Completed fetches still to answer with an empty page (a recorded appliance glitch). */
  emptyPages = 0;

  constructor(ctx: SearchContext) {
    this.#ctx = ctx;
  }

  /** Searches holding a slot. */
  get live(): number {
    this.#sweep();
    return this.#tasks.size;
  }

  start(adom: SimAdom, user: string, param: Readonly<Record<string, unknown>>): { tid: number } {
    this.#sweep();
    const logtype = logTypeOf(param.logtype);
    if (param.device === undefined) invalidParams("'device' is required");
    if (param['time-range'] === undefined) invalidParams("'time-range' is required");
    const scope = logsearchScope(adom, param.device);
    const limit = numberParam(param.limit, DEFAULT_LIMIT);
    if (limit < 1 || limit > MAX_FETCH_ROWS) invalidParams(`limit must be between 1 and ${MAX_FETCH_ROWS}`);
    const offset = Math.max(0, numberParam(param.offset, 0));
    const query = parseQuery(
      { store: this.#ctx.store, adom, systemZone: this.#ctx.systemZone },
      param,
      logtype,
      scope,
    );
    let slots = 0;
    for (const task of this.#tasks.values()) if (task.adom === adom.name) slots++;
    if (slots >= this.#ctx.limits().maxSearches) {
      throw new FazFailure(FazCode.serverError, 'No available slot for searching');
    }
    const now = this.#ctx.clock.now();
    const startSec = Math.floor(now / 1000);
    let scan: Scan | undefined;
    let lo = 0;
    let hi = 0;
    if (query.scan) {
      [lo, hi] = indexRange(query.scan.stream, query.window, startSec);
      scan = this.#ctx.scans.get(query.scan, lo, hi);
    }
    const tid = this.#nextTid++;
    this.#tasks.set(tid, {
      tid,
      adom: adom.name,
      user,
      scan,
      lo,
      hi,
      startedMs: now,
      desc: param['time-order'] !== 'asc',
      offset,
      limit,
      zone: query.scan?.zone ?? this.#ctx.systemZone,
      fetches: 0,
      lastSeen: now,
    });
    return { tid };
  }

  /** `get .../logsearch/{tid}`: progress, and one page once complete. */
  fetch(adom: SimAdom, tid: string, param: Readonly<Record<string, unknown>>): Record<string, unknown> {
    const task = this.#task(adom, tid);
    const offset = Math.max(0, numberParam(param.offset, task.offset));
    const limit = numberParam(param.limit, task.limit);
    if (limit < 1 || limit > MAX_FETCH_ROWS) invalidParams(`limit must be between 1 and ${MAX_FETCH_ROWS}`);
    const { scanned, total } = this.#progress(task);
    const percentage = percentOf(scanned, total);
    const profile = this.#ctx.profile();
    if (percentage < 100) {
      if (!profile.partialFetchReaps) {
        return {
          tid: task.tid,
          percentage,
          'return-lines': 0,
          'total-count': this.#matchedSoFar(task),
          data: [],
        };
      }
      this.#tasks.delete(task.tid);
      const partial = new VisibleMatches(task.scan!, task.scan!.countBelow(task.lo + scanned), []);
      return this.#page(task, partial, offset, limit, percentage);
    }
    task.visible ??= task.scan ? task.scan.visible(task.hi, Math.floor(task.startedMs / 1000)) : undefined;
    task.fetches++;
    if (task.fetches >= profile.fetchesPerTid) this.#tasks.delete(task.tid);
    if (this.emptyPages > 0) {
      this.emptyPages--;
      return {
        tid: task.tid,
        percentage: 100,
        'return-lines': 0,
        'total-count': task.visible?.count ?? 0,
        data: [],
      };
    }
    return this.#page(task, task.visible, offset, limit, 100);
  }

  /** `get .../logsearch/count/{tid}`: progress without reaping the id (7.x only). */
  count(adom: SimAdom, tid: string): Record<string, number> {
    if (!this.#ctx.profile().countEndpoint) throw new FazFailure(FazCode.invalidUrl);
    const task = this.#task(adom, tid);
    const { scanned, total } = this.#progress(task);
    return {
      'progress-percent': percentOf(scanned, total),
      'matched-logs': this.#matchedSoFar(task),
      'scanned-logs': scanned,
      'total-logs': total,
    };
  }

  /** `delete .../logsearch/{tid}`. */
  cancel(adom: SimAdom, tid: string): void {
    this.#tasks.delete(this.#task(adom, tid).tid);
  }

  /** `delete .../logsearch`: cancels every search of `user` in the ADOM. */
  cancelAll(adom: SimAdom, user: string): void {
    for (const task of [...this.#tasks.values()]) {
      if (task.adom === adom.name && task.user === user) this.#tasks.delete(task.tid);
    }
  }

  /** Drops every search (control API). */
  clear(): void {
    this.#tasks.clear();
  }

  #task(adom: SimAdom, tid: string): SearchTask {
    this.#sweep();
    const task = /^\d+$/.test(tid) ? this.#tasks.get(Number(tid)) : undefined;
    if (!task || task.adom !== adom.name) throw new FazFailure(FazCode.invalidParams, 'Invalid tid');
    task.lastSeen = this.#ctx.clock.now();
    return task;
  }

  #progress(task: SearchTask): { scanned: number; total: number } {
    const total = task.hi - task.lo;
    const rate = this.#ctx.limits().scanRowsPerSecond;
    const scanned = scannedRows(total, task.startedMs, this.#ctx.clock.now(), rate);
    task.scan?.advance(task.lo + scanned);
    return { scanned, total };
  }

  #matchedSoFar(task: SearchTask): number {
    if (!task.scan) return 0;
    const { scanned } = this.#progress(task);
    return task.scan.countBelow(task.lo + scanned);
  }

  #page(
    task: SearchTask,
    visible: VisibleMatches | undefined,
    offset: number,
    limit: number,
    percentage: number,
  ): Record<string, unknown> {
    const total = visible?.count ?? 0;
    const data: GeneratedRow[] = [];
    const stream = task.scan?.query.stream;
    for (let k = offset; visible && stream && k < Math.min(total, offset + limit); k++) {
      data.push(stream.row(visible.at(task.desc ? total - 1 - k : k), task.zone));
    }
    // A one-row search stops counting early (recorded: 44 reported for 4,000 rows).
    const reported = limit === 1 ? Math.min(total, offset + data.length + 43) : total;
    return { tid: task.tid, percentage, 'return-lines': data.length, 'total-count': reported, data };
  }

  #sweep(): void {
    const cutoff = this.#ctx.clock.now() - this.#ctx.limits().idleMs;
    for (const task of [...this.#tasks.values()]) if (task.lastSeen < cutoff) this.#tasks.delete(task.tid);
  }
}
