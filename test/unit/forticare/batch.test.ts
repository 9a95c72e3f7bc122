import { describe, expect, it } from 'vitest';
import { TransportError } from '../../../src/core/errors.js';
import { runBatches, UNIT_NOT_PROCESSED } from '../../../src/forticare/batch.js';
import { FortiCareInvalidRequestError, FortiCarePermissionError } from '../../../src/forticare/errors.js';
import type { UnitsReply } from '../../../src/forticare/types.js';

const serials = (n: number) => Array.from({ length: n }, (_, i) => `FGT60FTK${String(i).padStart(8, '0')}`);
const head = { build: '1.0.0', version: '3.0', message: '', error: null };

/** A fake FortiCare: units in `bad` fail; after `maxErrors` failures the rest of a batch is not processed. */
function fakeServer(bad: Set<string>, maxErrors = 5) {
  const sent: string[][] = [];
  const send = async (chunk: string[]): Promise<UnitsReply> => {
    sent.push(chunk);
    let failures = 0;
    const assets = chunk.map((serialNumber) => {
      if (failures >= maxErrors)
        return { serialNumber, status: UNIT_NOT_PROCESSED, message: 'Not processed' };
      if (bad.has(serialNumber)) {
        failures++;
        return { serialNumber, status: 2, message: 'Product-> not valid' };
      }
      return { serialNumber, status: 0, message: 'ok' };
    });
    return { ...head, status: failures > 0 ? 2 : 0, assets };
  };
  return { sent, send };
}

describe('batch chunking', () => {
  it('sends 35 units as 4 batches of at most 10 and returns successes and per-unit failures', async () => {
    const units = serials(35);
    const bad = new Set([units[3]!, units[12]!, units[13]!, units[34]!]);
    const server = fakeServer(bad);
    const result = await runBatches({ units, size: 10, serialOf: (s) => s, send: server.send });
    expect(server.sent.map((c) => c.length)).toEqual([10, 10, 10, 5]);
    expect(result.batches).toBe(4);
    expect(result.succeeded).toHaveLength(31);
    expect(result.failed.map((f) => f.serialNumber)).toEqual([...bad]);
    expect(result.failed.every((f) => f.kind === 'rejected' && f.status === 2)).toBe(true);
    expect(result.ok).toBe(false);
  });

  it('sends units FortiCare skipped after too many failures once more, in a later batch', async () => {
    const units = serials(10);
    const bad = new Set(units.slice(0, 7));
    const server = fakeServer(bad);
    const result = await runBatches({ units, size: 10, serialOf: (s) => s, send: server.send });
    expect(server.sent).toEqual([units, units.slice(5)]);
    expect(result.succeeded.map((s) => s.serialNumber)).toEqual(units.slice(7));
    expect(result.failed).toHaveLength(7);
    expect(result.batches).toBe(2);
  });

  it('keeps going after a chunk refused for its content, and reports it', async () => {
    const units = serials(20);
    let call = 0;
    const result = await runBatches({
      units,
      size: 10,
      serialOf: (s) => s,
      send: async (chunk) => {
        if (call++ === 0) {
          throw new FortiCareInvalidRequestError('bad chunk', {
            path: 'products/register',
            httpStatus: 400,
            envelope: {
              status: -1,
              message: 'Invalid incoming request.',
              error: { errorCode: 102, message: 'x' },
            },
          });
        }
        return {
          ...head,
          status: 0,
          assets: chunk.map((serialNumber) => ({ serialNumber, status: 0, message: null })),
        };
      },
    });
    expect(result.succeeded).toHaveLength(10);
    expect(result.failed).toHaveLength(10);
    expect(result.failed[0]?.kind).toBe('rejected');
    expect(result.failed[0]?.error).toBeInstanceOf(FortiCareInvalidRequestError);
  });

  it('stops on a systemic error: the sent chunk is unknown, the rest not sent', async () => {
    const units = serials(30);
    let call = 0;
    const result = await runBatches({
      units,
      size: 10,
      serialOf: (s) => s,
      send: async (chunk) => {
        if (call++ === 1) throw new TransportError('socket closed', 'reset', { requestSent: true });
        return {
          ...head,
          status: 0,
          assets: chunk.map((serialNumber) => ({ serialNumber, status: 0, message: null })),
        };
      },
    });
    expect(call).toBe(2);
    expect(result.succeeded).toHaveLength(10);
    expect(result.failed.filter((f) => f.kind === 'unknown')).toHaveLength(10);
    expect(result.failed.filter((f) => f.kind === 'not-sent')).toHaveLength(10);
    expect(result.batches).toBe(2);
  });

  it('throws when the request as a whole was refused and nothing got an answer', async () => {
    const refusal = new FortiCarePermissionError('denied', {
      path: 'products/register',
      httpStatus: 403,
      envelope: { status: -1, message: 'Invalid incoming request.', error: null },
    });
    await expect(
      runBatches({ units: serials(3), size: 10, serialOf: (s) => s, send: () => Promise.reject(refusal) }),
    ).rejects.toBe(refusal);
  });
});
