import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../src/core/errors.js';
import { type BatchPlan, runBatch } from '../../../src/fortimanager/batch-run.js';
import type { PreparedCall, RpcReply, WireParams } from '../../../src/fortimanager/types.js';

const OK = { code: 0, message: 'OK' };

describe('runBatch', () => {
  it('prepares the next chunk while one is in flight, yet sends one request at a time, in order', async () => {
    let inFlight = 0;
    let most = 0;
    let answered = 0;
    const sent: string[][] = [];
    const answeredAtPrepare: number[] = [];
    const send = async (_method: string, params: readonly WireParams[]): Promise<RpcReply> => {
      inFlight++;
      most = Math.max(most, inFlight);
      sent.push(params.map((p) => p.url));
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight--;
      answered++;
      return { id: sent.length, items: params.map((p) => ({ status: OK, data: p.url })), session: undefined };
    };
    const prepare = (item: unknown): PreparedCall => {
      answeredAtPrepare.push(answered);
      const url = `/x/${item as number}`;
      return { method: 'add', url, verbose: true, wire: { url }, okCodes: undefined };
    };
    const results = await runBatch([0, 1, 2, 3, 4, 5, 6], plan(prepare, send, 3));
    expect(most).toBe(1);
    expect(sent).toEqual([['/x/0', '/x/1', '/x/2'], ['/x/3', '/x/4', '/x/5'], ['/x/6']]);
    expect(results.map((r) => r.ok && r.data)).toEqual([
      '/x/0',
      '/x/1',
      '/x/2',
      '/x/3',
      '/x/4',
      '/x/5',
      '/x/6',
    ]);
    // The second chunk was ready before the first reply came back.
    expect(answeredAtPrepare.slice(3, 6)).toEqual([0, 0, 0]);
  });

  it('lets the login that its first item starts be written before it prepares the rest of the first chunk', async () => {
    const { events, prepare, send } = recordingSteps();
    const first = () => {
      events.push('login');
      // The login's socket connects, and the login is written, in the poll phase before this.
      setImmediate(() => events.push('check phase'));
      return new Promise<void>(() => {});
    };
    const results = await runBatch([0, 1, 2], { ...plan(prepare, send, 10), first });
    expect(results.every((r) => r.ok)).toBe(true);
    expect(events).toEqual(['prepare 0', 'login', 'check phase', 'prepare 1', 'prepare 2', 'send 3']);
  });

  it('with a session at hand (no login under way), prepares and sends its first chunk in the caller’s turn', async () => {
    const { events, prepare, send } = recordingSteps();
    const first = () => {
      setImmediate(() => events.push('check phase'));
      return undefined;
    };
    await runBatch([0, 1, 2], { ...plan(prepare, send, 10), first });
    expect(events.slice(0, 5)).toEqual(['prepare 0', 'prepare 1', 'prepare 2', 'send 3', 'check phase']);
  });

  it('writes the next request before it reads the entries of the one before, each serialized once', async () => {
    const events: string[] = [];
    const texts: string[] = [];
    const send = async (
      _method: string,
      params: readonly WireParams[],
      _verbose: boolean,
      text: string,
    ): Promise<RpcReply> => {
      const urls = params.map((p) => p.url).join(',');
      events.push(`send ${urls}`);
      // undici writes on a reused socket from an immediate it queues as it takes the request.
      setImmediate(() => events.push(`written ${urls}`));
      texts.push(text);
      await new Promise((resolve) => setTimeout(resolve, 2));
      const items = params.map((p) => ({
        status: OK,
        get data() {
          events.push(`read ${p.url}`);
          return p.url;
        },
      }));
      return { id: 1, items, session: undefined };
    };
    const results = await runBatch([0, 1, 2, 3], plan(prepareUrl, send, 2));
    expect(results.map((r) => r.ok && r.data)).toEqual(['/x/0', '/x/1', '/x/2', '/x/3']);
    expect(events).toEqual([
      'send /x/0,/x/1',
      'written /x/0,/x/1',
      'send /x/2,/x/3',
      'written /x/2,/x/3',
      'read /x/0',
      'read /x/1',
      'read /x/2',
      'read /x/3',
    ]);
    expect(texts).toEqual([
      JSON.stringify([{ url: '/x/0' }, { url: '/x/1' }]),
      JSON.stringify([{ url: '/x/2' }, { url: '/x/3' }]),
    ]);
  });

  it("prepares the next chunk only after the check phase that follows a send (undici's write of a reused socket)", async () => {
    const events: string[] = [];
    const send = async (_method: string, params: readonly WireParams[]): Promise<RpcReply> => {
      events.push(`send ${params.map((p) => p.url).join(',')}`);
      setImmediate(() => events.push('written'));
      await new Promise((resolve) => setTimeout(resolve, 2));
      return { id: 1, items: params.map((p) => ({ status: OK, data: p.url })), session: undefined };
    };
    const prepare = (item: unknown): PreparedCall => {
      events.push(`prepare ${item as number}`);
      return prepareUrl(item);
    };
    await runBatch([0, 1, 2, 3, 4], plan(prepare, send, 2));
    // Item 2 is prepared before the first send (it shows the chunk is full); item 3 waits for the write.
    expect(events.slice(0, 6)).toEqual([
      'prepare 0',
      'prepare 1',
      'prepare 2',
      'send /x/0,/x/1',
      'written',
      'prepare 3',
    ]);
  });

  it('an item JSON cannot carry fails alone with a ValidationError naming its field; the rest of its chunk goes', async () => {
    const sent: string[][] = [];
    const send = async (_method: string, params: readonly WireParams[]): Promise<RpcReply> => {
      sent.push(params.map((p) => p.url));
      return { id: 1, items: params.map((p) => ({ status: OK, data: p.url })), session: undefined };
    };
    const prepare = (item: unknown): PreparedCall => {
      const url = `/x/${item as number}`;
      const wire = item === 2 ? { url, data: { count: 1n } } : { url };
      return { method: 'add', url, verbose: true, wire, okCodes: undefined };
    };
    const results = await runBatch([0, 1, 2, 3, 4], plan(prepare, send, 2));
    expect(sent).toEqual([['/x/0', '/x/1'], ['/x/3'], ['/x/4']]);
    expect(results.map((r) => r.ok)).toEqual([true, true, false, true, true]);
    expect(results.map((r) => r.url)).toEqual(['/x/0', '/x/1', '/x/2', '/x/3', '/x/4']);
    const failed = results[2]!;
    expect(!failed.ok && failed.error).toBeInstanceOf(ValidationError);
    expect(!failed.ok && (failed.error as ValidationError).field).toBe('data');
    expect(!failed.ok && failed.error.message).toMatch(/^data cannot be sent as JSON.*nothing was sent/);
  });

  it('sends the next chunk as soon as a reply is in (`received`), before that reply is parsed', async () => {
    const events: string[] = [];
    const send = async (
      _method: string,
      params: readonly WireParams[],
      _verbose: boolean,
      _text: string,
      received: () => void,
    ): Promise<RpcReply> => {
      const urls = params.map((p) => p.url).join(',');
      events.push(`send ${urls}`);
      await new Promise((resolve) => setTimeout(resolve, 2));
      events.push(`received ${urls}`);
      received();
      // The parse waits for the next request's write.
      await new Promise((resolve) => setTimeout(resolve, 10));
      events.push(`parsed ${urls}`);
      return { id: 1, items: params.map((p) => ({ status: OK, data: p.url })), session: undefined };
    };
    const results = await runBatch([0, 1, 2, 3], plan(prepareUrl, send, 2));
    expect(results.map((r) => r.ok && r.data)).toEqual(['/x/0', '/x/1', '/x/2', '/x/3']);
    expect(events).toEqual([
      'send /x/0,/x/1',
      'received /x/0,/x/1',
      'send /x/2,/x/3',
      'received /x/2,/x/3',
      'parsed /x/0,/x/1',
      'parsed /x/2,/x/3',
    ]);
  });

  it('gives every item answered OK its result, with or without data, beside the ones refused', async () => {
    const send = async (_method: string, params: readonly WireParams[]): Promise<RpcReply> => ({
      id: 7,
      items: params.map((p) =>
        p.url === '/x/1'
          ? { status: { code: -3, message: 'Object does not exist' } }
          : p.url === '/x/2'
            ? { status: OK }
            : { status: OK, data: { name: p.url } },
      ),
      session: undefined,
    });
    const results = await runBatch([0, 1, 2, 3], plan(prepareUrl, send, 3));
    expect(results).toHaveLength(4);
    expect(results[0]).toEqual({ ok: true, url: '/x/0', data: { name: '/x/0' } });
    expect(results[1]).toMatchObject({ ok: false, url: '/x/1' });
    expect(results[2]).toEqual({ ok: true, url: '/x/2', data: undefined });
    expect(results[3]).toEqual({ ok: true, url: '/x/3', data: { name: '/x/3' } });
    expect(Object.keys(results)).toEqual(['0', '1', '2', '3']);
  });
});

function prepareUrl(item: unknown): PreparedCall {
  const url = `/x/${item as number}`;
  return { method: 'add', url, verbose: true, wire: { url }, okCodes: undefined };
}

/** A prepare and a send that record, in `events`, each item prepared and each request's size. */
function recordingSteps() {
  const events: string[] = [];
  const send = async (_method: string, params: readonly WireParams[]): Promise<RpcReply> => {
    events.push(`send ${params.length}`);
    return { id: 1, items: params.map((p) => ({ status: OK, data: p.url })), session: undefined };
  };
  const prepare = (item: unknown): PreparedCall => {
    events.push(`prepare ${item as number}`);
    const url = `/x/${item as number}`;
    return { method: 'add', url, verbose: true, wire: { url }, okCodes: undefined };
  };
  return { events, prepare, send };
}

function plan(prepare: BatchPlan['prepare'], send: BatchPlan['send'], chunkSize: number): BatchPlan {
  return { prepare, send, chunkSize, concurrency: 1, repeats: false };
}
