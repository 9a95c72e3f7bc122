import { describe, expect, it } from 'vitest';
import { TransportError, ValidationError } from '../../../src/core/errors.js';
import { WorkspaceLockError } from '../../../src/fortimanager/index.js';
import { rpcUrl, useSimulator } from './harness.js';

// The harness checks after every test that no lock is left held on the simulator.
const h = useSimulator({ workspaceMode: 'normal' });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('no orphan workspace lock with API-key auth (issue 8, item 3)', () => {
  it('a lock request that timed out but was granted is found and released by close()', async () => {
    const apiKey = h.sim.fortimanager.createApiKey('api_001');
    const fmg = h.client({ apiKey, accessUser: 'api_001', retry: false, timeoutMs: 100 });
    h.sim.faults.inject({ kind: 'latency', delayMs: 300, match: rpcUrl('/workspace/lock"') });
    const error = await fmg.workspace.withLock('dc_emea', () => 'never').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).kind).toBe('timeout');
    await sleep(400); // FortiManager has processed the lock by now, for nobody
    expect(h.sim.fortimanager.lockOwner('dc_emea')).toBe('api_001');
    await fmg.close();
    expect(h.sim.fortimanager.stats().locks).toBe(0);
  });

  it('a lock whose reply was cut off is released at once, before withLock fails', async () => {
    const apiKey = h.sim.fortimanager.createApiKey('api_001');
    const fmg = h.client({ apiKey, accessUser: 'api_001', retry: false });
    h.sim.faults.inject({ kind: 'truncated', match: rpcUrl('/workspace/lock"') });
    await expect(fmg.workspace.withLock('dc_amer', () => 'never')).rejects.toBeDefined();
    expect(h.sim.fortimanager.stats().locks).toBe(0);
  });

  it('an aborted lock request is checked too (lock() without withLock)', async () => {
    const apiKey = h.sim.fortimanager.createApiKey('api_001');
    const fmg = h.client({ apiKey, accessUser: 'api_001', retry: false });
    h.sim.faults.inject({ kind: 'latency', delayMs: 150, match: rpcUrl('/workspace/lock"') });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    await expect(fmg.workspace.lock('root', { signal: controller.signal })).rejects.toMatchObject({
      kind: 'abort',
    });
    await sleep(250);
    await fmg.close();
    expect(h.sim.fortimanager.stats().locks).toBe(0);
  });
});

describe('withLock checks first and says who holds a busy lock (issue 8, items 11 and 14)', () => {
  it('a bad target or attempts is refused before any request', async () => {
    const fmg = h.client();
    const before = h.sim.requests;
    await expect(fmg.workspace.withLock({ adom: '..' }, () => 1)).rejects.toBeInstanceOf(ValidationError);
    await expect(fmg.workspace.withLock({ adom: 'root', package: '../x' }, () => 1)).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(fmg.workspace.withLock('root', () => 1, { attempts: 0 })).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect(h.sim.requests - before).toBe(0);
  });

  it('the busy WorkspaceLockError names the holder from lockinfo', async () => {
    const holder = h.client({ username: 'amer_rw', password: h.sim.fortimanager.adminPassword });
    await using _lock = await holder.workspace.lock('dc_amer');
    const fmg = h.client();
    const error = await fmg.workspace
      .withLock('dc_amer', () => 'never', { attempts: 2, minDelayMs: 5, maxDelayMs: 10 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkspaceLockError);
    expect((error as WorkspaceLockError).busy).toBe(true);
    expect((error as Error).message).toMatch(/held by amer_rw \(since \d{4}-/);
    expect((error as WorkspaceLockError).details.holders).toEqual(['amer_rw']);
  });
});
