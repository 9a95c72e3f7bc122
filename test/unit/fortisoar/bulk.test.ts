import { describe, expect, it } from 'vitest';
import { bulkUpsertResults } from '../../../src/fortisoar/bulk.js';

const record = (name: string) => ({
  '@id': `/api/3/alerts/${name}`,
  '@type': 'Alert',
  id: 1,
  uuid: name,
  name,
});

describe('FortiSOAR bulk upsert results', () => {
  it('puts each failure at the position of the item it echoes and the successes in the others', () => {
    const inputs = [{ name: 'a' }, { sourceId: 'x', description: 'b' }, { name: 'c' }];
    const reply = {
      success: [record('a'), record('c')],
      failure: [
        `Bad Request: ${JSON.stringify({ message: 'name: This value should not be blank.', data: { description: 'b', sourceId: 'x' } })}`,
      ],
    };
    const results = bulkUpsertResults(reply, inputs, 10);
    expect(results.map((r) => [r.index, r.ok])).toEqual([
      [10, true],
      [11, false],
      [12, true],
    ]);
    expect(results[1]).toMatchObject({
      ok: false,
      input: inputs[1],
      error: 'name: This value should not be blank.',
    });
  });

  it('keeps a failure it cannot place, with its raw text, and then gives no positions it cannot be sure of', () => {
    const results = bulkUpsertResults(
      { success: [record('a')], failure: ['Internal error'] },
      [{ name: 'a' }, { name: 'b' }],
      0,
    );
    expect(results).toEqual([
      { index: undefined, ok: true, record: record('a') },
      { index: undefined, ok: false, input: undefined, error: 'Internal error', raw: 'Internal error' },
    ]);
  });

  it('tells twin items apart by order', () => {
    const twin = { name: '' };
    const failure = `Bad Request: ${JSON.stringify({ message: 'blank', data: twin })}`;
    const results = bulkUpsertResults({ success: [], failure: [failure, failure] }, [twin, twin], 0);
    expect(results.map((r) => r.index)).toEqual([0, 1]);
  });
});
