import { interruptSignal } from './run.js';

/** Anything with a `close()` that releases it: a session logout, a token revoke, sockets. */
export interface Closable {
  close(): Promise<void>;
}

/**
 * Runs `fn` with a client and always closes it (logout, unlock, revoke), also when `fn` throws or
 * the run is interrupted; `signal` aborts on Ctrl-C.
 *
 * @example
 * await withClient(await connectFmg(command), (fmg, signal) => fmg.get('/sys/status', { signal }));
 */
export async function withClient<C extends Closable, T>(
  client: C,
  fn: (client: C, signal: AbortSignal) => Promise<T>,
): Promise<T> {
  try {
    return await fn(client, interruptSignal);
  } finally {
    await client.close();
  }
}
