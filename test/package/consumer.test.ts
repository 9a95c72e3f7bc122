import { execFile, execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../../src/simulator/index.js';
import { consumerProject, ROOT, TSC_INIT_OPTIONS, typeCheck } from './consumer.js';
import { blockSource, readmeBlocks } from './readme-blocks.js';

/**
 * The README as a user meets it: every TypeScript block is compiled against the packed tarball in a
 * fresh project, with the strict options `tsc --init` writes, by the latest and by the oldest
 * TypeScript the README promises; the runnable blocks run against the simulator.
 */
const blocks = readmeBlocks(new URL('../../README.md', import.meta.url));
const COMPILERS = {
  latest: join(ROOT, 'node_modules/typescript/bin/tsc'),
  minimum: join(ROOT, 'node_modules/typescript-min/bin/tsc'),
};
const REPO_OPTIONS = {
  ...(JSON.parse(readFileSync(join(ROOT, 'tsconfig.json'), 'utf8')) as { compilerOptions: object })
    .compilerOptions,
  noEmit: true,
  rootDir: undefined,
  outDir: undefined,
};

let dir: string;
let files: string[];

beforeAll(() => {
  dir = consumerProject();
  files = blocks.map((block, i) => {
    const file = `readme-${String(i).padStart(2, '0')}-line-${block.line}.ts`;
    writeFileSync(join(dir, file), blockSource(block));
    return file;
  });
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the README, from the packed package', () => {
  it('has TypeScript blocks to check', () => {
    expect(blocks.length).toBeGreaterThan(10);
  });

  for (const [name, tsc] of Object.entries(COMPILERS)) {
    it(`every block compiles with tsc --init's strict options (${name} TypeScript)`, () => {
      // noUncheckedSideEffectImports is TypeScript 5.6+; older compilers refuse the option itself.
      const { noUncheckedSideEffectImports, ...older } = TSC_INIT_OPTIONS;
      const options = name === 'minimum' ? older : TSC_INIT_OPTIONS;
      expect(typeCheck(dir, tsc, options, files)).toBe('');
    }, 120_000);
  }

  it("every block compiles with the repository's own options", () => {
    expect(typeCheck(dir, COMPILERS.latest, REPO_OPTIONS, files)).toBe('');
  }, 120_000);

  it('require() of the package works on this Node', () => {
    const out = execFileSync(
      process.execPath,
      ['-e', 'process.stdout.write(typeof require("fortix").FortiManager)'],
      {
        cwd: dir,
        encoding: 'utf8',
      },
    );
    expect(out).toBe('function');
  });

  it('the installed binary streams a table, from the URL index the package ships', async () => {
    await using sim = await startSimulator({ products: ['fortimanager'] });
    const { username, password } = sim.fortimanager.credentials;
    // Not execFileSync: the simulator answers from this process's event loop.
    const { stdout: out } = await promisify(execFile)(
      process.execPath,
      [
        join(dir, 'node_modules/fortix/dist/cli/main.js'),
        'fmg',
        'get',
        '/pm/config/adom/root/obj/firewall/address',
        '--page-size',
        '2',
        '--fields',
        'name',
        '-o',
        'jsonl',
      ],
      {
        cwd: dir,
        env: {
          ...process.env,
          FORTIX_CONFIG_DIR: join(dir, 'config'),
          FORTIX_FMG_URL: sim.fortimanager.url,
          FORTIX_FMG_USERNAME: username,
          FORTIX_FMG_PASSWORD: password,
        },
        encoding: 'utf8',
      },
    );
    // Streamed: one row per line (a single get would print one JSON array).
    expect(out.trim().split('\n').length).toBeGreaterThan(2);
    expect(JSON.parse(out.split('\n')[0]!)).toHaveProperty('name');
  }, 60_000);

  it('the runnable blocks run against the simulator', async () => {
    const runnable = files.filter((_, i) => blocks[i]!.runnable);
    expect(runnable.length).toBeGreaterThan(0);
    await using sim = await startSimulator({ https: true });
    const env = { ...process.env, ...simulatorEnv(sim.describe(), sim.fingerprint256 ?? '') };
    for (const file of runnable) {
      execFileSync(process.execPath, ['--import', join(ROOT, 'node_modules/tsx/dist/loader.mjs'), file], {
        cwd: dir,
        env,
        encoding: 'utf8',
        timeout: 60_000,
      });
    }
  }, 180_000);
});

/** The environment variables the README's examples read, pointed at the simulator. */
function simulatorEnv(
  products: Record<string, { url: string; credentials: Record<string, string> }>,
  fingerprint: string,
) {
  const env: Record<string, string> = { FORTIX_TLS_FINGERPRINT: fingerprint };
  const prefixes: Record<string, string> = {
    fortimanager: 'FMG',
    forticare: 'FC',
    forticloud: 'FORTICLOUD',
    fortisoar: 'FSR',
    fortiauthenticator: 'FAC',
    fortianalyzer: 'FAZ',
  };
  for (const [product, { url, credentials }] of Object.entries(products)) {
    const prefix = prefixes[product];
    if (!prefix) continue;
    env[`${prefix}_URL`] = url;
    for (const [key, value] of Object.entries(credentials)) {
      env[`${prefix}_${key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`] = value;
    }
  }
  return env;
}
