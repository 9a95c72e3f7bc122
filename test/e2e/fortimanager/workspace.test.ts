import { describe, expect, it } from 'vitest';
import { WorkspaceLockError } from '../../../src/fortimanager/index.js';
import { recordingLogger, useSimulator } from './harness.js';

const h = useSimulator({ workspaceMode: 'normal' });
const table = '/pm/config/adom/{adom}/obj/firewall/address';
const fast = { minDelayMs: 10, maxDelayMs: 40 };

describe('workspace mode against the simulator', () => {
  it('detects the workspace mode', async () => {
    await expect(h.client().workspace.mode()).resolves.toBe('normal');
  });

  it('a write without the lock is a WorkspaceLockError (lock required, not busy)', async () => {
    const error = await h
      .client({ adom: 'root' })
      .add(table, { data: { name: 'ws_nolock', subnet: '10.30.0.1/32' } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkspaceLockError);
    expect((error as WorkspaceLockError).busy).toBe(false);
  });

  it('withLock locks, verifies, commits on success and unlocks', async () => {
    const fmg = h.client({ adom: 'root' });
    const result = await fmg.workspace.withLock('root', async () => {
      expect(h.sim.fortimanager.lockOwner('root')).toBe('admin');
      await fmg.add(table, { data: { name: 'ws_commit', subnet: '10.30.0.2/32' } });
      return 'done';
    });
    expect(result).toBe('done');
    expect(h.sim.fortimanager.stats().locks).toBe(0);
    const other = h.client({ adom: 'root' });
    await expect(
      other.get(`${table}/{name}`, { params: { name: 'ws_commit' }, fields: ['name'] }),
    ).resolves.toMatchObject({
      name: 'ws_commit',
    });
  });

  it('withLock unlocks (without committing) when the work throws', async () => {
    const fmg = h.client({ adom: 'root' });
    const boom = new Error('boom');
    await expect(
      fmg.workspace.withLock('root', async () => {
        await fmg.add(table, { data: { name: 'ws_discarded', subnet: '10.30.0.3/32' } });
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(h.sim.fortimanager.stats().locks).toBe(0);
    const rows = await fmg.get(table, { filter: ['name', '==', 'ws_discarded'] });
    expect(rows).toEqual([]);
  });

  it('withLock unlocks when the caller aborts', async () => {
    const fmg = h.client({ adom: 'root' });
    const controller = new AbortController();
    const run = fmg.workspace.withLock(
      'root',
      async () => {
        controller.abort();
        await fmg.get(table, { signal: controller.signal });
      },
      { signal: controller.signal },
    );
    await expect(run).rejects.toMatchObject({ kind: 'abort' });
    expect(h.sim.fortimanager.stats().locks).toBe(0);
  });

  it('withLock waits for a busy lock with jittered retries', async () => {
    const holder = h.client();
    const lock = await holder.workspace.lock('dc_emea');
    const logger = recordingLogger();
    const fmg = h.client({ adom: 'dc_emea', logger });
    setTimeout(() => void lock.unlock(), 60);
    await fmg.workspace.withLock(
      'dc_emea',
      () => fmg.add(table, { data: { name: 'ws_after_wait', subnet: '10.30.0.4/32' } }),
      {
        ...fast,
        attempts: 20,
      },
    );
    expect(logger.lines.some((line) => line.includes('is locked by someone else; retry'))).toBe(true);
    expect(lock.held).toBe(false);
  });

  it('gives up on a lock that stays busy after the attempts', async () => {
    const holder = h.client();
    await using _lock = await holder.workspace.lock('dc_amer');
    const fmg = h.client();
    const error = await fmg.workspace
      .withLock('dc_amer', () => 'never', { ...fast, attempts: 3 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkspaceLockError);
    expect((error as WorkspaceLockError).busy).toBe(true);
  });

  it('a lock handle works with await using; lockinfo names the holder', async () => {
    const fmg = h.client({ adom: 'root' });
    {
      await using lock = await fmg.workspace.lock('root');
      const info = await fmg.workspace.lockInfo('root');
      expect(info.map((i) => i.lock_user)).toEqual(['admin']);
      await fmg.add(table, { data: { name: 'ws_using', subnet: '10.30.0.5/32' } });
      await lock.commit();
      expect(h.sim.fortimanager.stats().locks).toBe(1);
    }
    expect(h.sim.fortimanager.stats().locks).toBe(0);
    await expect(fmg.workspace.lockInfo('root')).resolves.toEqual([]);
  });

  it('locks a device and a policy package; dirty reports uncommitted changes', async () => {
    const fmg = h.client();
    const device = await fmg.workspace.lock({ adom: 'dc_amer', device: 'dut_fgt_01' });
    expect((await fmg.workspace.lockInfo({ adom: 'dc_amer', device: 'dut_fgt_01' })).length).toBe(1);
    await device.unlock();
    const pkg = await fmg.workspace.lock({ adom: 'root', package: 'default' });
    await fmg.update('/pm/config/adom/root/pkg/default/firewall/policy/1', { data: { comments: 'staged' } });
    expect(await fmg.workspace.dirty('root')).toBeTruthy();
    await pkg.unlock();
    expect(h.sim.fortimanager.stats().locks).toBe(0);
  });

  it('close() releases locks still held', async () => {
    const fmg = h.client();
    await fmg.workspace.lock('dc_emea');
    expect(h.sim.fortimanager.stats().locks).toBe(1);
    await fmg.close();
    expect(h.sim.fortimanager.stats().locks).toBe(0);
  });

  it('with workspace mode disabled, withLock just runs the work', async () => {
    h.sim.fortimanager.setWorkspaceMode('disabled');
    h.defer(() => h.sim.fortimanager.setWorkspaceMode('normal'));
    const fmg = h.client({ adom: 'root' });
    await fmg.workspace.withLock('root', async () => {
      expect(h.sim.fortimanager.stats().locks).toBe(0);
      await fmg.add(table, { data: { name: 'ws_disabled', subnet: '10.30.0.6/32' } });
    });
    await expect(fmg.get(`${table}/{name}`, { params: { name: 'ws_disabled' } })).resolves.toBeDefined();
  });
});
