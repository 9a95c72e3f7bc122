/**
 * Type-check budget of the typed FortiManager client: a consumer file with 100 calls through the
 * real client (`fmg.get` with chosen fields, `fmg.add` naming the row, on 100 catalogued tables) vs
 * the same file against an untyped client, `tsc --noEmit` on each (median of several runs).
 * Budget: typed - untyped < 3 s.
 *
 *   npx tsx bench/typecheck/measure.ts [--runs 3] [--project]
 *
 * Scenarios: `declarations` is what an npm consumer pays (the package's .d.ts, skipLibCheck on);
 * `source` imports the .ts sources, so tsc checks the client and every generated file too (the
 * `importOnly` column: the typed client imported, no calls).
 * `--project` also times this repository's `npm run typecheck`.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { readFacts } from '../../scripts/catalog/read-facts.js';
import {
  catalogTemplates,
  requiredAttributes,
  templateParams,
} from '../../src/fortimanager/catalog/rules.js';
import type { FmgObjectFacts } from '../../src/fortimanager/catalog/schema.js';

const ROOT = new URL('../../', import.meta.url);
const WORK = new URL('.bench-tmp/typecheck/', ROOT);
const TSC = createRequire(import.meta.url).resolve('typescript/lib/tsc.js');
const BUDGET_MS = 3000;

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || 3;

const CONSUMER_OPTIONS = {
  strict: true,
  target: 'ES2023',
  lib: ['ES2023', 'ESNext.Disposable'],
  module: 'NodeNext',
  moduleResolution: 'NodeNext',
  noEmit: true,
  skipLibCheck: true,
  types: ['node'],
};

/** Runs tsc on a project file; returns wall milliseconds, throws when a must-pass project fails. */
function tsc(project: URL, mustPass = true): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, [TSC, '-p', fileURLToPath(project)], { encoding: 'utf8' });
  const elapsed = performance.now() - started;
  if (mustPass && result.status !== 0) {
    throw new Error(`tsc -p ${fileURLToPath(project)} failed:\n${result.stdout}${result.stderr}`);
  }
  return elapsed;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Times projects in turn (so load drifts hit all of them) and returns their medians. */
function timeAll(projects: readonly URL[], mustPass = true): number[] {
  const times = projects.map((): number[] => []);
  for (let i = 0; i < runs; i++) {
    for (const [p, project] of projects.entries()) times[p]?.push(tsc(project, mustPass));
  }
  return times.map(median);
}

const writeJson = (name: string, value: unknown): URL => {
  const file = new URL(name, WORK);
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
  return file;
};

const key = (name: string): string => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : `'${name}'`);

/** 70 `get` calls with two chosen fields and 30 `add` calls naming the row, over distinct tables. */
async function consumerCalls(): Promise<string[]> {
  const facts = await readFacts();
  const tables = catalogTemplates(facts.objects).filter(
    (t) => t.object.kind === 'table' && !t.item && Object.keys(t.object.attributes).length >= 2,
  );
  const pick = (count: number, offset: number) =>
    Array.from({ length: count }, (_, i) => tables[Math.floor(((i + offset) * tables.length) / count)]);
  // `{adom}` is left to the client's adom option, the other placeholders go in `params`.
  const params = (template: string) => {
    const names = templateParams(template).filter((p) => p !== 'adom');
    return names.length === 0 ? [] : [`params: { ${names.map((p) => `${key(p)}: 'x'`).join(', ')} }`];
  };
  const gets = pick(70, 0).flatMap((t, i) => {
    if (t === undefined) return [];
    const fields = Object.keys(t.object.attributes).sort().slice(0, 2);
    const options = [...params(t.template), `fields: [${fields.map((f) => `'${f}'`).join(', ')}]`].join(', ');
    return [
      `  const r${i} = await fmg.get('${t.template}', { ${options} });`,
      `  use(r${i}[0]?.['${fields[0]}']);`,
    ];
  });
  const adds = pick(30, 0.5).flatMap((t) => {
    if (t === undefined) return [];
    const data = requiredAttributes(t.object).map((name) => `${key(name)}: ${sampleValue(t.object, name)}`);
    return [
      `  await fmg.add('${t.template}', { ${[...params(t.template), `data: { ${data.join(', ')} }`].join(', ')} });`,
    ];
  });
  return [...gets, ...adds];
}

function sampleValue(object: FmgObjectFacts, name: string): string {
  const attr = object.attributes[name];
  if (attr?.type === 'int') return '1';
  if (attr?.type === 'list') return "[{ name: 'dev', vdom: 'root' }]";
  return "'x'";
}

/** The consumer file: the typed client from `importFrom`, or an untyped client of the same shape. */
function consumerSource(importFrom: string | undefined, calls: readonly string[]): string {
  const header =
    importFrom === undefined
      ? [
          'declare const fmg: {',
          '  get(url: string, options?: Record<string, unknown>): Promise<Record<string, unknown>[]>;',
          '  add(url: string, options: Record<string, unknown>): Promise<unknown>;',
          '};',
        ]
      : [`import type { FortiManager } from '${importFrom}';`, 'declare const fmg: FortiManager;'];
  return [
    ...header,
    'declare function use(value: unknown): void;',
    'export async function main(): Promise<void> {',
    ...calls,
    '}',
    '',
  ].join('\n');
}
async function main(): Promise<void> {
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });

  // The package's declarations of `fortix/fortimanager`, as an npm consumer gets them.
  tsc(
    writeJson('decl.json', {
      extends: '../../tsconfig.json',
      compilerOptions: {
        rootDir: '../../src',
        outDir: './dts',
        noEmit: false,
        emitDeclarationOnly: true,
        sourceMap: false,
      },
      files: ['../../src/fortimanager/index.ts'],
      include: [],
    }),
  );

  const calls = await consumerCalls();
  const project = (file: string, source: string) => {
    writeFileSync(new URL(`${file}.ts`, WORK), source);
    return writeJson(`${file}.json`, { compilerOptions: CONSUMER_OPTIONS, files: [`${file}.ts`] });
  };
  const untyped = project('untyped', consumerSource(undefined, calls));

  console.log(
    `Consumer file: 100 calls through the client (70 get with fields, 30 add); median of ${runs} runs.`,
    'importOnly: the typed client imported, no calls; calls = typed - importOnly; diff = typed - untyped.',
  );
  const rows: Record<string, string>[] = [];
  for (const [scenario, from] of [
    ['declarations', './dts/fortimanager/index.js'],
    ['source', '../../src/fortimanager/index.js'],
  ] as const) {
    const [u = 0, i = 0, t = 0] = timeAll([
      untyped,
      project(`${scenario}-import-only`, consumerSource(from, [])),
      project(`${scenario}-typed`, consumerSource(from, calls)),
    ]);
    rows.push({
      scenario,
      untyped: ms(u),
      importOnly: ms(i),
      typed: ms(t),
      calls: ms(t - i),
      diff: ms(t - u),
      budget: verdict(scenario === 'declarations' ? t - u : t - i),
    });
  }
  if (args.includes('--project')) {
    // The client imports the catalog, so the project cannot be checked without it: time it as it is.
    const [whole = 0] = timeAll([new URL('tsconfig.json', ROOT)], false);
    rows.push({ scenario: 'npm run typecheck (whole repository)', typed: ms(whole) });
  }
  console.table(rows);
}

const ms = (value: number): string => `${(value / 1000).toFixed(2)} s`;

// What a consumer pays is the `declarations` diff; the `source` scenario also type-checks the
// client's own .ts files (its importOnly time), so only its calls are held to the budget.
const verdict = (value: number): string => (value < BUDGET_MS ? 'within budget' : 'OVER BUDGET');

await main();
