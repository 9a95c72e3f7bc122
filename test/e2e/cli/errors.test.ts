import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../../../src/simulator/index.js';
import { fmgEnv, MAIN, sandbox } from './harness.js';

let sim: Simulator;
let tls: Simulator;
const cli = sandbox();

beforeAll(async () => {
  [sim, tls] = await Promise.all([
    startSimulator({ products: ['fortimanager'] }),
    startSimulator({ products: ['fortimanager'], https: true }),
  ]);
});

afterAll(async () => {
  await Promise.all([sim?.close(), tls?.close()]);
  cli.remove();
});

describe('exit codes', () => {
  it('2 for usage errors, with a message and no stack trace', async () => {
    const unknown = await cli.run(['fmgg']);
    expect(unknown.code, unknown.stderr).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'fmgg'");
    expect(unknown.stderr).toContain('fmg');
    const flag = await cli.run(['sim', '--port', 'abc']);
    expect(flag.code, flag.stderr).toBe(2);
    expect(flag.stderr).toContain("option '--port <port>' argument 'abc' is invalid");
    expect(flag.stderr).not.toMatch(/\n\s+at /);
    expect((await cli.run(['fmg', 'get'])).code).toBe(2);
    expect((await cli.run(['fmg', 'get', '/sys/status', '--bogus'])).code).toBe(2);
    const noUrl = await cli.run(['fmg', 'get', '/sys/status']);
    expect(noUrl.code, noUrl.stderr).toBe(2);
    expect(noUrl.stderr).toContain('FORTIX_FMG_URL');
    const timeout = await cli.run(['fmg', 'get', '/sys/status', '--timeout', 'soon'], { env: fmgEnv(sim) });
    expect(timeout.code, timeout.stderr).toBe(2);
  });

  it('3 for API errors, 4 for refused credentials', async () => {
    const missing = await cli.run(['fmg', 'get', '/pm/config/adom/root/obj/firewall/address/nope'], {
      env: fmgEnv(sim),
    });
    expect(missing.code, missing.stderr).toBe(3);
    expect(missing.stderr).toMatch(/^fortix: FortiManager refused get .*code -3/);
    const auth = await cli.run(['fmg', 'get', '/sys/status'], {
      env: fmgEnv(sim, { FORTIX_FMG_PASSWORD: 'wrong-password' }),
    });
    expect(auth.code, auth.stderr).toBe(4);
    expect(auth.stderr).toContain('hint: check the credentials');
    expect(auth.stderr).not.toContain('wrong-password');
  });

  it('5 for connection and TLS failures; a pinned certificate connects', async () => {
    const env = fmgEnv(tls);
    const untrusted = await cli.run(['fmg', 'get', '/sys/status'], { env });
    expect(untrusted.code, untrusted.stderr).toBe(5);
    expect(untrusted.stderr).toContain('--fingerprint');
    const wrongPin = await cli.run(['fmg', 'get', '/sys/status', '--fingerprint', 'AB'.repeat(32)], { env });
    expect(wrongPin.code, wrongPin.stderr).toBe(5);
    expect(wrongPin.stderr).toContain('does not match the pinned fingerprint');
    const pinned = await cli.run(['fmg', 'get', '/sys/status'], {
      env: { ...env, FORTIX_FMG_FINGERPRINT: tls.fingerprint256! },
    });
    expect(pinned.code, pinned.stderr).toBe(0);
    const insecure = await cli.run(['fmg', 'get', '/sys/status', '--insecure'], { env });
    expect(insecure.code, insecure.stderr).toBe(0);
  });

  it('6 for timeouts', async () => {
    const stop = sim.faults.inject({ kind: 'latency', delayMs: 2_000, times: Number.POSITIVE_INFINITY });
    try {
      const env = {
        FORTIX_FMG_URL: sim.fortimanager.url,
        FORTIX_FMG_API_KEY: sim.fortimanager.credentials.apiKey!,
      };
      const run = await cli.run(['fmg', 'get', '/sys/status', '--timeout', '0.2'], { env });
      expect(run.code, run.stderr).toBe(6);
      expect(run.stderr).toContain('--timeout');
    } finally {
      stop();
    }
  });

  it('130 on Ctrl-C, after logging out', async () => {
    const stop = sim.faults.inject({
      kind: 'latency',
      delayMs: 10_000,
      match: (req) => req.body.toString().includes('/sys/status'),
    });
    try {
      const child = spawn(process.execPath, [MAIN, 'fmg', 'get', '/sys/status'], {
        env: { ...process.env, ...fmgEnv(sim), FORTIX_CONFIG_DIR: cli.dir },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
        stderr += chunk;
      });
      await waitFor(() => sim.fortimanager.stats().sessions > 0);
      child.kill('SIGINT');
      const [code] = (await once(child, 'close')) as [number];
      expect(code).toBe(130);
      expect(stderr).toContain('interrupted');
      expect(sim.fortimanager.stats().sessions).toBe(0);
    } finally {
      stop();
    }
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 25));
  if (!condition()) throw new Error('timed out waiting');
}
