/** `fortix faz --via-fmg ...`: the real binary, FortiAnalyzer calls through the simulated FortiManager. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../../../src/simulator/index.js';
import { fmgEnv, json, sandbox } from '../cli/harness.js';
import { settledWindowFlags } from './harness.js';

let sim: Simulator;
const cli = sandbox();

beforeAll(async () => {
  sim = await startSimulator({
    products: ['fortimanager', 'fortianalyzer'],
    fortimanager: { catalog: false },
  });
});

afterAll(async () => {
  await sim?.close();
  cli.remove();
});

/** Only FortiManager settings: the FortiAnalyzer has no URL or login of its own here. */
const faz = (args: string[], env: Record<string, string> = fmgEnv(sim)) =>
  cli.run(['faz', ...args], { env: { ...env, FORTIX_FAZ_VIA_FMG: '1' } });

function expectNothingLeft(): void {
  expect(sim.fortimanager.stats().sessions, 'the FortiManager session is logged out').toBe(0);
  expect(sim.fortianalyzer.stats()).toMatchObject({ sessions: 0, searches: 0, views: 0 });
}

describe('fortix faz --via-fmg', () => {
  it('streams a log search through the FortiManager', async () => {
    const run = await faz(['logs', 'search', '--logtype', 'traffic', ...settledWindowFlags(), '-o', 'jsonl']);
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(3600);
    expect(run.stderr).toMatch(/fortix: 3600 rows \(exact;/);
    expectNothingLeft();
  });

  it('runs a FortiView', async () => {
    const run = await faz(['view', 'top-sources', ...settledWindowFlags(), '--limit', '3', '-o', 'json']);
    expect(run.code, run.stderr).toBe(0);
    expect(json<Array<{ srcip: string }>>(run)).toHaveLength(3);
    expectNothingLeft();
  });

  it('logs in with an fmg profile named by --fmg-profile, in the ADOM of the faz settings', async () => {
    const { username, password } = sim.fortimanager.credentials;
    const init = await cli.run([
      'config',
      'init',
      'lab-fmg',
      '--product',
      'fmg',
      `url=${sim.fortimanager.url}`,
      `username=${username}`,
    ]);
    expect(init.code, init.stderr).toBe(0);
    const run = await faz(
      [
        '--fmg-profile',
        'lab-fmg',
        'logs',
        'search',
        '--logtype',
        'event',
        '--last',
        '1h',
        '--max-rows',
        '4',
        '-o',
        'json',
      ],
      { FORTIX_FMG_PASSWORD: password!, FORTIX_FAZ_ADOM: 'dc_emea' },
    );
    expect(run.code, run.stderr).toBe(0);
    const rows = json<Array<{ devname: string }>>(run);
    expect(rows).toHaveLength(4);
    expect(rows.every((row) => row.devname.startsWith('fgt-emea-'))).toBe(true);
    expectNothingLeft();
  });

  it('says what is missing, with exit code 2', async () => {
    const empty = sandbox();
    try {
      const noFmg = await empty.run(['faz', '--via-fmg', 'status'], { env: {} });
      expect(noFmg.code).toBe(2);
      expect(noFmg.stderr).toMatch(/--via-fmg: no FortiManager URL: set FORTIX_FMG_URL/);
    } finally {
      empty.remove();
    }
    const stray = await cli.run(['faz', '--fmg-profile', 'lab-fmg', 'status'], { env: fmgEnv(sim) });
    expect(stray.code).toBe(2);
    expect(stray.stderr).toMatch(/give --via-fmg too/);
  });
});
