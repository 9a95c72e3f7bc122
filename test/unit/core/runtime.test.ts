import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type Credential, SessionAuth, StaticAuth, sendWithAuth } from '../../../src/core/auth.js';
import {
  AlreadyExistsError,
  ApiError,
  type ApiErrorCategory,
  NotFoundError,
  PermissionDeniedError,
  ValidationError,
} from '../../../src/core/errors.js';
import { Issues } from '../../../src/core/issues.js';
import { Redactor, SafeLog } from '../../../src/core/logging.js';
import { RestCaller, type RestHooks } from '../../../src/core/rest.js';
import { resolveRetry } from '../../../src/core/retry.js';
import { createRuntime } from '../../../src/core/runtime.js';
import { ObjectExistsError } from '../../../src/fortimanager/errors.js';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

describe('error categories', () => {
  it('match product classes by category, both ways', () => {
    const exists = new ObjectExistsError({
      code: -2,
      message: 'Object already exists',
      method: 'add',
      url: '/x',
    });
    expect(exists).toBeInstanceOf(AlreadyExistsError);
    expect(exists).toBeInstanceOf(ApiError);
    expect(exists).not.toBeInstanceOf(NotFoundError);
    expect(exists.category).toBe('already-exists');
    class Custom extends ApiError {
      static override readonly category: ApiErrorCategory = 'permission-denied';
    }
    const custom = new Custom('no', {
      product: 'fortisoar',
      apiCode: 403,
      url: '/api/3/alerts',
      status: 403,
    });
    expect(custom).toBeInstanceOf(PermissionDeniedError);
    expect(custom.status).toBe(403);
    const notFound = new NotFoundError('gone', { product: 'fortisoar', apiCode: 404, url: '/x' });
    expect(notFound.code).toBe('NOT_FOUND');
    expect(notFound).toBeInstanceOf(NotFoundError);
  });

  it('validation errors carry every issue in one shape', () => {
    const issues = new Issues();
    issues.add('data.name', 'is required');
    issues.add('data.subnet', 'is not an IP', 'type');
    const error = (() => {
      try {
        issues.throwIfAny('address');
      } catch (e) {
        return e as ValidationError;
      }
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect(error?.field).toBe('data.name');
    expect(error?.issues).toEqual([
      { path: 'data.name', message: 'is required' },
      { path: 'data.subnet', message: 'is not an IP', code: 'type' },
    ]);
    expect(new ValidationError('bad', 'url').issues).toEqual([{ path: 'url', message: 'bad' }]);
  });
});

describe('resolveRetry', () => {
  it('refuses numbers that would retry forever or drop the backoff', () => {
    expect(resolveRetry(false)).toEqual({ retries: 0 });
    for (const retry of [
      { retries: Number.NaN },
      { retries: -1 },
      { minDelayMs: Number.NaN },
      { factor: 0.5 },
    ]) {
      expect(() => resolveRetry(retry)).toThrow(ValidationError);
    }
    expect(resolveRetry({ retries: 3 })).toEqual({ retries: 3 });
  });
});

describe('auth strategies', () => {
  const deps = () => {
    const redactor = new Redactor();
    return { redactor, log: new SafeLog(undefined, redactor), product: 'Test' };
  };

  it('SessionAuth logs in once for all waiters, renews once, logs out on close', async () => {
    let logins = 0;
    const loggedOut: string[] = [];
    const auth = new SessionAuth(
      {
        user: 'u',
        login: async () => `secret-${++logins}`,
        logout: async (s) => void loggedOut.push(s),
        credential: (s) => ({ headers: { authorization: `Bearer ${s}` } }),
      },
      deps(),
    );
    const [a, b] = await Promise.all([auth.authorize(), auth.authorize()]);
    expect(a).toBe(b);
    expect(logins).toBe(1);
    const [r1, r2] = await Promise.all([auth.renew(a), auth.renew(a)]);
    expect([r1, r2]).toEqual([true, true]);
    expect(logins).toBe(2);
    expect((await auth.authorize()).headers?.authorization).toBe('Bearer secret-2');
    await auth.close();
    expect(loggedOut.sort()).toEqual(['secret-1', 'secret-2']);
    await expect(auth.authorize()).rejects.toMatchObject({ kind: 'closed' });
  });

  it('renewOnlyVerified: a credential that never worked is not renewed', async () => {
    const auth = new SessionAuth(
      { user: 'u', login: async () => 'sid-1', credential: (s) => ({ session: s }) },
      { ...deps(), renewOnlyVerified: true },
    );
    const first = await auth.authorize();
    expect(await auth.renew(first)).toBe(false);
    auth.accepted(first);
    expect(await auth.renew(first)).toBe(true);
  });

  it('sendWithAuth replays once, and never a body that cannot be sent twice', async () => {
    let renewals = 0;
    const auth = new StaticAuth({ authorization: 'x' });
    auth.renew = async () => {
      renewals++;
      return true;
    };
    const sent: Credential[] = [];
    const reject = async (c: Credential) => {
      sent.push(c);
      return 401;
    };
    expect(
      await sendWithAuth(auth, { method: 'GET', path: '/', body: undefined }, reject, (s) => s === 401),
    ).toBe(401);
    expect(sent).toHaveLength(2);
    expect(renewals).toBe(1);
    sent.length = 0;
    await sendWithAuth(
      auth,
      { method: 'POST', path: '/', body: undefined, replayable: false },
      reject,
      (s) => s === 401,
    );
    expect(sent).toHaveLength(1);
  });
});

describe('RestCaller', () => {
  it('fills and encodes the path, sends the credential, renews on a rejection and maps the reply', async () => {
    const seen: Array<{ url: string | undefined; auth: string | undefined; body: string }> = [];
    let tokens = 0;
    const server = createServer(async (req: IncomingMessage, res) => {
      let body = '';
      for await (const chunk of req) body += chunk;
      seen.push({ url: req.url, auth: req.headers.authorization, body });
      const ok = req.headers.authorization === 'Bearer t2';
      res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
      res.end(JSON.stringify(ok ? { name: 'a b' } : { message: 'expired' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    closers.push(() => new Promise((resolve) => server.close(() => resolve())));
    const runtime = createRuntime(
      { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` },
      { product: 'fortisoar', apiPath: '/api' },
    );
    closers.push(() => runtime.close());
    const redactor = new Redactor();
    const auth = new SessionAuth(
      {
        user: 'u',
        login: async () => `t${++tokens}`,
        credential: (t) => ({ headers: { authorization: `Bearer ${t}` } }),
      },
      { redactor, log: new SafeLog(undefined, redactor), product: 'Test' },
    );
    const hooks: RestHooks = {
      authRejected: (reply) => reply.status === 401,
      result: (reply) => reply.data,
    };
    const caller = new RestCaller({ runtime, auth, hooks });
    const endpoint = { method: 'POST', path: '/3/{module}/{id}', idempotent: false } as const;
    const data = await caller.call(endpoint, {
      params: { module: 'alerts', id: 'a b/c' },
      query: { $limit: 2, tag: ['x', 'y'] },
      json: { n: 1 },
    });
    expect(data).toEqual({ name: 'a b' });
    expect(seen.map((s) => s.url)).toEqual([
      '/api/3/alerts/a%20b%2Fc?%24limit=2&tag=x&tag=y',
      '/api/3/alerts/a%20b%2Fc?%24limit=2&tag=x&tag=y',
    ]);
    expect(seen.map((s) => s.auth)).toEqual(['Bearer t1', 'Bearer t2']);
    expect(seen[1]!.body).toBe('{"n":1}');
    expect(() => caller.pathOf(endpoint, { params: { module: 'alerts', id: '..' } })).toThrow(
      ValidationError,
    );
  });

  it('url is validated and named url', () => {
    expect(() => createRuntime({ url: 'ftp://x' }, { product: 'fortisoar' })).toThrow(
      expect.objectContaining({ field: 'url' }),
    );
    expect(() => createRuntime({}, { product: 'fortisoar' })).toThrow(ValidationError);
  });
});
