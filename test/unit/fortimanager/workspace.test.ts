import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/core/clock.js';
import { FortixError } from '../../../src/core/errors.js';
import { FortiManager } from '../../../src/fortimanager/client.js';
import { WorkspaceLockError } from '../../../src/fortimanager/errors.js';
import { each, FAKE_URL, type FakeRequest, fakeFmg, OK, withLogin } from './fake-fmg.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A fake FortiManager in workspace mode whose lock answers come from `lockReplies`, in order. */
function workspaceFake(lockReplies: number[], holder: string) {
  const fake = fakeFmg(
    withLogin((request: FakeRequest) =>
      each(request, (param) => {
        if (param.url === '/cli/global/system/global') return { status: OK, data: { 'workspace-mode': 1 } };
        if (param.url.endsWith('/workspace/lock')) {
          const code = lockReplies.shift() ?? 0;
          return { status: code === 0 ? OK : { code, message: 'Workspace is locked by other user' } };
        }
        if (param.url.endsWith('/workspace/lockinfo'))
          return { status: OK, data: [{ lock_user: holder, lock_time: 1 }] };
        return { status: OK };
      }),
    ),
  );
  const clock = new VirtualClock();
  const fmg = new FortiManager({
    url: FAKE_URL,
    username: 'admin',
    password: 'pw-secret',
    dispatcher: fake.dispatcher,
    clock,
  });
  cleanups.push(
    () => fake.close(),
    () => fmg.close(),
  );
  const urls = () => fake.work().map((c) => c.body.params[0]!.url);
  return { fake, fmg, clock, urls };
}

describe('workspace.withLock (injected transport)', () => {
  it('reads a numeric workspace-mode', async () => {
    const { fmg } = workspaceFake([], 'admin');
    await expect(fmg.workspace.mode()).resolves.toBe('normal');
  });

  it('retries a busy lock with backoff, then locks, verifies, commits and unlocks', async () => {
    const { fmg, clock, urls } = workspaceFake([-20055, -20055, 0], 'admin');
    const started = clock.now();
    await expect(
      fmg.workspace.withLock('root', () => 'ok', { minDelayMs: 1_000, maxDelayMs: 4_000 }),
    ).resolves.toBe('ok');
    expect(clock.now() - started).toBeGreaterThanOrEqual(1_000); // two sleeps of at least minDelayMs / 2
    expect(urls()).toEqual([
      '/cli/global/system/global',
      '/dvmdb/adom/root/workspace/lock',
      '/dvmdb/adom/root/workspace/lock',
      '/dvmdb/adom/root/workspace/lock',
      '/dvmdb/adom/root/workspace/lockinfo',
      '/dvmdb/adom/root/workspace/commit',
      '/dvmdb/adom/root/workspace/unlock',
    ]);
  });

  it('refuses to work when lockinfo shows someone else, and still unlocks', async () => {
    const { fmg, urls } = workspaceFake([0], 'intruder');
    let ran = false;
    const error = await fmg.workspace
      .withLock('root', () => {
        ran = true;
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FortixError);
    expect((error as Error).message).toMatch(/held by intruder/);
    expect(ran).toBe(false);
    expect(urls()).not.toContain('/dvmdb/adom/root/workspace/commit');
    expect(urls().at(-1)).toBe('/dvmdb/adom/root/workspace/unlock');
  });

  it('gives up after the attempts with a busy WorkspaceLockError', async () => {
    const { fmg, urls } = workspaceFake([-20055, -20055, -20055], 'admin');
    const error = await fmg.workspace
      .withLock('root', () => 'never', { attempts: 3 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkspaceLockError);
    expect((error as WorkspaceLockError).busy).toBe(true);
    expect(urls().filter((u) => u.endsWith('/lock'))).toHaveLength(3);
    expect(urls()).not.toContain('/dvmdb/adom/root/workspace/unlock');
  });

  it('builds device, package and global lock URLs with encoded names', async () => {
    const { fmg, urls } = workspaceFake([], 'admin');
    await (await fmg.workspace.lock({ adom: 'dc amer', device: 'fgt/1' })).unlock();
    await (await fmg.workspace.lock({ adom: 'root', package: 'emea/pkg 1' })).unlock();
    await (await fmg.workspace.lock('global')).unlock();
    expect(urls()).toEqual([
      '/dvmdb/adom/dc amer/workspace/lock/dev/fgt\\/1',
      '/dvmdb/adom/dc amer/workspace/unlock/dev/fgt\\/1',
      '/dvmdb/adom/root/workspace/lock/pkg/emea/pkg 1',
      '/dvmdb/adom/root/workspace/unlock/pkg/emea/pkg 1',
      '/dvmdb/global/workspace/lock',
      '/dvmdb/global/workspace/unlock',
    ]);
  });
});
