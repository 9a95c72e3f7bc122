/**
 * The log search iterator against an in-memory FortiAnalyzer: single-use ids, drifting totals, time
 * slicing, early exit, abort and errors, without any network.
 */
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/core/clock.js';
import { TransportError } from '../../../src/core/errors.js';
import { SearchExpiredError } from '../../../src/fortianalyzer/errors.js';
import { type LogRow, LogSearch, type LogSearchWire } from '../../../src/fortianalyzer/log-search.js';
import type { TaskCapabilities, TaskId, TaskPage } from '../../../src/fortianalyzer/paged-task.js';

interface FakeOptions {
  /** Rows per second over [0, seconds). */
  perSecond?: number;
  seconds?: number;
  singleUse?: boolean;
  progress?: boolean;
  /** Simulated ms a search takes. */
  scanMs?: number;
  /** Called before every search starts (to add rows while paging). */
  beforeStart?: (fake: FakeFaz) => void;
  failAtStart?: number;
}

/** An in-memory FortiAnalyzer: rows have `id` and `t` (seconds); searches are newest first. */
class FakeFaz {
  rows: LogRow[] = [];
  readonly live = new Map<TaskId, { start: number; end: number; at: number; fetched: number }>();
  readonly cancelled: TaskId[] = [];
  starts = 0;
  #next = 1;
  constructor(
    readonly clock: VirtualClock,
    readonly options: FakeOptions = {},
  ) {
    const perSecond = options.perSecond ?? 10;
    for (let t = 0; t < (options.seconds ?? 100); t++) {
      for (let k = 0; k < perSecond; k++) this.rows.push({ id: `${t}-${k}`, t });
    }
  }

  add(row: LogRow): void {
    this.rows.push(row);
  }

  wire(): LogSearchWire {
    return {
      forSlice: (start, end) => ({
        start: async () => {
          this.starts++;
          if (this.options.failAtStart === this.starts) throw new Error('boom');
          this.options.beforeStart?.(this);
          const tid = this.#next++;
          this.live.set(tid, { start, end, at: this.clock.now(), fetched: 0 });
          return tid;
        },
        ...(this.options.progress === false
          ? {}
          : {
              progress: async (tid: TaskId) => this.#percent(this.#task(tid)),
            }),
        fetch: async (tid, offset, limit): Promise<TaskPage<LogRow>> => {
          const task = this.#task(tid);
          const percentage = this.#percent(task);
          if (percentage < 100) return { rows: [], total: 0, percentage };
          const matching = this.rows
            .filter((r) => (r.t as number) >= task.start && (r.t as number) <= task.end)
            .sort((a, b) => (b.t as number) - (a.t as number) || String(b.id).localeCompare(String(a.id)));
          task.fetched++;
          if (this.options.singleUse !== false) this.live.delete(tid);
          return { rows: matching.slice(offset, offset + limit), total: matching.length, percentage };
        },
        cancel: async (tid) => this.cancel(tid),
      }),
      cancel: async (tid) => this.cancel(tid),
    };
  }

  cancel(tid: TaskId): void {
    this.cancelled.push(tid);
    if (!this.live.delete(tid)) throw expired();
  }

  #task(tid: TaskId) {
    const task = this.live.get(tid);
    if (!task) throw expired();
    return task;
  }

  #percent(task: { at: number }): number {
    const scan = this.options.scanMs ?? 0;
    return scan === 0 ? 100 : Math.min(100, Math.floor(((this.clock.now() - task.at) * 100) / scan));
  }
}

function expired() {
  return new SearchExpiredError('expired', { code: -32602, message: 'Invalid tid', method: 'get', url: 'x' });
}

function search(
  fake: FakeFaz,
  plan: Partial<ConstructorParameters<typeof LogSearch>[1]> = {},
  caps?: TaskCapabilities,
) {
  return new LogSearch(
    fake.wire(),
    {
      startSec: 0,
      endSec: (fake.options.seconds ?? 100) - 1,
      order: 'desc',
      pageSize: 100,
      sliceRows: 100_000,
      maxPasses: 3,
      maxRows: undefined,
      clock: fake.clock,
      signal: undefined,
      poll: { pollMs: 50 },
      onProgress: undefined,
      ...plan,
    },
    caps ?? { progress: undefined, reuse: undefined },
  );
}

describe('log search iterator', () => {
  it('reads every row once, newest first, one search per page on single-use ids', async () => {
    const fake = new FakeFaz(new VirtualClock());
    const s = search(fake);
    const rows = await s.all();
    expect(rows).toHaveLength(1000);
    expect(new Set(rows.map((r) => r.id)).size).toBe(1000);
    expect(rows[0]!.t).toBe(99);
    expect(rows.at(-1)!.t).toBe(0);
    expect(s.summary).toMatchObject({
      rows: 1000,
      exact: true,
      truncated: false,
      slices: 1,
      searches: 10,
      repasses: 0,
    });
    expect(fake.live.size).toBe(0);
  });

  it('reuses a search id where the appliance serves several fetches, and cancels it at the end', async () => {
    const fake = new FakeFaz(new VirtualClock(), { singleUse: false });
    const s = search(fake);
    expect(await s.all()).toHaveLength(1000);
    expect(s.summary!.searches).toBe(1);
    expect(fake.live.size).toBe(0);
    expect(fake.cancelled).toEqual([1]);
  });

  it('polls progress while the scan runs, and polls the fetch where progress is not offered', async () => {
    const clock = new VirtualClock();
    const percents: number[] = [];
    const fake = new FakeFaz(clock, { scanMs: 400, seconds: 2 });
    const rows = await search(fake, { onProgress: (p) => percents.push(p.scanPercent) }).all();
    expect(rows).toHaveLength(20);
    expect(percents[0]).toBe(0);
    expect(percents).toContain(100);
    const caps: TaskCapabilities = { progress: undefined, reuse: undefined };
    const noCount = new FakeFaz(new VirtualClock(), {
      scanMs: 400,
      seconds: 2,
      progress: false,
      singleUse: false,
    });
    expect(await search(noCount, {}, caps).all()).toHaveLength(20);
    expect(caps.progress).toBeUndefined();
  });

  it('cancels the search fetched ahead when the loop exits early', async () => {
    const fake = new FakeFaz(new VirtualClock(), { scanMs: 1000 });
    const s = search(fake);
    let n = 0;
    for await (const _row of s) if (++n === 150) break;
    expect(n).toBe(150);
    expect(fake.live.size).toBe(0);
    expect(fake.cancelled.length).toBeGreaterThan(0);
    expect(s.summary!.rows).toBe(200);
  });

  it('cancels and rethrows on abort, also while waiting', async () => {
    const clock = new VirtualClock();
    const fake = new FakeFaz(clock, { scanMs: 60_000 });
    const controller = new AbortController();
    const s = search(fake, {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.scanPercent > 10) controller.abort();
      },
    });
    await expect(s.all()).rejects.toSatisfy(
      (e: unknown) => e instanceof TransportError && e.kind === 'abort',
    );
    expect(fake.live.size).toBe(0);
    expect(fake.cancelled).toHaveLength(1);
  });

  it('cancels what is running when a later call fails', async () => {
    const fake = new FakeFaz(new VirtualClock(), { failAtStart: 3 });
    await expect(search(fake).all()).rejects.toThrow('boom');
    expect(fake.live.size).toBe(0);
  });

  it('slices a large window by time and keeps offsets within a slice', async () => {
    const fake = new FakeFaz(new VirtualClock(), { seconds: 100, perSecond: 10 });
    const s = search(fake, { sliceRows: 250 });
    const rows = await s.all();
    expect(rows).toHaveLength(1000);
    expect(new Set(rows.map((r) => r.id)).size).toBe(1000);
    for (let i = 1; i < rows.length; i++)
      expect(rows[i - 1]!.t as number).toBeGreaterThanOrEqual(rows[i]!.t as number);
    expect(s.summary).toMatchObject({ exact: true, slices: 4 });
  });

  it('reads a slice again when rows arrive while paging, and delivers each row once', async () => {
    let added = 0;
    const fake = new FakeFaz(new VirtualClock(), {
      beforeStart: (f) => {
        if (f.starts >= 3 && added < 5) f.add({ id: `late-${added++}`, t: 95 });
      },
    });
    const s = search(fake);
    const rows = await s.all();
    const ids = rows.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => String(id).startsWith('late-'))).toHaveLength(5);
    expect(rows).toHaveLength(1005);
    expect(s.summary).toMatchObject({ exact: true, repasses: 1 });
  });

  it('says the result is not exact when totals never settle', async () => {
    let n = 0;
    const fake = new FakeFaz(new VirtualClock(), { beforeStart: (f) => f.add({ id: `new-${n++}`, t: 50 }) });
    const s = search(fake, { maxPasses: 2 });
    const rows = await s.all();
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    expect(s.summary!.exact).toBe(false);
    expect(s.summary!.notes.join()).toMatch(/totals kept changing/);
  });

  it('stops at maxRows and reports the truncation', async () => {
    const fake = new FakeFaz(new VirtualClock());
    const s = search(fake, { maxRows: 150 });
    expect(await s.all()).toHaveLength(150);
    expect(s.summary).toMatchObject({ truncated: true, exact: false, rows: 150 });
    expect(fake.live.size).toBe(0);
  });
});
