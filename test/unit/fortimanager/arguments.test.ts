import { afterEach, describe, expect, it } from 'vitest';
import { ValidationError } from '../../../src/core/errors.js';
import { FortiManager, type FortiManagerOptions } from '../../../src/fortimanager/client.js';
import { each, FAKE_URL, fakeClient, OK, withLogin } from './fake-fmg.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function setup(options: Partial<FortiManagerOptions> = {}) {
  return fakeClient(
    withLogin((request) => each(request, () => ({ status: OK, data: {} }))),
    cleanups,
    options,
  );
}

/** The rejection of `run()`, which must be a ValidationError (not a TypeError or a RangeError). */
async function refused(run: () => unknown): Promise<ValidationError> {
  const error = await Promise.resolve()
    .then(run)
    .then(
      () => undefined,
      (e: unknown) => e,
    );
  expect(error, 'a ValidationError').toBeInstanceOf(ValidationError);
  return error as ValidationError;
}

const ADDRESS = '/pm/config/adom/root/obj/firewall/address';
/** A value of the wrong type, as plain JavaScript callers pass them. */
const bogus = (value: unknown) => value as never;

describe('every public entry point checks its arguments first (issue 8, item 1)', () => {
  it('a signal that is not an AbortSignal: a ValidationError, nothing sent, no timer left armed', async () => {
    const { fake, fmg } = setup({ timeoutMs: 30 });
    const error = await refused(() => fmg.get('/sys/status', { signal: bogus({}) }));
    expect(error.field).toBe('signal');
    // The request timer of the old code fired timeoutMs later as an uncaught TypeError.
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(fake.calls).toHaveLength(0);
  });

  it('okCodes, verbose, timeoutMs and the options object itself are checked before sending', async () => {
    const { fake, fmg } = setup();
    expect((await refused(() => fmg.add(ADDRESS, { data: { name: 'x' }, okCodes: bogus(5) }))).field).toBe(
      'okCodes',
    );
    await refused(() => fmg.get('/sys/status', { verbose: bogus('yes') }));
    await refused(() => fmg.get('/sys/status', { timeoutMs: -1 }));
    await refused(() => fmg.get('/sys/status', { timeoutMs: Number.NaN }));
    await refused(() => fmg.get('/sys/status', bogus(5)));
    await refused(() => fmg.get(bogus(undefined)));
    expect(fake.calls).toHaveLength(0);
  });

  it('batch(null) is refused; batch([null]) answers that item with a ValidationError', async () => {
    const { fake, fmg } = setup();
    await refused(() => fmg.batch(bogus(null)));
    const [nothing, noMethod] = await fmg.batch(bogus([null, { method: 'fly', url: ADDRESS }]));
    expect(nothing).toMatchObject({ ok: false, url: '' });
    expect(!nothing!.ok && nothing!.error).toBeInstanceOf(ValidationError);
    expect(!noMethod!.ok && noMethod!.error).toBeInstanceOf(ValidationError);
    await refused(() => fmg.batch([], { chunkSize: Number.NaN }));
    await refused(() => fmg.batch([], bogus({ signal: 'x' })));
    expect(fake.calls).toHaveLength(0);
  });

  it('raw(undefined), raw with bad params and bad options are refused', async () => {
    const { fake, fmg } = setup();
    await refused(() => fmg.raw(bogus(undefined)));
    await refused(() => fmg.raw(bogus({ method: 'get', params: [null] })));
    await refused(() => fmg.raw({ method: 'get', params: [{ url: '/a' }] }, bogus({ signal: 1 })));
    expect(fake.calls).toHaveLength(0);
  });

  it('workspace, tasks, installs and proxy check theirs too', async () => {
    const { fake, fmg } = setup();
    await refused(() => fmg.workspace.withLock(bogus(null), () => 1));
    await refused(() => fmg.workspace.withLock('root', bogus('not a function')));
    await refused(() => fmg.workspace.lock(bogus(42)));
    await refused(() => fmg.workspace.lockInfo({ adom: 'root', device: bogus(7) }));
    await refused(() => fmg.tasks.get(bogus('1')));
    await refused(() => fmg.tasks.wait(1, { onProgress: bogus('x') }));
    await refused(() => fmg.installDevice(bogus(undefined)));
    await refused(() => fmg.installDevice({ adom: 'root', scope: bogus([null]) }));
    await refused(() => fmg.proxy(bogus(null)));
    await refused(() => fmg.proxy({ action: bogus('patch'), resource: '/api/v2/x', target: 'x' }));
    expect(fake.calls).toHaveLength(0);
  });

  it('the constructor refuses options that are not an object', () => {
    expect(() => new FortiManager(bogus(undefined))).toThrow(ValidationError);
  });
});

describe('numbers are checked (issue 8, item 7)', () => {
  it('NaN, negative or out-of-range numbers in the client options fail at construction', () => {
    const base = { url: FAKE_URL, username: 'a', password: 'b' };
    for (const bad of [
      { retry: { retries: Number.NaN } },
      { retry: { minDelayMs: Number.NaN } },
      { retry: { maxDelayMs: -1 } },
      { batch: { maxSize: Number.NaN } },
      { batch: { maxSize: 0 } },
      { batch: { waitMs: -5 } },
      { timeoutMs: -1 },
      { connectTimeoutMs: Number.NaN },
      { connections: Number.NaN },
      { adom: '' },
    ]) {
      expect(() => new FortiManager({ ...base, ...bad }), JSON.stringify(bad)).toThrow(ValidationError);
    }
  });

  it('task polling and lock retries refuse NaN and negative numbers before any request', async () => {
    const { fake, fmg } = setup();
    await refused(() => fmg.tasks.watch(1, { pollInterval: -1 }).next());
    await refused(() => fmg.tasks.wait(1, { pollInterval: Number.NaN }));
    await refused(() => fmg.tasks.wait(1, { timeout: -1 }));
    await refused(() => fmg.tasks.wait(1, { stallTimeout: Number.NaN }));
    await refused(() => fmg.workspace.withLock('root', () => 1, { attempts: Number.NaN }));
    await refused(() => fmg.workspace.withLock('root', () => 1, { minDelayMs: -1 }));
    await refused(() => fmg.workspace.withLock('root', () => 1, { minDelayMs: 100, maxDelayMs: 10 }));
    expect(() => fmg.iterate(ADDRESS, { pageSize: Number.NaN })).toThrow(ValidationError);
    expect(fake.calls).toHaveLength(0);
  });
});

describe('errors of the right class (issue 8, item 8)', () => {
  it('data nested 20,000 deep, or circular, is a ValidationError, not a RangeError or TypeError', async () => {
    const { fake, fmg } = setup();
    let deep: Record<string, unknown> = {};
    const data = deep;
    for (let i = 0; i < 20_000; i++) {
      const next = {};
      deep.x = next;
      deep = next;
    }
    expect((await refused(() => fmg.set(ADDRESS, { data: bogus(data) }))).field).toBe('data');
    const circular: Record<string, unknown> = { name: 'loop' };
    circular.self = circular;
    await refused(() => fmg.set(ADDRESS, { data: bogus(circular) }));
    const raw = await refused(() => fmg.raw({ method: 'set', params: [{ url: ADDRESS, data }] }));
    expect(raw.field).toBe('params[0].data');
    await refused(() => fmg.get(ADDRESS, { extraParams: { deep: data } }));
    expect(fake.calls).toHaveLength(0);
  });

  it('CR or LF in apiKey or accessUser is a ValidationError at construction (nothing sent)', () => {
    for (const bad of [
      { apiKey: 'abc\r\nX-Injected: 1' },
      { apiKey: 'abc\n' },
      { apiKey: 'ok-key', accessUser: 'api\r\nuser' },
    ]) {
      expect(() => new FortiManager({ url: FAKE_URL, ...bad }), JSON.stringify(bad)).toThrow(ValidationError);
    }
  });
});

describe('messages that point at the right thing (issue 8, item 14)', () => {
  it('a bad url option is reported as url, not baseUrl', () => {
    for (const url of ['fmg.example.com', 'ftp://fmg.example.com', 'https://fmg.example.com/?x=1']) {
      let error: unknown;
      try {
        new FortiManager({ url, username: 'a', password: 'b' });
      } catch (e) {
        error = e;
      }
      expect(error, url).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).field).toBe('url');
      expect((error as Error).message).not.toMatch(/baseUrl/);
    }
  });
});
