import { describe, expect, it, vi } from 'vitest';

const calls: string[] = [];

vi.mock('node:v8', () => ({
  setFlagsFromString: (flags: string) => calls.push(`v8 ${flags}`),
}));
vi.mock('../../../src/cli/program.js', () => ({
  run: async (argv: readonly string[]) => {
    calls.push(`run ${argv.slice(2).join(' ')}`);
  },
}));

describe('the fortix binary', () => {
  it("turns off V8's optimizing WebAssembly compiler before the command runs", async () => {
    const argv = process.argv;
    process.argv = ['node', 'fortix', '--help'];
    try {
      await import('../../../src/cli/main.js');
    } finally {
      process.argv = argv;
    }
    expect(calls).toEqual(['v8 --liftoff-only', 'run --help']);
  });
});
