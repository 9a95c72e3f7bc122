import { afterEach, describe, expect, it } from 'vitest';
import { AuthError, ProtocolError, TransportError, ValidationError } from '../../../src/core/errors.js';
import { FortiManager, type FortiManagerOptions } from '../../../src/fortimanager/client.js';
import { ObjectExistsError, ObjectNotFoundError, PermissionError } from '../../../src/fortimanager/errors.js';
import {
  DENIED,
  each,
  FAKE_URL,
  type FakeRequest,
  fakeClient,
  type fakeFmg,
  HttpReply,
  OK,
  withLogin,
} from './fake-fmg.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function setup(handler: Parameters<typeof fakeFmg>[0], options: Partial<FortiManagerOptions> = {}) {
  return fakeClient(handler, cleanups, options);
}

const okData = (data: unknown) => (request: FakeRequest) => each(request, () => ({ status: OK, data }));

describe('FortiManager client over an injected transport', () => {
  it('logs in with exec sys/login/user, then sends the JSON-RPC envelope with session and verbose', async () => {
    const { fake, fmg } = setup(withLogin(okData([{ name: 'h1' }])), { adom: 'root' });
    const rows = await fmg.get('/pm/config/adom/{adom}/obj/firewall/address', { fields: ['name'] });
    expect(rows).toEqual([{ name: 'h1' }]);
    const [login, get] = fake.calls;
    expect(login!.path).toBe('/jsonrpc');
    expect(login!.body).toMatchObject({
      method: 'exec',
      params: [{ url: 'sys/login/user', data: { user: 'admin', passwd: 'secret-pw' } }],
      session: null,
    });
    expect(get!.body).toEqual({
      id: get!.body.id,
      method: 'get',
      params: [{ url: '/pm/config/adom/root/obj/firewall/address', fields: ['name'] }],
      session: 'SESSION-1',
      verbose: 1,
    });
    expect(get!.body.id).toBeGreaterThan(login!.body.id);
    await fmg.close();
    expect(fake.logouts()).toBe(1);
    expect(fake.calls.at(-1)!.body).toMatchObject({
      method: 'exec',
      params: [{ url: 'sys/logout' }],
      session: 'SESSION-1',
    });
  });

  it('sends an API key as a Bearer header with access_user, never in the query string, without session', async () => {
    const { fake, fmg } = setup(okData({ version: 'v7.6.2' }), {
      apiKey: 'k3y-abcdef',
      accessUser: 'api_001',
      verbose: false,
    });
    await fmg.get('/sys/status');
    await fmg.close();
    expect(fake.calls).toHaveLength(1);
    const [call] = fake.calls;
    expect(call!.path).toBe('/jsonrpc');
    expect(call!.headers.authorization).toBe('Bearer k3y-abcdef');
    expect(call!.headers.access_user).toBe('api_001');
    expect(call!.body).not.toHaveProperty('session');
    expect(call!.body).not.toHaveProperty('verbose');
  });

  it('shares one login between concurrent first calls', async () => {
    const { fake, fmg } = setup(withLogin(okData({})));
    await Promise.all(Array.from({ length: 8 }, () => fmg.get('/sys/status')));
    expect(fake.logins()).toBe(1);
    expect(fake.work().every((c) => c.body.session === 'SESSION-1')).toBe(true);
  });

  it('re-logs in once for concurrent calls on a stale session and replays each once', async () => {
    let live = 'SESSION-1';
    const { fake, fmg } = setup(
      withLogin((request) =>
        each(request, () =>
          request.session === live ? { status: OK, data: { ok: true } } : { status: DENIED },
        ),
      ),
    );
    await fmg.get('/sys/status');
    live = 'SESSION-2'; // FortiManager forgot SESSION-1
    const replies = await Promise.all(Array.from({ length: 6 }, () => fmg.get('/sys/status')));
    expect(replies).toEqual(Array.from({ length: 6 }, () => ({ ok: true })));
    expect(fake.logins()).toBe(2);
    expect(fake.work()).toHaveLength(1 + 6 + 6);
  });

  it('does not re-log in when a fresh session gets -11: that is a real permission error', async () => {
    const { fake, fmg } = setup(withLogin((request) => each(request, () => ({ status: DENIED }))));
    await expect(
      fmg.add('/pm/config/adom/root/obj/firewall/address', { data: { name: 'x' } }),
    ).rejects.toBeInstanceOf(PermissionError);
    expect(fake.logins()).toBe(1);
    expect(fake.work()).toHaveLength(1);
  });

  it('maps status codes to typed errors and honours okCodes', async () => {
    const { fmg } = setup(
      withLogin((request) =>
        each(request, () => ({ status: { code: -2, message: 'Object already exists' } })),
      ),
    );
    const url = '/pm/config/adom/root/obj/firewall/address';
    const error = await fmg.add(url, { data: { name: 'h1' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ObjectExistsError);
    expect(error).toMatchObject({ apiCode: -2, url, method: 'add' });
    await expect(fmg.add(url, { data: { name: 'h1' }, okCodes: [-2] })).resolves.toBeUndefined();
  });

  it('validates URL params before sending anything', async () => {
    const { fake, fmg } = setup(withLogin(okData({})));
    await expect(
      fmg.get('/pm/config/adom/{adom}/obj/firewall/address/{address}', { params: { adom: 'root' } } as never),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(fake.calls).toHaveLength(0);
  });

  it('coalesces concurrent calls of one method into one request and routes each result back', async () => {
    const { fake, fmg } = setup(
      withLogin((request) =>
        each(request, (param) =>
          param.url.endsWith('missing')
            ? { status: { code: -3, message: 'Object does not exist' } }
            : { status: OK, data: { url: param.url } },
        ),
      ),
      { batch: { maxSize: 3, waitMs: 5 } },
    );
    const urls = ['/a/1', '/a/2', '/a/missing', '/a/4', '/a/5'];
    const results = await Promise.allSettled(urls.map((url) => fmg.get(url)));
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
    ]);
    expect((results[2] as PromiseRejectedResult).reason).toBeInstanceOf(ObjectNotFoundError);
    expect((results[3] as PromiseFulfilledResult<unknown>).value).toEqual({ url: '/a/4' });
    expect(fake.work().map((c) => c.body.params.length)).toEqual([3, 2]);
  });

  it('batch: chunks, groups by method, keeps per-item results when some fail', async () => {
    const { fake, fmg } = setup(
      withLogin((request) =>
        each(request, (param) =>
          (param.data as { name?: string } | undefined)?.name === 'dup'
            ? { status: { code: -2, message: 'Object already exists' } }
            : { status: OK, data: { name: (param.data as { name?: string } | undefined)?.name } },
        ),
      ),
    );
    const url = '/pm/config/adom/root/obj/firewall/address';
    const results = await fmg.batch(
      [
        { method: 'add', url, data: { name: 'a' } },
        { method: 'add', url, data: { name: 'dup' } },
        // @ts-expect-error {missing} is not given: the item fails before it is sent
        { method: 'add', url: '/x/{missing}', data: { name: 'bad' } },
        { method: 'add', url, data: { name: 'b' } },
        { method: 'get', url },
        { method: 'add', url, data: { name: 'c' } },
      ],
      { chunkSize: 2 },
    );
    expect(results.map((r) => r.ok)).toEqual([true, false, false, true, true, true]);
    expect(results[1]!.ok === false && results[1]!.error).toBeInstanceOf(ObjectExistsError);
    expect(results[2]!.ok === false && results[2]!.error).toBeInstanceOf(ValidationError);
    expect(results[3]).toEqual({ ok: true, url, data: { name: 'b' } });
    expect(fake.work().map((c) => [c.body.method, c.body.params.length])).toEqual([
      ['add', 2],
      ['add', 1],
      ['get', 1],
      ['add', 1],
    ]);
  });

  it('iterates a table with range pages until a short page', async () => {
    const table = Array.from({ length: 23 }, (_, i) => ({ name: `h${i}` }));
    const { fake, fmg } = setup(
      withLogin((request) =>
        each(request, (param) => {
          const [offset, count] = param.range as [number, number];
          return { status: OK, data: table.slice(offset, offset + count) };
        }),
      ),
    );
    const names: string[] = [];
    for await (const row of fmg.iterate('/pm/config/adom/root/obj/firewall/address', {
      pageSize: 10,
      fields: ['name'],
    })) {
      names.push(String(row.name));
    }
    expect(names).toEqual(table.map((t) => t.name));
    expect(fake.work().map((c) => c.body.params[0]!.range)).toEqual([
      [0, 10],
      [10, 10],
      [20, 10],
    ]);
  });

  it('retries a read after a 5xx with a JSON body, but not a write', async () => {
    let failures = 0;
    const { fake, fmg } = setup(
      withLogin((request) => {
        if (failures-- > 0)
          return new HttpReply(503, { id: request.id, result: [{ status: { code: -1, message: 'busy' } }] });
        return each(request, () => ({ status: OK, data: { ok: 1 } }));
      }),
      { retry: { retries: 2, minDelayMs: 1, maxDelayMs: 2 } },
    );
    failures = 1;
    await expect(fmg.get('/sys/status')).resolves.toEqual({ ok: 1 });
    expect(fake.work()).toHaveLength(2);
    failures = 1;
    const error = await fmg.add('/a', { data: { name: 'x' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProtocolError);
    expect((error as ProtocolError).status).toBe(503);
    expect(fake.work()).toHaveLength(3);
  });

  it('raw returns every entry with its status', async () => {
    const { fmg } = setup(
      withLogin((request) => each(request, (_, i) => ({ status: i === 0 ? OK : DENIED }))),
    );
    const reply = await fmg.raw({ method: 'get', params: [{ url: '/a' }, { url: '/b' }] });
    expect(reply.result.map((r) => r.status.code)).toEqual([0, -11]);
  });

  it('rejects a reply whose result count does not match the params', async () => {
    const { fmg } = setup(withLogin((request) => ({ id: request.id, result: [] })));
    await expect(fmg.get('/sys/status')).rejects.toBeInstanceOf(ProtocolError);
  });

  it('refuses calls after close', async () => {
    const { fmg } = setup(withLogin(okData({})));
    await fmg.get('/sys/status');
    await fmg.close();
    const error = await fmg.get('/sys/status').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).kind).toBe('closed');
  });

  it('needs exactly one way to authenticate', () => {
    expect(() => new FortiManager({ url: FAKE_URL })).toThrow(ValidationError);
    expect(() => new FortiManager({ url: FAKE_URL, username: 'a', password: 'b', apiKey: 'c' })).toThrow(
      ValidationError,
    );
    expect(() => new FortiManager({ url: FAKE_URL, username: 'a' })).toThrow(/password/);
  });
});

describe('logging in early (the login overlaps what a batch or a burst prepares)', () => {
  const table = '/pm/config/adom/{adom}/obj/firewall/address';
  const items = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ method: 'add' as const, url: table, data: { name: `a${i}` } }));

  it('a batch starts its login once its first item is prepared, and sends its first chunk on that session', async () => {
    const { fake, fmg } = setup(withLogin(okData({ name: 'x' })), { adom: 'root' });
    let preparedWhenLoginLeft: number | undefined;
    let prepared = 0;
    const counting = items(3).map((item) => ({
      ...item,
      get data() {
        prepared++;
        if (fake.calls.length > 0 && preparedWhenLoginLeft === undefined) preparedWhenLoginLeft = prepared;
        return item.data;
      },
    }));
    const results = await fmg.batch(counting, { chunkSize: 2 });
    expect(results.every((r) => r.ok)).toBe(true);
    expect(fake.logins()).toBe(1);
    expect(fake.calls.map((c) => c.body.session ?? null)).toEqual([null, 'SESSION-1', 'SESSION-1']);
    // The login was on its way before the second item was read.
    expect(preparedWhenLoginLeft).toBe(2);
  });

  it('a batch of items that are all refused before sending sends nothing, not even a login', async () => {
    const { fake, fmg } = setup(withLogin(okData({ name: 'x' })), { adom: 'root' });
    const results = await fmg.batch([
      { method: 'add', url: '' },
      { method: 'nope', url: table },
    ] as never);
    expect(results.map((r) => r.ok)).toEqual([false, false]);
    expect(fake.calls).toHaveLength(0);
  });

  it('items JSON cannot carry fail alone, naming their field, and only a sendable one starts the login', async () => {
    const { fake, fmg } = setup(withLogin(okData({ name: 'x' })), { adom: 'root' });
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    const bad = [
      { method: 'add', url: table, data: cyclic },
      { method: 'add', url: table, data: { name: 'big', count: 1n } },
    ] as const;
    const refusedAll = await fmg.batch(bad as never);
    expect(refusedAll.map((r) => !r.ok && r.error instanceof ValidationError)).toEqual([true, true]);
    expect(refusedAll.map((r) => !r.ok && (r.error as ValidationError).field)).toEqual(['data', 'data']);
    expect(fake.calls).toHaveLength(0);
    // Refused when its chunk is serialized, after a sendable first item started the login.
    const [a0, a1] = items(2);
    const mixed = await fmg.batch([a0, bad[1], a1] as never);
    expect(mixed.map((r) => r.ok)).toEqual([true, false, true]);
    expect(!mixed[1]!.ok && (mixed[1]!.error as ValidationError).field).toBe('data');
    expect(fake.logins()).toBe(1);
    expect(fake.work().map((c) => c.body.params.map((p) => p.data))).toEqual([
      [{ name: 'a0' }, { name: 'a1' }],
    ]);
  });

  it('a coalesced call JSON cannot carry fails alone; one that would open a burst opens nothing', async () => {
    const { fake, fmg } = setup(withLogin(okData({ name: 'x' })), { adom: 'root', batch: { maxSize: 100 } });
    const bigint = { name: 'big', count: 1n };
    const alone = await fmg.add(table, { data: bigint as never }).catch((e: unknown) => e);
    expect(alone).toBeInstanceOf(ValidationError);
    expect((alone as ValidationError).field).toBe('data');
    expect(fake.calls).toHaveLength(0);
    const burst = await Promise.allSettled([
      fmg.add(table, { data: { name: 'a0' } }),
      fmg.add(table, { data: bigint as never }),
      fmg.add(table, { data: { name: 'a2' } }),
    ]);
    expect(burst.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(burst[1]!.status === 'rejected' && burst[1]!.reason).toBeInstanceOf(ValidationError);
    expect(fake.work().map((c) => c.body.params.map((p) => p.data))).toEqual([
      [{ name: 'a0' }, { name: 'a2' }],
    ]);
  });

  it('coalesced calls each get their own entry when some left the queue or were refused', async () => {
    const echo = (request: FakeRequest) =>
      each(request, (p) => {
        const { name } = p.data as { name: string };
        return name.startsWith('dup')
          ? { status: { code: -2, message: 'Object already exists' } }
          : { status: OK, data: { name } };
      });
    const { fake, fmg } = setup(withLogin(echo), { adom: 'root', batch: { maxSize: 100, waitMs: 20 } });
    const controller = new AbortController();
    const calls = [
      fmg.add(table, { data: { name: 'left' }, signal: controller.signal }),
      fmg.add(table, { data: { name: 'big', count: 1n } as never }),
      fmg.add(table, { data: { name: 'a2' } }),
      fmg.add(table, { data: { name: 'dup3' }, okCodes: [-2] }),
      fmg.add(table, { data: { name: 'dup4' } }),
      fmg.add(table, { data: { name: 'a5' } }),
    ];
    controller.abort();
    const settled = await Promise.allSettled(calls);
    expect(settled.map((r) => (r.status === 'fulfilled' ? r.value : r.reason.constructor.name))).toEqual([
      'TransportError',
      'ValidationError',
      { name: 'a2' },
      undefined,
      'ObjectExistsError',
      { name: 'a5' },
    ]);
    expect(fake.work().map((c) => c.body.params.map((p) => (p.data as { name: string }).name))).toEqual([
      ['a2', 'dup3', 'dup4', 'a5'],
    ]);
  });

  it('a refused early login is the AuthError of the first chunk, sent once', async () => {
    const { fake, fmg } = setup(
      (request) => ({
        id: request.id,
        result: [{ url: request.params[0]!.url, status: { code: -22, message: 'Login fail' } }],
      }),
      { adom: 'root' },
    );
    const [result] = await fmg.batch(items(1));
    expect(result!.ok).toBe(false);
    expect(!result!.ok && result!.error).toBeInstanceOf(AuthError);
    expect(fake.logins()).toBe(1);
    expect(fake.work()).toHaveLength(0);
  });

  it('a refused early login is the AuthError of every coalesced call that waited for it, tried once', async () => {
    const { fake, fmg } = setup(
      (request) => ({
        id: request.id,
        result: [{ url: request.params[0]!.url, status: { code: -22, message: 'Login fail' } }],
      }),
      { adom: 'root', batch: { maxSize: 2 } },
    );
    const answers = await Promise.all(
      items(6).map((item) => fmg.add(table, { data: item.data }).catch((error: unknown) => error)),
    );
    expect(answers.every((answer) => answer instanceof AuthError)).toBe(true);
    expect(fake.logins()).toBe(1);
    expect(fake.work()).toHaveLength(0);
  });

  it('after a refused early login, a later call logs in anew rather than hearing the old refusal', async () => {
    let logins = 0;
    const accepting = withLogin(okData({}));
    const { fake, fmg } = setup(
      (request, call) => {
        const url = request.params[0]!.url;
        if (url === 'sys/login/user' && ++logins === 1)
          return { id: request.id, result: [{ url, status: { code: -22, message: 'Login fail' } }] };
        return accepting(request, call);
      },
      { adom: 'root', batch: { maxSize: 2 } },
    );
    const burst = await Promise.all(
      items(4).map((item) => fmg.add(table, { data: item.data }).catch((error: unknown) => error)),
    );
    expect(burst.every((answer) => answer instanceof AuthError)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 1));
    await expect(fmg.add(table, { data: { name: 'later' } })).resolves.toEqual({});
    expect(fake.logins()).toBe(2);
    expect(fake.work()).toHaveLength(1);
  });

  it('coalesced calls start the login with the first call of a burst', async () => {
    const { fake, fmg } = setup(withLogin(okData({ name: 'x' })), { adom: 'root', batch: { maxSize: 100 } });
    const first = fmg.add(table, { data: { name: 'a0' } });
    expect(fake.calls).toHaveLength(1);
    expect(fake.calls[0]!.body.params[0]!.url).toBe('sys/login/user');
    const rest = items(4).map((item) => fmg.add(table, { data: item.data }));
    await Promise.all([first, ...rest]);
    expect(fake.logins()).toBe(1);
    expect(fake.work()).toHaveLength(1);
  });
});
