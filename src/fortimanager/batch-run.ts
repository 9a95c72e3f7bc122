import { FortixError } from '../core/errors.js';
import { isRecord } from '../core/guards.js';
import type { BatchItemResult, WriteBatchItem } from './batch.js';
import { nextCheckPhase } from './check-phase.js';
import { isData } from './options.js';
import { onlyData } from './repeat.js';
import { sendable, settle } from './rpc.js';
import type { PreparedCall, RpcMethod, RpcReply, RpcResultItem, WireParams } from './types.js';

/** Sends one chunk; `received` is called once its reply is in, if before it is parsed (see `PostOptions.received`). */
type Send = (
  method: string,
  params: readonly WireParams[],
  verbose: boolean,
  text: string,
  received: () => void,
) => Promise<RpcReply>;

/** How a batch is prepared and sent (the client's side of `runBatch`). */
export interface BatchPlan {
  /** One item ready to send; throws (a ValidationError) for an item that cannot be. */
  prepare: (item: unknown) => PreparedCall;
  send: Send;
  chunkSize: number;
  concurrency: number;
  /**
   * Sees the first item prepared (the client starts logging in) and returns the login under way, if
   * any; its throw refuses the item.
   */
  first?: ((prepared: PreparedCall) => Promise<unknown> | undefined) | undefined;
  /**
   * Whether items that repeat the one before them are prepared from that one (see `repeat.ts`);
   * false when something else must see every item (a validator).
   */
  repeats: boolean;
}

/**
 * Runs a batch: consecutive items of the same method (and verbosity) share a request, up to
 * `chunkSize` per request, requests go out one after the other in item order. An item that is
 * invalid, refused or lost with its request gets `{ ok: false, error }`; the others are kept.
 */
export async function runBatch(items: readonly unknown[], plan: BatchPlan): Promise<BatchItemResult[]> {
  const { send, concurrency } = plan;
  const results: BatchItemResult[] = new Array(items.length);
  // The data and URL of each item answered OK; its result is made once the batch is over. Made as
  // each reply is read, thousands of results would be alive across the run, each copied by every
  // young-generation collection meanwhile (BENCHMARKS.md, ninth session); made in a function of its
  // own while the last request is in flight, its loop is compiled by TurboFan on a background
  // thread that a one-shot run cannot spare (tenth session).
  const okData: unknown[] = new Array(items.length);
  const okUrl: Array<string | undefined> = new Array(items.length);
  // A request's slot frees as soon as its reply is in, before it is parsed when nothing in it can
  // make the request go again; the reply is parsed and its entries read once the next request
  // (handed to undici when the slot frees) is written: parsing and reading it, like preparing the
  // next chunk, overlaps FortiManager working on the one in flight.
  const inFlight = new Set<Promise<void>>();
  const reading: Promise<void>[] = [];
  const failed = ({ wires, at }: Chunk, error: unknown) => {
    const failure = asFortixError(error);
    for (let i = 0; i < wires.length; i++)
      results[at[i]!] = { ok: false, url: wires[i]!.url, error: failure };
  };
  const sendChunk = (ready: Chunk, text: string) => {
    const { wires, at } = ready;
    let free!: () => void;
    const slot = new Promise<void>((resolve) => {
      free = resolve;
    });
    const replied = send(ready.method, wires, ready.verbose, text, free);
    replied.then(free, free);
    inFlight.add(slot);
    void slot.then(() => inFlight.delete(slot));
    reading.push(
      replied.then(
        // After the next request's write, which undici makes in the check phase after this reply's
        // callbacks ran (see check-phase.ts); the second hop waits for that check phase to pass.
        (reply) =>
          nextCheckPhase()
            .then(nextCheckPhase)
            .then(() => {
              for (let i = 0; i < wires.length; i++) {
                const entry = reply.items[i]!;
                const index = at[i]!;
                // The common case without a call: what `settle` returns for code 0.
                if (entry.status.code === 0) {
                  okData[index] = entry.data;
                  okUrl[index] = wires[i]!.url;
                } else results[index] = outcome(ready, i, entry, reply.id);
              }
            }),
        (error: unknown) => failed(ready, error),
      ),
    );
  };
  // A full chunk waits (in `queued`) for a free request slot while the next one is prepared.
  let queued: Promise<void> = Promise.resolve();
  const launch = async (ready: Chunk, text: string) => {
    while (inFlight.size >= concurrency) await Promise.race(inFlight);
    sendChunk(ready, text);
  };
  const chunks = new Chunks(items, plan, results);
  for (let next = await chunks.first(); next !== undefined; next = chunks.take()) {
    // Serialized now, while the request before it is in flight.
    const ready = serialized(next, results);
    if (ready === undefined) continue;
    await queued;
    queued = launch(ready.chunk, ready.text);
    // Preparing the next chunk waits until this one is written (see check-phase.ts).
    await nextCheckPhase();
  }
  await queued;
  await Promise.all(reading);
  for (let i = 0; i < results.length; i++) {
    const url = okUrl[i];
    if (url !== undefined) results[i] = { ok: true, url, data: okData[i] };
  }
  return results;
}

/**
 * The items of one request side by side: their params entries, their indexes in the batch and,
 * only when some item has them, their okCodes. One method and verbosity for all.
 */
interface Chunk {
  method: RpcMethod;
  verbose: boolean;
  wires: WireParams[];
  at: number[];
  okCodes: Array<readonly number[] | undefined> | undefined;
}

function open(first: PreparedCall, index: number): Chunk {
  const { method, verbose, wire, okCodes } = first;
  return { method, verbose, wires: [wire], at: [index], okCodes: okCodes && [okCodes] };
}

function add(chunk: Chunk, prepared: PreparedCall, index: number): void {
  const position = chunk.wires.push(prepared.wire) - 1;
  chunk.at.push(index);
  if (prepared.okCodes !== undefined) {
    chunk.okCodes ??= [];
    chunk.okCodes[position] = prepared.okCodes;
  }
}

/**
 * The items prepared into chunks, in item order: consecutive items of one method and verbosity, at
 * most `chunkSize` a chunk. An item that cannot be prepared gets its result at once and is left out.
 * (A loop of its own, apart from the sending: it runs hot, and stays small for the JIT.)
 */
class Chunks {
  #next = 0;
  /** The item that ended the last chunk (another method, or no room), first of the next. */
  #carried: { prepared: PreparedCall; index: number } | undefined;
  #first: BatchPlan['first'];
  /**
   * The chunk whose filling stopped after the item that started the login (see `first`), and that
   * item when the ones after it may repeat it (its URL as given and its preparation).
   */
  #begun: { chunk: Chunk; repeats: { template: string; prepared: PreparedCall } | undefined } | undefined;

  constructor(
    private readonly items: readonly unknown[],
    private readonly plan: BatchPlan,
    private readonly results: BatchItemResult[],
  ) {
    this.#first = plan.first;
  }

  /**
   * The first chunk. Its filling stops for one check phase after the item that starts the login
   * (`plan.first`): the login's socket connects and the login is written meanwhile, so that the
   * rest of the chunk is prepared during the login's round trip rather than before it leaves.
   */
  async first(): Promise<Chunk | undefined> {
    const chunk = this.take();
    if (this.#begun === undefined) return chunk;
    await nextCheckPhase();
    return this.take();
  }

  /** The next chunk; undefined once every item is taken (or, in `first`, when the login started). */
  take(): Chunk | undefined {
    const carried = this.#carried;
    this.#carried = undefined;
    const begun = this.#begun;
    this.#begun = undefined;
    let chunk = begun ? begun.chunk : carried && open(carried.prepared, carried.index);
    const { items, plan } = this;
    if (begun?.repeats)
      this.#next = this.#addRepeats(begun.chunk, begun.repeats.template, begun.repeats.prepared);
    while (this.#next < items.length) {
      const index = this.#next++;
      const item = items[index];
      let prepared: PreparedCall;
      // Whether the items after it may repeat it; read here, where a getter's throw is the item's error.
      let repeated: boolean;
      let startedLogin = false;
      try {
        prepared = plan.prepare(item);
        if (this.#first) {
          startedLogin = this.#first(prepared) !== undefined;
          this.#first = undefined;
        }
        repeated = plan.repeats && prepared.wire.data !== undefined && onlyData(item, true);
      } catch (error) {
        this.results[index] = { ok: false, url: urlOf(item), error: asFortixError(error) };
        continue;
      }
      if (chunk === undefined) chunk = open(prepared, index);
      else if (
        chunk.method !== prepared.method ||
        chunk.verbose !== prepared.verbose ||
        chunk.wires.length >= plan.chunkSize
      ) {
        this.#carried = { prepared, index };
        break;
      } else add(chunk, prepared, index);
      if (startedLogin) {
        const template = (item as WriteBatchItem).url;
        this.#begun = { chunk, repeats: repeated ? { template, prepared } : undefined };
        return undefined;
      }
      if (repeated) this.#next = this.#addRepeats(chunk, (item as WriteBatchItem).url, prepared);
    }
    return chunk;
  }

  /**
   * Adds the items from the next on that repeat `first` (its method and URL as given, nothing but
   * their own `data`: see repeat.ts) while the chunk has room, each with `{ url, data }` as its params
   * entry, which is what preparing it in full gives. Returns the index of the item after them.
   */
  #addRepeats(chunk: Chunk, template: string, first: PreparedCall): number {
    const { items } = this;
    const room = this.plan.chunkSize;
    const { method, url } = first;
    const { wires, at } = chunk;
    let index = this.#next;
    for (; index < items.length && wires.length < room; index++) {
      const item = items[index] as WriteBatchItem;
      let data: unknown;
      try {
        if (!onlyData(item, true) || item.method !== method || item.url !== template) break;
        data = item.data;
      } catch {
        // A getter that throws: the full way gives the item its error.
        break;
      }
      // Anything else fails the full way too.
      if (!isData(data)) break;
      wires.push({ url, data });
      at.push(index);
    }
    return index;
  }
}

/**
 * The chunk ready to send and its JSON text, the check (see `sendable`): an item JSON cannot carry
 * fails alone with its ValidationError and the others go; undefined if none can.
 */
function serialized(chunk: Chunk, results: BatchItemResult[]): { chunk: Chunk; text: string } | undefined {
  const { wires, at, okCodes } = chunk;
  const ready = sendable(wires, (i, error) => {
    results[at[i]!] = { ok: false, url: wires[i]!.url, error };
  });
  if (ready === undefined) return undefined;
  const { text, kept } = ready;
  if (kept === undefined) return { chunk, text };
  const sent: Chunk = {
    ...chunk,
    wires: kept.map((i) => wires[i]!),
    at: kept.map((i) => at[i]!),
    okCodes: okCodes && kept.map((i) => okCodes[i]),
  };
  return { chunk: sent, text };
}

/** The result of the item at `position` of `chunk` whose entry is not a plain OK. */
function outcome(chunk: Chunk, position: number, entry: RpcResultItem, requestId: number): BatchItemResult {
  const url = chunk.wires[position]!.url;
  try {
    const call = { method: chunk.method, url, okCodes: chunk.okCodes?.[position] };
    return { ok: true, url, data: settle(entry, call, requestId) };
  } catch (error) {
    return { ok: false, url, error: asFortixError(error) };
  }
}

/** The url of an item as given (an item that is not even an object has none). */
function urlOf(item: unknown): string {
  return isRecord(item) && typeof item.url === 'string' ? item.url : '';
}

function asFortixError(error: unknown): FortixError {
  if (error instanceof FortixError) return error;
  return new FortixError(error instanceof Error ? error.message : String(error), { cause: error });
}
