import { abortError } from '../core/clock.js';
import { TransportError, ValidationError } from '../core/errors.js';
import { isRecord } from '../core/guards.js';
import { integerOf, numberOf } from './checks.js';
import { settle } from './rpc.js';
import { ignore } from './tracker.js';
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

/** One queued call and the promise its caller holds (a class: one shape for every waiter). */
class Waiter {
  readonly call: CoalescedCall;
  /** Its request has left the queue: from now on it may reach FortiManager. */
  sent = false;
  resolve: (data: unknown) => void = unsettled;
  reject: (error: unknown) => void = unsettled;
  readonly promise: Promise<unknown>;

  constructor(call: CoalescedCall) {
    this.call = call;
    this.promise = new Promise<unknown>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }
}

function unsettled(): void {}

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
  /** Requests in flight, each with its waiters. */
  readonly #flights = new Map<Promise<void>, readonly Waiter[]>();

  /** Called when a call opens a new queue (the client starts logging in then). */
  readonly #opened: (() => void) | undefined;

  constructor(send: SendGroup, options: CoalesceOptions | true = {}, opened?: () => void) {
    this.#opened = opened;
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
      this.#opened?.();
    }
    const q = queue;
    const waiter = new Waiter(call);
    const { promise } = waiter;
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
    while (this.#flights.size > 0) await Promise.allSettled([...this.#flights.keys()]);
  }

  /**
   * Marks every call not settled yet as handled (the client is closing, see CallTracker): its caller
   * still gets the outcome. The coalescer watches its calls itself, so that a call costs one promise.
   */
  quiet(): void {
    for (const queues of [this.#queues.verbose, this.#queues.plain])
      for (const queue of queues.values()) for (const waiter of queue.waiters) waiter.promise.catch(ignore);
    for (const waiters of this.#flights.values()) for (const waiter of waiters) waiter.promise.catch(ignore);
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
    this.#flights.set(flight, waiters);
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
