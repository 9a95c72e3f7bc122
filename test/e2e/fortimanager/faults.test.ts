import { describe, expect, it } from 'vitest';
import { ProtocolError, RateLimitError, TransportError } from '../../../src/core/errors.js';
import type { FortiManager } from '../../../src/fortimanager/index.js';
import { rpcMethod, useSimulator } from './harness.js';

const h = useSimulator();
const table = '/pm/config/adom/{adom}/obj/firewall/address';
const product = 'fortimanager' as const;

/** A logged-in client (so that faults hit the call under test, not the login). */
async function ready(options: Parameters<typeof h.client>[0] = {}): Promise<FortiManager> {
  const fmg = h.client({ adom: 'root', ...options });
  await fmg.get('/sys/status');
  return fmg;
}

/** Runs `fn`, returning what it threw, and how many HTTP requests reached the simulator meanwhile. */
async function attempt(
  fn: () => Promise<unknown>,
): Promise<{ error: unknown; requests: number; ms: number }> {
  const before = h.sim.requests;
  const started = Date.now();
  const error = await fn().then(
    () => undefined,
    (e: unknown) => e,
  );
  return { error, requests: h.sim.requests - before, ms: Date.now() - started };
}

const exists = async (fmg: FortiManager, name: string) =>
  ((await fmg.get(table, { filter: ['name', '==', name], fields: ['name'] })) as unknown[]).length === 1;

describe('fault injection: typed errors or safe retries, nothing hangs', () => {
  it('latency: a slow reply within the timeout succeeds; beyond it, a timeout error in bounded time', async () => {
    const fmg = await ready({ retry: false });
    h.sim.faults.inject({ kind: 'latency', product, delayMs: 50 });
    await expect(fmg.get('/sys/status')).resolves.toBeDefined();
    h.sim.faults.inject({ kind: 'latency', product, delayMs: 5_000 });
    const { error, ms } = await attempt(() => fmg.get('/sys/status', { timeoutMs: 100 }));
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).kind).toBe('timeout');
    expect(ms).toBeLessThan(1_000);
  });

  it('http-error: a read is retried and succeeds; a write is not resent', async () => {
    const fmg = await ready();
    h.sim.faults.inject({ kind: 'http-error', product, status: 503 });
    const read = await attempt(() => fmg.get('/sys/status'));
    expect(read.error).toBeUndefined();
    expect(read.requests).toBe(2);
    h.sim.faults.inject({ kind: 'http-error', product, status: 503 });
    const write = await attempt(() => fmg.add(table, { data: { name: 'f_503', subnet: '10.40.0.1/32' } }));
    expect(write.error).toBeInstanceOf(ProtocolError);
    expect((write.error as ProtocolError).status).toBe(503);
    expect(write.requests).toBe(1);
  });

  it('html: an HTML error page is a ProtocolError with status, content type and a snippet', async () => {
    const fmg = await ready({ retry: { retries: 1, minDelayMs: 1, maxDelayMs: 5 } });
    h.sim.faults.inject({ kind: 'html', product, times: 2 });
    const { error, requests } = await attempt(() => fmg.get('/sys/status'));
    expect(error).toBeInstanceOf(ProtocolError);
    expect(error).toMatchObject({ status: 502, contentType: 'text/html' });
    expect((error as ProtocolError).snippet).toContain('Bad Gateway');
    expect(requests).toBe(2);
  });

  it('reset: a read is retried; a write fails as sent and is never resent', async () => {
    const fmg = await ready();
    h.sim.faults.inject({ kind: 'reset', product });
    const read = await attempt(() => fmg.get('/sys/status'));
    expect(read.error).toBeUndefined();
    expect(read.requests).toBe(2);
    h.sim.faults.inject({ kind: 'reset', product, match: rpcMethod('add') });
    const write = await attempt(() => fmg.add(table, { data: { name: 'f_reset', subnet: '10.40.0.2/32' } }));
    expect(write.error).toBeInstanceOf(TransportError);
    expect(write.error).toMatchObject({ kind: 'reset', requestSent: true });
    expect(write.requests).toBe(1);
    expect(await exists(fmg, 'f_reset')).toBe(false);
  });

  it('truncated: a read is retried; a write is not resent even though it was applied', async () => {
    const fmg = await ready();
    h.sim.faults.inject({ kind: 'truncated', product });
    const read = await attempt(() => fmg.get(table, { fields: ['name'] }));
    expect(read.error).toBeUndefined();
    expect(read.requests).toBe(2);
    h.sim.faults.inject({ kind: 'truncated', product, match: rpcMethod('add') });
    const write = await attempt(() => fmg.add(table, { data: { name: 'f_trunc', subnet: '10.40.0.3/32' } }));
    expect(write.error instanceof TransportError || write.error instanceof ProtocolError).toBe(true);
    expect(write.requests).toBe(1);
    expect(await exists(fmg, 'f_trunc')).toBe(true);
  });

  it('invalid-json: a ProtocolError, not retried', async () => {
    const fmg = await ready();
    h.sim.faults.inject({ kind: 'invalid-json', product });
    const { error, requests } = await attempt(() => fmg.get('/sys/status'));
    expect(error).toBeInstanceOf(ProtocolError);
    expect((error as ProtocolError).status).toBe(200);
    expect(requests).toBe(1);
  });

  it('slow-body: a body dribbling past the timeout is a timeout error', async () => {
    const fmg = await ready({ retry: false });
    h.sim.faults.inject({ kind: 'slow-body', product, delayMs: 100 });
    const { error, ms } = await attempt(() => fmg.get('/dvmdb/adom', { timeoutMs: 150 }));
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).kind).toBe('timeout');
    expect(ms).toBeLessThan(1_000);
    h.sim.faults.inject({ kind: 'slow-body', product, delayMs: 5 });
    await expect(fmg.get('/dvmdb/adom')).resolves.toBeDefined();
  });

  it('rate-limit: a read waits Retry-After and retries; a write gets a RateLimitError', async () => {
    const fmg = await ready();
    h.sim.faults.inject({ kind: 'rate-limit', product, retryAfterSec: 0.2 });
    const read = await attempt(() => fmg.get('/sys/status'));
    expect(read.error).toBeUndefined();
    expect(read.requests).toBe(2);
    expect(read.ms).toBeGreaterThanOrEqual(190);
    h.sim.faults.inject({ kind: 'rate-limit', product, retryAfterSec: 7 });
    const write = await attempt(() => fmg.add(table, { data: { name: 'f_429', subnet: '10.40.0.4/32' } }));
    expect(write.error).toBeInstanceOf(RateLimitError);
    expect((write.error as RateLimitError).retryAfterMs).toBe(7_000);
    expect(write.requests).toBe(1);
  });

  it("rate-limit: a Retry-After beyond the call's timeoutMs fails at once, and close() ends a retry sleep", async () => {
    const fmg = await ready();
    h.sim.faults.inject({ kind: 'rate-limit', product, retryAfterSec: 4 });
    const bounded = await attempt(() => fmg.get('/sys/status', { timeoutMs: 1_000 }));
    expect(bounded.error).toBeInstanceOf(RateLimitError);
    expect((bounded.error as RateLimitError).retryAfterMs).toBe(4_000);
    expect(bounded.requests).toBe(1);
    expect(bounded.ms).toBeLessThan(900);
    h.sim.faults.inject({ kind: 'rate-limit', product, retryAfterSec: 2 });
    const sleeping = attempt(() => fmg.get('/sys/status'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = performance.now();
    await fmg.close();
    const closed = await sleeping;
    expect(closed.error).toBeInstanceOf(TransportError);
    expect((closed.error as TransportError).kind).toBe('closed');
    expect(performance.now() - started).toBeLessThan(1_500);
  });

  it("the call's timeoutMs covers waiting for the login", async () => {
    const fmg = h.client({ adom: 'root', retry: false });
    h.sim.faults.inject({
      kind: 'latency',
      product,
      delayMs: 2_000,
      match: (req) => req.body.includes('sys/login/user'),
    });
    const { error, ms } = await attempt(() => fmg.get('/sys/status', { timeoutMs: 300 }));
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).kind).toBe('timeout');
    expect(ms).toBeLessThan(1_500);
  });

  it('stale-session: one re-login and a replay, for a write too', async () => {
    const fmg = await ready();
    h.sim.faults.inject({ kind: 'stale-session', product });
    await expect(fmg.add(table, { data: { name: 'f_stale', subnet: '10.40.0.5/32' } })).resolves.toEqual({
      name: 'f_stale',
    });
    expect(h.sim.fortimanager.stats().sessions).toBe(1);
  });

  it('faults during login: a reset login is not retried blindly, the next call logs in', async () => {
    const fmg = h.client({ adom: 'root' });
    h.sim.faults.inject({
      kind: 'reset',
      product,
      match: (req) => req.body.toString().includes('sys/login/user'),
    });
    const { error } = await attempt(() => fmg.get('/sys/status'));
    expect(error).toBeInstanceOf(TransportError);
    await expect(fmg.get('/sys/status')).resolves.toBeDefined();
    expect(h.sim.fortimanager.stats().sessions).toBe(1);
  });
});
