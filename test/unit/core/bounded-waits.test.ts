import { afterEach, describe, expect, it } from 'vitest';
import { type AuthStrategy, StaticAuth } from '../../../src/core/auth.js';
import { RateLimitError, TransportError } from '../../../src/core/errors.js';
import type { Logger } from '../../../src/core/logging.js';
import { RestCaller } from '../../../src/core/rest.js';
import { withRetry } from '../../../src/core/retry.js';
import { createRuntime, type Runtime } from '../../../src/core/runtime.js';
import { json, type Loopback, startLoopback } from './loopback.js';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

const read = { method: 'GET', path: '/api/items', idempotent: true } as const;

/** A server that answers every request with 429 and `Retry-After: seconds`. */
async function throttling(seconds: string): Promise<Loopback> {
  const loop = await startLoopback((_req, res) =>
    json(res, 429, { message: 'slow down' }, { 'retry-after': seconds }),
  );
  closers.push(() => loop.close());
  return loop;
}

function caller(url: string, timeoutMs?: number, auth: AuthStrategy = new StaticAuth({}), logger?: Logger) {
  const runtime: Runtime = createRuntime(
    { url, timeoutMs, logger, retry: { retries: 2, minDelayMs: 1, maxDelayMs: 5 } },
    { product: 'fortisoar' },
  );
  closers.push(() => runtime.close());
  const rest = new RestCaller({
    runtime,
    auth,
    hooks: { authRejected: () => false, result: (reply) => reply.data },
  });
  return { runtime, rest };
}

async function timed<T>(promise: Promise<T>): Promise<{ error: unknown; ms: number }> {
  const started = Date.now();
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  return { error, ms: Date.now() - started };
}

describe('waits that the call timeout bounds', () => {
  it('a Retry-After longer than the call timeout fails now with RateLimitError, not after 8 s', async () => {
    const loop = await throttling('4');
    const { rest } = caller(loop.url);
    const { error, ms } = await timed(rest.call(read, { timeoutMs: 1_000 }));
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(4_000);
    expect(ms).toBeLessThan(500);
    expect(loop.requests).toHaveLength(1);
  });

  it('a Retry-After shorter than the call timeout is waited for and retried', async () => {
    const loop = await throttling('0.05');
    const { rest } = caller(loop.url);
    const { error, ms } = await timed(rest.call(read, { timeoutMs: 1_000 }));
    expect(error).toBeInstanceOf(RateLimitError);
    expect(loop.requests).toHaveLength(3);
    expect(ms).toBeGreaterThanOrEqual(95);
  });

  it('a Retry-After beyond what a timer can hold is not retried after 1 ms', async () => {
    let calls = 0;
    const monthLater = new RateLimitError('429', 30 * 24 * 3_600_000);
    const { error, ms } = await timed(
      withRetry(
        async () => {
          calls++;
          throw monthLater;
        },
        { idempotent: true, retry: { retries: 3 } },
      ),
    );
    expect(error).toBe(monthLater);
    expect(calls).toBe(1);
    expect(ms).toBeLessThan(100);
  });

  it('close() does not wait out a Retry-After sleep; the sleeping call fails with kind closed', async () => {
    const loop = await throttling('3');
    // Closed once the call sleeps before its retry (the client logs the retry just before sleeping).
    let sleeping!: () => void;
    const retrying = new Promise<void>((resolve) => {
      sleeping = resolve;
    });
    const quiet = () => {};
    const logger: Logger = {
      debug: (message) => {
        if (message.includes('retry 1')) sleeping();
      },
      info: quiet,
      warn: quiet,
      error: quiet,
    };
    const { runtime, rest } = caller(loop.url, 10_000, undefined, logger);
    const call = timed(rest.call(read));
    await retrying;
    const closing = timed(runtime.close());
    const [closed, failed] = await Promise.all([closing, call]);
    expect(closed.ms).toBeLessThan(500);
    expect(failed.error).toBeInstanceOf(TransportError);
    expect(failed.error).toMatchObject({ kind: 'closed' });
    expect(failed.ms).toBeLessThan(1_000);
    expect(loop.requests).toHaveLength(1);
    // What the sleep was woken by: the client's own closed error, not a bare AbortError.
    expect(runtime.closing.reason).toBeInstanceOf(TransportError);
    expect(runtime.closing.reason).toMatchObject({ kind: 'closed', requestSent: false });
  });

  it('the call timeout covers waiting for a login or token that does not come', async () => {
    const loop = await throttling('1');
    const stuck: AuthStrategy = {
      user: undefined,
      authorize: () => new Promise(() => {}),
      renew: async () => false,
      close: async () => {},
    };
    const { rest } = caller(loop.url, undefined, stuck);
    const { error, ms } = await timed(rest.call(read, { timeoutMs: 100 }));
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ kind: 'timeout', requestSent: false });
    // One wait, not one per retry: the login is still under way, so waiting again would not help.
    expect(ms).toBeLessThan(250);
    expect(loop.requests).toHaveLength(0);
  });
});
