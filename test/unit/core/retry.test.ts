import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/core/clock.js';
import {
  ApiError,
  AuthError,
  ProtocolError,
  RateLimitError,
  TransportError,
  ValidationError,
} from '../../../src/core/errors.js';
import { backoffDelay, isRetryable, parseRetryAfter, withRetry } from '../../../src/core/retry.js';

const reset = new TransportError('reset', 'reset', { requestSent: true });
const refused = new TransportError('refused', 'connect', { requestSent: false });
const timeout = new TransportError('timeout', 'timeout');
const badGateway = new ProtocolError('html', { status: 502 });
const notFoundPage = new ProtocolError('html', { status: 404 });
const throttled = new RateLimitError('429', 2_000);

describe('isRetryable', () => {
  it('repeats any call that never reached the server', () => {
    expect(isRetryable(refused, false)).toBe(true);
    expect(isRetryable(new TransportError('bad cert', 'tls', { requestSent: false }), false)).toBe(true);
  });

  it('repeats failures after sending only for idempotent calls', () => {
    for (const error of [reset, timeout, badGateway, throttled]) {
      expect(isRetryable(error, true)).toBe(true);
      expect(isRetryable(error, false)).toBe(false);
    }
  });

  it('never repeats aborts, a closed client, bad input, refused credentials, API errors or 4xx pages', () => {
    const never = [
      new TransportError('aborted', 'abort', { requestSent: false }),
      new TransportError('closed', 'closed', { requestSent: false }),
      new ValidationError('bad'),
      new AuthError('denied'),
      new ApiError('exists', { product: 'fortimanager', apiCode: -2, url: '/x' }),
      notFoundPage,
      new Error('bug'),
    ];
    for (const error of never) {
      expect(isRetryable(error, true)).toBe(false);
      expect(isRetryable(error, false)).toBe(false);
    }
  });
});

describe('backoffDelay', () => {
  it('draws full jitter under an exponential cap', () => {
    const options = { minDelayMs: 100, maxDelayMs: 1_000, factor: 2 };
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, options, undefined, () => 0.999_999))).toEqual([
      99, 199, 399, 799, 999,
    ]);
    expect(backoffDelay(3, options, undefined, () => 0)).toBe(0);
    expect(backoffDelay(2, options, undefined, () => 0.5)).toBe(100);
  });

  it('waits at least what the server asked for', () => {
    expect(backoffDelay(1, { maxDelayMs: 500 }, new RateLimitError('x', 30_000), () => 0.5)).toBe(30_000);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    const now = Date.UTC(2026, 0, 1);
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(['1.5'], now)).toBe(1_500);
    expect(parseRetryAfter(new Date(now + 9_000).toUTCString(), now)).toBe(9_000);
    expect(parseRetryAfter(new Date(now - 9_000).toUTCString(), now)).toBe(0);
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
});

describe('withRetry', () => {
  it('repeats an idempotent call after a reset, sleeping on the clock between tries', async () => {
    const clock = new VirtualClock();
    const t0 = clock.now();
    const attempts: number[] = [];
    const retries: Array<[number, number]> = [];
    const result = await withRetry(
      async (attempt) => {
        attempts.push(attempt);
        if (attempt < 2) throw reset;
        return 'ok';
      },
      {
        idempotent: true,
        clock,
        retry: { retries: 3, minDelayMs: 1_000 },
        onRetry: (_e, attempt, delayMs) => retries.push([attempt, delayMs]),
      },
    );
    expect(result).toBe('ok');
    expect(attempts).toEqual([0, 1, 2]);
    expect(retries.map(([attempt]) => attempt)).toEqual([1, 2]);
    expect(clock.now() - t0).toBe(retries.reduce((sum, [, delay]) => sum + delay, 0));
  });

  it('never resends a non-idempotent call that reached the server', async () => {
    let calls = 0;
    const error = await withRetry(
      async () => {
        calls++;
        throw reset;
      },
      { idempotent: false, clock: new VirtualClock(), retry: { retries: 5 } },
    ).catch((e: unknown) => e);
    expect(error).toBe(reset);
    expect(calls).toBe(1);
  });

  it('resends a non-idempotent call whose connection was refused', async () => {
    let calls = 0;
    const result = await withRetry(
      async () => {
        if (++calls === 1) throw refused;
        return calls;
      },
      { idempotent: false, clock: new VirtualClock() },
    );
    expect(result).toBe(2);
  });

  it('honours Retry-After and gives up after the last retry', async () => {
    const clock = new VirtualClock();
    const t0 = clock.now();
    let calls = 0;
    const error = await withRetry(
      async () => {
        calls++;
        throw throttled;
      },
      { idempotent: true, clock, retry: { retries: 2, maxDelayMs: 100 } },
    ).catch((e: unknown) => e);
    expect(error).toBe(throttled);
    expect(calls).toBe(3);
    expect(clock.now() - t0).toBeGreaterThanOrEqual(2 * 2_000);
  });

  it('lets shouldRetry override the default rule', async () => {
    let calls = 0;
    await withRetry(
      async () => {
        if (++calls < 3) throw new ValidationError('flaky');
      },
      { idempotent: true, clock: new VirtualClock(), shouldRetry: (e) => e instanceof ValidationError },
    );
    expect(calls).toBe(3);
  });

  it('stops waiting when the signal aborts during the backoff', async () => {
    const controller = new AbortController();
    let calls = 0;
    const pending = withRetry(
      async () => {
        calls++;
        throw timeout;
      },
      {
        idempotent: true,
        clock: new VirtualClock(),
        signal: controller.signal,
        retry: { minDelayMs: 60_000 },
        onRetry: () => queueMicrotask(() => controller.abort()),
      },
    );
    await expect(pending).rejects.toMatchObject({ kind: 'abort' });
    expect(calls).toBe(1);
  });
});
