import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../src/core/errors.js';
import { ObjectNotFoundError } from '../../../src/fortimanager/index.js';
import { rpcUrl, useSimulator } from './harness.js';

const h = useSimulator();
const table = '/pm/config/adom/{adom}/obj/firewall/address';
const item = '/pm/config/adom/{adom}/obj/firewall/address/{name}';

/** Names a real FortiManager holds, each with a character the URL must carry as FortiManager reads it. */
const NAMES = [
  'web server 1',
  'Net_10.0.0.0/18',
  'back\\slash',
  'both\\/kinds/',
  '100%',
  'a%20b',
  'host#1',
  `it's "quoted"`,
  'Zürich-Ωmega-東京',
];

describe('object names in URLs, end to end (issue 8, item 0)', () => {
  it('add, get, update and delete objects whose names hold spaces, /, \\, %, #, quotes, non-ASCII', async () => {
    const fmg = h.client({ adom: 'root' });
    for (const [i, name] of NAMES.entries()) {
      await fmg.add(table, { data: { name, subnet: `10.77.0.${i + 1}/32` } });
      const one = (await fmg.get(item, { params: { name }, fields: ['name', 'comment'] })) as Record<
        string,
        unknown
      >;
      expect(one.name, name).toBe(name);
      await fmg.update(item, { params: { name }, data: { comment: `c${i}` } });
      await expect(fmg.get(item, { params: { name }, fields: ['comment'] })).resolves.toMatchObject({
        comment: `c${i}`,
      });
      await fmg.delete(item, { params: { name } });
      await expect(fmg.get(item, { params: { name } }), name).rejects.toBeInstanceOf(ObjectNotFoundError);
    }
  });

  it('sends the name as FortiManager reads it: a space as a space, a / as \\/, nothing percent-encoded', async () => {
    const fmg = h.client({ adom: 'root' });
    const seen: string[] = [];
    h.sim.faults.inject({
      kind: 'latency',
      delayMs: 0,
      match: (req) => {
        seen.push(req.body.toString('utf8'));
        return rpcUrl('Net_10.0.0.0')(req);
      },
      times: Number.POSITIVE_INFINITY,
    });
    await fmg.add(table, { data: { name: 'Net_10.0.0.0/18 x', subnet: '10.0.0.0/18' } });
    await fmg.get(item, { params: { name: 'Net_10.0.0.0/18 x' } });
    await fmg.delete(item, { params: { name: 'Net_10.0.0.0/18 x' } });
    const urls = seen.flatMap((body) => (JSON.parse(body) as { params: Array<{ url: string }> }).params);
    expect(urls.map((p) => p.url)).toContain('/pm/config/adom/root/obj/firewall/address/Net_10.0.0.0\\/18 x');
    expect(seen.join('\n')).not.toMatch(/%20|%2F/);
  });

  it('a batch of gets by name finds each object', async () => {
    const fmg = h.client({ adom: 'root' });
    const names = ['batch one', 'batch/two', 'batch\\three'];
    await fmg.batch(
      names.map((name, i) => ({
        method: 'add' as const,
        url: table,
        data: { name, subnet: `10.78.0.${i + 1}/32` },
      })),
    );
    const got = await fmg.batch(
      names.map((name) => ({ method: 'get' as const, url: item, params: { name } })),
    );
    expect(got.map((r) => r.ok && (r.data as { name?: string }).name)).toEqual(names);
    await fmg.batch(names.map((name) => ({ method: 'delete' as const, url: item, params: { name } })));
  });

  it('refuses what FortiManager cannot read before sending: control characters, . and ..', async () => {
    const fmg = h.client({ adom: 'root' });
    const before = h.sim.requests;
    for (const name of ['line\nbreak', '.', '..']) {
      await expect(fmg.get(item, { params: { name } })).rejects.toBeInstanceOf(ValidationError);
    }
    await expect(
      fmg.get('/pm/config/adom/{adom}/pkg/{pkg_path}/firewall/policy', { params: { pkg_path: '../x' } }),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(h.sim.requests - before).toBe(0);
  });
});
