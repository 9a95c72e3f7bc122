import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { WorkerCommand, WorkerConfig } from './fleet-worker.js';

const WORKER = fileURLToPath(new URL('./fleet-worker.ts', import.meta.url));

/** A worker process of the fleet, driven over IPC. */
export interface FleetWorker {
  run<R>(command: WorkerCommand): Promise<R>;
  close(): Promise<void>;
}

/** Starts `n` worker processes (TypeScript through tsx) and waits until each is ready. */
export async function startFleet(n: number, config: WorkerConfig): Promise<FleetWorker[]> {
  return Promise.all(Array.from({ length: n }, () => startWorker(config)));
}

async function startWorker(config: WorkerConfig): Promise<FleetWorker> {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, JSON.stringify(config)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = () => reply<unknown>(child);
  await next();
  return {
    run<R>(command: WorkerCommand) {
      child.send(command);
      return next() as Promise<R>;
    },
    async close() {
      if (child.exitCode !== null || !child.connected) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send({ op: 'exit' } satisfies WorkerCommand);
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

function reply<R>(child: ChildProcess): Promise<R> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`fleet worker exited with ${code}`));
    child.once('exit', onExit);
    child.once('message', (message: { ok: boolean; result?: R; error?: string }) => {
      child.off('exit', onExit);
      if (message.ok) resolve(message.result as R);
      else reject(new Error(`fleet worker failed: ${message.error}`));
    });
  });
}
