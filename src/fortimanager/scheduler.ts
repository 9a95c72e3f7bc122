import { abortError } from '../core/clock.js';
import { TransportError, ValidationError } from '../core/errors.js';
import { isRecord } from '../core/guards.js';
import { integerOf, numberOf } from './checks.js';
import { settle } from './rpc.js';
import type { RpcReply, WireParams } from './types.js';

/** Bounds of automatic coalescing. */
export interface CoalesceOptions {
  /** Most params entries in one request (default 100). */
  maxSize?: number;
  /** How long the first call of a request waits for others to join (default 0: the same tick). */
  waitMs?: number;
}

/** One call to coalesce, prepared: its params entry and how to read its entry of the reply. */
export interface CoalescedCall {
  method: string;
  url: string;
  verbose: boolean;
  wire: WireParams;
  okCodes: readonly number[] | undefined;
}

type SendGroup = (method: string, verbose: boolean, params: readonly WireParams[]) => Promise<RpcReply>;

interface Waiter {
  call: CoalescedCall;
  /** Its request has left the queue: from now on it may reach FortiManager. */
  sent: boolean;
  resolve(data: unknown): void;
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
 * `waitMs` after its first call. Each caller gets its own entry's data (or its own error);
 * a transport failure fails every call of that request.
 */
export class Coalescer {
  readonly #send: SendGroup;
  readonly #maxSize: number;
  readonly #waitMs: number;
  /** The open queue per method, for verbose calls and for the others. */
  readonly #queues = { verbose: new Map<string, Queue>(), plain: new Map<string, Queue>() };
  readonly #flights = new Set<Promise<void>>();

  constructor(send: SendGroup, options: CoalesceOptions | true = {}) {
    const bounds: unknown = options === true ? {} : options;
    if (!isRecord(bounds)) throw new ValidationError('batch must be an object, true or false', 'batch');
    this.#send = send;
    this.#maxSize = integerOf(bounds.maxSize, 'batch.maxSize', 1) ?? 100;
    this.#waitMs = numberOf(bounds.waitMs, 'batch.waitMs', 0) ?? 0;
  }

  /** Queues one call; resolves with its entry's data, rejects with its entry's typed error. */
  enqueue(call: CoalescedCall, signal?: AbortSignal): Promise<unknown> {
    if (signal?.aborted) return Promise.reject(abortError(signal));
    const { method, verbose } = call;
    const queues = verbose ? this.#queues.verbose : this.#queues.plain;
    let queue = queues.get(method);
    if (!queue) {
      queue = { method, verbose, waiters: [], timer: undefined };
      queues.set(method, queue);
    }
    const q = queue;
    let waiter!: Waiter;
    const promise = new Promise<unknown>((resolve, reject) => {
      waiter = { call, sent: false, resolve, reject };
    });
    q.waiters.push(waiter);
    if (q.waiters.length >= this.#maxSize) this.#flush(q);
    else q.timer ??= setTimeout(() => this.#flush(q), this.#waitMs);
    return signal ? this.#abortable(promise, waiter, q, signal) : promise;
  }

  /**
   * Lets one caller stop waiting. Not sent yet: it leaves the queue (nothing sent). Sent: the shared
   * request goes on for the others and may apply this call too, so the abort says `requestSent`.
   */
  #abortable(promise: Promise<unknown>, waiter: Waiter, queue: Queue, signal: AbortSignal): Promise<unknown> {
    return new Promise<unknown>((resolve, reject) => {
      const onAbort = () => {
        if (!waiter.sent) {
          const at = queue.waiters.indexOf(waiter);
          if (at >= 0) queue.waiters.splice(at, 1);
          return reject(abortError(signal));
        }
        reject(
          new TransportError(
            'The call was aborted after its multiplexed request was sent; it may have been applied',
            'abort',
            { cause: signal.reason, requestSent: true },
          ),
        );
      };
      signal.addEventListener('abort', onAbort, { once: true });
      const detach = () => signal.removeEventListener('abort', onAbort);
      promise.then(
        (result) => {
          detach();
          resolve(result);
        },
        (error: unknown) => {
          detach();
          reject(error);
        },
      );
    });
  }

  /** Sends everything queued now and waits until every request in flight has settled. */
  async flush(): Promise<void> {
    for (const queue of [...this.#queues.verbose.values(), ...this.#queues.plain.values()])
      this.#flush(queue);
    while (this.#flights.size > 0) await Promise.allSettled([...this.#flights]);
  }

  #flush(queue: Queue): void {
    if (queue.timer) clearTimeout(queue.timer);
    queue.timer = undefined;
    const queues = queue.verbose ? this.#queues.verbose : this.#queues.plain;
    if (queues.get(queue.method) === queue) queues.delete(queue.method);
    const waiters = queue.waiters;
    if (waiters.length === 0) return;
    const params = new Array<WireParams>(waiters.length);
    for (let i = 0; i < waiters.length; i++) {
      waiters[i]!.sent = true;
      params[i] = waiters[i]!.call.wire;
    }
    const flight = this.#send(queue.method, queue.verbose, params).then(
      (reply) => {
        for (let i = 0; i < waiters.length; i++) settleWaiter(waiters[i]!, reply, i);
      },
      (error: unknown) => {
        for (const waiter of waiters) waiter.reject(error);
      },
    );
    this.#flights.add(flight);
    flight.finally(() => this.#flights.delete(flight));
  }
}

function settleWaiter(waiter: Waiter, reply: RpcReply, index: number): void {
  try {
    waiter.resolve(settle(reply.items[index]!, waiter.call, reply.id));
  } catch (error) {
    waiter.reject(error);
  }
}
