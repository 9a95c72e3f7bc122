import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../../../src/simulator/index.js';
import { json, sandbox } from './harness.js';

/** A port nothing listens on: a URL that must never be the one used. */
const DEAD = 'http://127.0.0.1:9';

let sim: Simulator;
const cli = sandbox();
let password: string;

beforeAll(async () => {
  sim = await startSimulator({ products: ['fortimanager'] });
  password = sim.fortimanager.credentials.password!;
});

afterAll(async () => {
  await sim?.close();
  cli.remove();
});

interface Setting {
  setting: string;
  value: string;
  source: string;
}

/** The devices `fmg get` lists: which ADOM the run used. */
async function adomUsed(args: string[], env: Record<string, string> = {}): Promise<string | undefined> {
  const run = await cli.run(['fmg', 'get', '/dvmdb/adom/{adom}', '--fields', 'name', ...args], { env });
  if (run.code !== 0) throw new Error(`exit ${run.code}: ${run.stderr}`);
  return json<{ name?: string }>(run).name;
}

describe('fortix config', () => {
  it('creates profiles, stores secrets without echo from stdin, and masks them everywhere', async () => {
    const init = await cli.run([
      'config',
      'init',
      'lab',
      '--product',
      'fmg',
      `url=${sim.fortimanager.url}`,
      'username=admin',
      'adom=root',
    ]);
    expect(init.code, init.stderr).toBe(0);
    const set = await cli.run(['config', 'set', 'password', '--profile', 'lab'], { input: `${password}\n` });
    expect(set.code, set.stderr).toBe(0);
    expect(set.stderr + set.stdout).not.toContain(password);
    const file = join(cli.dir, 'config', 'config.yaml');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toContain('product: fortimanager');

    const get = await cli.run(['config', 'get', 'password', '--profile', 'lab']);
    expect(get.stdout.trim()).toBe('********');
    expect((await cli.run(['config', 'get', 'adom', '--profile', 'lab'])).stdout.trim()).toBe('root');

    const show = await cli.run(['config', 'show', 'lab']);
    expect(show.stdout).not.toContain(password);
    expect(json<Setting[]>(show)).toContainEqual({
      setting: 'password',
      value: '********',
      source: 'profile lab',
    });

    const list = json<Array<{ name: string; default: string; product: string }>>(
      await cli.run(['config', 'list']),
    );
    expect(list).toContainEqual(
      expect.objectContaining({ name: 'lab', default: '*', product: 'fortimanager' }),
    );
    expect(await adomUsed([])).toBe('root');
  });

  it('refuses unknown keys and bad values, and warns about a secret given on argv', async () => {
    const unknown = await cli.run(['config', 'set', 'colour', 'red', '--profile', 'lab']);
    expect(unknown.code, unknown.stderr).toBe(2);
    expect(unknown.stderr).toContain('no setting');
    const bad = await cli.run(['config', 'set', 'timeout', 'soon', '--profile', 'lab']);
    expect(bad.code, bad.stderr).toBe(2);
    const argv = await cli.run([
      'config',
      'init',
      'argv',
      '--product',
      'fmg',
      'url=http://x',
      'password=hunter22',
    ]);
    expect(argv.code, argv.stderr).toBe(0);
    expect(argv.stderr).toContain('warning');
    expect((await cli.run(['config', 'show', 'argv'])).stdout).not.toContain('hunter22');
  });

  it('takes flags over the environment over the profile', async () => {
    expect(await adomUsed([], { FORTIX_FMG_ADOM: 'dc_emea' })).toBe('dc_emea');
    expect(await adomUsed(['--adom', 'dc_amer'], { FORTIX_FMG_ADOM: 'dc_emea' })).toBe('dc_amer');
    const show = json<Setting[]>(
      await cli.run(['config', 'show', 'lab'], { env: { FORTIX_FMG_ADOM: 'dc_emea' } }),
    );
    expect(show).toContainEqual({ setting: 'adom', value: 'dc_emea', source: 'env FORTIX_FMG_ADOM' });
    const deadEnv = await cli.run(['fmg', 'get', '/sys/status'], { env: { FORTIX_FMG_URL: DEAD } });
    expect(deadEnv.code, deadEnv.stderr).toBe(5);
    const flagWins = await cli.run(['fmg', 'get', '/sys/status', '--url', sim.fortimanager.url], {
      env: { FORTIX_FMG_URL: DEAD },
    });
    expect(flagWins.code, flagWins.stderr).toBe(0);
  });

  it('picks the profile by --profile, then FORTIX_PROFILE, then the default (config use)', async () => {
    await cli.run([
      'config',
      'init',
      'emea',
      '--product',
      'fmg',
      `url=${sim.fortimanager.url}`,
      'username=admin',
      'adom=dc_emea',
    ]);
    await cli.run(['config', 'set', 'password', '--profile', 'emea'], { input: password });
    expect(await adomUsed([])).toBe('root');
    expect(await adomUsed([], { FORTIX_PROFILE: 'emea' })).toBe('dc_emea');
    expect(await adomUsed(['--profile', 'lab'], { FORTIX_PROFILE: 'emea' })).toBe('root');
    expect((await cli.run(['config', 'use', 'emea'])).code).toBe(0);
    expect(await adomUsed([])).toBe('dc_emea');
    await cli.run(['config', 'use', 'lab']);

    const missing = await cli.run(['fmg', 'get', '/sys/status', '--profile', 'nope']);
    expect(missing.code, missing.stderr).toBe(2);
    expect(missing.stderr).toContain("no profile named 'nope'");
    await cli.run(['config', 'init', 'care', '--product', 'care', 'username=someone']);
    const wrong = await cli.run(['fmg', 'get', '/sys/status', '--profile', 'care']);
    expect(wrong.code, wrong.stderr).toBe(2);
    expect(wrong.stderr).toContain('is a forticare profile');
  });

  it("accepts the Terraform provider's FortiManager variables, below fortix's own", async () => {
    const host = sim.fortimanager.url;
    const terraform = {
      FORTIMANAGER_ACCESS_HOSTNAME: host,
      FORTIMANAGER_ACCESS_USERNAME: 'admin',
      FORTIMANAGER_ACCESS_PASSWORD: password,
    };
    // the profile's url, user and password are all overridden by the Terraform variables
    const run = await cli.run(['fmg', 'get', '/sys/status', '--profile', 'argv'], { env: terraform });
    expect(run.code, run.stderr).toBe(0);
    const token = await cli.run(['config', 'show', '--product', 'fmg'], {
      env: {
        FORTIMANAGER_ACCESS_TOKEN: 'tf-token-1234',
        FORTIMANAGER_INSECURE: 'true',
        FORTIMANAGER_ACCESS_HOSTNAME: host,
      },
    });
    const rows = json<Setting[]>(token);
    expect(rows).toContainEqual({
      setting: 'api-key',
      value: '********',
      source: 'env FORTIMANAGER_ACCESS_TOKEN',
    });
    expect(rows).toContainEqual({ setting: 'insecure', value: 'true', source: 'env FORTIMANAGER_INSECURE' });
    const ours = await cli.run(['fmg', 'get', '/sys/status'], {
      env: { ...terraform, FORTIMANAGER_ACCESS_HOSTNAME: DEAD, FORTIX_FMG_URL: host, FORTIX_PROFILE: 'argv' },
    });
    expect(ours.code, ours.stderr).toBe(0);
  });
});

describe('secrets', () => {
  const env = () => ({ FORTIX_FMG_URL: sim.fortimanager.url, FORTIX_FMG_USERNAME: 'admin' });

  it('come from a file, the environment _FILE variable or stdin, and never show up in --debug', async () => {
    const file = join(cli.dir, 'fmg-password');
    writeFileSync(file, `${password}\n`);
    const fromFile = await cli.run(['fmg', 'get', '/sys/status', '--password-file', file, '--debug'], {
      env: env(),
    });
    expect(fromFile.code, fromFile.stderr).toBe(0);
    expect(fromFile.stderr).toContain('→ POST');
    expect(fromFile.stderr).toContain('"passwd":"[REDACTED]"');
    const fromEnvFile = await cli.run(['fmg', 'get', '/sys/status'], {
      env: { ...env(), FORTIX_FMG_PASSWORD_FILE: file },
    });
    expect(fromEnvFile.code, fromEnvFile.stderr).toBe(0);
    const fromStdin = await cli.run(['fmg', 'get', '/sys/status', '--password-stdin', '--debug'], {
      env: env(),
      input: password,
    });
    expect(fromStdin.code, fromStdin.stderr).toBe(0);
    const apiKey = sim.fortimanager.credentials.apiKey!;
    const withKey = await cli.run(['--debug', 'fmg', 'get', '/sys/status'], {
      env: { FORTIX_FMG_URL: sim.fortimanager.url, FORTIX_FMG_API_KEY: apiKey },
    });
    expect(withKey.code, withKey.stderr).toBe(0);
    for (const run of [fromFile, fromStdin, withKey]) {
      const all = run.stdout + run.stderr;
      expect(all).not.toContain(password);
      expect(all).not.toContain(apiKey);
      // session ids are masked too: every "session" value is redacted or null
      expect(all).not.toMatch(/"session":"(?!\[REDACTED\])/);
    }
  });

  it('warn when given on argv, and say where else they can come from when missing', async () => {
    const argv = await cli.run(['fmg', 'get', '/sys/status', '--password', password], { env: env() });
    expect(argv.code, argv.stderr).toBe(0);
    expect(argv.stderr).toContain('--password on the command line is visible');
    expect(argv.stderr).not.toContain(password);
    const noProfiles = join(cli.dir, 'empty');
    const missing = await cli.run(['fmg', 'get', '/sys/status'], {
      env: { ...env(), FORTIX_CONFIG_DIR: noProfiles },
    });
    expect(missing.code, missing.stderr).toBe(2);
    expect(missing.stderr).toContain('FORTIX_FMG_PASSWORD');
    const twice = await cli.run(['fmg', 'add', '/x', '--data', '-', '--password-stdin'], {
      env: env(),
      input: 'x',
    });
    expect(twice.code, twice.stderr).toBe(2);
    expect(twice.stderr).toContain('both want stdin');
  });
});
