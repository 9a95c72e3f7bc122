import { describe, expect, it } from 'vitest';
import { type PreparedItem, runBatch } from '../../../src/fortimanager/batch.js';
import type { RpcReply, WireParams } from '../../../src/fortimanager/types.js';

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
    const prepare = (item: unknown): PreparedItem => {
      answeredAtPrepare.push(answered);
      const url = `/x/${item as number}`;
      return { method: 'add', url, verbose: true, wire: { url }, okCodes: undefined };
    };
    const results = await runBatch([0, 1, 2, 3, 4, 5, 6], prepare, send, 3);
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
});
