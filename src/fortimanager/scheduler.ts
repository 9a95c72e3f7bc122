import { abortError } from '../core/clock.js';
import { type FortixError, TransportError, ValidationError } from '../core/errors.js';
import { isRecord } from '../core/guards.js';
import { integerOf, numberOf } from './checks.js';
import { checkWire, sendable, settle } from './rpc.js';
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

/** Sends one coalesced request: its params and their JSON text. */
type SendGroup = (
  method: string,
  verbose: boolean,
  params: readonly WireParams[],
  text: string,
) => Promise<RpcReply>;

/**
 * One queued call and the promise its caller holds. It keeps of its call only what its request and
 * its answer need (thousands may wait at once, and every byte of them is copied by each garbage
 * collection meanwhile).
 */
interface Waiter {
  readonly method: string;
  readonly url: string;
  readonly wire: WireParams;
  readonly okCodes: readonly number[] | undefined;
  /** Its request has left the queue: from now on it may reach FortiManager. */
  sent: boolean;
  /** Its entry in the request's params, once sent. */
  index: number;
  /** Its params entry cannot be sent as JSON: this error is its answer (it was left out). */
  refused: FortixError | undefined;
  promise: Promise<unknown>;
}

/** How a queue's request ended: its reply, or why there is none (for every call it carried). */
type Outcome = RpcReply | { failed: unknown };

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
  reply: Promise<Outcome>;
  answer: (outcome: Outcome) => void;
}

/**
 * Coalesces concurrent calls of the same method (and verbosity) into one multiplexed JSON-RPC
 * request, the viem batch-scheduler idea: a request leaves when `maxSize` calls have joined or
 * `waitMs` after its first call. Each caller gets its own entry's data (or its own error);
 * a transport failure fails every call of that request, a call JSON cannot carry only itself
 * (the request's JSON is the check, see `sendable`).
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
      // Opening a queue starts the login (`opened`): only a call that can be sent opens one.
      try {
        checkWire(call.wire);
      } catch (error) {
        return Promise.reject(error);
      }
      queue = openQueue(method, verbose);
      queues.set(method, queue);
      this.#opened?.();
    }
    const waiter: Waiter = {
      method,
      url: call.url,
      wire: call.wire,
      okCodes: call.okCodes,
      sent: false,
      index: -1,
      refused: undefined,
      promise: queue.reply,
    };
    // A bound function, not a closure: no context object per call.
    const promise = queue.reply.then(entryOf.bind(waiter));
    waiter.promise = promise;
    queue.waiters.push(waiter);
    if (queue.waiters.length >= this.#maxSize) this.#flush(queue);
    else queue.timer ??= this.#timer(queue);
    return signal ? this.#abortable(promise, waiter, queue, signal) : promise;
  }

  #timer(queue: Queue): ReturnType<typeof setTimeout> {
    return setTimeout(() => this.#flush(queue), this.#waitMs);
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
    for (let i = 0; i < waiters.length; i++) params[i] = waiters[i]!.wire;
    const ready = sendable(params, (i, error) => {
      waiters[i]!.refused = error;
    });
    if (ready === undefined) {
      queue.answer(NOTHING_SENT);
      return;
    }
    const { kept, text } = ready;
    const going = kept === undefined ? waiters : kept.map((i) => waiters[i]!);
    for (let i = 0; i < going.length; i++) {
      const waiter = going[i]!;
      waiter.sent = true;
      waiter.index = i;
    }
    const flight = this.#send(
      queue.method,
      queue.verbose,
      kept === undefined ? params : kept.map((i) => params[i]!),
      text,
    ).then(queue.answer, (failed: unknown) => queue.answer({ failed }));
    this.#flights.set(flight, waiters);
    flight.finally(() => this.#flights.delete(flight));
  }
}

/** The outcome of a queue none of whose calls could be sent (each has its own error). */
const NOTHING_SENT: Outcome = { failed: undefined };

function openQueue(method: string, verbose: boolean): Queue {
  let answer!: (outcome: Outcome) => void;
  // Its callers' promises carry the outcome; a queue whose callers all left before it was sent
  // never settles.
  const reply = new Promise<Outcome>((resolve) => {
    answer = resolve;
  });
  return { method, verbose, waiters: [], timer: undefined, reply, answer };
}

/** A waiter's (`this`) entry of its request's reply: its data, or its typed error. */
function entryOf(this: Waiter, outcome: Outcome): unknown {
  if (this.refused) throw this.refused;
  // A caller that left the queue before it was sent was answered already (see #abortable).
  if (this.index < 0) return undefined;
  if ('failed' in outcome) throw outcome.failed;
  return settle(outcome.items[this.index]!, this, outcome.id);
}
