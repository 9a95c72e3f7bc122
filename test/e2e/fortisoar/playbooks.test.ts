import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError, ValidationError } from '../../../src/core/errors.js';
import {
  type FortiSoar,
  FortiSoarRunFailedError,
  FortiSoarWaitTimeoutError,
  type PlaybookOutcome,
} from '../../../src/fortisoar/index.js';
import { FAST, type SoarHarness, startSoar } from './harness.js';

describe('FortiSOAR playbooks', () => {
  let h: SoarHarness;
  let soar: FortiSoar;
  const playbook = (name: string) => {
    const found = h.sim.fortisoar.playbooks().find((p) => p.name === name);
    if (!found) throw new Error(`no playbook ${name}`);
    return found.uuid;
  };
  beforeAll(async () => {
    h = await startSoar();
    soar = h.client('jwt');
  });
  afterAll(() => h.close());

  it('triggers on records through the action trigger and waits for the end, reporting progress', async () => {
    const alert = await soar.alerts.create({ name: 'needs enrichment' });
    const { taskId } = await soar.playbooks.triggerOnRecords(playbook('Enrich Alert Indicators'), [
      alert['@id'],
    ]);
    const progress: number[] = [];
    const outcome = await soar.playbooks.wait(taskId, {
      ...FAST,
      onProgress: (o) => progress.push(o.progress.percent),
    });
    expect(outcome).toMatchObject({
      status: 'finished',
      done: true,
      progress: { percent: 100, totalSteps: 5 },
    });
    expect(progress[0]).toBe(0);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.length).toBeGreaterThan(3);
    const [run] = outcome.runs;
    const logs = await soar.playbooks.logs(run!.id);
    expect(logs.map((s) => [s.name, s.status])).toEqual([
      ['Start', 'finished'],
      ['Get Indicators', 'finished'],
      ['Get Reputation', 'finished'],
      ['Update Records', 'finished'],
      ['Add Comment', 'finished'],
    ]);
    // The playbook did its work on the record.
    expect((await soar.alerts.comments(alert.uuid)).map((c) => c.content)).toEqual([
      'Indicators enriched by playbook "Enrich Alert Indicators".',
    ]);
  });

  it('starts one run per record with singleRecordExecution, all under one task', async () => {
    const a = await soar.alerts.create({ name: 'one' });
    const b = await soar.alerts.create({ name: 'two' });
    const { taskId } = await soar.playbooks.triggerOnRecords(
      playbook('Enrich Alert Indicators'),
      [a['@id'], b['@id']],
      {
        singleRecordExecution: true,
      },
    );
    const outcome = await soar.playbooks.wait(taskId, FAST);
    expect(outcome.runs).toHaveLength(2);
    expect(outcome.progress.totalSteps).toBe(10);
  });

  it('triggers without record context and through an API endpoint trigger', async () => {
    const manual = await soar.playbooks.trigger(playbook('Daily SOC Cleanup'), { input: { days: 30 } });
    const done = await soar.playbooks.wait(manual.taskId, FAST);
    expect(done.status).toBe('finished');
    expect(done.runs[0]!.env).toMatchObject({ input: { params: { days: 30 } } });
    const api = await soar.playbooks.triggerEndpoint('notify-soc', { text: 'hello' });
    expect((await soar.playbooks.wait(api.taskId, FAST)).status).toBe('finished');
    await expect(soar.playbooks.triggerEndpoint('no-such-endpoint')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('reports failed (thrown with the failing step), skipped and terminated runs', async () => {
    const alert = await soar.alerts.create({ name: 'block me', sourceIp: '203.0.113.66' });
    const failing = await soar.playbooks.triggerOnRecords(playbook('Block Malicious IP'), [alert['@id']]);
    const error = await soar.playbooks.wait(failing.taskId, FAST).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FortiSoarRunFailedError);
    expect((error as Error).message).toContain("step 'Block IP on FortiGate'");
    const failed = (error as FortiSoarRunFailedError).details.outcome as PlaybookOutcome;
    expect(failed.runs[0]!.steps.map((s) => s.status)).toEqual(['finished', 'finished', 'failed', 'skipped']);
    expect((await soar.playbooks.wait(failing.taskId, { ...FAST, throwOnError: false })).status).toBe(
      'failed',
    );

    const skipped = await soar.playbooks.triggerOnRecords(playbook('Deduplicate Alert'), [alert['@id']]);
    expect((await soar.playbooks.wait(skipped.taskId, FAST)).status).toBe('skipped');
    const terminated = await soar.playbooks.trigger(playbook('Wait For Analyst Approval'));
    expect((await soar.playbooks.wait(terminated.taskId, FAST)).status).toBe('terminated');
  });

  it('refuses records of another module, playbooks without an action trigger, and times out waits', async () => {
    const task = await soar.tasks.create({ name: 'not an alert' });
    await expect(
      soar.playbooks.triggerOnRecords(playbook('Deduplicate Alert'), [task['@id']]),
    ).rejects.toThrow(/does not run on tasks/);
    await expect(
      soar.playbooks.triggerOnRecords(playbook('Daily SOC Cleanup'), [task['@id']]),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(soar.playbooks.triggerOnRecords('not-a-uuid', [task['@id']])).rejects.toBeInstanceOf(
      ValidationError,
    );
    const slow = await soar.playbooks.trigger(playbook('Daily SOC Cleanup'));
    // A real-time deadline shorter than the first virtual poll interval: the run goes on on the server.
    const stuck = soar.playbooks.wait(slow.taskId, { pollInterval: 60_000, timeout: 1 });
    await expect(stuck).rejects.toBeInstanceOf(FortiSoarWaitTimeoutError);
  });
});
