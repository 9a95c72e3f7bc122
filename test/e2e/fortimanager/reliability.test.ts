import { describe, expect, it } from 'vitest';
import { TransportError } from '../../../src/core/errors.js';
import { ObjectNotFoundError, PermissionError } from '../../../src/fortimanager/index.js';
import { loginCounter, rpcMethod, rpcUrl, useSimulator } from './harness.js';

const h = useSimulator();
const table = '/pm/config/adom/{adom}/obj/firewall/address';
const item = `${table}/{name}`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('aborts of coalesced writes say the truth (issue 8, item 2)', () => {
  it('aborted while the multiplexed request is on the wire: requestSent is true, and it was applied', async () => {
    const fmg = h.client({ adom: 'root', batch: { waitMs: 1 } });
    await fmg.get('/sys/status');
    h.sim.faults.inject({ kind: 'latency', delayMs: 200, match: rpcMethod('add') });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await fmg
      .add(table, { data: { name: 'co_abort_wire', subnet: '10.61.0.1/32' }, signal: controller.signal })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ kind: 'abort', requestSent: true });
    await sleep(250);
    await expect(fmg.get(item, { params: { name: 'co_abort_wire' } })).resolves.toMatchObject({
      name: 'co_abort_wire',
    });
  });

  it('aborted while the client is still logging in: its request waited, so it leaves it and nothing is applied', async () => {
    const fmg = h.client({ adom: 'root', batch: { waitMs: 1 } });
    h.sim.faults.inject({ kind: 'latency', delayMs: 200, match: rpcUrl('sys/login/user') });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const aborted = fmg
      .add(table, { data: { name: 'co_abort_login', subnet: '10.61.0.2/32' }, signal: controller.signal })
      .catch((e: unknown) => e);
    // Queued with it, after the flush: this one goes once the login is over.
    const kept = fmg.add(table, { data: { name: 'co_kept_login', subnet: '10.61.0.4/32' } });
    await expect(aborted).resolves.toMatchObject({ kind: 'abort', requestSent: false });
    await expect(kept).resolves.toBeDefined();
    await fmg.close();
    const other = h.client({ adom: 'root' });
    await expect(other.get(item, { params: { name: 'co_abort_login' } })).rejects.toBeInstanceOf(
      ObjectNotFoundError,
    );
    await expect(other.get(item, { params: { name: 'co_kept_login' } })).resolves.toMatchObject({
      name: 'co_kept_login',
    });
  });

  it('closed while the client is still logging in: what was queued is sent after the login, then the session closes', async () => {
    const fmg = h.client({ adom: 'root', batch: { waitMs: 1 } });
    h.sim.faults.inject({ kind: 'latency', delayMs: 150, match: rpcUrl('sys/login/user') });
    const queued = fmg.add(table, { data: { name: 'co_close_login', subnet: '10.61.0.5/32' } });
    await fmg.close();
    await expect(queued).resolves.toBeDefined();
    const other = h.client({ adom: 'root' });
    await expect(other.get(item, { params: { name: 'co_close_login' } })).resolves.toMatchObject({
      name: 'co_close_login',
    });
  });

  it('aborted before its request left the queue: requestSent is false, and nothing was applied', async () => {
    const fmg = h.client({ adom: 'root', batch: { waitMs: 100 } });
    await fmg.get('/sys/status');
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 10);
    const error = await fmg
      .add(table, { data: { name: 'co_abort_queue', subnet: '10.61.0.3/32' }, signal: controller.signal })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'abort', requestSent: false });
    await sleep(150);
    await expect(fmg.get(item, { params: { name: 'co_abort_queue' } })).rejects.toBeInstanceOf(
      ObjectNotFoundError,
    );
  });
});

describe('a real permission denial is not a stale session (issue 8, item 9)', () => {
  it('20 forbidden reads between allowed ones cost at most one re-login, and stay PermissionErrors', async () => {
    const counter = loginCounter();
    const fmg = h.client({
      username: 'amer_rw',
      password: h.sim.fortimanager.adminPassword,
      logger: counter,
    });
    const allowed = () => fmg.get(table, { params: { adom: 'dc_amer' }, fields: ['name'], range: [0, 1] });
    await allowed();
    for (let i = 0; i < 20; i++) {
      await expect(fmg.get(table, { params: { adom: 'dc_emea' }, fields: ['name'] })).rejects.toBeInstanceOf(
        PermissionError,
      );
      await allowed();
    }
    expect(counter.logins()).toBeLessThanOrEqual(2);
  });

  it('a session that really went stale is still renewed after such a denial', async () => {
    const counter = loginCounter();
    const fmg = h.client({
      username: 'amer_rw',
      password: h.sim.fortimanager.adminPassword,
      logger: counter,
    });
    await fmg.get('/sys/status');
    await expect(fmg.get(table, { params: { adom: 'dc_emea' } })).rejects.toBeInstanceOf(PermissionError);
    await fmg.get('/sys/status');
    const logins = counter.logins();
    h.sim.fortimanager.expireSessions();
    await expect(fmg.get('/sys/status')).resolves.toBeDefined();
    expect(counter.logins()).toBe(logins + 1);
  });
});

describe('calls queued behind a re-login wait for it (issue 8, item 10)', () => {
  it('a stale-session storm of 200 calls sends each call about once, not twice', async () => {
    const counter = loginCounter();
    const fmg = h.client({ logger: counter });
    await fmg.get('/sys/status');
    h.sim.fortimanager.expireSessions();
    const before = h.sim.fortimanager.stats().requests;
    const replies = await Promise.all(Array.from({ length: 200 }, () => fmg.get('/sys/status')));
    expect(replies).toHaveLength(200);
    expect(counter.logins()).toBe(2);
    // The old client sent 402: every call on the dead session, then again. Now only the requests
    // already on the wire (one per connection, 8) are refused.
    expect(h.sim.fortimanager.stats().requests - before).toBeLessThanOrEqual(8 + 1 + 1 + 200);
  });
});

describe('await using with a missing await (issue 8, item 13)', () => {
  it.each([
    ['a call', {}],
    ['a coalesced call (the coalescer watches its own calls)', { batch: { waitMs: 1 } }],
  ])('%s that fails while close() waits is not an unhandled rejection', async (_what, options) => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const lookup = async () => {
        await using fmg = h.client({ adom: 'root', ...options });
        h.sim.faults.inject({ kind: 'latency', delayMs: 50, match: rpcMethod('get') });
        return fmg.get(item, { params: { name: 'not_there' } });
      };
      await expect(lookup()).rejects.toBeInstanceOf(ObjectNotFoundError);
      await sleep(20);
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
