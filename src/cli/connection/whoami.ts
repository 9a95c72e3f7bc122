import type { Command } from 'commander';
import { outputOf, printValue } from '../output/print.js';
import type { Closable } from '../with-client.js';

/** A client that can check its credentials up front and say whose they are. */
export interface LoginClient extends Closable {
  login(options: { signal?: AbortSignal }): Promise<object>;
}

/**
 * `fortix <group> whoami`: logs in now (the client's `login()`) and prints who the credentials
 * belong to; refused credentials exit with the auth code (4).
 */
export function registerWhoami<C extends LoginClient>(
  group: Command,
  withClient: <T>(command: Command, fn: (client: C, signal: AbortSignal) => Promise<T>) => Promise<T>,
  shows: string,
): void {
  group
    .command('whoami')
    .description(`check the credentials now and show whose they are (${shows})`)
    .action(async (_flags: unknown, command: Command) => {
      const output = await outputOf(command);
      const identity = await withClient(command, (client, signal) => client.login({ signal }));
      await printValue(identity, output);
    });
}
