import { readFileSync } from 'node:fs';

/** A fenced TypeScript block of the README. */
export interface ReadmeBlock {
  /** 1-based line of the opening fence. */
  readonly line: number;
  readonly code: string;
  /** Preceded by `<!-- runnable -->`: run against the simulator, not only type-checked. */
  readonly runnable: boolean;
  /** Names from `<!-- prelude: fmg, fc -->`: variables the block uses without declaring them. */
  readonly prelude: readonly string[];
  /** From `<!-- declare: const taskId: number; const names: string[] -->`: the example's placeholders. */
  readonly declarations: readonly string[];
}

const FENCE = /^```(ts|typescript)\s*$/;
const RUNNABLE = '<!-- runnable -->';
const PRELUDE = /^<!-- prelude: ([\w, ]+) -->$/;
const DECLARE = /^<!-- declare: (.+) -->$/;

/** Every ```ts block of a Markdown file, in order, with the markers on the three lines before it. */
export function readmeBlocks(file: URL): ReadmeBlock[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const blocks: ReadmeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!FENCE.test(lines[i]!)) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && lines[i] !== '```'; i++) body.push(lines[i]!);
    const before = lines.slice(Math.max(0, start - 3), start).map((l) => l.trim());
    const prelude = before.flatMap(
      (l) =>
        PRELUDE.exec(l)?.[1]
          ?.split(',')
          .map((n) => n.trim()) ?? [],
    );
    const declarations = before.flatMap(
      (l) =>
        DECLARE.exec(l)?.[1]
          ?.split(';')
          .map((d) => d.trim())
          .filter(Boolean) ?? [],
    );
    blocks.push({
      line: start + 1,
      code: `${body.join('\n')}\n`,
      runnable: before.includes(RUNNABLE),
      prelude,
      declarations,
    });
  }
  return blocks;
}

/**
 * The declarations a `<!-- prelude: ... -->` marker stands for: the client (or simulator) a README
 * section has already built, typed as the package exports it. Aliased, so a block may import the
 * same names itself.
 */
export const PRELUDES: Readonly<Record<string, string>> = {
  fmg: "import type { FortiManager as PreludeFortiManager } from 'fortix/fortimanager';\ndeclare const fmg: PreludeFortiManager;",
  fc: "import type { FortiCare as PreludeFortiCare } from 'fortix/forticare';\ndeclare const fc: PreludeFortiCare;",
  sim: "import type { Simulator as PreludeSimulator } from 'fortix/simulator';\ndeclare const sim: PreludeSimulator;",
  soar: "import type { FortiSoar as PreludeFortiSoar } from 'fortix/fortisoar';\ndeclare const soar: PreludeFortiSoar;",
  fac: "import type { FortiAuthenticator as PreludeFortiAuthenticator } from 'fortix/fortiauthenticator';\ndeclare const fac: PreludeFortiAuthenticator;",
  faz: "import type { FortiAnalyzer as PreludeFortiAnalyzer } from 'fortix/fortianalyzer';\ndeclare const faz: PreludeFortiAnalyzer;",
};

/** The block as a compilable module: its preludes, then its code. */
export function blockSource(block: ReadmeBlock): string {
  const prelude = block.prelude.map((name) => {
    const code = PRELUDES[name];
    if (!code) throw new Error(`README line ${block.line}: unknown prelude '${name}'`);
    return code;
  });
  const declared = block.declarations.map((d) => `declare ${d};`);
  return `${[...prelude, ...declared, block.code].join('\n')}\nexport {};\n`;
}
