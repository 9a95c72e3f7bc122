import { createServer as createNetServer } from 'node:net';
import { Agent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { ProtocolError, RateLimitError, TransportError, ValidationError } from '../../../src/core/errors.js';
import { type Logger, Redactor, SafeLog } from '../../../src/core/logging.js';
import { HttpTransport, type TransportOptions } from '../../../src/core/transport.js';
import { VERSION } from '../../../src/core/version.js';
import { type Handler, json, type Loopback, startLoopback } from './loopback.js';

const open: Array<{ close(): Promise<void> }> = [];

afterEach(async () => {
  await Promise.all(open.splice(0).map((item) => item.close()));
});

async function serve(handler: Handler): Promise<Loopback> {
  const server = await startLoopback(handler);
  open.push(server);
  return server;
}

function client(options: TransportOptions): HttpTransport {
  const transport = new HttpTransport(options);
  open.push(transport);
  return transport;
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

describe('HttpTransport requests', () => {
  it('joins the base path, encodes the query, merges headers and serializes json', async () => {
    const server = await serve((_req, res) => json(res, 200, { ok: true }));
    const http = client({ baseUrl: `${server.url}/api/`, headers: { 'X-Tenant': 'blue' } });
    const reply = await http.requestJson<{ ok: boolean }>({
      method: 'POST',
      path: '/v3/products/list',
      query: { q: 'a b&c', n: 2, skip: undefined, on: true },
      headers: { 'X-Trace': '42' },
      json: { serialNumber: 'FGT60F' },
    });
    expect(reply).toMatchObject({ status: 200, data: { ok: true } });
    const seen = server.requests[0]!;
    expect(seen.url).toBe('/api/v3/products/list?q=a%20b%26c&n=2&on=true');
    expect(seen.headers['content-type']).toBe('application/json');
    expect(seen.headers['user-agent']).toBe(`fortix/${VERSION}`);
    expect(seen.headers['x-tenant']).toBe('blue');
    expect(seen.headers['x-trace']).toBe('42');
    expect(JSON.parse(seen.body)).toEqual({ serialNumber: 'FGT60F' });
  });

  it('returns non-2xx replies from request() and JSON error bodies from requestJson()', async () => {
    const server = await serve((_req, res) => json(res, 404, { status: -3, message: 'not found' }));
    const http = client({ baseUrl: server.url });
    const raw = await http.request({ method: 'GET', path: 'x' });
    expect(raw.status).toBe(404);
    expect(JSON.parse(raw.body.toString())).toEqual({ status: -3, message: 'not found' });
    await expect(http.requestJson({ method: 'DELETE', path: '/x' })).resolves.toMatchObject({
      status: 404,
      data: { status: -3 },
    });
  });

  it('gives undefined data for 204 No Content', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(204);
      res.end();
    });
    const http = client({ baseUrl: server.url });
    await expect(http.requestJson({ method: 'PUT', path: '/u/1', json: {} })).resolves.toMatchObject({
      status: 204,
      data: undefined,
    });
  });

  it('validates its options and requests before sending anything', async () => {
    expect(() => new HttpTransport({ baseUrl: 'ftp://x' })).toThrow(ValidationError);
    expect(() => new HttpTransport({ baseUrl: 'not a url' })).toThrow(ValidationError);
    expect(() => new HttpTransport({ baseUrl: 'https://admin:pw@x' })).toThrow(ValidationError);
    expect(() => new HttpTransport({ baseUrl: 'http://x', tls: { fingerprint: 'AB'.repeat(32) } })).toThrow(
      ValidationError,
    );
    expect(() => new HttpTransport({ baseUrl: 'http://x', timeoutMs: 0 })).toThrow(ValidationError);
    const server = await serve((_req, res) => json(res, 200, {}));
    const http = client({ baseUrl: server.url });
    await expect(http.request({ method: 'POST', path: '/', body: 'x', json: {} })).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect(server.requests).toHaveLength(0);
  });

  it('uses an injected dispatcher and leaves it open on close()', async () => {
    const server = await serve((_req, res) => json(res, 200, { via: 'agent' }));
    const agent = new Agent();
    open.push(agent);
    const http = new HttpTransport({ baseUrl: server.url, dispatcher: agent });
    await expect(http.requestJson({ method: 'GET', path: '/' })).resolves.toMatchObject({
      data: { via: 'agent' },
    });
    await http.close();
    const after = await agent.request({ origin: server.url, path: '/', method: 'GET' });
    expect(await after.body.json()).toEqual({ via: 'agent' });
  });
});

describe('HttpTransport failures', () => {
  it('times out a reply that does not come, and the message names the call', async () => {
    const server = await serve(() => {
      // never answers
    });
    const http = client({ baseUrl: server.url, timeoutMs: 5_000 });
    const started = performance.now();
    const error = await failure(http.request({ method: 'POST', path: '/jsonrpc', timeoutMs: 80 }));
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ kind: 'timeout', requestSent: true });
    expect((error as Error).message).toContain(`POST ${server.url}/jsonrpc timed out after 80 ms`);
  });

  it('closes promptly even while the server still holds a cancelled request open', async () => {
    const server = await serve(() => {
      // never answers, never closes
    });
    const http = new HttpTransport({ baseUrl: server.url, timeoutMs: 5_000 });
    const requests = [
      failure(http.request({ method: 'POST', path: '/a', timeoutMs: 50 })),
      failure(http.request({ method: 'POST', path: '/b', timeoutMs: 5_000 })),
    ];
    await requests[0];
    const started = performance.now();
    await http.close();
    expect(performance.now() - started).toBeLessThan(1_000);
    await expect(requests[1]).resolves.toMatchObject({ kind: 'closed' });
  });

  it('times out a body that stops half way (the deadline covers the whole request)', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"partial":');
    });
    const http = client({ baseUrl: server.url, timeoutMs: 100 });
    const error = await failure(http.request({ method: 'GET', path: '/slow' }));
    expect(error).toMatchObject({ kind: 'timeout' });
    await expect.poll(() => server.sockets[0]?.destroyed).toBe(true);
  });

  it('never sends a call that timed out while waiting for a free connection', async () => {
    const held: Array<() => void> = [];
    const server = await serve((req, res) => {
      if (req.url === '/first') held.push(() => json(res, 200, { done: true }));
      else json(res, 200, { url: req.url });
    });
    const http = client({ baseUrl: server.url, connections: 1 });
    const first = http.requestJson({ method: 'GET', path: '/first' });
    await expect.poll(() => held.length).toBe(1);
    const queued = await failure(http.request({ method: 'POST', path: '/queued', timeoutMs: 50 }));
    expect(queued).toMatchObject({ kind: 'timeout' });
    held[0]!();
    await expect(first).resolves.toMatchObject({ data: { done: true } });
    // Same single connection, FIFO: had '/queued' been kept, it would have gone out before '/after'.
    await expect(http.requestJson({ method: 'GET', path: '/after' })).resolves.toMatchObject({
      data: { url: '/after' },
    });
    expect(server.requests.map((r) => r.url)).toEqual(['/first', '/after']);
  });

  it('aborts on the caller signal, and refuses an already aborted signal without sending', async () => {
    const server = await serve(() => {});
    const http = client({ baseUrl: server.url });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    const error = await failure(http.request({ method: 'GET', path: '/a', signal: controller.signal }));
    expect(error).toMatchObject({ kind: 'abort' });
    const before = server.requests.length;
    const early = await failure(http.request({ method: 'POST', path: '/b', signal: controller.signal }));
    expect(early).toMatchObject({ kind: 'abort', requestSent: false });
    expect(server.requests.length).toBe(before);
  });

  it('refuses, as a ValidationError and without sending, a path undici will not put on the wire', async () => {
    const server = await serve((_req, res) => json(res, 200, {}));
    const http = client({ baseUrl: server.url });
    const error = await failure(http.requestJson({ method: 'GET', path: '/a b' }));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toMatch(/^GET http:\/\/127\.0\.0\.1:\d+\/a b was not sent: /);
    await expect(http.requestJson({ method: 'GET', path: '/ok' })).resolves.toMatchObject({ status: 200 });
    expect(server.requests.map((r) => r.url)).toEqual(['/ok']);
  });

  it('stops reading a reply bigger than maxBodyBytes and destroys its socket', async () => {
    const big = 'x'.repeat(50_000);
    const server = await serve((req, res) => {
      if (req.url === '/declared') res.writeHead(200, { 'content-length': String(big.length) });
      else res.writeHead(200, { 'content-type': 'text/plain' }); // chunked: the size is only known while reading
      if (req.url === '/declared') res.end(big);
      else {
        res.write(big);
        setTimeout(() => res.end(big), 20);
      }
    });
    const http = client({ baseUrl: server.url, maxBodyBytes: 10_000 });
    for (const path of ['/declared', '/chunked']) {
      for (const call of [
        () => http.request({ method: 'GET', path }),
        () => http.requestJson({ method: 'GET', path }),
      ]) {
        const error = await failure(call());
        expect(error).toBeInstanceOf(ProtocolError);
        expect(error).toMatchObject({ status: 200 });
        expect((error as Error).message).toContain('maxBodyBytes');
      }
    }
    await expect.poll(() => server.sockets.length > 0 && server.sockets.every((s) => s.destroyed)).toBe(true);
  });

  it('parses a JSON reply that arrives in pieces cut inside multi-byte characters', async () => {
    const value = { city: 'Zürich', other: '東京', rocket: '🚀', pad: 'x'.repeat(5_000) };
    const bytes = Buffer.from(JSON.stringify(value), 'utf8');
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      // One byte per write at first, so that the client reads several chunks cut mid-character.
      let at = 0;
      const next = () => {
        if (at >= 40) return res.end(bytes.subarray(at));
        res.write(bytes.subarray(at, ++at));
        setImmediate(next);
      };
      next();
    });
    const http = client({ baseUrl: server.url });
    await expect(http.requestJson({ method: 'GET', path: '/' })).resolves.toMatchObject({ data: value });
  });

  it('reports a refused connection as connect, before sending', async () => {
    const probe = createNetServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as { port: number };
    await new Promise((resolve) => probe.close(resolve));
    const http = client({ baseUrl: `http://127.0.0.1:${port}` });
    const error = await failure(http.request({ method: 'POST', path: '/jsonrpc' }));
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ kind: 'connect', requestSent: false });
    expect((error as Error).message).toMatch(/ECONNREFUSED.*check the address and port/);
  });

  it('reports a connection dropped by the server as reset, after sending', async () => {
    const server = await serve((req) => req.socket.destroy());
    const http = client({ baseUrl: server.url });
    const error = await failure(http.request({ method: 'POST', path: '/jsonrpc', json: { id: 1 } }));
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ kind: 'reset', requestSent: true });
    expect(server.requests).toHaveLength(1);
  });

  it('turns an HTML page into a ProtocolError with a short, redacted snippet', async () => {
    const secret = 'S3cr3t-session-id';
    const page = `<html>\n  <body>Bad gateway for session ${secret}</body>\n</html>${' '.repeat(10)}${'y'.repeat(500)}`;
    const server = await serve((_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html; charset=utf-8' });
      res.end(page);
    });
    const redactor = new Redactor();
    redactor.addSecret(secret);
    const http = client({ baseUrl: server.url, redactor });
    const error = await failure(http.requestJson({ method: 'POST', path: '/jsonrpc' }));
    expect(error).toBeInstanceOf(ProtocolError);
    const protocol = error as ProtocolError;
    expect(protocol.status).toBe(502);
    expect(protocol.contentType).toBe('text/html; charset=utf-8');
    expect(protocol.snippet).toContain('<html> <body>Bad gateway for session [REDACTED]');
    expect(protocol.snippet).not.toContain(secret);
    expect(protocol.snippet.length).toBeLessThanOrEqual(200);
    expect(protocol.message).toContain('HTTP 502');
  });

  it('turns truncated or invalid JSON into a ProtocolError that does not leak the body', async () => {
    const secret = 'sid-0123456789';
    const server = await serve((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      if (req.url === '/cut') res.end(`{"session": "${secret}", "result": [1, 2`);
      else res.end(req.url === '/empty' ? '' : `${secret} is not JSON`);
    });
    const redactor = new Redactor();
    redactor.addSecret(secret);
    const http = client({ baseUrl: server.url, redactor });
    for (const path of ['/cut', '/empty']) {
      const error = await failure(http.requestJson({ method: 'GET', path }));
      expect(error).toBeInstanceOf(ProtocolError);
      expect(error).toMatchObject({ status: 200, contentType: 'application/json' });
      expect(JSON.stringify({ ...(error as ProtocolError), cause: (error as Error).cause })).not.toContain(
        secret,
      );
    }
  });

  it('turns HTTP 429 into a RateLimitError with Retry-After in ms (seconds or date)', async () => {
    const server = await serve((req, res) => {
      const retryAfter = req.url === '/date' ? new Date(Date.now() + 30_000).toUTCString() : '7';
      json(res, 429, { error: 'too many' }, { 'retry-after': retryAfter });
    });
    const http = client({ baseUrl: server.url });
    const seconds = await failure(http.requestJson({ method: 'GET', path: '/s' }));
    expect(seconds).toBeInstanceOf(RateLimitError);
    expect((seconds as RateLimitError).retryAfterMs).toBe(7_000);
    const date = (await failure(http.requestJson({ method: 'GET', path: '/date' }))) as RateLimitError;
    expect(date.retryAfterMs).toBeGreaterThan(25_000);
    expect(date.retryAfterMs).toBeLessThanOrEqual(30_000);
  });

  it('fails with kind closed after close(), which is idempotent', async () => {
    const server = await serve((_req, res) => json(res, 200, {}));
    const http = new HttpTransport({ baseUrl: server.url });
    await http.request({ method: 'GET', path: '/' });
    await Promise.all([http.close(), http.close()]);
    await http[Symbol.asyncDispose]();
    const error = await failure(http.request({ method: 'GET', path: '/' }));
    expect(error).toMatchObject({ kind: 'closed', requestSent: false });
    expect(server.requests).toHaveLength(1);
  });
});

describe('HttpTransport redaction', () => {
  it('keeps secrets out of error messages (query strings are never shown) and logs', async () => {
    const secret = 'tok-0123456789';
    const server = await serve((req) => req.socket.destroy());
    const lines: string[] = [];
    const capture = (msg: string, meta?: Record<string, unknown>) =>
      lines.push(msg + JSON.stringify(meta ?? {}));
    const logger: Logger = { debug: capture, info: capture, warn: capture, error: capture };
    const redactor = new Redactor();
    redactor.addSecret(secret);
    const http = client({ baseUrl: server.url, redactor, log: new SafeLog(logger, redactor) });
    const error = await failure(
      http.request({ method: 'GET', path: `/session/${secret}/x`, query: { access_token: 'q-secret-1' } }),
    );
    const message = (error as Error).message;
    expect(message).toContain(`GET ${server.url}/session/[REDACTED]/x`);
    expect(message).not.toContain(secret);
    expect(message).not.toContain('q-secret-1');
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('\n')).not.toContain(secret);
  });
});
