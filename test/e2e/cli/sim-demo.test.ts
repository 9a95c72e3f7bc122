import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { MAIN, sandbox } from './harness.js';

const cli = sandbox();

afterAll(() => cli.remove());

interface Described {
  [product: string]: {
    url: string;
    credentials: Record<string, string>;
    inventory?: Array<{ serialNumber: string; contractNumber: string }>;
  };
}

describe('fortix sim', () => {
  it('prints one JSON line once every product listens, serves them, and stops cleanly on Ctrl-C', async () => {
    const child = spawn(
      process.execPath,
      [MAIN, 'sim', '--json', '--products', 'fortimanager,forticare', '--care-inventory', '3', '--seed', '7'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const closed = once(child, 'close');
    const lines = createInterface({ input: child.stdout });
    const [first] = (await once(lines, 'line')) as [string];
    const products = JSON.parse(first) as Described;
    expect(Object.keys(products).sort()).toEqual(['forticare', 'forticloud', 'fortimanager']);
    expect(products.fortimanager?.credentials).toMatchObject({
      username: 'admin',
      apiKey: expect.any(String),
    });

    const fmg = await cli.run(['fmg', 'get', '/sys/status'], {
      env: {
        FORTIX_FMG_URL: products.fortimanager!.url,
        FORTIX_FMG_API_KEY: products.fortimanager!.credentials.apiKey!,
      },
    });
    expect(fmg.code, fmg.stderr).toBe(0);
    const { username, password, authUrl } = products.forticare!.credentials;
    const register = await cli.run(['care', 'products', 'register', '--data', '-'], {
      env: {
        FORTIX_CARE_URL: products.forticare!.url,
        FORTIX_CARE_AUTH_URL: authUrl!,
        FORTIX_CARE_USERNAME: username!,
        FORTIX_CARE_PASSWORD: password!,
      },
      input: JSON.stringify(products.forticare!.inventory),
    });
    expect(register.code, register.stderr).toBe(0);
    expect(JSON.parse(register.stdout)).toHaveLength(3);

    child.kill('SIGINT');
    const [code] = (await closed) as [number];
    expect(code).toBe(0);
  });

  it('refuses unknown products as a usage error', async () => {
    const run = await cli.run(['sim', '--products', 'fortinope']);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain("unknown product 'fortinope'");
  });
});

describe('fortix demo', () => {
  it('walks through every product against the embedded simulators, ends with a summary, and leaks nothing', async () => {
    const { code, stdout, stderr } = await cli.run(['demo']);
    expect(stderr).not.toContain('fortix:');
    expect(code).toBe(0);
    expect(stdout).toContain('2000 created');
    expect(stdout).toMatch(/35 units registered in 4 batches/);
    expect(stdout).toContain('FortiManager sessions left open: 0, locks still held: 0');
    expect(stdout).toContain('FortiCloud OAuth tokens still active: 0');
    expect(stdout).toContain('34 succeeded, 1 failed');
    expect(stdout).toMatch(/playbook 'Enrich Alert Indicators': finished/);
    expect(stdout).toMatch(/user alice created with FortiToken Mobile FTK\w+/);
    const summary = stdout.slice(stdout.indexOf('■ Summary'));
    for (const product of ['FortiManager', 'FortiCare', 'FortiAnalyzer', 'FortiSOAR', 'FortiAuthenticator']) {
      expect(summary).toMatch(new RegExp(`\\n {2}✓ ${product} +\\S`));
    }
    expect(stderr).not.toMatch(/[█░]/);
  });
});
