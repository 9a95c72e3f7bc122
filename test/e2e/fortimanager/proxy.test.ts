import { describe, expect, it } from 'vitest';
import { PermissionError } from '../../../src/fortimanager/index.js';
import { useSimulator } from './harness.js';

const h = useSimulator();

describe('sys/proxy/json against the simulator', () => {
  it('returns one result per target, unreachable targets included', async () => {
    const fmg = h.client();
    const results = await fmg.proxy({
      action: 'get',
      resource: '/api/v2/monitor/system/status',
      target: [{ adom: 'dc_amer', device: 'dut_fgt_01' }, '/adom/dc_amer/device/dut_fgt_03'],
    });
    expect(results).toHaveLength(2);
    const byTarget = Object.fromEntries(results.map((r) => [r.target, r]));
    expect(byTarget.dut_fgt_01).toMatchObject({ ok: true, status: { code: 0 } });
    expect(byTarget.dut_fgt_01!.response).toHaveProperty('serial');
    expect(byTarget.dut_fgt_03!.ok).toBe(false);
    expect(byTarget.dut_fgt_03!.message).toMatch(/unreachable/);
  });

  it('fans out to a device group and posts a payload', async () => {
    const fmg = h.client();
    h.sim.fortimanager.setDeviceReachable('dut_fgt_03', true);
    h.defer(() => h.sim.fortimanager.setDeviceReachable('dut_fgt_03', false));
    const results = await fmg.proxy({
      action: 'post',
      resource: '/api/v2/cmdb/firewall/address',
      payload: { name: 'host_1007', subnet: '10.0.0.7/32' },
      target: { adom: 'dc_amer', group: 'All_FortiGate' },
    });
    expect(results.map((r) => r.target).sort()).toEqual(['dut_fgt_01', 'dut_fgt_02', 'dut_fgt_03']);
    expect(results.every((r) => r.ok)).toBe(true);
  });

  it('a reader cannot post through the proxy', async () => {
    const fmg = h.client({ username: 'reader', password: h.sim.fortimanager.adminPassword });
    await fmg.get('/sys/status');
    await expect(
      fmg.proxy({
        action: 'post',
        resource: '/api/v2/cmdb/firewall/address',
        payload: { name: 'x' },
        target: '/adom/dc_amer/device/dut_fgt_01',
      }),
    ).rejects.toBeInstanceOf(PermissionError);
  });
});
