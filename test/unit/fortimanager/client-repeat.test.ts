import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FortiManager, FortiManagerOptions } from '../../../src/fortimanager/client.js';
import { toWireParams } from '../../../src/fortimanager/options.js';
import { each, type FakeRequest, fakeClient, OK, withLogin } from './fake-fmg.js';

// The full preparation of a call, counted: a call that repeats the one before it skips it.
vi.mock('../../../src/fortimanager/options.js', async (original) => {
  const actual = await original<typeof import('../../../src/fortimanager/options.js')>();
  return { ...actual, toWireParams: vi.fn(actual.toWireParams) };
});
const fullPreparations = vi.mocked(toWireParams);

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  fullPreparations.mockClear();
});

const echo = (request: FakeRequest) =>
  each(request, (p) => {
    const name = (p.data as { name?: unknown } | undefined)?.name;
    return name === 'dup'
      ? { status: { code: -2, message: 'Object already exists' } }
      : { status: OK, data: { name } };
  });

function setup(options: Partial<FortiManagerOptions> = {}) {
  return fakeClient(withLogin(echo), cleanups, { adom: 'root', ...options });
}

/** A client that prepares every call in full (a validator must see each), beside one that repeats. */
function pair(options: Partial<FortiManagerOptions> = {}) {
  const seen: string[] = [];
  return {
    repeating: setup(options),
    full: setup({ ...options, validate: ({ template }) => void seen.push(template) }),
    seen,
  };
}

const table = '/pm/config/adom/{adom}/obj/firewall/address';
const outcome = (r: PromiseSettledResult<unknown>) =>
  r.status === 'fulfilled' ? r.value : (r.reason as Error).constructor.name;

/** Calls that repeat each other, broken by every kind of call that must not be repeated. */
function mixedItems() {
  const hidden = { method: 'add', url: table, data: { name: 'dup' } };
  Object.defineProperty(hidden, 'okCodes', { value: [-2], enumerable: false });
  return [
    { method: 'add', url: table, data: { name: 'a0' } },
    { method: 'add', url: table, data: { name: 'a1' } },
    { method: 'add', url: table, data: { name: 'big', count: 1n } },
    { method: 'add', url: table, data: 'not an object' },
    { method: 'add', url: table, data: { name: 'dup' } },
    { method: 'add', url: table, data: { name: 'other-adom' }, params: { adom: 'dc' } },
    { method: 'add', url: table, data: { name: 'a4' } },
    { method: 'add', url: table, dta: { name: 'typo' } },
    { method: 'add', url: table, data: { name: 'a7' } },
    hidden,
    { method: 'add', url: table, data: { name: 'dup' }, okCodes: [-2] },
    { method: 'set', url: table, data: { name: 's10' } },
    { method: 'set', url: table, data: { name: 's11' } },
    { method: 'add', url: '/pm/config/adom/root/obj/firewall/address', data: { name: 'literal' } },
    { method: 'add', url: table, data: [{ name: 'list' }] },
    { method: 'add', url: table, data: { name: 'a14' }, unsetAttrs: ['comment'] },
    { method: 'add', url: table, data: { name: 'a15' } },
  ];
}

describe('calls that repeat the one before them', () => {
  it('a batch sends exactly what preparing every item in full sends, and gives the same results', async () => {
    const { repeating, full, seen } = pair();
    const items = mixedItems();
    const results = await repeating.fmg.batch(items as never, { chunkSize: 4 });
    const expected = await full.fmg.batch(items as never, { chunkSize: 4 });
    expect(results).toEqual(expected);
    expect(results.map((r) => (r.ok ? r.data : r.error.constructor.name))).toEqual([
      { name: 'a0' },
      { name: 'a1' },
      'ValidationError',
      'ValidationError',
      'ObjectExistsError',
      { name: 'other-adom' },
      { name: 'a4' },
      'ValidationError',
      { name: 'a7' },
      undefined,
      undefined,
      { name: 's10' },
      { name: 's11' },
      { name: 'literal' },
      {},
      { name: 'a14' },
      { name: 'a15' },
    ]);
    expect(repeating.fake.work().map((c) => c.body)).toEqual(full.fake.work().map((c) => c.body));
    expect(seen).toHaveLength(items.length - 2);
  });

  it('calls one by one, alone and coalesced, send what preparing each in full sends', async () => {
    for (const batch of [false, { maxSize: 3 }] as const) {
      const { repeating, full } = pair({ batch });
      const run = (fmg: FortiManager) =>
        Promise.allSettled(
          mixedItems().map((item) => {
            const { method, url, ...options } = item;
            // The rest leaves the hidden okCodes behind: the call's options carry it hidden too.
            const hidden = Object.getOwnPropertyDescriptor(item, 'okCodes');
            if (hidden && !hidden.enumerable) Object.defineProperty(options, 'okCodes', hidden);
            return (method === 'set' ? fmg.set : fmg.add).call(fmg, url as never, options as never);
          }),
        );
      const settled = await run(repeating.fmg);
      expect(settled.map(outcome)).toEqual((await run(full.fmg)).map(outcome));
      expect(settled.map(outcome).filter((o) => typeof o === 'string')).toEqual([
        'ValidationError',
        'ValidationError',
        'ObjectExistsError',
        'ValidationError',
      ]);
      expect(repeating.fake.work().map((c) => c.body)).toEqual(full.fake.work().map((c) => c.body));
    }
  });

  it('a bulk batch or burst prepares in full only the first item of each run (per chunk, for a batch)', async () => {
    const rows = Array.from({ length: 10 }, (_, i) => ({ name: `h${i}` }));
    const { fmg } = setup({ batch: { maxSize: 4 } });
    await fmg.batch(
      rows.map((data) => ({ method: 'add' as const, url: table, data })),
      { chunkSize: 5 },
    );
    // 0 (1 – 4 repeat it), 5 ends the first chunk, then 6 (7 – 9 repeat it).
    expect(fullPreparations).toHaveBeenCalledTimes(3);
    fullPreparations.mockClear();
    await Promise.all(rows.map((data) => fmg.add(table, { data })));
    expect(fullPreparations).toHaveBeenCalledTimes(1);
  });

  it('a validator sees every call: nothing is repeated then', async () => {
    const { full, seen } = pair();
    const rows = Array.from({ length: 6 }, (_, i) => ({ name: `h${i}` }));
    await full.fmg.batch(rows.map((data) => ({ method: 'add' as const, url: table, data })));
    for (const data of rows) await full.fmg.add(table, { data });
    expect(fullPreparations).toHaveBeenCalledTimes(12);
    expect(seen).toEqual(Array(12).fill(table));
  });

  it('an item whose data cannot be read fails alone, the repeats around it go', async () => {
    const { fake, fmg } = setup();
    const unreadable = {
      method: 'add' as const,
      url: table,
      get data(): { name: string } {
        throw new Error('cannot read data');
      },
    };
    const results = await fmg.batch([
      { method: 'add', url: table, data: { name: 'a0' } },
      unreadable,
      { method: 'add', url: table, data: { name: 'a2' } },
      { method: 'add', url: table, data: { name: 'a3' } },
    ]);
    expect(results.map((r) => (r.ok ? r.data : r.error.message))).toEqual([
      { name: 'a0' },
      'cannot read data',
      { name: 'a2' },
      { name: 'a3' },
    ]);
    expect(fake.work().map((c) => c.body.params.map((p) => (p.data as { name: string }).name))).toEqual([
      ['a0', 'a2', 'a3'],
    ]);
  });

  it('an item whose hidden option throws on its second read fails alone, not the batch', async () => {
    const { fmg } = setup();
    const flaky = { method: 'add' as const, url: table, data: { name: 'flaky' } };
    let reads = 0;
    Object.defineProperty(flaky, 'extraParams', {
      enumerable: false,
      get() {
        if (++reads > 1) throw new Error('read twice');
        return undefined;
      },
    });
    const results = await fmg.batch([flaky, { method: 'add', url: table, data: { name: 'a1' } }]);
    expect(results.map((r) => (r.ok ? r.data : r.error.message))).toEqual(['read twice', { name: 'a1' }]);
  });

  it("reads each item's data once", async () => {
    const { fmg } = setup();
    let reads = 0;
    const items = Array.from({ length: 5 }, (_, i) => ({
      method: 'add' as const,
      url: table,
      get data() {
        reads++;
        return { name: `g${i}` };
      },
    }));
    const results = await fmg.batch(items);
    expect(results.map((r) => r.ok && r.data)).toEqual(items.map((_, i) => ({ name: `g${i}` })));
    expect(reads).toBe(5);
  });
});
