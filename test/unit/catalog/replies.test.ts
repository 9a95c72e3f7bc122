/**
 * The reply types tell the truth: each call runs against the simulator over loopback, its value is
 * checked at run time, and the same value's static type is checked by `npm run typecheck`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaskAnswer } from '../../../src/fortimanager/index.js';
import { FortiManager } from '../../../src/fortimanager/index.js';
import { type Simulator, startSimulator } from '../../../src/simulator/index.js';
import { type Equal, expectType } from '../../types/expect.js';

const addresses = '/pm/config/adom/{adom}/obj/firewall/address';
const address = '/pm/config/adom/{adom}/obj/firewall/address/{address}';
const policies = '/pm/config/adom/{adom}/pkg/{pkg}/firewall/policy';

let sim: Simulator;
let fmg: FortiManager;
beforeAll(async () => {
  sim = await startSimulator({ products: ['fortimanager'], fortimanager: { taskStepMs: 5 } });
  fmg = new FortiManager({
    url: sim.fortimanager.url,
    username: 'admin',
    password: sim.fortimanager.adminPassword,
    adom: 'root',
  });
});
afterAll(async () => {
  await fmg.close();
  await sim.close();
});

describe('write replies', () => {
  it('add of one row answers its key; several rows answer nothing', async () => {
    const one = await fmg.add(addresses, { data: { name: 'reply_1', subnet: '10.9.0.1/32' } });
    expectType<Equal<typeof one, { name: string }>>();
    expect(one).toEqual({ name: 'reply_1' });

    const rows = [
      { name: 'reply_2', subnet: '10.9.0.2/32' },
      { name: 'reply_3', subnet: '10.9.0.3/32' },
    ];
    const many = await fmg.add(addresses, { data: rows });
    expectType<Equal<typeof many, { name: string } | undefined>>();
    expect(many).toBeUndefined();
  });

  it('set through the collection answers the key when it creates the row, nothing when it overwrites', async () => {
    const created = await fmg.set(addresses, { data: { name: 'reply_4', subnet: '10.9.0.4/32' } });
    expectType<Equal<typeof created, { name: string } | undefined>>();
    expect(created).toEqual({ name: 'reply_4' });
    expect(await fmg.set(addresses, { data: { name: 'reply_4', comment: 'again' } })).toBeUndefined();
  });

  it('writes to an item answer its key; delete and unset answer nothing', async () => {
    const params = { address: 'reply_1' };
    const updated = await fmg.update(address, { params, data: { color: 3 } });
    expectType<Equal<typeof updated, { name: string }>>();
    expect(updated).toEqual({ name: 'reply_1' });
    const cloned = await fmg.clone(address, { params, data: { name: 'reply_1_copy' } });
    expect(cloned).toEqual({ name: 'reply_1_copy' });
    const unset = await fmg.unset(address, { params, data: { 'unset attrs': ['color'] } });
    expectType<Equal<typeof unset, undefined>>();
    expect(unset).toBeUndefined();
    const deleted = await fmg.delete(address, { params: { address: 'reply_1_copy' } });
    expectType<Equal<typeof deleted, undefined>>();
    expect(deleted).toBeUndefined();
  });

  it('a policy added without its id answers the number FortiManager gave it', async () => {
    const added = await fmg.add(policies, {
      params: { pkg: 'default' },
      data: { name: 'reply_policy', action: 'accept', srcaddr: ['all'], dstaddr: ['all'], service: ['ALL'] },
    });
    expectType<Equal<typeof added, { policyid: number }>>();
    expect(typeof added.policyid).toBe('number');
  });

  it('a singleton write answers nothing', async () => {
    const reply = await fmg.update('/cli/global/system/dns', { data: { primary: '192.0.2.53' } });
    expectType<Equal<typeof reply, undefined>>();
    expect(reply).toBeUndefined();
  });

  it('an install answers the task it started', async () => {
    const reply = await fmg.exec('/securityconsole/install/device', {
      data: { adom: 'root', scope: [{ name: 'FGT1', vdom: 'root' }], flags: ['none'] },
    });
    expectType<Equal<typeof reply, TaskAnswer>>();
    expect(reply).toEqual({ task: expect.any(Number) });
    await fmg.tasks.wait(reply.task, { pollInterval: 5 });
  });
});

describe('get replies', () => {
  it("option 'count' answers a number", async () => {
    const count = await fmg.get(addresses, { option: 'count' });
    expectType<Equal<typeof count, number>>();
    const rows = await fmg.get(addresses, { fields: ['name'] });
    expect(count).toBe(rows.length);
    expect(await fmg.get(addresses, { option: ['count'] })).toBe(rows.length);
  });

  it('/sys/status is one object', async () => {
    const status = await fmg.get('/sys/status');
    expect(Array.isArray(status)).toBe(false);
    const version: string | null | undefined = status.Version;
    expect(version).toMatch(/^v\d+\.\d+\.\d+/);
    expect(typeof status.Major).toBe('number');
  });

  it('device names and table keys are always there', async () => {
    const devices = await fmg.get('/dvmdb/adom/{adom}/device', { fields: ['name'] });
    expectType<Equal<(typeof devices)[number]['name'], string>>();
    expect(devices.length).toBeGreaterThan(0);
    for (const device of devices) expect(typeof device.name).toBe('string');
    // so a name read back goes where a string is needed, without filtering
    const scope: string[] = devices.map((device) => device.name);
    expect(scope).toContain('FGT1');
    for (const row of await fmg.get(addresses, { fields: ['subnet', 'name'] })) {
      expect(typeof row.name).toBe('string');
    }
  });
});

describe('the catalog behind the reply types', () => {
  it('knows every key /sys/status answers', async () => {
    const status = await fmg.get('/sys/status');
    const described = await fmg.describe('/sys/status');
    const fields = new Set(described.fields.map((f) => f.name));
    expect(Object.keys(status).filter((key) => !fields.has(key))).toEqual([]);
  });

  it('describes every catalogued template (so describe() of a CatalogUrl is never undefined)', async () => {
    const { loadFmgFacts } = await import('../../../src/fortimanager/catalog/facts.js');
    const facts = await loadFmgFacts();
    const undescribed = facts.templates.filter((t) => facts.describe(t.template) === undefined);
    expect(facts.templates.length).toBe(4042);
    expect(undescribed).toEqual([]);
  });
});
