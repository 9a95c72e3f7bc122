import { createRequire } from 'node:module';

export interface Progress {
  /** Sets the value (items done, or percent). */
  update(value: number): void;
  /** Adds to the value. */
  increment(by?: number): void;
  stop(): void;
}

const NONE: Progress = { update() {}, increment() {}, stop() {} };

let enabled = true;

/** Turns progress bars off for this run (`--debug` prints its own lines on stderr). */
export function disableProgress(): void {
  enabled = false;
}

/**
 * A progress bar on stderr, or nothing when stderr is not a terminal (piped output stays clean).
 * `items` shows "N of M", the rate and the ETA; `percent` a plain percentage (tasks).
 *
 * @example
 * const bar = progressBar('addresses', 2000, 'items');
 * bar.increment(250);
 * bar.stop();
 */
export function progressBar(label: string, total: number, kind: 'items' | 'percent' = 'items'): Progress {
  if (!enabled || !process.stderr.isTTY) return NONE;
  // Loaded only for a terminal: piped runs never pay for it.
  const { Presets, SingleBar } = createRequire(import.meta.url)(
    'cli-progress',
  ) as typeof import('cli-progress');
  const format =
    kind === 'items'
      ? `  ${label} [{bar}] {value} of {total} | {rate}/s | ETA {eta_formatted}`
      : `  ${label} [{bar}] {percentage}%`;
  const bar = new SingleBar(
    { format, stream: process.stderr, hideCursor: true, etaBuffer: 20, clearOnComplete: false },
    Presets.shades_classic,
  );
  const started = performance.now();
  let value = 0;
  const rate = () => {
    const seconds = (performance.now() - started) / 1000;
    return { rate: seconds > 0 ? Math.round(value / seconds) : 0 };
  };
  bar.start(total, 0, { rate: 0 });
  return {
    update(next) {
      value = next;
      bar.update(next, rate());
    },
    increment(by = 1) {
      value += by;
      bar.update(value, rate());
    },
    stop: () => bar.stop(),
  };
}
