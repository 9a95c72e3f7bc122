import { Presets, SingleBar } from 'cli-progress';

/** A progress bar on stderr that degrades to nothing when stderr is not a terminal. */
export function progressBar(label: string, total: number): { update(value: number): void; stop(): void } {
  if (!process.stderr.isTTY) return { update() {}, stop() {} };
  const bar = new SingleBar(
    {
      format: `  ${label} [{bar}] {percentage}% | {value}/{total}`,
      stream: process.stderr,
      hideCursor: true,
    },
    Presets.shades_classic,
  );
  bar.start(total, 0);
  return {
    update: (value) => bar.update(value),
    stop: () => bar.stop(),
  };
}
