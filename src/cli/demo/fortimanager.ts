import { FortiManager, f } from '../../fortimanager/index.js';
import type { Simulator } from '../../simulator/index.js';
import { debugOptions } from '../debug.js';
import { progressBar } from '../progress.js';
import { fact, step } from './say.js';
import type { DemoStep } from './step.js';

const ADDRESS_COUNT = 2_000;

/** The FortiManager main jobs, end to end against the simulator. */
export const fortiManagerDemo: DemoStep = async (sim: Simulator) => {
  step(`FortiManager at ${sim.fortimanager.url} (TLS pinned to ${sim.fingerprint256?.slice(0, 23)}…)`);
  await using fmg = new FortiManager({
    ...debugOptions(),
    url: sim.fortimanager.url,
    username: sim.fortimanager.credentials.username,
    password: sim.fortimanager.credentials.password,
    adom: 'dc_amer',
    tls: sim.fingerprint256 ? { fingerprint: sim.fingerprint256 } : undefined,
  });
  const reply = await fmg.get('/sys/status');
  const status = Array.isArray(reply) ? reply[0] : reply;
  fact(`logged in; ${String(status?.Hostname)} runs ${String(status?.Version)}`);
  const adoms = await fmg.get('/dvmdb/adom', { fields: ['name'], filter: f.eq('restricted_prds', 'fos') });
  const devices = await fmg.get('/dvmdb/adom/{adom}/device', { fields: ['name'], loadsub: false });
  fact(`ADOMs: ${adoms.map((a) => a.name).join(', ')}`);
  fact(`devices in dc_amer: ${devices.map((d) => d.name).join(', ')}`);

  step(`Create ${ADDRESS_COUNT} firewall addresses, multiplexed with batch()`);
  const table = '/pm/config/adom/{adom}/obj/firewall/address';
  const started = performance.now();
  const bar = progressBar('addresses', ADDRESS_COUNT, 'items');
  let created = 0;
  for (let offset = 0; offset < ADDRESS_COUNT; offset += 250) {
    const items = Array.from({ length: Math.min(250, ADDRESS_COUNT - offset) }, (_, i) => {
      const n = offset + i;
      return {
        method: 'add' as const,
        url: table,
        data: { name: `demo_host_${n}`, subnet: `10.${(n >> 8) & 255}.${n & 255}.1/32` },
      };
    });
    const results = await fmg.batch(items);
    created += results.filter((r) => r.ok).length;
    bar.increment(items.length);
  }
  bar.stop();
  fact(`${created} created in ${Math.round(performance.now() - started)} ms`);

  step('Read them back page by page with iterate()');
  let seen = 0;
  for await (const _ of fmg.iterate(table, {
    pageSize: 500,
    fields: ['name'],
    filter: f.like('name', 'demo_host_%'),
  })) {
    seen++;
  }
  fact(`${seen} addresses read, never more than one page of 500 in memory`);

  step('Workspace mode: lock the ADOM, add a policy, commit, unlock');
  sim.fortimanager.setWorkspaceMode('normal');
  await fmg.workspace.withLock('dc_amer', async () => {
    await fmg.add('/pm/config/adom/{adom}/pkg/{pkg}/firewall/policy', {
      params: { pkg: 'default' },
      data: {
        name: 'demo-allow-web',
        srcintf: ['any'],
        dstintf: ['any'],
        srcaddr: ['demo_host_1'],
        dstaddr: ['all'],
        service: ['HTTPS'],
        action: 'accept',
        schedule: 'always',
      },
    });
  });
  fact(`committed; lock now held by: ${sim.fortimanager.lockOwner('dc_amer') ?? 'nobody'}`);

  step('Install the policy package on every dc_amer device and follow the task');
  const { taskId } = await fmg.installPackage({
    pkg: 'default',
    scope: devices.map((d) => String(d.name)),
    wait: false,
  });
  const taskBar = progressBar(`task ${taskId}`, 100, 'percent');
  const task = await fmg.tasks.wait(taskId, {
    pollInterval: 100,
    throwOnError: false,
    onProgress: (t) => taskBar.update(t.percent),
  });
  taskBar.stop();
  fact(`task ${taskId}: ${task.numDone} lines done, ${task.numErr} failed`);
  for (const line of task.failedLines) fact(`  ✗ ${line.name}: ${line.detail}`);

  step('Ask every FortiGate of the group for its status through sys/proxy/json');
  const replies = await fmg.proxy({
    action: 'get',
    resource: '/api/v2/monitor/system/status',
    target: [{ adom: 'dc_amer', group: 'All_FortiGate' }],
  });
  for (const r of replies) fact(`${r.ok ? '✓' : '✗'} ${r.target}: ${r.ok ? 'answered' : r.message}`);
  const answered = replies.filter((r) => r.ok).length;
  return (
    `${created} addresses by batch, ${seen} read back with a filter, a policy committed under a lock, ` +
    `${task.lines.length - task.failedLines.length} of ${task.lines.length} install lines done, ${answered} of ${replies.length} devices answered the proxy`
  );
};
