import { describe, expect, it } from 'vitest';
import { FortiManager } from '../../../src/fortimanager/client.js';
import { describeUrl, nearestUrls } from '../../../src/fortimanager/describe.js';
import { FAKE_URL, fakeFmg, OK } from './fake-fmg.js';

const ADDRESSES = '/pm/config/adom/{adom}/obj/firewall/address';

describe('describeUrl', () => {
  it('describes a table template: key, methods, fields with types, choices, versions', async () => {
    const d = await describeUrl(ADDRESSES);
    expect(d).toMatchObject({
      template: ADDRESSES,
      object: 'firewall_address',
      kind: 'table',
      item: false,
      mkey: 'name',
      required: ['name'],
      methods: ['get', 'add', 'set', 'update', 'replace', 'delete'],
      params: {},
    });
    const byName = new Map(d?.fields.map((f) => [f.name, f]));
    expect(byName.get('allow-routing')).toMatchObject({ type: 'str', choices: ['disable', 'enable'] });
    expect(byName.get('clearpass-spt')).toMatchObject({ versions: '6.2.2+', ranges: [['6.2.2', '']] });
    expect(byName.get('subnet')).toMatchObject({ type: 'ip-mask', overridden: true });
    expect(byName.get('dynamic_mapping')?.fields?.some((f) => f.name === '_scope')).toBe(true);
  });

  it('resolves literal URLs, keeps their values, and drops placeholders spelled differently', async () => {
    expect(await describeUrl('/pm/config/adom/root/obj/firewall/address/h\\/1')).toMatchObject({
      template: `${ADDRESSES}/{address}`,
      item: true,
      params: { adom: 'root', address: 'h/1' },
    });
    expect(await describeUrl(`${ADDRESSES}/{name}`)).toMatchObject({
      template: `${ADDRESSES}/{address}`,
      item: true,
      params: {},
    });
  });

  it('flags sensitive fields and answers undefined for unknown URLs', async () => {
    const login = await describeUrl('/sys/login/user');
    expect(login).toMatchObject({ kind: 'exec', methods: ['exec'] });
    expect(login?.fields.find((f) => f.name === 'passwd')?.sensitive).toBe(true);
    expect(await describeUrl('/no/such/url')).toBeUndefined();
  });
});

describe('fmg.describe', () => {
  it('answers from the catalog without sending anything', async () => {
    const fake = fakeFmg((request) => ({ id: request.id, result: [{ status: OK }] }));
    const fmg = new FortiManager({ url: FAKE_URL, dispatcher: fake.dispatcher, apiKey: 'k'.repeat(32) });
    try {
      expect(await fmg.describe(`${ADDRESSES}/{address}`)).toEqual(
        await describeUrl(`${ADDRESSES}/{address}`),
      );
      expect(await fmg.describe('/nope')).toBeUndefined();
      expect(fake.calls).toEqual([]);
    } finally {
      await fmg.close();
      await fake.close();
    }
  });
});

describe('nearestUrls (issue 8, item 14: "did you mean" for a misspelt URL)', () => {
  it('offers the nearest catalogued templates, nearest first, and nothing for a URL far from all', async () => {
    expect((await nearestUrls('/pm/config/adom/root/obj/firewall/adress'))[0]).toBe(ADDRESSES);
    expect(await nearestUrls('/dvmdb/devcie', 1)).toEqual(['/dvmdb/device']);
    expect(await nearestUrls('/totally/unknown/thing/here/zzz')).toEqual([]);
  });
});
