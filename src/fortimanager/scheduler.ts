import { abortError } from '../core/clock.js';
import { type FortixError, TransportError, ValidationError } from '../core/errors.js';
import { isRecord } from '../core/guards.js';
import { nextCheckPhase } from './check-phase.js';
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

/** Sends one coalesced request: its params and their JSON text. */
type SendGroup = (
  method: string,
  verbose: boolean,
  params: readonly WireParams[],
  text: string,
) => Promise<RpcReply>;

/** How a queue's request ended: its reply, or why there is none (for every call it carried). */
type Outcome = RpcReply | { failed: unknown };

/**
 * The calls waiting to go as one request, side by side by position (the order they came in). A call
 * is its position and the promise its caller holds, nothing more: thousands may wait at once, and
 * every byte of them is copied by each garbage collection meanwhile.
 */
interface Queue {
  method: string;
  verbose: boolean;
  /** Each call's params entry; the request's params once sent (less any left out, see `entryAt`). */
  wires: WireParams[];
  /** Each caller's promise (for `quiet`). */
  promises: Promise<unknown>[];
  /** The okCodes of the calls that have any, by position. */
  okCodes: Array<readonly number[] | undefined> | undefined;
  /** Positions whose caller stopped waiting before the request left (see `#abortable`). */
  left: Set<number> | undefined;
  /** Positions whose params entry JSON cannot carry: this error is their answer (they were left out). */
  refused: Map<number, FortixError> | undefined;
  /** Where each position's entry is in the reply, when some were left out (-1: not sent). */
  entryAt: Int32Array | undefined;
  /**
   * The login under way when the queue opened: its request is serialized and sent once that is over,
   * so that a burst of calls neither serializes while nothing can go nor holds every request's text.
   */
  ready: Promise<unknown> | undefined;
  /** The request has left the queue: from now on its calls may reach FortiManager. */
  sent: boolean;
  timer: ReturnType<typeof setTimeout> | undefined;
  /**
   * Resolves with the queue itself once `outcome` is in; each caller's promise follows from it (one
   * pair of resolving functions per request rather than per call).
   */
  reply: Promise<Queue>;
  /**
   * Each caller's answer, taken from `reply`: a promise runs its reactions in the order they were
   * added, one per call, so the n-th run answers the call at position n (one function per
   * request, not one per call). Its entry's data, or its typed error.
   */
  nextEntry: (queue: Queue) => unknown;
  outcome: Outcome | undefined;
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
  /** When the last queue that waited for a login is posted (see `#postInTurn`). */
  #posted: Promise<void> | undefined;
  /** Requests in flight, each with its callers' promises. */
  readonly #flights = new Map<Promise<void>, readonly Promise<unknown>[]>();

  /** Called when a call opens a new queue (the client starts logging in then): the login under way. */
  readonly #opened: (() => Promise<unknown> | undefined) | undefined;

  constructor(
    send: SendGroup,
    options: CoalesceOptions | true = {},
    opened?: () => Promise<unknown> | undefined,
  ) {
    this.#opened = opened;
    const bounds: unknown = options === true ? {} : options;
    if (!isRecord(bounds)) throw new ValidationError('batch must be an object, true or false', 'batch');
    this.#send = send;
    this.#maxSize = integerOf(bounds.maxSize, 'batch.maxSize', 1) ?? 100;
    this.#waitMs = numberOf(bounds.waitMs, 'batch.waitMs', 0) ?? 0;
  }

  /**
   * Queues one call (its method, verbosity, params entry and the codes it takes as success);
   * resolves with its entry's data, rejects with its entry's typed error.
   */
  enqueue(
    method: string,
    verbose: boolean,
    wire: WireParams,
    okCodes: readonly number[] | undefined,
    signal?: AbortSignal,
  ): Promise<unknown> {
    if (signal?.aborted) return Promise.reject(abortError(signal));
    const queues = verbose ? this.#queues.verbose : this.#queues.plain;
    let queue = queues.get(method);
    if (!queue) {
      // Opening a queue starts the login (`opened`): only a call that can be sent opens one.
      try {
        checkWire(wire);
      } catch (error) {
        return Promise.reject(error);
      }
      queue = openQueue(method, verbose, this.#opened?.());
      queues.set(method, queue);
    }
    const position = queue.wires.push(wire) - 1;
    if (okCodes !== undefined) {
      queue.okCodes ??= [];
      queue.okCodes[position] = okCodes;
    }
    const promise = queue.reply.then(queue.nextEntry);
    queue.promises.push(promise);
    if (position + 1 >= this.#maxSize) this.#flush(queue);
    else queue.timer ??= this.#timer(queue);
    return signal ? this.#abortable(promise, position, queue, signal) : promise;
  }

  #timer(queue: Queue): ReturnType<typeof setTimeout> {
    return setTimeout(() => this.#flush(queue), this.#waitMs);
  }

  /**
   * Lets one caller stop waiting. Not sent yet: it leaves the queue (nothing sent). Sent: the shared
   * request goes on for the others and may apply this call too, so the abort says `requestSent`.
   */
  #abortable(
    promise: Promise<unknown>,
    position: number,
    queue: Queue,
    signal: AbortSignal,
  ): Promise<unknown> {
    return new Promise<unknown>((resolve, reject) => {
      const onAbort = () => {
        if (!queue.sent) {
          queue.left ??= new Set();
          queue.left.add(position);
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
      for (const queue of queues.values()) for (const promise of queue.promises) promise.catch(ignore);
    for (const promises of this.#flights.values()) for (const promise of promises) promise.catch(ignore);
  }

  /** Closes the queue to new calls and sends it, after the login under way if there is one. */
  #flush(queue: Queue): void {
    if (queue.timer) clearTimeout(queue.timer);
    queue.timer = undefined;
    const queues = queue.verbose ? this.#queues.verbose : this.#queues.plain;
    if (queues.get(queue.method) === queue) queues.delete(queue.method);
    const { ready } = queue;
    // A failed login is every call's answer (another login per queue would be one more failure).
    const flight = ready
      ? ready.then(
          () => this.#postInTurn(queue),
          (failed: unknown) => queue.answer({ failed }),
        )
      : this.#post(queue);
    this.#flights.set(flight, queue.promises);
    flight.finally(() => this.#flights.delete(flight));
  }

  /**
   * Sends a queue that waited for a login: the first one at once, each next one a check phase after
   * the one before, so that the first request is written before the others are serialized (see
   * check-phase.ts) rather than after all of them.
   */
  #postInTurn(queue: Queue): Promise<void> {
    const previous = this.#posted;
    const turn = previous === undefined ? DONE : previous.then(nextCheckPhase);
    this.#posted = turn;
    const flight = previous === undefined ? this.#post(queue) : turn.then(() => this.#post(queue));
    // Registered after the post: a queue that follows this one has chained on `turn` by then.
    turn.then(() => {
      if (this.#posted === turn) this.#posted = undefined;
    });
    return flight;
  }

  /** Sends the queue's calls that can go (not left, JSON can carry them) as one request. */
  #post(queue: Queue): Promise<void> {
    const { wires, left } = queue;
    // The positions that go, in order (undefined: all of them).
    let going: number[] | undefined;
    if (left) {
      going = [];
      for (let i = 0; i < wires.length; i++) if (!left.has(i)) going.push(i);
    }
    if ((going ?? wires).length === 0) return DONE;
    let params = going ? going.map((i) => wires[i]!) : wires;
    const ready = sendable(params, (i, error) => {
      queue.refused ??= new Map();
      queue.refused.set(going ? going[i]! : i, error);
    });
    if (ready === undefined) {
      queue.answer(NOTHING_SENT);
      return DONE;
    }
    const { kept, text } = ready;
    if (kept) {
      const before = going;
      going = kept.map((i) => (before ? before[i]! : i));
      params = going.map((i) => wires[i]!);
    }
    if (going) {
      const entryAt = new Int32Array(wires.length).fill(-1);
      for (let i = 0; i < going.length; i++) entryAt[going[i]!] = i;
      queue.entryAt = entryAt;
    }
    queue.sent = true;
    return this.#send(queue.method, queue.verbose, params, text).then(queue.answer, (failed: unknown) =>
      queue.answer({ failed }),
    );
  }
}

const DONE = Promise.resolve();

/** The outcome of a queue none of whose calls could be sent (each has its own error). */
const NOTHING_SENT: Outcome = { failed: undefined };

function openQueue(method: string, verbose: boolean, ready: Promise<unknown> | undefined): Queue {
  let resolve!: (queue: Queue) => void;
  let position = 0;
  // Its callers' promises carry the outcome; a queue whose callers all left before it was sent
  // never settles.
  const reply = new Promise<Queue>((settle) => {
    resolve = settle;
  });
  const queue: Queue = {
    method,
    verbose,
    wires: [],
    promises: [],
    okCodes: undefined,
    left: undefined,
    refused: undefined,
    entryAt: undefined,
    ready,
    sent: false,
    timer: undefined,
    reply,
    nextEntry: (settled) => entryOf(settled, position++),
    outcome: undefined,
    answer: (outcome) => {
      queue.outcome = outcome;
      resolve(queue);
    },
  };
  return queue;
}

/** The entry of the call at `position` in its queue's reply: its data, or its typed error. */
function entryOf(queue: Queue, position: number): unknown {
  const refused = queue.refused?.get(position);
  if (refused) throw refused;
  const at = queue.entryAt ? queue.entryAt[position]! : position;
  // A caller that left the queue before it was sent was answered already (see #abortable).
  if (at < 0) return undefined;
  const outcome = queue.outcome!;
  if ('failed' in outcome) throw outcome.failed;
  const entry = outcome.items[at]!;
  // The common case without building the call: what `settle` returns for code 0.
  if (entry.status.code === 0) return entry.data;
  const call = { method: queue.method, url: queue.wires[position]!.url, okCodes: queue.okCodes?.[position] };
  return settle(entry, call, outcome.id);
}
