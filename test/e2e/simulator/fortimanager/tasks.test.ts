import { afterEach, describe, expect, it } from 'vitest';
import { type FmgHarness, type Json, startFmg } from './helpers.js';

let h: FmgHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function open() {
  h = await startFmg({ taskStepMs: 1_000 });
  const session = await h.login();
  const call = (method: string, param: Json, verbose: 0 | 1 = 1) =>
    h!.call(method, param, { session, verbose });
  const task = async (id: unknown, verbose: 0 | 1 = 1) =>
    (await call('get', { url: `/task/task/${String(id)}` }, verbose)).data as Json;
  return { h, call, task };
}

const installDevice = (device: string, adom = 'dc_amer') => ({
  url: '/securityconsole/install/device',
  data: { adom, dev_rev_comments: 'test', flags: ['none'], scope: [{ name: device, vdom: 'root' }] },
});

describe('tasks', () => {
  it('progresses an install over simulated time to done, with history and lines', async () => {
    const { h, call, task } = await open();
    const started = await call('exec', installDevice('dut_fgt_01'));
    const id = (started.data as Json).task;
    expect(id).toEqual(expect.any(Number));
    const first = await task(id);
    expect(first).toMatchObject({
      id,
      state: 'running',
      num_lines: 2,
      num_done: 0,
      num_err: 0,
      percent: 0,
      title: 'Install Device',
      user: 'admin',
    });
    h.clock.advance(3_000);
    const middle = await task(id);
    expect(middle.percent as number).toBeGreaterThan(0);
    expect(middle.percent as number).toBeLessThan(100);
    const history = (view: Json) => (view.line as Json[]).flatMap((line) => line.history as Json[]);
    expect(history(middle).length).toBeGreaterThan(history(first).length);
    h.clock.advance(10_000);
    const done = await task(id);
    expect(done).toMatchObject({
      state: 'done',
      percent: 100,
      tot_percent: 200,
      num_done: 2,
      num_err: 0,
      num_warn: 0,
    });
    expect(done.line).toEqual([
      expect.objectContaining({
        name: 'dut_fgt_01',
        err: 0,
        state: 'done',
        percent: 100,
        detail: 'install and save finished status=OK',
      }),
      expect.objectContaining({
        name: 'dut_fgt_01(root)[copy]',
        vdom: 'root',
        err: 0,
        state: 'done',
        ip: '10.210.35.101',
      }),
    ]);
    // FortiManager 7.x keeps each line's history in the line.
    expect(done.history).toBeUndefined();
    expect((done.line as Json[]).map((line) => (line.history as Json[]).length)).toEqual([7, 4]);
    expect((done.line as Json[])[0]).toMatchObject({ poid: 0, start_tm: done.start_tm, end_tm: done.end_tm });
    expect((done.end_tm as number) >= (done.start_tm as number)).toBe(true);
    expect((await call('get', { url: `/task/task/${id}/history` })).data).toHaveLength(11);
    const numeric = await task(id, 0);
    expect(numeric.state).toBe(4);
    const lines = await call('get', { url: `/task/task/${id}/line` });
    expect(lines.data).toEqual(done.line);
    expect((await call('get', { url: `/task/task/${id}/line/1` })).data).toEqual((done.line as Json[])[1]);
    expect(h.sim.fortimanager.stats().tasks).toBe(1);
  });

  it('fails the lines of an unreachable device and counts them in num_err', async () => {
    const { h, call, task } = await open();
    const id = ((await call('exec', installDevice('dut_fgt_03'))).data as Json).task;
    h.clock.advance(60_000);
    const failed = await task(id);
    expect(failed).toMatchObject({ state: 'error', num_err: 2, num_done: 0, percent: 100 });
    const [line] = failed.line as Json[];
    expect(line!.err).not.toBe(0);
    expect(line!.detail).toContain('unreachable');
    expect((await task(id, 0)).state).toBe(5);
    h.sim.fortimanager.setDeviceReachable('dut_fgt_03', true);
    const retry = ((await call('exec', installDevice('dut_fgt_03'))).data as Json).task;
    h.clock.advance(60_000);
    expect(await task(retry)).toMatchObject({ state: 'done', num_err: 0 });
  });

  it('installs a package to its scope members, with preview and preview result', async () => {
    const { h, call, task } = await open();
    h.sim.fortimanager.setDeviceReachable('dut_fgt_03', true);
    const preview = await call('exec', {
      url: '/securityconsole/install/package',
      data: { adom: 'dc_amer', pkg: 'default', flags: ['preview'] },
    });
    h.clock.advance(10_000);
    const previewTask = await task((preview.data as Json).task);
    expect(previewTask).toMatchObject({ state: 'done', num_lines: 3, title: 'Install Preview' });
    const result = await call('exec', {
      url: '/securityconsole/preview/result',
      data: { adom: 'dc_amer', device: 'dut_fgt_02' },
    });
    expect(result.data).toEqual({ message: expect.stringContaining('config firewall policy') });
    expect(String((result.data as Json).message)).toContain('allow_web');
    const install = await call('exec', {
      url: '/securityconsole/install/package',
      data: {
        adom: 'dc_amer',
        pkg: 'default',
        flags: ['none'],
        scope: [{ name: 'dut_fgt_01', vdom: 'root' }],
      },
    });
    h.clock.advance(10_000);
    expect(await task((install.data as Json).task)).toMatchObject({
      state: 'done',
      num_lines: 2,
      src: 'install package',
    });
    const single = await call('exec', {
      url: '/securityconsole/install/preview',
      data: { adom: 'root', device: 'FGT1', vdoms: ['root'], flags: ['json'] },
    });
    expect(single.status.code).toBe(0);
    expect(
      (await call('exec', { url: '/securityconsole/preview/result', data: { adom: 'root', device: 'FGT1' } }))
        .status.code,
    ).toBe(0);
  });

  it('refuses installs with invalid data (-10), missing tasks (-3) and read-only admins (-11)', async () => {
    const { h, call } = await open();
    const noAdom = await call('exec', installDevice('dut_fgt_01', 'nowhere'));
    expect(noAdom.status.code).toBe(-10);
    expect(noAdom.status.message).toContain("'adom'");
    expect((await call('exec', installDevice('FGT1'))).status.code).toBe(-10);
    expect(
      (await call('exec', { url: '/securityconsole/install/package', data: { adom: 'root', pkg: 'nope' } }))
        .status.code,
    ).toBe(-10);
    expect((await call('get', { url: '/task/task/999' })).status.code).toBe(-3);
    const reader = await h.login('reader');
    expect((await h.call('exec', installDevice('dut_fgt_01'), { session: reader })).status.code).toBe(-11);
  });
});
