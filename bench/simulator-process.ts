/**
 * The FortiManager simulator in a process of its own, so that a benchmark measures the client
 * against a server that does not share its CPU (as a real FortiManager does not).
 */
import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const SELF = fileURLToPath(import.meta.url);
const CHILD_FLAG = '--simulator-process';

type Command = { type: 'seed'; adom: string; count: number } | { type: 'close' };
type Reply = { type: 'ready'; url: string; password: string } | { type: 'done' };

export interface SimulatorProcess extends AsyncDisposable {
  readonly url: string;
  readonly password: string;
  seedAddresses(adom: string, count: number): Promise<void>;
  close(): Promise<void>;
}

/** Forks the simulator (FortiManager only) and waits until it listens. */
export async function startSimulatorProcess(): Promise<SimulatorProcess> {
  const child = fork(SELF, [CHILD_FLAG], { execArgv: process.execArgv, stdio: 'inherit' });
  const ready = (await nextReply(child)) as Extract<Reply, { type: 'ready' }>;
  const ask = async (command: Command) => {
    child.send(command);
    await nextReply(child);
  };
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      const exited = once(child, 'exit');
      child.send({ type: 'close' } satisfies Command);
      await exited;
    })();
    return closing;
  };
  return {
    url: ready.url,
    password: ready.password,
    seedAddresses: (adom, count) => ask({ type: 'seed', adom, count }),
    close,
    [Symbol.asyncDispose]: close,
  };
}

async function nextReply(child: ChildProcess): Promise<Reply> {
  const [message] = (await Promise.race([
    once(child, 'message'),
    once(child, 'exit').then(() => {
      throw new Error('the simulator process exited');
    }),
  ])) as [Reply];
  return message;
}

async function childMain(): Promise<void> {
  // Imported here, so that the processes that only start one (bench clients) do not load it.
  const { startSimulator } = await import('../src/simulator/index.js');
  const sim = await startSimulator({ products: ['fortimanager'] });
  const reply = (message: Reply) => process.send?.(message);
  process.on('message', async (command: Command) => {
    if (command.type === 'seed') {
      sim.fortimanager.seedAddresses(command.adom, command.count);
      reply({ type: 'done' });
    } else {
      await sim.close();
      process.disconnect();
    }
  });
  reply({ type: 'ready', url: sim.fortimanager.url, password: sim.fortimanager.adminPassword });
}

if (process.argv.includes(CHILD_FLAG)) await childMain();
