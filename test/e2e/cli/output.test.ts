import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type Simulator, startSimulator } from '../../../src/simulator/index.js';
import { fmgEnv, json, MAIN, sandbox } from './harness.js';

const ADDRESSES = '/pm/config/adom/{adom}/obj/firewall/address';

let sim: Simulator;
const cli = sandbox();
const get = (args: string[]) =>
  cli.run(['fmg', 'get', ADDRESSES, '--filter', 'name like out_%', ...args], {
    env: fmgEnv(sim, { FORTIX_FMG_ADOM: 'root' }),
  });

beforeAll(async () => {
  sim = await startSimulator({ products: ['fortimanager'] });
  const data = Array.from({ length: 3 }, (_, i) => ({
    name: `out_${i}`,
    subnet: `10.9.0.${i}/32`,
    comment: `c${i}`,
  }));
  const add = await cli.run(['fmg', 'add', ADDRESSES, '--data', JSON.stringify(data)], {
    env: fmgEnv(sim, { FORTIX_FMG_ADOM: 'root' }),
  });
  if (add.code !== 0) throw new Error(add.stderr);
});

afterAll(async () => {
  await sim?.close();
  cli.remove();
});

const ROWS = [
  { name: 'out_0', comment: 'c0' },
  { name: 'out_1', comment: 'c1' },
  { name: 'out_2', comment: 'c2' },
];

describe('output formats', () => {
  it('prints JSON when piped, and the same data as YAML, JSON lines and CSV', async () => {
    const piped = await get(['--fields', 'name,comment']);
    expect(json(piped)).toEqual(ROWS);
    expect(parse((await get(['--fields', 'name,comment', '-o', 'yaml'])).stdout)).toEqual(ROWS);
    const lines = (await get(['--fields', 'name,comment', '-o', 'jsonl'])).stdout.trim().split('\n');
    expect(lines.map((l) => JSON.parse(l))).toEqual(ROWS);
    const csv = (await get(['--fields', 'name,subnet', '-o', 'csv'])).stdout;
    expect(csv).toBe(
      'name,subnet\nout_0,"10.9.0.0, 255.255.255.255"\nout_1,"10.9.0.1, 255.255.255.255"\nout_2,"10.9.0.2, 255.255.255.255"\n',
    );
  });

  it('prints a table with the chosen columns, and one object as field/value rows', async () => {
    const table = (await get(['--fields', 'name,comment', '-o', 'table'])).stdout.split('\n');
    expect(table[0]).toMatch(/^name +comment$/);
    expect(table[1]).toMatch(/^out_0 +c0$/);
    expect(table[1]!.indexOf('c0')).toBe(table[0]!.indexOf('comment'));
    const status = await cli.run(['fmg', 'get', '/sys/status', '-o', 'table'], { env: fmgEnv(sim) });
    expect(status.stdout).toMatch(/^Hostname +FMG-VM64$/m);
  });

  it('leaves nested columns out of automatic tables and says so; an empty table says nothing was found', async () => {
    const devices = await cli.run(['fmg', 'get', '/dvmdb/device', '-o', 'table'], { env: fmgEnv(sim) });
    expect(devices.code, devices.stderr).toBe(0);
    expect(devices.stderr).toMatch(/\(\d+ more columns: .*vdom/);
    const none = await get(['--filter', 'name == nothing_here', '-o', 'table']);
    expect(none.stdout).toBe('');
    expect(none.stderr).toContain('(nothing found)');
  });

  it('applies a JMESPath --query to the whole result, or to each item with -o jsonl', async () => {
    const names = await get(['--query', "[?comment != 'c1'].name"]);
    expect(json(names)).toEqual(['out_0', 'out_2']);
    const perItem = await get(['-o', 'jsonl', '--query', '{n: name, c: comment}']);
    expect(
      perItem.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
    ).toEqual([
      { n: 'out_0', c: 'c0' },
      { n: 'out_1', c: 'c1' },
      { n: 'out_2', c: 'c2' },
    ]);
    const bad = await get(['--query', '[?name ==']);
    expect(bad.code, bad.stderr).toBe(2);
    expect(bad.stderr).toContain('not valid JMESPath');
    const format = await get(['-o', 'xml']);
    expect(format.code, format.stderr).toBe(2);
  });
});

describe('progress', () => {
  const batch = JSON.stringify(Array.from({ length: 6 }, () => ({ method: 'get', url: '/dvmdb/adom/root' })));

  it('draws no bar when stderr is piped', async () => {
    const run = await cli.run(['fmg', 'batch', '-', '--chunk', '2'], { env: fmgEnv(sim), input: batch });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe('');
  });

  it('draws a bar (N of M) when stderr is a terminal', async () => {
    const file = join(cli.dir, 'batch.json');
    writeFileSync(file, batch);
    // `script` runs the command on a pseudo-terminal (stdout and stderr are terminals there)
    const child = spawn('script', ['-qec', `node ${MAIN} fmg batch ${file} --chunk 2 -o json`, '/dev/null'], {
      env: { ...process.env, ...fmgEnv(sim), FORTIX_CONFIG_DIR: cli.dir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let screen = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      screen += chunk;
    });
    const [code] = (await once(child, 'close')) as [number];
    expect(code).toBe(0);
    expect(screen).toMatch(/batch \[[█░]+\] 6 of 6/);
  });
});
