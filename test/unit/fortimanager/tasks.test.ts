import { describe, expect, it } from 'vitest';
import { toTaskResult } from '../../../src/fortimanager/tasks.js';

// Shaped like the task record of the FortiManager JSON-RPC seed (/task/task/<id>), one line failing.
const record = {
  adom: 364,
  history: [
    { detail: 'start to install dev(FGT1)', name: 'FGT1', percent: 0, vdom: null },
    { detail: 'install failed: device unreachable', name: 'FGT2', percent: 100, vdom: null },
  ],
  id: 2066,
  line: [
    {
      detail: 'install and save finished status=OK',
      err: 0,
      ip: null,
      name: 'FGT1',
      oid: 366,
      percent: 100,
      state: 'done',
      vdom: null,
    },
    {
      detail: 'device unreachable',
      err: 1,
      ip: '192.0.2.7',
      name: 'FGT2',
      oid: 367,
      percent: 100,
      state: 'error',
      vdom: 'root',
    },
  ],
  num_done: 1,
  num_err: 1,
  num_lines: 2,
  num_warn: 0,
  percent: 100,
  src: 'install device',
  state: 'error',
  title: 'Install Device',
  tot_percent: 200,
  user: 'admin',
};

describe('toTaskResult', () => {
  it('reads counts, lines and the failing lines', () => {
    const task = toTaskResult(2066, record);
    expect(task).toMatchObject({
      id: 2066,
      title: 'Install Device',
      state: 'error',
      percent: 100,
      numLines: 2,
      numDone: 1,
      numErr: 1,
      numWarn: 0,
      finished: true,
      ok: false,
    });
    expect(task.failedLines).toEqual([
      {
        name: 'FGT2',
        detail: 'device unreachable',
        err: 1,
        state: 'error',
        percent: 100,
        vdom: 'root',
        ip: '192.0.2.7',
        oid: 367,
        poid: 0,
        startedAt: null,
        endedAt: null,
        // The 6.0 layout keeps one history for the task: the line gets the messages naming it.
        history: [{ detail: 'install failed: device unreachable', name: 'FGT2', percent: 100, vdom: null }],
      },
    ]);
    expect(task.history).toHaveLength(2);
    expect(task.raw).toBe(record);
  });

  it('is unfinished below 100 % and ok without errors', () => {
    const task = toTaskResult(7, { ...record, percent: 40, state: 'running', num_err: 0, line: [] });
    expect(task.finished).toBe(false);
    expect(task.ok).toBe(true);
  });
});
