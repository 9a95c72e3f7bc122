import { afterEach, describe, expect, it } from 'vitest';
import { type FmgHarness, type Json, startFmg } from './helpers.js';

let h: FmgHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function open(user = 'admin') {
  h = await startFmg();
  const session = await h.login(user);
  const proxy = (data: Json) => h!.call('exec', { url: '/sys/proxy/json', data }, { session });
  return { h, proxy };
}

describe('sys/proxy/json', () => {
  it('answers one {response, status, target} per device of a group, and an error status for an unreachable one', async () => {
    const { proxy } = await open();
    const result = await proxy({
      action: 'get',
      resource: '/api/v2/monitor/firewall/policy',
      target: ['/adom/dc_amer/group/All_FortiGate'],
    });
    expect(result.status.code).toBe(0);
    const entries = result.data as Json[];
    expect(entries.map((entry) => entry.target)).toEqual(['dut_fgt_01', 'dut_fgt_02', 'dut_fgt_03']);
    expect(entries[0]).toEqual({
      response: expect.objectContaining({
        http_method: 'GET',
        name: 'policy',
        path: 'firewall',
        status: 'success',
        serial: 'FGVMMLTM22006608',
        vdom: 'root',
      }),
      status: { code: 0, message: 'OK' },
      target: 'dut_fgt_01',
    });
    expect((entries[0]!.response as Json).results).toEqual(
      expect.arrayContaining([expect.objectContaining({ policyid: 0 })]),
    );
    expect(entries[2]).not.toHaveProperty('response');
    expect((entries[2]!.status as Json).code).not.toBe(0);
    expect((entries[2]!.status as Json).message).toContain('unreachable');
  });

  it('lists interfaces from the device database and mixes devices and groups', async () => {
    const { proxy } = await open();
    const result = await proxy({
      action: 'get',
      resource: '/api/v2/monitor/system/available-interfaces?format=name|ipv4_addresses',
      target: ['/adom/root/device/FGT1', '/adom/dc_emea/group/All_FortiGate'],
    });
    const entries = result.data as Json[];
    expect(entries.map((entry) => entry.target)).toEqual([
      'FGT1',
      'branch1_fgt',
      'branch2_fgt',
      'dc_emea_dev_001',
    ]);
    const interfaces = (entries[0]!.response as Json).results as Json[];
    expect(interfaces[0]).toEqual({ name: 'any' });
    expect(interfaces).toContainEqual({
      ipv4_addresses: [{ cidr_netmask: 23, ip: '192.168.1.99', netmask: '255.255.254.0' }],
      name: 'port1',
    });
  });

  it('creates with POST on cmdb, then reads it back; a duplicate POST is an error', async () => {
    const { proxy } = await open();
    const target = ['/adom/dc_amer/device/dut_fgt_01'];
    const post = await proxy({
      action: 'post',
      resource: '/api/v2/cmdb/firewall/address',
      payload: { name: 'host_1006', subnet: '10.0.0.6/32' },
      target,
    });
    const created = (post.data as Json[])[0]!.response as Json;
    expect(created).toMatchObject({
      http_method: 'POST',
      http_status: 200,
      mkey: 'host_1006',
      status: 'success',
      revision_changed: true,
    });
    const get = await proxy({ action: 'get', resource: '/api/v2/cmdb/firewall/address', target });
    expect(((get.data as Json[])[0]!.response as Json).results).toEqual([
      { name: 'host_1006', subnet: '10.0.0.6/32' },
    ]);
    const again = await proxy({
      action: 'post',
      resource: '/api/v2/cmdb/firewall/address',
      payload: { name: 'host_1006' },
      target,
    });
    expect(((again.data as Json[])[0]!.response as Json).status).toBe('error');
  });

  it('reports an unknown target device per target', async () => {
    const { proxy } = await open();
    const result = await proxy({
      action: 'get',
      resource: '/api/v2/monitor/system/status',
      target: ['/adom/root/device/FGT1', '/adom/root/device/ghost'],
    });
    const entries = result.data as Json[];
    expect((entries[0]!.status as Json).code).toBe(0);
    expect(entries[1]).toMatchObject({ status: { code: -3 }, target: 'ghost' });
    expect(
      (await proxy({ action: 'get', resource: '/api/v2/monitor/system/status', target: ['/bad/target'] }))
        .status.code,
    ).toBe(-10);
  });

  it('refuses writes to read-only admins and targets outside the admin’s ADOMs (-11)', async () => {
    const reader = await open('reader');
    const payload = { color: 13, name: 'host_1006', subnet: '10.0.0.6/32' };
    const post = {
      action: 'post',
      resource: '/api/v2/cmdb/firewall/address',
      payload,
      target: ['/adom/dc_amer/device/dut_fgt_01'],
    };
    expect((await reader.proxy(post)).status.code).toBe(-11);
    expect((await reader.proxy({ ...post, action: 'get', payload: undefined })).status.code).toBe(0);
    await reader.h.close();
    const amer = await open('amer_rw');
    expect((await amer.proxy({ ...post, target: ['/adom/dc_emea/group/All_FortiGate'] })).status.code).toBe(
      -11,
    );
    expect((await amer.proxy(post)).status.code).toBe(0);
  });
});
