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

/** One queued call and the promise its caller holds. */
interface Waiter {
  readonly call: CoalescedCall;
  /** Its request has left the queue: from now on it may reach FortiManager. */
  sent: boolean;
  /** Its entry in the request's params, once sent. */
  index: number;
  promise: Promise<unknown>;
}

interface Queue {
  method: string;
  verbose: boolean;
  waiters: Waiter[];
  timer: ReturnType<typeof setTimeout> | undefined;
  /**
   * The reply of the request the queue becomes. Each caller's promise follows from it: one pair of
   * resolving functions per request rather than per call (a burst of 10,000 calls keeps 10,000
   * promises alive, and every byte of them is copied by each garbage collection meanwhile).
   */
  reply: Promise<RpcReply>;
  answer: (reply: RpcReply) => void;
  fail: (error: unknown) => void;
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
      queue = openQueue(method, verbose);
      queues.set(method, queue);
      this.#opened?.();
    }
    const q = queue;
    const waiter: Waiter = { call, sent: false, index: -1, promise: q.reply };
    const promise = q.reply.then((reply) => entryOf(waiter, reply));
    waiter.promise = promise;
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
      const waiter = waiters[i]!;
      waiter.sent = true;
      waiter.index = i;
      params[i] = waiter.call.wire;
    }
    const flight = this.#send(queue.method, queue.verbose, params).then(queue.answer, queue.fail);
    this.#flights.set(flight, waiters);
    flight.finally(() => this.#flights.delete(flight));
  }
}

function openQueue(method: string, verbose: boolean): Queue {
  let answer!: (reply: RpcReply) => void;
  let fail!: (error: unknown) => void;
  const reply = new Promise<RpcReply>((resolve, reject) => {
    answer = resolve;
    fail = reject;
  });
  // Its callers' promises carry the outcome; a queue whose callers all left before it was sent
  // never settles.
  reply.catch(ignore);
  return { method, verbose, waiters: [], timer: undefined, reply, answer, fail };
}

/** A waiter's entry of its request's reply: its data, or its typed error. */
function entryOf(waiter: Waiter, reply: RpcReply): unknown {
  // A caller that left the queue before it was sent was answered already (see #abortable).
  if (waiter.index < 0) return undefined;
  return settle(reply.items[waiter.index]!, waiter.call, reply.id);
}
