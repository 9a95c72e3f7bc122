/**
 * The FortiManager simulator in a process of its own, so that a benchmark measures the client
 * against a server that does not share its CPU (as a real FortiManager does not).
 *
 * `FMG_BENCH_SIM_PROFILE=<dir>` runs it with `--cpu-prof` into that folder (one profile per process).
 */
import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { loadBuilt } from './built.js';
import { cpuMs } from './measure.js';

const SELF = fileURLToPath(import.meta.url);
const CHILD_FLAG = '--simulator-process';

type Command = { type: 'seed'; adom: string; count: number } | { type: 'cpu' } | { type: 'close' };
type Reply =
  | { type: 'ready'; url: string; password: string }
  | { type: 'done' }
  | { type: 'cpu'; ms: number };

export interface SimulatorProcess extends AsyncDisposable {
  readonly url: string;
  readonly password: string;
  seedAddresses(adom: string, count: number): Promise<void>;
  /** CPU time (user + system, ms) the simulator process has used since it started. */
  cpuMs(): Promise<number>;
  close(): Promise<void>;
}

/** Forks the simulator (FortiManager only) and waits until it listens. */
export async function startSimulatorProcess(): Promise<SimulatorProcess> {
  const profile = process.env.FMG_BENCH_SIM_PROFILE;
  const execArgv = profile
    ? [...process.execArgv, '--cpu-prof', `--cpu-prof-dir=${profile}`]
    : process.execArgv;
  const child = fork(SELF, [CHILD_FLAG], { execArgv, stdio: 'inherit' });
  const next = replies(child);
  const ready = (await next()) as Extract<Reply, { type: 'ready' }>;
  const ask = (command: Command) => {
    const reply = next();
    child.send(command);
    return reply;
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
    seedAddresses: async (adom, count) => {
      await ask({ type: 'seed', adom, count });
    },
    cpuMs: async () => ((await ask({ type: 'cpu' })) as Extract<Reply, { type: 'cpu' }>).ms,
    close,
    [Symbol.asyncDispose]: close,
  };
}

/** The child's replies in order: each call waits for the next one (or fails once the child exits). */
function replies(child: ChildProcess): () => Promise<Reply> {
  const arrived: Reply[] = [];
  const waiting: Array<{ resolve: (reply: Reply) => void; reject: (error: Error) => void }> = [];
  let exited = false;
  child.on('message', (reply: Reply) => {
    const waiter = waiting.shift();
    if (waiter) waiter.resolve(reply);
    else arrived.push(reply);
  });
  child.once('exit', () => {
    exited = true;
    for (const waiter of waiting.splice(0)) waiter.reject(new Error('the simulator process exited'));
  });
  return () => {
    const reply = arrived.shift();
    if (reply) return Promise.resolve(reply);
    if (exited) return Promise.reject(new Error('the simulator process exited'));
    return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
  };
}

async function childMain(): Promise<void> {
  // Loaded here, so that the processes that only start one (bench clients) do not load it; built,
  // like the clients (see built.ts).
  const { startSimulator } = await loadBuilt('simulator/index.js');
  const sim = await startSimulator({ products: ['fortimanager'] });
  const reply = (message: Reply) => process.send?.(message);
  process.on('message', async (command: Command) => {
    if (command.type === 'seed') {
      sim.fortimanager.seedAddresses(command.adom, command.count);
      reply({ type: 'done' });
    } else if (command.type === 'cpu') {
      reply({ type: 'cpu', ms: cpuMs() });
    } else {
      await sim.close();
      process.disconnect();
    }
  });
  reply({ type: 'ready', url: sim.fortimanager.url, password: sim.fortimanager.adminPassword });
}

if (process.argv.includes(CHILD_FLAG)) await childMain();
