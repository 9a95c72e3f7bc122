import { afterEach, describe, expect, it } from 'vitest';
import { type AuthStrategy, SessionAuth, StaticAuth } from '../../../src/core/auth.js';
import { systemClock } from '../../../src/core/clock.js';
import { TransportError, ValidationError } from '../../../src/core/errors.js';
import { Redactor, SafeLog } from '../../../src/core/logging.js';
import { RestCaller } from '../../../src/core/rest.js';
import { backoffDelay, withRetry } from '../../../src/core/retry.js';
import { createRuntime } from '../../../src/core/runtime.js';
import { abortable, deadline } from '../../../src/core/timeouts.js';
import { HttpTransport } from '../../../src/core/transport.js';
import { json, type Loopback, startLoopback } from './loopback.js';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function server(): Promise<Loopback> {
  const loop = await startLoopback((_req, res) => json(res, 200, { ok: true }));
  closers.push(() => loop.close());
  return loop;
}

function transport(url: string, timeoutMs = 40): HttpTransport {
  const http = new HttpTransport({ baseUrl: url, timeoutMs });
  closers.push(() => http.close());
  return http;
}

const notSignals: unknown[] = [{}, 'stop', 5, null, { aborted: false }];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A 20,000-deep object: JSON.stringify overflows the stack on it. */
function deep(levels = 20_000): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  let node = root;
  for (let i = 0; i < levels; i++) {
    const child: Record<string, unknown> = {};
    node.a = child;
    node = child;
  }
  return root;
}

describe('a signal that is not an AbortSignal', () => {
  it('is a ValidationError from the transport: nothing sent, no timer left to fire', async () => {
    const loop = await server();
    const http = transport(loop.url);
    for (const signal of notSignals) {
      const error = await http
        .requestJson({ method: 'GET', path: '/x', signal: signal as AbortSignal })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).field).toBe('signal');
    }
    // Before the fix, each call left its 40 ms timer armed, and it threw an uncaught TypeError.
    await sleep(80);
    expect(loop.requests).toHaveLength(0);
  });

  it('is a ValidationError from deadline, abortable and withRetry, before any work', async () => {
    let calls = 0;
    for (const signal of notSignals) {
      expect(() => deadline(signal as AbortSignal, 1_000)).toThrow(ValidationError);
      await expect(abortable(Promise.resolve(1), signal as AbortSignal)).rejects.toBeInstanceOf(
        ValidationError,
      );
      await expect(
        withRetry(async () => ++calls, { idempotent: true, signal: signal as AbortSignal }),
      ).rejects.toBeInstanceOf(ValidationError);
    }
    expect(calls).toBe(0);
  });

  it('is a ValidationError from a REST call, before the credential or the limiter is asked', async () => {
    const loop = await server();
    const runtime = createRuntime({ url: loop.url, timeoutMs: 40 }, { product: 'fortisoar' });
    closers.push(() => runtime.close());
    let authorized = 0;
    const auth = new StaticAuth({ authorization: 'Bearer key-1234' });
    const counting: AuthStrategy = {
      user: undefined,
      authorize() {
        authorized++;
        return auth.authorize();
      },
      renew: () => auth.renew(),
      close: () => auth.close(),
    };
    const rest = new RestCaller({
      runtime,
      auth: counting,
      hooks: { authRejected: () => false, result: (reply) => reply.data },
    });
    const endpoint = { method: 'GET', path: '/api/x', idempotent: true } as const;
    for (const signal of notSignals) {
      await expect(rest.call(endpoint, { signal: signal as AbortSignal })).rejects.toBeInstanceOf(
        ValidationError,
      );
    }
    await expect(rest.call(endpoint, 'x' as never)).rejects.toBeInstanceOf(ValidationError);
    await expect(rest.call(undefined as never)).rejects.toBeInstanceOf(ValidationError);
    await sleep(80);
    expect({ authorized, requests: loop.requests.length }).toEqual({ authorized: 0, requests: 0 });
  });
});

describe('numbers that are not numbers', () => {
  it('withRetry refuses NaN, negative and fractional retry settings instead of retrying forever', async () => {
    let calls = 0;
    const failing = async () => {
      calls++;
      throw new TransportError('refused', 'connect', { requestSent: false });
    };
    for (const retry of [
      { retries: Number.NaN },
      { retries: -1 },
      { retries: 1.5 },
      { retries: Number.POSITIVE_INFINITY },
      { minDelayMs: Number.NaN },
      { maxDelayMs: -5 },
      { factor: 0.5 },
    ]) {
      await expect(withRetry(failing, { idempotent: true, retry })).rejects.toBeInstanceOf(ValidationError);
    }
    expect(calls).toBe(0);
    expect(() => backoffDelay(1, { minDelayMs: Number.NaN })).toThrow(ValidationError);
  });

  it('deadline refuses NaN, negative, zero and too long timeouts', () => {
    for (const ms of [Number.NaN, -1, 0, 2 ** 31]) {
      expect(() => deadline(undefined, ms)).toThrow(ValidationError);
    }
    const fine = deadline(undefined, 1_000);
    fine.clear();
    expect(deadline(undefined, Number.POSITIVE_INFINITY).signal).toBeUndefined();
  });

  it('a REST call refuses a NaN or negative timeoutMs before sending', async () => {
    const loop = await server();
    const runtime = createRuntime({ url: loop.url }, { product: 'fortisoar' });
    closers.push(() => runtime.close());
    const rest = new RestCaller({
      runtime,
      auth: new StaticAuth({}),
      hooks: { authRejected: () => false, result: (reply) => reply.data },
    });
    for (const timeoutMs of [Number.NaN, -100, 0]) {
      await expect(
        rest.call({ method: 'GET', path: '/x', idempotent: true }, { timeoutMs }),
      ).rejects.toMatchObject({ name: 'ValidationError', field: 'request.timeoutMs' });
    }
    expect(loop.requests).toHaveLength(0);
  });

  it('a sleep longer than a timer can hold does not fire after 1 ms', async () => {
    const controller = new AbortController();
    let woke = false;
    const sleeping = systemClock.sleep(2 ** 31 + 10_000, controller.signal).then(() => {
      woke = true;
    });
    await sleep(30);
    expect(woke).toBe(false);
    controller.abort();
    await expect(sleeping).rejects.toMatchObject({ kind: 'abort' });
  });
});

describe('bodies and headers that cannot be sent', () => {
  it('a 20,000-deep body (or a cyclic one) is a ValidationError, not a RangeError', async () => {
    const loop = await server();
    const http = transport(loop.url, 1_000);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    for (const body of [deep(), cyclic, { n: 10n }]) {
      await expect(http.requestJson({ method: 'POST', path: '/x', json: body })).rejects.toBeInstanceOf(
        ValidationError,
      );
    }
    const runtime = createRuntime({ url: loop.url }, { product: 'fortisoar' });
    closers.push(() => runtime.close());
    const rest = new RestCaller({
      runtime,
      auth: new StaticAuth({}),
      hooks: { authRejected: () => false, result: (reply) => reply.data },
    });
    await expect(
      rest.call({ method: 'POST', path: '/x', idempotent: false }, { json: deep() }),
    ).rejects.toMatchObject({ name: 'ValidationError', field: 'json' });
    // Real bodies, even nested a few dozen levels, still go out.
    await expect(http.requestJson({ method: 'POST', path: '/x', json: deep(40) })).resolves.toMatchObject({
      status: 200,
    });
    expect(loop.requests).toHaveLength(1);
  });

  it('CR or LF in a header value is a ValidationError that does not show the value, with nothing sent', async () => {
    const loop = await server();
    const http = transport(loop.url, 1_000);
    for (const value of ['key-1234\r\nx-injected: 1', 'key-1234\n', 'key\u0000-1234']) {
      const error = await http
        .requestJson({ method: 'GET', path: '/x', headers: { authorization: `Bearer ${value}` } })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as Error).message).toContain('authorization');
      expect((error as Error).message).not.toContain('key');
    }
    expect(() => new StaticAuth({ authorization: 'Bearer a\r\nb' })).toThrow(ValidationError);
    expect(() => new HttpTransport({ baseUrl: loop.url, userAgent: 'x\r\ny: z' })).toThrow(ValidationError);
    expect(loop.requests).toHaveLength(0);
  });

  it('logging a 20,000-deep object neither throws nor overflows the stack', () => {
    const lines: unknown[] = [];
    const keep = (...args: unknown[]) => lines.push(args);
    const log = new SafeLog({ debug: keep, info: keep, warn: keep, error: keep }, new Redactor());
    expect(() => log.debug('deep', { value: deep() })).not.toThrow();
    expect(JSON.stringify(lines)).toContain('[too deep]');
  });
});

describe('releasing a session', () => {
  it('retries a logout that was cut off by a reset, so the session does not linger', async () => {
    const logouts: string[] = [];
    const auth = new SessionAuth(
      {
        user: 'admin',
        login: async () => 'session-1234',
        async logout(secret) {
          logouts.push(secret);
          if (logouts.length === 1) throw new TransportError('reset', 'reset', { requestSent: true });
        },
        credential: (secret) => ({ session: secret }),
      },
      {
        redactor: new Redactor(),
        log: new SafeLog(undefined, new Redactor()),
        product: 'Test',
        retry: { minDelayMs: 1, maxDelayMs: 2 },
      },
    );
    await auth.authorize();
    await auth.close();
    expect(logouts).toEqual(['session-1234', 'session-1234']);
  });
});
