import { describe, expect, it } from 'vitest';
import { type BatchPlan, runBatch } from '../../../src/fortimanager/batch-run.js';
import { onlyData, repeatable, repeated } from '../../../src/fortimanager/repeat.js';
import type { PreparedCall, RpcReply, WireParams } from '../../../src/fortimanager/types.js';

const OK = { code: 0, message: 'OK' };

describe('onlyData', () => {
  it('is true for options with nothing but data (and, for a batch item, its method and url)', () => {
    expect(onlyData({ data: { name: 'a' } }, false)).toBe(true);
    expect(onlyData({ data: [{ name: 'a' }] }, false)).toBe(true);
    expect(onlyData({ method: 'add', url: '/x', data: { name: 'a' } }, true)).toBe(true);
    expect(onlyData({ method: 'add', url: '/x', data: { name: 'a' } }, false)).toBe(false);
  });

  it('is false for any other key, a typo included, and for what is not an options object', () => {
    expect(onlyData({ data: {}, okCodes: [-2] }, false)).toBe(false);
    expect(onlyData({ data: {}, params: { adom: 'x' } }, false)).toBe(false);
    expect(onlyData({ data: {}, unsetAttrs: ['comment'] }, false)).toBe(false);
    expect(onlyData({ dta: {} }, false)).toBe(false);
    expect(onlyData({ method: 'add', url: '/x', data: {}, verbose: false }, true)).toBe(false);
    for (const value of [undefined, null, 'data', 3, [{ data: {} }]])
      expect(onlyData(value, false)).toBe(false);
  });

  it('sees steering options the key walk does not: inherited, or not enumerable', () => {
    const hidden = { data: {} };
    Object.defineProperty(hidden, 'okCodes', { value: [-2], enumerable: false });
    expect(onlyData(hidden, false)).toBe(false);
    class Options {
      data = { name: 'a' };
      get timeoutMs() {
        return 5;
      }
    }
    expect(onlyData(new Options(), false)).toBe(false);
    expect(
      onlyData(Object.create({ params: { adom: 'x' } }, { data: { value: {}, enumerable: true } }), false),
    ).toBe(false);
  });

  it('does not read data (a getter is read once, where it is used)', () => {
    let reads = 0;
    const options = {
      get data() {
        reads++;
        return {};
      },
    };
    expect(onlyData(options, false)).toBe(true);
    expect(reads).toBe(0);
  });
});

describe('repeated', () => {
  it('builds the call the full path gives: the URL filled before, and { url, data } as its entry', () => {
    const first: PreparedCall = {
      method: 'add',
      url: '/pm/config/adom/root/obj/firewall/address',
      verbose: true,
      wire: { url: '/pm/config/adom/root/obj/firewall/address', data: { name: 'a' } },
      okCodes: undefined,
    };
    const before = repeatable('/pm/config/adom/{adom}/obj/firewall/address', first);
    expect(repeated(before, { name: 'b' })).toEqual({
      ...first,
      wire: { url: first.url, data: { name: 'b' } },
    });
  });
});

describe('runBatch with repeats', () => {
  const url = '/x/{adom}';
  const filled = '/x/root';
  /** Prepares like the client does for bare items, and records which items it saw. */
  function recording() {
    const seen: number[] = [];
    const prepare = (item: unknown): PreparedCall => {
      const i = item as { method: 'add' | 'set'; url: string; data: { n: number }; okCodes?: number[] };
      seen.push(i.data.n);
      const to = i.url.replace('{adom}', 'root');
      return {
        method: i.method,
        url: to,
        verbose: true,
        wire: { url: to, data: i.data },
        okCodes: i.okCodes,
      };
    };
    return { seen, prepare };
  }
  const sent: WireParams[][] = [];
  const send = async (_method: string, params: readonly WireParams[]): Promise<RpcReply> => {
    sent.push([...params]);
    return { id: sent.length, items: params.map(() => ({ status: OK, data: {} })), session: undefined };
  };
  const plan = (prepare: BatchPlan['prepare'], repeats: boolean): BatchPlan => ({
    prepare,
    send,
    chunkSize: 3,
    concurrency: 1,
    repeats,
  });
  const bare = (n: number, method: 'add' | 'set' = 'add') => ({ method, url, data: { n } });

  it('prepares only the first item of each run of repeats in a chunk, and sends what the full path would', async () => {
    const items = Array.from({ length: 7 }, (_, n) => bare(n));
    const repeating = recording();
    sent.length = 0;
    const results = await runBatch(items, plan(repeating.prepare, true));
    const withRepeats = sent.splice(0);
    const full = recording();
    const expected = await runBatch(items, plan(full.prepare, false));
    expect(withRepeats).toEqual(sent);
    expect(results).toEqual(expected);
    expect(full.seen).toEqual([0, 1, 2, 3, 4, 5, 6]);
    // Chunks of three: 0 (1, 2 repeat it), 3 ends the chunk and opens the next, 4 (5 repeats it), 6.
    expect(repeating.seen).toEqual([0, 3, 4, 6]);
    expect(withRepeats.map((chunk) => chunk.map((w) => w.url))).toEqual([
      [filled, filled, filled],
      [filled, filled, filled],
      [filled],
    ]);
  });

  it('an item with anything else, another method or another URL is prepared in full', async () => {
    const other = { method: 'add' as const, url: '/y', data: { n: 3 } };
    const items = [
      bare(0),
      bare(1),
      { ...bare(2), okCodes: [-2] },
      other,
      bare(4),
      // Repeats 4 but for its data: refused the full way.
      { method: 'add', url, data: 'not an object' },
      bare(6, 'set'),
    ];
    const repeating = recording();
    const prepare = (item: unknown) => {
      const i = item as { data: unknown };
      if (typeof i.data !== 'object') throw new TypeError('data must be an object');
      return repeating.prepare(item);
    };
    const results = await runBatch(items, { ...plan(prepare, true), chunkSize: 10 });
    expect(repeating.seen).toEqual([0, 2, 3, 4, 6]);
    expect(results.map((r) => r.ok)).toEqual([true, true, true, true, true, false, true]);
  });
});
