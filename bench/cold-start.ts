/**
 * Cold start, each figure a fresh `node` process (wall time, spawn included), in interleaved rounds:
 * `node -e 0`, importing undici alone (its public API), importing `fortix/fortimanager` (built),
 * `fortix --help`, and two commands against a simulator in a process of its own: `fmg get` of an
 * object (`/sys/status`) and of a table (streamed page by page). Login and logout are in both.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSimulatorProcess } from './simulator-process.js';
import { formatSpread, type Spread, spread } from './stats.js';

const DIST = new URL('../dist/', import.meta.url);
const CLI = fileURLToPath(new URL('cli/main.js', DIST));
const FORTIMANAGER = new URL('fortimanager/index.js', DIST).href;
const ROUNDS = 9;

const CASES = {
  node: ['-e', '0'],
  undici: ['--input-type=module', '-e', "await import('undici')"],
  fortimanager: ['--input-type=module', '-e', `await import(${JSON.stringify(FORTIMANAGER)})`],
  help: [CLI, '--help'],
  getObject: [CLI, 'fmg', 'get', '/sys/status', '-o', 'json'],
  getTable: [CLI, 'fmg', 'get', '/pm/config/adom/{adom}/obj/firewall/address', '-o', 'jsonl'],
} as const;
type Case = keyof typeof CASES;

export interface ColdStartResult {
  rounds: number;
  ms: Record<Case, Spread>;
  /** Per round: importing fortix/fortimanager ÷ importing undici alone (both include node's start). */
  importVsUndici: Spread;
}

export async function runColdStartBench(): Promise<ColdStartResult> {
  await using sim = await startSimulatorProcess();
  const config = await mkdtemp(join(tmpdir(), 'fortix-bench-'));
  // Run from the package root, so that `import('undici')` resolves as the package's does.
  const cwd = fileURLToPath(new URL('..', DIST));
  const env = {
    ...process.env,
    FORTIX_CONFIG_DIR: config,
    FORTIX_FMG_URL: sim.url,
    FORTIX_FMG_USERNAME: 'admin',
    FORTIX_FMG_PASSWORD: sim.password,
    FORTIX_FMG_ADOM: 'root',
  };
  const runs = Object.fromEntries(Object.keys(CASES).map((name) => [name, [] as number[]])) as Record<
    Case,
    number[]
  >;
  try {
    const names = Object.keys(CASES) as Case[];
    await timed(CASES.getTable, env, cwd); // the simulator's first answers, unmeasured
    for (let round = 0; round < ROUNDS; round++) {
      // Rotated, so that no case always runs right after the same other one.
      for (let k = 0; k < names.length; k++) {
        const name = names[(k + round) % names.length]!;
        runs[name].push(await timed(CASES[name], env, cwd));
      }
    }
  } finally {
    await rm(config, { recursive: true, force: true });
  }
  const result: ColdStartResult = {
    rounds: ROUNDS,
    ms: Object.fromEntries(Object.entries(runs).map(([name, ms]) => [name, spread(ms)])) as Record<
      Case,
      Spread
    >,
    importVsUndici: spread(runs.fortimanager.map((ms, i) => ms / runs.undici[i]!)),
  };
  print(result);
  return result;
}

/** Wall time of one process from spawn to exit; throws when it fails. */
function timed(args: readonly string[], env: NodeJS.ProcessEnv, cwd: string): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { env, cwd, maxBuffer: 1 << 24 }, (error, _stdout, stderr) => {
      if (error) reject(new Error(`${args.join(' ')} failed: ${stderr || error.message}`));
      else resolve(performance.now() - started);
    });
  });
}

function print(r: ColdStartResult): void {
  const ms = (name: Case) => `${formatSpread(r.ms[name], 0)} ms`;
  console.log(`Cold start (${r.rounds} rounds, a fresh process each, median (range)):`);
  console.log(`  node -e 0: ${ms('node')}; importing undici: ${ms('undici')}`);
  console.log(
    `  import('fortix/fortimanager'): ${ms('fortimanager')}, ÷ undici alone ${formatSpread(r.importVsUndici)} (target <= 1.5)`,
  );
  console.log(`  fortix --help: ${ms('help')} (target < 150 ms)`);
  console.log(
    `  fortix fmg get /sys/status: ${ms('getObject')}; fmg get of the address table (streamed): ${ms('getTable')}`,
  );
}
