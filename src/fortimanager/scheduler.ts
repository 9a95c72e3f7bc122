import { abortError } from '../core/clock.js';
import { abortable } from '../core/timeouts.js';
import type { WireParams } from './options.js';
import type { RpcReply, RpcResultItem } from './rpc.js';

/** Bounds of automatic coalescing. */
export interface CoalesceOptions {
  /** Most params entries in one request (default 100). */
  maxSize?: number;
  /** How long the first call of a request waits for others to join (default 0: the same tick). */
  waitMs?: number;
}

/** One coalesced call's entry of the shared reply. */
export interface CoalescedResult {
  item: RpcResultItem;
  requestId: number;
}

type SendGroup = (method: string, verbose: boolean, params: readonly WireParams[]) => Promise<RpcReply>;

interface Waiter {
  params: WireParams;
  resolve(result: CoalescedResult): void;
  reject(error: unknown): void;
}

interface Queue {
  method: string;
  verbose: boolean;
  waiters: Waiter[];
  timer: ReturnType<typeof setTimeout> | undefined;
}

/**
 * Coalesces concurrent calls of the same method (and verbosity) into one multiplexed JSON-RPC
 * request, the viem batch-scheduler idea: a request leaves when `maxSize` calls have joined or
 * `waitMs` after its first call. Each caller gets its own entry back (its own error included);
 * a transport failure fails every call of that request.
 */
export class Coalescer {
  readonly #send: SendGroup;
  readonly #maxSize: number;
  readonly #waitMs: number;
  readonly #queues = new Map<string, Queue>();
  readonly #flights = new Set<Promise<void>>();

  constructor(send: SendGroup, options: CoalesceOptions = {}) {
    this.#send = send;
    this.#maxSize = options.maxSize ?? 100;
    this.#waitMs = options.waitMs ?? 0;
  }

  enqueue(
    method: string,
    verbose: boolean,
    params: WireParams,
    signal?: AbortSignal,
  ): Promise<CoalescedResult> {
    if (signal?.aborted) return Promise.reject(abortError(signal));
    const key = verbose ? `${method}+v` : method;
    let queue = this.#queues.get(key);
    if (!queue) {
      queue = { method, verbose, waiters: [], timer: undefined };
      this.#queues.set(key, queue);
    }
    const q = queue;
    const promise = new Promise<CoalescedResult>((resolve, reject) =>
      q.waiters.push({ params, resolve, reject }),
    );
    const waiter = q.waiters[q.waiters.length - 1]!;
    if (signal) {
      // Not sent yet: leave the queue. Already sent: `abortable` lets this caller go.
      const onAbort = () => {
        const at = q.waiters.indexOf(waiter);
        if (at >= 0) q.waiters.splice(at, 1);
      };
      const detach = () => signal.removeEventListener('abort', onAbort);
      signal.addEventListener('abort', onAbort, { once: true });
      promise.then(detach, detach);
    }
    if (q.waiters.length >= this.#maxSize) this.#flush(key, q);
    else q.timer ??= setTimeout(() => this.#flush(key, q), this.#waitMs);
    return abortable(promise, signal);
  }

  /** Sends everything queued now and waits until every request in flight has settled. */
  async flush(): Promise<void> {
    for (const [key, queue] of this.#queues) this.#flush(key, queue);
    while (this.#flights.size > 0) await Promise.allSettled([...this.#flights]);
  }

  #flush(key: string, queue: Queue): void {
    if (queue.timer) clearTimeout(queue.timer);
    queue.timer = undefined;
    this.#queues.delete(key);
    const waiters = queue.waiters;
    if (waiters.length === 0) return;
    const flight = this.#send(
      queue.method,
      queue.verbose,
      waiters.map((w) => w.params),
    ).then(
      (reply) => {
        for (let i = 0; i < waiters.length; i++)
          waiters[i]!.resolve({ item: reply.items[i]!, requestId: reply.id });
      },
      (error: unknown) => {
        for (const waiter of waiters) waiter.reject(error);
      },
    );
    this.#flights.add(flight);
    flight.finally(() => this.#flights.delete(flight));
  }
}
