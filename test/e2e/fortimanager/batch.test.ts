import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../src/core/errors.js';
import {
  type BatchItem,
  InvalidDataError,
  ObjectExistsError,
  ObjectNotFoundError,
} from '../../../src/fortimanager/index.js';
import { loginCounter, rpcMethod, useSimulator } from './harness.js';

const h = useSimulator();
const table = '/pm/config/adom/{adom}/obj/firewall/address';

describe('batch (multiplexed params) against the simulator', () => {
  it('returns one result per item; failures do not lose the others', async () => {
    const fmg = h.client({ adom: 'root' });
    await fmg.get('/sys/status'); // log in first, so the request count below is only the batch
    const before = h.sim.fortimanager.stats().requests;
    const results = await fmg.batch([
      { method: 'add', url: table, data: { name: 'b_one', subnet: '10.20.0.1/32' } },
      { method: 'add', url: table, data: { name: 'host_001', subnet: '10.20.0.2/32' } },
      // @ts-expect-error not a type of address: the simulator refuses it
      { method: 'add', url: table, data: { name: 'b_bad', type: 'bogus' } },
      // @ts-expect-error {name} is not given: the item fails before it is sent
      { method: 'add', url: `${table}/{name}`, data: { name: 'b_invalid' } },
      { method: 'add', url: table, data: { name: 'b_two', subnet: '10.20.0.3/32' } },
      { method: 'get', url: `${table}/{name}`, params: { name: 'b_one' }, fields: ['name'] },
      { method: 'get', url: `${table}/{name}`, params: { name: 'missing' } },
    ]);
    expect(results.map((r) => r.ok)).toEqual([true, false, false, false, true, true, false]);
    const [one, exists, bad, invalid, , got, missing] = results;
    expect(one).toEqual({
      ok: true,
      url: '/pm/config/adom/root/obj/firewall/address',
      data: { name: 'b_one' },
    });
    expect(!exists!.ok && exists!.error).toBeInstanceOf(ObjectExistsError);
    expect(!bad!.ok && bad!.error).toBeInstanceOf(InvalidDataError);
    expect(!invalid!.ok && invalid!.error).toBeInstanceOf(ValidationError);
    expect(got!.ok && got!.data).toMatchObject({ name: 'b_one' });
    expect(!missing!.ok && missing!.error).toBeInstanceOf(ObjectNotFoundError);
    // adds (4 valid) in one request, gets in another
    expect(h.sim.fortimanager.stats().requests - before).toBe(2);
    const created = await fmg.get(table, { filter: ['name', 'in', 'b_one', 'b_two'], fields: ['name'] });
    expect(created).toHaveLength(2);
  });

  it('sends up to `concurrency` chunks at once, every item still answered', async () => {
    const fmg = h.client({ adom: 'dc_amer' });
    await fmg.get('/sys/status');
    const items: BatchItem[] = Array.from({ length: 600 }, (_, i) => ({
      method: 'add',
      url: table,
      data: { name: `conc_${i}`, subnet: `10.22.${i >> 8}.${i & 255}/32` },
    }));
    // Every chunk waits 150 ms on the server: 6 chunks take >= 900 ms one after the other.
    h.sim.faults.inject({ kind: 'latency', delayMs: 150, path: '/jsonrpc', times: 6 });
    const started = performance.now();
    const results = await fmg.batch(items, { chunkSize: 100, concurrency: 3 });
    const elapsed = performance.now() - started;
    expect(results.every((r) => r.ok)).toBe(true);
    expect(elapsed).toBeLessThan(800);
    await expect(fmg.get(table, { filter: ['name', 'like', 'conc_%'], option: 'count' })).resolves.toBe(600);
    await expect(fmg.batch(items, { concurrency: 0 })).rejects.toBeInstanceOf(ValidationError);
  });

  it('splits big batches into chunks of chunkSize', async () => {
    const fmg = h.client({ adom: 'dc_emea' });
    await fmg.get('/sys/status');
    const items: BatchItem[] = Array.from({ length: 250 }, (_, i) => ({
      method: 'add',
      url: table,
      data: { name: `chunk_${i}`, subnet: `10.21.${i >> 8}.${i & 255}/32` },
    }));
    const before = h.sim.fortimanager.stats().requests;
    const results = await fmg.batch(items, { chunkSize: 100 });
    expect(results.every((r) => r.ok)).toBe(true);
    expect(h.sim.fortimanager.stats().requests - before).toBe(3);
    await expect(fmg.get(table, { filter: ['name', 'like', 'chunk_%'], option: 'count' })).resolves.toBe(250);
  });

  it('coalesces concurrent calls into few requests and routes each result or error back', async () => {
    const fmg = h.client({ adom: 'root', batch: { maxSize: 20, waitMs: 2 } });
    await fmg.get('/sys/status');
    const before = h.sim.fortimanager.stats().requests;
    const names = Array.from({ length: 50 }, (_, i) => `co_${i}`);
    const adds = await Promise.allSettled(
      names.map((name, i) =>
        fmg.add(table, { data: { name: i === 7 ? 'host_001' : name, subnet: `10.22.0.${i}/32` } }),
      ),
    );
    expect(adds.filter((r) => r.status === 'rejected')).toHaveLength(1);
    expect((adds[7] as PromiseRejectedResult).reason).toBeInstanceOf(ObjectExistsError);
    expect((adds[8] as PromiseFulfilledResult<unknown>).value).toEqual({ name: 'co_8' });
    const requests = h.sim.fortimanager.stats().requests - before;
    expect(requests).toBe(3); // 50 adds / maxSize 20
    // Calls of different methods never share a request.
    const [count, one] = await Promise.all([
      fmg.get(table, { filter: ['name', 'like', 'co_%'], option: 'count' }),
      fmg.delete(`${table}/{name}`, { params: { name: 'co_1' } }),
    ]);
    expect(count).toBe(49);
    expect(one).toBeUndefined();
  });

  it('a coalesced call that is aborted before sending leaves the queue alone', async () => {
    const fmg = h.client({ adom: 'root', batch: { maxSize: 10, waitMs: 20 } });
    const controller = new AbortController();
    const aborted = fmg.get(table, { fields: ['name'], signal: controller.signal });
    const kept = fmg.get(`${table}/{name}`, { params: { name: 'host_001' }, fields: ['name'] });
    controller.abort();
    await expect(aborted).rejects.toMatchObject({ kind: 'abort' });
    await expect(kept).resolves.toMatchObject({ name: 'host_001' });
  });

  describe('the next chunk leaves once a reply is in, before it is parsed, only where nothing can resend it', () => {
    /**
     * The name of the first object each JSON-RPC request of `method` addresses (its data's, or its
     * URL's), in the order the requests reach the simulator.
     */
    const arrivals = (method: string) => {
      const seen: string[] = [];
      h.sim.faults.inject({
        kind: 'latency',
        match: (req) => {
          const text = req.body.toString('utf8');
          if (text.includes(`"method":"${method}"`))
            seen.push(/(?:"name":"|address\/)([^"]+)"/.exec(text)?.[1] ?? '?');
          return false;
        },
      });
      return seen;
    };
    const adds = (prefix: string, count: number, octet: number): BatchItem[] =>
      Array.from({ length: count }, (_, i) => ({
        method: 'add',
        url: table,
        data: { name: `${prefix}_${i}`, subnet: `10.${octet}.${i >> 8}.${i & 255}/32` },
      }));

    it('a session lost between two chunks is renewed and replayed before the next chunk goes', async () => {
      const logger = loginCounter();
      const fmg = h.client({ adom: 'dc_emea', logger });
      await fmg.get('/sys/status');
      const seen = arrivals('add');
      // The third chunk finds its session gone: -11 on every entry, nothing applied.
      h.sim.faults.inject({ kind: 'stale-session', match: rpcMethod('add'), after: 2 });
      const results = await fmg.batch(adds('stale', 500, 23), { chunkSize: 100 });
      expect(results.every((r) => r.ok)).toBe(true);
      expect(seen).toEqual(['stale_0', 'stale_100', 'stale_200', 'stale_200', 'stale_300', 'stale_400']);
      expect(logger.logins()).toBe(2);
      await expect(fmg.get(table, { filter: ['name', 'like', 'stale_%'], option: 'count' })).resolves.toBe(
        500,
      );
    });

    it('a chunk whose reply is an HTTP error and is retried is retried before the next chunk goes', async () => {
      const fmg = h.client({ adom: 'dc_emea' });
      await fmg.get('/sys/status');
      await fmg.batch(adds('retried', 3, 24));
      const seen = arrivals('get');
      const gets: BatchItem[] = ['retried_0', 'retried_1', 'retried_2'].map((name) => ({
        method: 'get',
        url: `${table}/{name}`,
        params: { name },
        fields: ['name'],
      }));
      // Gets are resent after a server error; the first of the two chunks meets one.
      h.sim.faults.inject({ kind: 'http-error', status: 502, match: rpcMethod('get') });
      const results = await fmg.batch(gets, { chunkSize: 2 });
      expect(results.map((r) => r.ok && (r.data as { name: string }).name)).toEqual([
        'retried_0',
        'retried_1',
        'retried_2',
      ]);
      expect(seen).toEqual(['retried_0', 'retried_0', 'retried_2']);
    });
  });
});
