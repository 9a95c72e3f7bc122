/** `fortix faz ...`: the real binary against the simulated FortiAnalyzer. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../../../src/simulator/index.js';
import { json, sandbox } from '../cli/harness.js';
import { settledWindowFlags } from './harness.js';

let sim: Simulator;
const cli = sandbox();

beforeAll(async () => {
  sim = await startSimulator({ products: ['fortianalyzer'], fortianalyzer: { reportMs: 300 } });
});

afterAll(async () => {
  await sim?.close();
  cli.remove();
});

function env(): Record<string, string> {
  const { username, password } = sim.fortianalyzer.credentials;
  return {
    FORTIX_FAZ_URL: sim.fortianalyzer.url,
    FORTIX_FAZ_USERNAME: username!,
    FORTIX_FAZ_PASSWORD: password!,
  };
}

const faz = (args: string[]) => cli.run(['faz', ...args], { env: env() });

describe('fortix faz', () => {
  it('streams a log search as JSON lines and summarises it on stderr', async () => {
    const run = await faz(['logs', 'search', '--logtype', 'traffic', ...settledWindowFlags(), '-o', 'jsonl']);
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.trim().split('\n');
    // Six traffic logs a second in root: 3,600 in ten minutes.
    expect(lines).toHaveLength(3600);
    const first = JSON.parse(lines[0]!) as { type: string; id: string };
    expect(first.type).toBe('traffic');
    expect(new Set(lines.map((l) => (JSON.parse(l) as { id: string }).id)).size).toBe(3600);
    expect(run.stderr).toMatch(/fortix: 3600 rows \(exact; \d+ searches, 1 slices\)/);
    expect(sim.fortianalyzer.stats().searches).toBe(0);
  });

  it('filters with --where and --filter, stops at --max-rows, refuses traps with exit code 2', async () => {
    const run = await faz([
      'logs',
      'search',
      '--logtype',
      'traffic',
      ...settledWindowFlags(),
      '--where',
      'service=SSH',
      '--filter',
      'dstport==22',
      '--max-rows',
      '5',
      '-o',
      'json',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const rows = json<Array<{ service: string }>>(run);
    expect(rows).toHaveLength(5);
    expect(rows.every((r) => r.service === 'SSH')).toBe(true);
    const trap = await faz([
      'logs',
      'search',
      '--logtype',
      'traffic',
      '--last',
      '1h',
      '--filter',
      'app contain DNS',
    ]);
    expect(trap.code).toBe(2);
    expect(trap.stderr).toMatch(/ignores 'contain'/);
  });

  it('runs a FortiView', async () => {
    const run = await faz(['view', 'top-countries', ...settledWindowFlags(), '--limit', '3', '-o', 'json']);
    expect(run.code, run.stderr).toBe(0);
    const rows = json<Array<{ dstcountry: string; sessions: number }>>(run);
    expect(rows).toHaveLength(3);
    expect(rows[0]!.sessions).toBeGreaterThanOrEqual(rows[1]!.sessions);
    expect(sim.fortianalyzer.stats().views).toBe(0);
  });

  it('runs a report, waits and downloads its files', async () => {
    const out = join(cli.dir, 'reports');
    const run = await faz([
      'report',
      'run',
      '4',
      '--period',
      'last-1-hours',
      '--download',
      '--format',
      'CSV',
      '--out',
      out,
      '-o',
      'json',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const files = json<Array<{ file: string; bytes: number }>>(run);
    expect(files).toHaveLength(3);
    for (const { file, bytes } of files) {
      expect(existsSync(file)).toBe(true);
      expect(readFileSync(file).length).toBe(bytes);
    }
    expect(readFileSync(files[0]!.file, 'utf8')).toMatch(/^level,Count\r\n/);
  });

  it('lists and acknowledges alerts, and reads incidents', async () => {
    const list = await faz([
      'events',
      'list',
      '--last',
      '24h',
      '--where',
      'ackflag=no',
      '--max-rows',
      '2',
      '-o',
      'json',
    ]);
    expect(list.code, list.stderr).toBe(0);
    const alerts = json<Array<{ alertid: string }>>(list);
    expect(alerts).toHaveLength(2);
    const ack = await faz(['events', 'ack', alerts[0]!.alertid, '--by', 'cli', '-o', 'json']);
    expect(json(ack)).toEqual({ acknowledged: 1 });
    const again = await faz([
      'events',
      'list',
      '--last',
      '24h',
      '--where',
      `alertid=${alerts[0]!.alertid}`,
      '-o',
      'json',
    ]);
    expect(json<Array<{ ackflag: string }>>(again)[0]!.ackflag).toBe('yes');
    const incidents = json<Array<{ incid: string }>>(await faz(['incidents', 'list', '-o', 'json']));
    expect(incidents.length).toBeGreaterThan(0);
    const one = await faz(['incidents', 'get', incidents[0]!.incid, '-o', 'json']);
    expect(json<{ incid: string }>(one).incid).toBe(incidents[0]!.incid);
    expect(sim.fortianalyzer.stats().sessions).toBe(0);
  });
});
