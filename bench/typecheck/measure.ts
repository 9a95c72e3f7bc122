/**
 * Type-check budget of the FortiManager catalog: a consumer file with 100 calls typed through the
 * catalog helper types vs the same file against an untyped client, `tsc --noEmit` on each (median
 * of several runs). Budget: typed - untyped < 3 s.
 *
 *   npx tsx bench/typecheck/measure.ts [--runs 3] [--project]
 *
 * Scenarios: `declarations` is what an npm consumer pays (the package's .d.ts, skipLibCheck on);
 * `source` imports the .ts sources, so tsc checks every generated file too. `--project` also times
 * this repository's `npm run typecheck` with and without the catalog.
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
  lib: ['ES2023'],
  module: 'NodeNext',
  moduleResolution: 'NodeNext',
  noEmit: true,
  skipLibCheck: true,
  types: [],
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

/** Times two projects alternately (so load drifts hit both) and returns their medians. */
function compare(a: URL, b: URL, mustPass = true): [number, number] {
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < runs; i++) {
    ta.push(tsc(a, mustPass));
    tb.push(tsc(b, mustPass));
  }
  return [median(ta), median(tb)];
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
  const params = (template: string) => templateParams(template).map((p) => `${key(p)}: 'x'`);
  const gets = pick(70, 0).flatMap((t, i) => {
    if (t === undefined) return [];
    const fields = Object.keys(t.object.attributes).sort().slice(0, 2);
    const options = [...params(t.template), `fields: [${fields.map((f) => `'${f}'`).join(', ')}]`].join(', ');
    return [
      `  const r${i} = await get('${t.template}', { ${options} });`,
      `  use(r${i}[0]?.['${fields[0]}']);`,
    ];
  });
  const adds = pick(30, 0.5).flatMap((t) => {
    if (t === undefined) return [];
    const data = requiredAttributes(t.object).map((name) => `${key(name)}: ${sampleValue(t.object, name)}`);
    return [
      `  await add('${t.template}', { ${[...params(t.template), `data: { ${data.join(', ')} }`].join(', ')} });`,
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

function consumerSource(importFrom: string | undefined, calls: readonly string[]): string {
  const header =
    importFrom === undefined
      ? [
          'declare function get(url: string, options: Record<string, unknown>): Promise<Record<string, unknown>[]>;',
          'declare function add(url: string, options: Record<string, unknown>): Promise<unknown>;',
        ]
      : [
          `import type { FieldName, GetReply, TypedGetOptions, UrlParamsOf, WriteData } from '${importFrom}';`,
          'declare function get<U extends string, const F extends readonly FieldName<U>[] | undefined = undefined>(',
          '  url: U,',
          '  options: TypedGetOptions<U, F> & UrlParamsOf<U>,',
          '): Promise<GetReply<U, F>>;',
          "declare function add<U extends string>(url: U, options: { data: WriteData<U, 'add'> } & UrlParamsOf<U>): Promise<unknown>;",
        ];
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

  // The package's declarations for the catalog, as an npm consumer gets them.
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
      files: ['../../src/fortimanager/catalog/types.ts'],
      include: [],
    }),
  );

  const calls = await consumerCalls();
  writeFileSync(new URL('untyped.ts', WORK), consumerSource(undefined, calls));
  writeFileSync(new URL('typed-dts.ts', WORK), consumerSource('./dts/fortimanager/catalog/types.js', calls));
  writeFileSync(
    new URL('typed-src.ts', WORK),
    consumerSource('../../src/fortimanager/catalog/types.js', calls),
  );
  const project = (file: string) =>
    writeJson(`${file}.json`, { compilerOptions: CONSUMER_OPTIONS, files: [`${file}.ts`] });
  const untyped = project('untyped');

  console.log(
    `Consumer file: ${calls.length} lines, 100 calls (70 get with fields, 30 add); median of ${runs} runs`,
  );
  const rows: string[][] = [];
  for (const [scenario, typed] of [
    ['declarations', project('typed-dts')],
    ['source', project('typed-src')],
  ] as const) {
    const [u, t] = compare(untyped, typed);
    rows.push([scenario, ms(u), ms(t), ms(t - u), t - u < BUDGET_MS ? 'within budget' : 'OVER BUDGET']);
  }
  if (args.includes('--project')) {
    const without = writeJson('project-without-catalog.json', {
      extends: '../../tsconfig.json',
      compilerOptions: { noEmit: true },
      include: ['../../src', '../../test', '../../scripts', '../../bench'],
      exclude: [
        '../../src/fortimanager/catalog',
        '../../test/types/catalog-*',
        '../../test/unit/catalog',
        '../../scripts/catalog',
        '../../scripts/generate-catalog.ts',
        '../../bench/typecheck',
      ],
    });
    const [u, t] = compare(without, new URL('tsconfig.json', ROOT), false);
    rows.push(['npm run typecheck', ms(u), ms(t), ms(t - u), 'without vs with the catalog']);
  }
  console.table(
    rows.map(([scenario, untypedMs, typedMs, diff, note]) => ({ scenario, untypedMs, typedMs, diff, note })),
  );
}

const ms = (value: number): string => `${(value / 1000).toFixed(2)} s`;

await main();
