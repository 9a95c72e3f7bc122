import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAIN, sandbox } from './harness.js';

const cli = sandbox();

afterAll(() => cli.remove());

const lines = (text: string) =>
  text
    .trim()
    .split('\n')
    .map((line) => line.split('\t')[0]);

describe('help', () => {
  it('lists every group at the root, and a group lists its commands and connection flags', async () => {
    const root = await cli.run(['--help']);
    expect(root.code, root.stderr).toBe(0);
    for (const group of ['fmg', 'care', 'config', 'sim', 'demo', 'completion']) {
      expect(root.stdout).toMatch(new RegExp(`^  ${group} `, 'm'));
    }
    expect(root.stdout).not.toContain('__complete');
    const fmg = await cli.run(['fmg', '--help']);
    expect(fmg.code, fmg.stderr).toBe(0);
    for (const command of ['get', 'add', 'batch', 'lock', 'install', 'task', 'proxy', 'describe']) {
      expect(fmg.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    }
    expect(fmg.stdout).toContain('FORTIX_FMG_URL, FORTIMANAGER_ACCESS_HOSTNAME');
    expect((await cli.run(['help', 'care'])).stdout).toContain('products');
    const get = await cli.run(['fmg', 'get', '--help']);
    expect(get.stdout).toContain('--filter <expr>');
    expect(get.stdout).toContain('Global Options');
    expect((await cli.run(['--version'])).stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('shell completion', () => {
  it('prints a script per shell, and refuses other shells', async () => {
    expect((await cli.run(['completion', 'bash'])).stdout).toContain('complete -o default -F _fortix fortix');
    expect((await cli.run(['completion', 'zsh'])).stdout).toContain('compdef _fortix fortix');
    expect((await cli.run(['completion', 'fish'])).stdout).toContain(
      "complete -c fortix -f -a '(__fortix_complete)'",
    );
    expect((await cli.run(['completion', 'tcsh'])).code).toBe(2);
  });

  it('completes commands, flags, flag values, profiles and FortiManager URL templates', async () => {
    const complete = async (...words: string[]) =>
      lines((await cli.run(['__complete', '--', ...words])).stdout);
    expect(await complete('')).toEqual(expect.arrayContaining(['fmg', 'care', 'config']));
    expect(await complete('fmg', 'in')).toEqual(['install']);
    expect(await complete('fmg', 'get', '--fil')).toEqual(['--filter']);
    expect(await complete('fmg', 'get', '--ad')).toEqual(['--adom']);
    expect(await complete('-o', '')).toEqual(['table', 'json', 'yaml', 'csv', 'jsonl']);
    expect(await complete('fmg', 'get', '/pm/config/adom/{adom}/obj/firewall/addr')).toEqual(
      expect.arrayContaining([
        '/pm/config/adom/{adom}/obj/firewall/address',
        '/pm/config/adom/{adom}/obj/firewall/address/',
      ]),
    );
    expect(await complete('fmg', 'get', '/pm/con')).toEqual(['/pm/config/']);
    await cli.run(['config', 'init', 'lab-one', '--product', 'fmg', 'url=https://fmg.example']);
    expect(await complete('fmg', 'get', '--profile', 'lab')).toEqual(['lab-one']);
  });

  it('works in bash', async () => {
    const bin = join(cli.dir, 'bin');
    mkdirSync(bin, { recursive: true });
    writeFileSync(join(bin, 'fortix'), `#!/bin/sh\nexec "${process.execPath}" "${MAIN}" "$@"\n`);
    chmodSync(join(bin, 'fortix'), 0o755);
    const script = [
      'eval "$(fortix completion bash)"',
      `COMP_WORDS=(fortix fmg ins); COMP_CWORD=2; _fortix; echo "\${COMPREPLY[@]}"`,
      `COMP_WORDS=(fortix car); COMP_CWORD=1; _fortix; echo "\${COMPREPLY[@]}"`,
    ].join('\n');
    const child = spawn('bash', ['-c', script], {
      env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, FORTIX_CONFIG_DIR: cli.dir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    const [code] = (await once(child, 'close')) as [number];
    expect(code).toBe(0);
    expect(stdout.split('\n').slice(0, 2)).toEqual(['install', 'care']);
  });
});
