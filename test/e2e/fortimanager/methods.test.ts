import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../src/core/errors.js';
import {
  FortiManagerApiError,
  InvalidDataError,
  InvalidUrlError,
  ObjectExistsError,
  ObjectNotFoundError,
} from '../../../src/fortimanager/index.js';
import { useSimulator } from './harness.js';

const h = useSimulator();
const table = '/pm/config/adom/{adom}/obj/firewall/address';
const item = '/pm/config/adom/{adom}/obj/firewall/address/{name}';
const policies = '/pm/config/adom/{adom}/pkg/{pkg}/firewall/policy';

describe('methods against the simulator', () => {
  it('add creates, a second add is ObjectExistsError, okCodes accepts it', async () => {
    const fmg = h.client({ adom: 'root' });
    await expect(fmg.add(table, { data: { name: 'm_add', subnet: '10.1.0.1/32' } })).resolves.toEqual({
      name: 'm_add',
    });
    const again = await fmg
      .add(table, { data: { name: 'm_add', subnet: '10.1.0.1/32' } })
      .catch((e: unknown) => e);
    expect(again).toBeInstanceOf(ObjectExistsError);
    expect(again).toMatchObject({
      apiCode: -2,
      method: 'add',
      url: '/pm/config/adom/root/obj/firewall/address',
    });
    await expect(fmg.add(table, { data: { name: 'm_add' }, okCodes: [-2] })).resolves.toBeUndefined();
  });

  it('fills URL templates with encoded names (spaces, slashes) and reads the object back', async () => {
    const fmg = h.client({ adom: 'dc_emea' });
    const name = 'web server 10.0.0.0/8';
    await fmg.add(table, { data: { name, subnet: '10.0.0.0/8' } });
    const one = (await fmg.get(item, { params: { name }, fields: ['name', 'subnet'] })) as Record<
      string,
      unknown
    >;
    expect(one.name).toBe(name);
    expect(one.subnet).toEqual(['10.0.0.0', '255.0.0.0']);
    // A literal URL works too, written as FortiManager reads it (a `/` in a name is `\/`).
    const literal = (await fmg.get(
      '/pm/config/adom/dc_emea/obj/firewall/address/web server 10.0.0.0\\/8',
    )) as Record<string, unknown>;
    expect(literal.name).toBe(name);
  });

  it('update merges, set overwrites, missing objects are ObjectNotFoundError', async () => {
    const fmg = h.client({ adom: 'root' });
    await fmg.add(table, { data: { name: 'm_upd', subnet: '10.2.0.1/32', comment: 'first', color: 3 } });
    await fmg.update(item, { params: { name: 'm_upd' }, data: { comment: 'second' } });
    let row = (await fmg.get(item, { params: { name: 'm_upd' } })) as Record<string, unknown>;
    expect(row).toMatchObject({ comment: 'second', color: 3 });
    await fmg.set(item, { params: { name: 'm_upd' }, data: { name: 'm_upd', subnet: '10.2.0.2/32' } });
    row = (await fmg.get(item, { params: { name: 'm_upd' } })) as Record<string, unknown>;
    expect(row.color).toBe(0);
    expect(row.subnet).toEqual(['10.2.0.2', '255.255.255.255']);
    await expect(
      fmg.update(item, { params: { name: 'nope' }, data: { comment: 'x' } }),
    ).rejects.toBeInstanceOf(ObjectNotFoundError);
    await expect(fmg.delete(item, { params: { name: 'nope' } })).rejects.toBeInstanceOf(ObjectNotFoundError);
  });

  it('replace clears child tables that update keeps', async () => {
    const fmg = h.client({ adom: 'root' });
    const mapping = [{ _scope: [{ name: 'FGT1', vdom: 'root' }], subnet: '10.3.0.9/32' as const }];
    await fmg.add(table, { data: { name: 'm_rep', subnet: '10.3.0.1/32', dynamic_mapping: mapping } });
    await fmg.update(item, { params: { name: 'm_rep' }, data: { comment: 'kept' } });
    let row = (await fmg.get(item, { params: { name: 'm_rep' } })) as Record<string, unknown>;
    expect(row.dynamic_mapping).toHaveLength(1);
    await fmg.replace(item, { params: { name: 'm_rep' }, data: { name: 'm_rep', subnet: '10.3.0.1/32' } });
    row = (await fmg.get(item, { params: { name: 'm_rep' } })) as Record<string, unknown>;
    expect(row.dynamic_mapping ?? []).toHaveLength(0);
  });

  it('clone copies under a new key; delete removes one object or the rows a filter matches', async () => {
    const fmg = h.client({ adom: 'root' });
    await fmg.add(table, { data: { name: 'tmp_src', subnet: '10.4.0.1/32', comment: 'orig' } });
    await fmg.clone(item, { params: { name: 'tmp_src' }, data: { name: 'tmp_copy' } });
    const copy = (await fmg.get(item, { params: { name: 'tmp_copy' } })) as Record<string, unknown>;
    expect(copy).toMatchObject({ name: 'tmp_copy', comment: 'orig' });
    await fmg.delete(item, { params: { name: 'tmp_copy' } });
    await expect(fmg.get(item, { params: { name: 'tmp_copy' } })).rejects.toBeInstanceOf(ObjectNotFoundError);
    await fmg.add(table, { data: { name: 'tmp_other', subnet: '10.4.0.2/32' } });
    await fmg.delete(table, { filter: ['name', 'like', 'tmp_%'] });
    const left = (await fmg.get(table, { filter: ['name', 'like', 'tmp_%'] })) as unknown[];
    expect(left).toHaveLength(0);
  });

  it('move reorders policies of a package', async () => {
    const fmg = h.client({ adom: 'dc_amer' });
    const params = { pkg: 'default' };
    const ids: number[] = [];
    for (const name of ['p_a', 'p_b', 'p_c']) {
      const reply = (await fmg.add(policies, {
        params,
        data: {
          name,
          srcintf: ['any'],
          dstintf: ['any'],
          srcaddr: ['all'],
          dstaddr: ['all'],
          service: ['ALL'],
          action: 'accept',
        },
      })) as { policyid: number };
      ids.push(reply.policyid);
    }
    await fmg.move(`${policies}/{policyid}`, {
      params: { ...params, policyid: ids[2]! },
      option: 'before',
      target: ids[0]!,
    });
    const order = ((await fmg.get(policies, { params, fields: ['name'] })) as Array<{ name: string }>)
      .map((p) => p.name)
      .filter((n) => n.startsWith('p_'));
    expect(order).toEqual(['p_c', 'p_a', 'p_b']);
  });

  it('unset and unsetAttrs put attributes back to their defaults', async () => {
    const fmg = h.client({ adom: 'root' });
    await fmg.add(table, { data: { name: 'm_unset', subnet: '10.5.0.1/32', comment: 'c', color: 7 } });
    await fmg.update(item, { params: { name: 'm_unset' }, data: {}, unsetAttrs: ['comment'] });
    let row = (await fmg.get(item, { params: { name: 'm_unset' } })) as Record<string, unknown>;
    expect(row.comment ?? null).toBeNull();
    expect(row.color).toBe(7);
    await fmg.unset(item, { params: { name: 'm_unset' }, data: { color: null } });
    row = (await fmg.get(item, { params: { name: 'm_unset' } })) as Record<string, unknown>;
    expect(row.color ?? 0).toBe(0);
  });

  it('exec runs operations; bad URLs and data map to typed errors', async () => {
    const fmg = h.client({ adom: 'root' });
    const reply = await fmg.exec('/sys/proxy/json', {
      data: { action: 'get', resource: '/api/v2/monitor/system/status', target: ['/adom/root/device/FGT1'] },
    });
    expect(Array.isArray(reply)).toBe(true);
    await expect(fmg.get('/pm/config/adom/root/obj/firewall/no-such-table')).rejects.toBeInstanceOf(
      InvalidUrlError,
    );
    const bad = await fmg
      // @ts-expect-error the value is outside the enum on purpose: the simulator must refuse it
      .add(table, { data: { name: 'm_bad', type: 'not-a-type' } })
      .catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(InvalidDataError);
    expect(bad).toBeInstanceOf(FortiManagerApiError);
    expect((bad as InvalidDataError).apiCode).toBe(-10);
  });

  it('a missing URL param is a ValidationError and nothing is sent', async () => {
    const fmg = h.client();
    const before = h.sim.fortimanager.stats().requests;
    await expect(fmg.get(item, { params: { name: 'x' } })).rejects.toBeInstanceOf(ValidationError);
    expect(h.sim.fortimanager.stats().requests).toBe(before);
  });
});
