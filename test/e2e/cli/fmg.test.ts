import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../../../src/simulator/index.js';
import { fmgEnv, json, sandbox } from './harness.js';

const ADDRESSES = '/pm/config/adom/{adom}/obj/firewall/address';
const POLICIES = '/pm/config/adom/{adom}/pkg/{pkg}/firewall/policy';

let sim: Simulator;
const cli = sandbox();
const fmg = (args: string[], options: { env?: Record<string, string>; input?: string } = {}) =>
  cli.run(['fmg', ...args], { ...options, env: fmgEnv(sim, options.env) });

beforeAll(async () => {
  sim = await startSimulator({ products: ['fortimanager'], fortimanager: { taskStepMs: 5 } });
  sim.fortimanager.seedAddresses('dc_emea', 2_500);
});

afterAll(async () => {
  await sim?.close();
  cli.remove();
});

describe('fortix fmg get', () => {
  it('reads an object and logs out afterwards', async () => {
    const run = await fmg(['get', '/sys/status']);
    expect(run.code, run.stderr).toBe(0);
    expect(json<{ Hostname: string }>(run).Hostname).toBe('FMG-VM64');
    expect(sim.fortimanager.stats().sessions).toBe(0);
  });

  it('streams a whole table page by page', async () => {
    const run = await fmg([
      'get',
      ADDRESSES,
      '--adom',
      'dc_emea',
      '--page-size',
      '400',
      '--fields',
      'name',
      '-o',
      'jsonl',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const names = run.stdout
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { name: string }).name);
    expect(names.filter((n) => n.startsWith('bulk_dc_emea_'))).toHaveLength(2_500);
    expect(names[0]).toEqual(expect.any(String));
  });

  it('takes the readable filter and the raw JSON one alike', async () => {
    const readable = await fmg([
      'get',
      ADDRESSES,
      '--adom',
      'dc_emea',
      '--fields',
      'name',
      '--filter',
      'name like bulk_dc_emea_12%',
    ]);
    const raw = await fmg([
      'get',
      ADDRESSES,
      '--adom',
      'dc_emea',
      '--fields',
      'name',
      '--filter',
      '[["name","like","bulk_dc_emea_12%"]]',
    ]);
    expect(readable.code, readable.stderr).toBe(0);
    const names = json<Array<{ name: string }>>(readable).map((r) => r.name);
    expect(names.length).toBeGreaterThan(10);
    expect(names.every((n) => n.startsWith('bulk_dc_emea_12'))).toBe(true);
    expect(json(raw)).toEqual(json(readable));
  });

  it('combines conditions, ranges and sorting', async () => {
    const run = await fmg([
      'get',
      ADDRESSES,
      '--adom',
      'dc_emea',
      '--fields',
      'name',
      '--filter',
      "name like 'bulk_dc_emea_1%' && !(name == bulk_dc_emea_1)",
      '--sort',
      '-name',
      '--range',
      '0,3',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const names = json<Array<{ name: string }>>(run).map((r) => r.name);
    expect(names).toHaveLength(3);
    expect(names).toEqual([...names].sort().reverse());
    expect(names).not.toContain('bulk_dc_emea_1');
  });

  it('refuses a filter it cannot read as a usage error', async () => {
    const run = await fmg(['get', ADDRESSES, '--filter', 'name like']);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain('expected a value');
  });
});

describe('fortix fmg writes', () => {
  const env = { FORTIX_FMG_ADOM: 'root' };

  it('adds, refuses a duplicate with an API error, updates, replaces, clones and deletes', async () => {
    const add = await fmg(['add', ADDRESSES, '--data', '{"name":"cli_h1","subnet":"10.1.0.1/32"}'], { env });
    expect(add.code, add.stderr).toBe(0);
    const again = await fmg(['add', ADDRESSES, '--data', '{"name":"cli_h1","subnet":"10.1.0.1/32"}'], {
      env,
    });
    expect(again.code, again.stderr).toBe(3);
    expect(again.stderr).toMatch(/already exists \(code -2\)/);

    const update = await fmg(
      ['update', `${ADDRESSES}/{name}`, '--param', 'name=cli_h1', '--data', '{"comment":"web"}'],
      {
        env,
      },
    );
    expect(update.code, update.stderr).toBe(0);
    const replace = await fmg(
      ['set', `${ADDRESSES}/cli_h1`, '--data', '{"name":"cli_h1","subnet":"10.1.0.2/32","comment":"set"}'],
      {
        env,
      },
    );
    expect(replace.code, replace.stderr).toBe(0);
    const clone = await fmg(['clone', `${ADDRESSES}/cli_h1`, '--data', '{"name":"cli_h2"}'], { env });
    expect(clone.code, clone.stderr).toBe(0);
    const read = await fmg(
      ['get', ADDRESSES, '--filter', 'name in cli_h1,cli_h2', '--fields', 'name,subnet,comment'],
      { env },
    );
    expect(json(read)).toEqual([
      { name: 'cli_h1', subnet: ['10.1.0.2', '255.255.255.255'], comment: 'set' },
      { name: 'cli_h2', subnet: ['10.1.0.2', '255.255.255.255'], comment: 'set' },
    ]);

    const unset = await fmg(['unset', `${ADDRESSES}/cli_h2`, '--attrs', 'comment'], { env });
    expect(unset.code, unset.stderr).toBe(0);
    const cleared = await fmg(['get', `${ADDRESSES}/cli_h2`, '--fields', 'comment'], { env });
    expect(json<{ comment?: string }>(cleared).comment ?? '').toBe('');

    const remove = await fmg(['delete', ADDRESSES, '--filter', 'name like cli_h%'], { env });
    expect(remove.code, remove.stderr).toBe(0);
    const gone = await fmg(['get', `${ADDRESSES}/cli_h1`], { env });
    expect(gone.code, gone.stderr).toBe(3);
    expect(gone.stderr).toContain('code -3');
  });

  it('creates many objects from a YAML file, and reads --data from stdin', async () => {
    const file = join(cli.dir, 'hosts.yaml');
    writeFileSync(file, '- name: yaml_a\n  subnet: 10.2.0.1/32\n- name: yaml_b\n  subnet: 10.2.0.2/32\n');
    expect((await fmg(['add', ADDRESSES, '--data', `@${file}`], { env })).code).toBe(0);
    const piped = await fmg(['add', ADDRESSES, '--data', '-'], {
      env,
      input: '{"name":"stdin_a","subnet":"10.2.0.3/32"}',
    });
    expect(piped.code, piped.stderr).toBe(0);
    const read = await fmg(
      ['get', ADDRESSES, '--filter', 'name in yaml_a,yaml_b,stdin_a', '--fields', 'name'],
      { env },
    );
    expect(json<unknown[]>(read)).toHaveLength(3);
  });

  it('needs --data where the method does, and one of --before/--after to move', async () => {
    expect((await fmg(['add', ADDRESSES], { env })).code).toBe(2);
    const move = await fmg(['move', `${POLICIES}/1`, '--param', 'pkg=default'], { env });
    expect(move.code, move.stderr).toBe(2);
    expect(move.stderr).toContain('--before');
  });

  it('moves a policy before another', async () => {
    const penv = { FORTIX_FMG_ADOM: 'dc_amer' };
    const policy = (name: string) =>
      JSON.stringify({
        name,
        srcintf: ['any'],
        dstintf: ['any'],
        srcaddr: ['all'],
        dstaddr: ['all'],
        service: ['ALL'],
        action: 'accept',
        schedule: 'always',
      });
    const first = json<{ policyid: number }>(
      await fmg(['add', POLICIES, '--param', 'pkg=default', '--data', policy('mv_a')], { env: penv }),
    );
    const second = json<{ policyid: number }>(
      await fmg(['add', POLICIES, '--param', 'pkg=default', '--data', policy('mv_b')], { env: penv }),
    );
    const move = await fmg(
      [
        'move',
        `${POLICIES}/${second.policyid}`,
        '--param',
        'pkg=default',
        '--before',
        String(first.policyid),
      ],
      {
        env: penv,
      },
    );
    expect(move.code, move.stderr).toBe(0);
    const order = json<Array<{ name: string }>>(
      await fmg(['get', POLICIES, '--param', 'pkg=default', '--fields', 'name,policyid'], { env: penv }),
    ).map((p) => p.name);
    expect(order.indexOf('mv_b')).toBeLessThan(order.indexOf('mv_a'));
  });
});

describe('fortix fmg batch', () => {
  it('runs every item, reports each, and exits 3 when one failed', async () => {
    const items = [
      {
        method: 'add',
        url: ADDRESSES,
        params: { adom: 'root' },
        data: { name: 'batch_1', subnet: '10.3.0.1/32' },
      },
      {
        method: 'add',
        url: ADDRESSES,
        params: { adom: 'root' },
        data: { name: 'batch_1', subnet: '10.3.0.1/32' },
      },
      { method: 'get', url: `${ADDRESSES}/batch_1`, params: { adom: 'root' }, fields: ['subnet'] },
    ];
    const run = await fmg(['batch', '-', '--chunk', '2'], { input: JSON.stringify(items) });
    expect(run.code, run.stderr).toBe(3);
    const rows =
      json<Array<{ index: number; ok: boolean; code?: number; data?: { subnet?: string[] } }>>(run);
    expect(rows.map((r) => r.ok)).toEqual([true, false, true]);
    expect(rows[1]?.code).toBe(-2);
    expect(rows[2]?.data?.subnet).toEqual(['10.3.0.1', '255.255.255.255']);
    expect(run.stderr).toContain('1 of 3 items failed');
  });

  it('refuses a file that is not a list of calls', async () => {
    const run = await fmg(['batch', '-'], { input: '[{"url":"/sys/status"}]' });
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain('needs a method');
  });
});

describe('fortix fmg install, task, proxy', () => {
  const env = { FORTIX_FMG_ADOM: 'dc_amer' };

  it('installs a package, follows the task and reports per device', async () => {
    const ok = await fmg(
      ['install', 'package', 'default', '--scope', 'dut_fgt_01', '--wait', '--interval', '0.02'],
      { env },
    );
    expect(ok.code, ok.stderr).toBe(0);
    const lines = json<Array<{ name: string; ok: boolean }>>(ok);
    expect(lines.some((l) => l.name === 'dut_fgt_01' && l.ok)).toBe(true);
    expect(ok.stderr).toMatch(/task \d+ \(.*\): done/);

    const failing = await fmg(
      ['install', 'package', 'default', '--scope', 'dut_fgt_01,dut_fgt_03', '--wait', '--interval', '0.02'],
      {
        env,
      },
    );
    expect(failing.code, failing.stderr).toBe(3);
    const failed = json<Array<{ name: string; ok: boolean; detail: string }>>(failing).filter((l) => !l.ok);
    expect(failed.some((l) => l.name === 'dut_fgt_03' && /unreachable/.test(l.detail))).toBe(true);
  });

  it('starts an install without waiting, then task get and task watch', async () => {
    const started = await fmg(['install', 'device', '--scope', 'dut_fgt_02'], { env });
    expect(started.code, started.stderr).toBe(0);
    const { task } = json<{ task: number }>(started);
    expect(started.stderr).toContain(`fortix fmg task watch ${task}`);
    const watch = await fmg(['task', 'watch', String(task), '--interval', '0.02']);
    expect(watch.code, watch.stderr).toBe(0);
    expect(json<Array<{ name: string }>>(watch).map((l) => l.name)).toContain('dut_fgt_02');
    const get = await fmg(['task', 'get', String(task)]);
    expect(json<{ id: number; percent: number; numErr: number }>(get)).toMatchObject({
      id: task,
      percent: 100,
      numErr: 0,
    });
    expect((await fmg(['task', 'get', 'abc'])).code).toBe(2);
  });

  it('asks devices through sys/proxy/json, one result per device', async () => {
    const run = await fmg(['proxy', '/api/v2/monitor/system/status', '--group', 'All_FortiGate'], { env });
    expect(run.code, run.stderr).toBe(3);
    const results = json<Array<{ target: string; ok: boolean }>>(run);
    expect(results.find((r) => r.target === 'dut_fgt_01')?.ok).toBe(true);
    expect(results.find((r) => r.target === 'dut_fgt_03')?.ok).toBe(false);
    const one = await fmg(['proxy', '/api/v2/monitor/system/status', '--device', 'dc_amer/dut_fgt_01']);
    expect(one.code, one.stderr).toBe(0);
  });
});

describe('fortix fmg describe', () => {
  it('prints the catalog facts as a readable table, or JSON', async () => {
    const table = await cli.run(['fmg', 'describe', ADDRESSES, '-o', 'table']);
    expect(table.code, table.stderr).toBe(0);
    const lines = table.stdout.split('\n');
    expect(lines[0]).toBe(ADDRESSES);
    expect(table.stdout).toMatch(/key: +name/);
    expect(lines.find((l) => l.startsWith('FIELD'))).toMatch(/^FIELD +TYPE +VERSIONS +FLAGS +CHOICES$/);
    expect(lines.find((l) => l.startsWith('allow-routing '))).toMatch(/str .*disable \| enable$/);
    expect(lines.find((l) => l.startsWith('type '))).toMatch(/… \(\+\d+\)$/);
    const described = json<{ kind: string; mkey: string }>(await cli.run(['fmg', 'describe', ADDRESSES]));
    expect(described).toMatchObject({ kind: 'table', mkey: 'name' });
    const unknown = await cli.run(['fmg', 'describe', '/no/such/url']);
    expect(unknown.code, unknown.stderr).toBe(2);
    expect(unknown.stderr).toContain('not in the FortiManager catalog');
  });
});

describe('fortix fmg workspace', () => {
  it('locks, writes, commits and unlocks across commands with an API key', async () => {
    sim.fortimanager.setWorkspaceMode('normal');
    try {
      const keyEnv = { FORTIX_FMG_API_KEY: sim.fortimanager.credentials.apiKey!, FORTIX_FMG_ADOM: 'root' };
      const session = await fmg(['lock', '--adom', 'root']);
      expect(session.code, session.stderr).toBe(2);
      expect(session.stderr).toContain('needs an API key');

      expect((await fmg(['lock'], { env: keyEnv })).code).toBe(0);
      const info = json<Array<{ lock_user: string }>>(await fmg(['lockinfo'], { env: keyEnv }));
      expect(info.map((i) => i.lock_user)).toContain('api_001');
      expect(sim.fortimanager.lockOwner('root')).toBe('api_001');
      const add = await fmg(['add', ADDRESSES, '--data', '{"name":"ws_1","subnet":"10.4.0.1/32"}'], {
        env: keyEnv,
      });
      expect(add.code, add.stderr).toBe(0);
      expect((await fmg(['commit'], { env: keyEnv })).code).toBe(0);
      expect((await fmg(['unlock'], { env: keyEnv })).code).toBe(0);
      expect(sim.fortimanager.lockOwner('root')).toBeUndefined();

      const locked = await fmg(
        ['add', ADDRESSES, '--lock', '--data', '{"name":"ws_2","subnet":"10.4.0.2/32"}'],
        {
          env: { FORTIX_FMG_ADOM: 'root' },
        },
      );
      expect(locked.code, locked.stderr).toBe(0);
      expect(sim.fortimanager.stats().locks).toBe(0);
    } finally {
      sim.fortimanager.setWorkspaceMode('disabled');
    }
    const read = await fmg([
      'get',
      ADDRESSES,
      '--adom',
      'root',
      '--filter',
      'name in ws_1,ws_2',
      '--fields',
      'name',
    ]);
    expect(json<unknown[]>(read)).toHaveLength(2);
  });
});
