import type { Logger } from '../../src/core/logging.js';

/** A logger that keeps every line (message + metadata) for inspection. */
export function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const record = (msg: string, meta?: Record<string, unknown>) => {
    lines.push(meta === undefined ? msg : `${msg} ${JSON.stringify(meta)}`);
  };
  return { lines, debug: record, info: record, warn: record, error: record };
}

/** The rejection of `promise`, or a failure when it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}
