import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Simulator } from '../../../src/simulator/index.js';

/** The built binary (the global setup builds `dist/` once before any test file runs). */
export const MAIN = fileURLToPath(new URL('../../../dist/cli/main.js', import.meta.url));

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  env?: Record<string, string | undefined>;
  /** Written to stdin, which is then closed (stdin is an empty pipe otherwise, never a terminal). */
  input?: string;
  cwd?: string;
}

/** The environment of every run: the test process's, without any fortix or Terraform variable. */
function baseEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || /^(FORTIX_|FORTIMANAGER_|XDG_CONFIG_HOME$)/.test(key)) continue;
    env[key] = value;
  }
  return env;
}

/**
 * A sandbox for CLI runs: its own config directory, so profiles of one test never leak into another.
 *
 * @example
 * const cli = sandbox();
 * const { code, stdout } = await cli.run(['fmg', 'get', '/sys/status'], { env: fmgEnv(sim) });
 */
export function sandbox(): {
  dir: string;
  run(args: string[], options?: RunOptions): Promise<Run>;
  remove(): void;
} {
  const dir = mkdtempSync(join(tmpdir(), 'fortix-cli-'));
  return {
    dir,
    run: (args, options = {}) =>
      runFortix(args, { ...options, env: { FORTIX_CONFIG_DIR: join(dir, 'config'), ...options.env } }),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Runs the built CLI in a child process, its stdout and stderr piped (so: not terminals). */
export function runFortix(args: string[], options: RunOptions = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const env = { ...baseEnv(), ...options.env };
    for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
    const child = spawn(process.execPath, [MAIN, ...args], { env, cwd: options.cwd, stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

/** FortiManager's URL and admin login as environment variables. */
export function fmgEnv(sim: Simulator, extra: Record<string, string> = {}): Record<string, string> {
  const { username, password } = sim.fortimanager.credentials;
  return {
    FORTIX_FMG_URL: sim.fortimanager.url,
    FORTIX_FMG_USERNAME: username!,
    FORTIX_FMG_PASSWORD: password!,
    ...extra,
  };
}

/** FortiCare's URL, its FortiCloud OAuth service and the API user as environment variables. */
export function careEnv(sim: Simulator): Record<string, string> {
  const { username, password, authUrl } = sim.forticare.credentials;
  return {
    FORTIX_CARE_URL: sim.forticare.url,
    FORTIX_CARE_AUTH_URL: authUrl!,
    FORTIX_CARE_USERNAME: username!,
    FORTIX_CARE_PASSWORD: password!,
  };
}

/** Parses stdout as JSON, with the run in the message when it is not. */
export function json<T = unknown>(run: Run): T {
  try {
    return JSON.parse(run.stdout) as T;
  } catch {
    throw new Error(`stdout is not JSON (exit ${run.code}):\n${run.stdout}\n--- stderr:\n${run.stderr}`);
  }
}
