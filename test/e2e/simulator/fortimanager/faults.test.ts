import { afterEach, describe, expect, it } from 'vitest';
import { type FmgHarness, type RpcReply, startFmg } from './helpers.js';

let h: FmgHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const STATUS = JSON.stringify({ id: 1, method: 'get', params: [{ url: '/sys/status' }] });

async function open() {
  h = await startFmg();
  const session = await h.login();
  const raw = () =>
    fetch(`${h!.sim.fortimanager.url}/jsonrpc`, {
      method: 'POST',
      body: STATUS.replace('"id":1', `"id":1,"session":${JSON.stringify(session)}`),
    });
  return { h, session, raw };
}

describe('faults injected from code, observed on the FortiManager wire', () => {
  it('latency delays a normal answer', async () => {
    const { h, raw } = await open();
    h.sim.faults.inject({ kind: 'latency', delayMs: 150, product: 'fortimanager' });
    const started = performance.now();
    const response = await raw();
    expect(((await response.json()) as RpcReply).result[0]?.status.code).toBe(0);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('http-error answers a 5xx text page, html an HTML error page', async () => {
    const { h, raw } = await open();
    h.sim.faults.inject({ kind: 'http-error', status: 503 });
    const error = await raw();
    expect(error.status).toBe(503);
    expect(error.headers.get('content-type')).toContain('text/plain');
    await error.text();
    h.sim.faults.inject({ kind: 'html', path: '/jsonrpc' });
    const html = await raw();
    expect(html.status).toBe(502);
    expect(await html.text()).toMatch(/^<!DOCTYPE html>/);
  });

  it('reset drops the connection, truncated cuts the JSON, invalid-json is not JSON', async () => {
    const { h, raw } = await open();
    h.sim.faults.inject({ kind: 'reset' });
    await expect(raw()).rejects.toThrow();
    h.sim.faults.inject({ kind: 'truncated' });
    await expect(
      raw()
        .then((response) => response.text())
        .then((text) => JSON.parse(text)),
    ).rejects.toThrow();
    h.sim.faults.inject({ kind: 'invalid-json' });
    const invalid = await raw();
    expect(invalid.status).toBe(200);
    await expect(invalid.json()).rejects.toThrow();
    expect(((await (await raw()).json()) as RpcReply).result[0]?.status.code).toBe(0);
  });

  it('slow-body dribbles a complete answer', async () => {
    const { h, raw } = await open();
    h.sim.faults.inject({ kind: 'slow-body', delayMs: 25 });
    const started = performance.now();
    const reply = (await (await raw()).json()) as RpcReply;
    expect(reply.result[0]?.status.code).toBe(0);
    expect(performance.now() - started).toBeGreaterThanOrEqual(150);
  });

  it('rate-limit answers 429 with Retry-After', async () => {
    const { h, raw } = await open();
    h.sim.faults.inject({ kind: 'rate-limit', retryAfterSec: 7 });
    const response = await raw();
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('7');
    await response.text();
  });

  it('stale-session makes FortiManager forget the session: -11, then a new login works', async () => {
    const { h, session } = await open();
    h.sim.faults.inject({
      kind: 'stale-session',
      match: (req) => req.body.toString().includes('"method":"get"'),
    });
    expect(
      (
        await h.call(
          'add',
          { url: '/pm/config/adom/root/obj/firewall/address', data: { name: 'ok1' } },
          { session },
        )
      ).status.code,
    ).toBe(0);
    expect(h.sim.faults.pending).toBe(1);
    const stale = await h.call('get', { url: '/sys/status' }, { session });
    expect(stale.status).toEqual({ code: -11, message: 'No permission for the resource' });
    expect(h.sim.fortimanager.stats().sessions).toBe(0);
    expect((await h.call('get', { url: '/sys/status' }, { session })).status.code).toBe(-11);
    const fresh = await h.login();
    expect((await h.call('get', { url: '/sys/status' }, { session: fresh })).status.code).toBe(0);
  });

  it('a fault can target only some requests and a number of them', async () => {
    const { h, raw } = await open();
    h.sim.faults.inject({ kind: 'http-error', status: 500, times: 2, after: 1 });
    const statuses = [];
    for (let i = 0; i < 4; i++) {
      const response = await raw();
      statuses.push(response.status);
      await response.text();
    }
    expect(statuses).toEqual([200, 500, 500, 200]);
    expect(
      ((await h.post({ id: 9, method: 'get', params: [{ url: '/sys/status' }] })).json as RpcReply).id,
    ).toBe(9);
  });

  it('a body over the limit gets 413 (and the connection closed after it), not a reset', async () => {
    const { h } = await open();
    const padding = 'x'.repeat(33 * 1024 * 1024);
    const response = await fetch(`${h.sim.fortimanager.url}/jsonrpc`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: 1, method: 'get', params: [{ url: '/sys/status', padding }] }),
    });
    expect(response.status).toBe(413);
    expect(response.headers.get('connection')).toBe('close');
    expect(await response.text()).toContain('Too Large');
    // The server keeps serving.
    const session = await h.login();
    expect((await h.call('get', { url: '/sys/status' }, { session })).status.code).toBe(0);
  });

  it('deeply nested filters, sub fetches and data get a JSON-RPC refusal, not an HTTP 500', async () => {
    const { h, session } = await open();
    // Written as text: too deep for JSON.stringify itself.
    const n = 20_000;
    const filter = `${'['.repeat(n)}["name","==","x"]${',"&&",["name","==","y"]]'.repeat(n)}`;
    const subFetch = `${'{"dynamic_mapping":{"sub fetch":'.repeat(n)}{}${'}}'.repeat(n)}`;
    const data = `${'{"name":"deep","comment":'.repeat(n)}{"name":"deep"}${'}'.repeat(n)}`;
    const url = '"/pm/config/adom/root/obj/firewall/address"';
    const envelope = (method: string, params: string[]) =>
      `{"id":1,"method":"${method}","session":${JSON.stringify(session)},"params":[${params.join(',')}]}`;
    const gets = await h.post(
      envelope('get', [`{"url":${url},"filter":${filter}}`, `{"url":${url},"sub fetch":${subFetch}}`]),
    );
    expect(gets.status).toBe(200);
    expect((gets.json as RpcReply).result.map((r) => r.status.code)).toEqual([-10, -10]);
    const write = await h.post(envelope('add', [`{"url":${url},"data":${data}}`]));
    expect(write.status).toBe(200);
    expect((write.json as RpcReply).result[0]?.status.code).toBe(-10);
    // An ordinary nesting is fine.
    const normal = await h.call(
      'get',
      { url: JSON.parse(url), filter: [['name', '==', 'a'], '||', ['name', '==', 'b']] },
      { session },
    );
    expect(normal.status.code).toBe(0);
  });
});
