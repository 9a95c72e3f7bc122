import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const MAIN = fileURLToPath(new URL('../../../src/cli/main.ts', import.meta.url));

/** Runs the real CLI entry point (through tsx, so no build is needed) and collects its exit code and output. */
function fortix(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', MAIN, ...args],
      { timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

describe('fortix CLI', () => {
  it('runs the demo end to end against the embedded simulators and leaks nothing', async () => {
    const { code, stdout, stderr } = await fortix('demo');
    expect(stderr).not.toContain('fortix:');
    expect(code).toBe(0);
    expect(stdout).toContain('2000 created');
    expect(stdout).toMatch(/35 units registered in 4 batches/);
    expect(stdout).toContain('FortiManager sessions left open: 0, locks still held: 0');
    expect(stdout).toContain('FortiCloud OAuth tokens still active: 0');
  });

  it('describes a catalogued URL, and refuses an unknown one with exit code 2', async () => {
    const known = await fortix('fmg', 'describe', '/pm/config/adom/{adom}/obj/firewall/address', '--json');
    expect(known.code).toBe(0);
    const description = JSON.parse(known.stdout) as { mkey: string; kind: string };
    expect(description).toMatchObject({ kind: 'table', mkey: 'name' });

    const unknown = await fortix('fmg', 'describe', '/no/such/url');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('ValidationError');
  });
});
