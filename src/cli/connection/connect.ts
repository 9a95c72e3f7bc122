import type { Command } from 'commander';
import { warn } from '../run.js';
import { type Closable, withClient } from '../with-client.js';
import { type Connection, resolveConnection } from './resolve.js';
import type { ProductSpec } from './spec.js';

const resolved = new WeakMap<Command, Connection>();

/**
 * A run's settings for `product`, from the command's flags (and its parents'), env and profile;
 * resolved once per command (a secret from stdin can be read only once).
 */
export function connectionOf(command: Command, product: ProductSpec): Connection {
  let connection = resolved.get(command);
  if (!connection) {
    connection = resolveConnection(product, command.optsWithGlobals(), { warn });
    resolved.set(command, connection);
  }
  return connection;
}

/**
 * The `withClient` of one product group: resolves the settings, builds the client with `create`,
 * runs `fn` and always closes the client.
 */
export function clientRunner<C extends Closable>(
  product: ProductSpec,
  create: (connection: Connection) => C | Promise<C>,
): <T>(command: Command, fn: (client: C, signal: AbortSignal) => Promise<T>) => Promise<T> {
  return async (command, fn) => withClient(await create(connectionOf(command, product)), fn);
}
