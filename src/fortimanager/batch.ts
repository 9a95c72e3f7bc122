import { FortixError } from '../core/errors.js';
import { isRecord } from '../core/guards.js';
import type { GetQuery } from './call-options.js';
import type { SortingsFor } from './catalog/types.js';
import { sendable, settle } from './rpc.js';
import { ignore } from './tracker.js';
import type { ParamValue, RpcMethod, RpcReply, RpcResultItem, WireParams, WriteMethod } from './types.js';
import type {
  FieldList,
  FilterArg,
  GetReply,
  OptionsFor,
  ParamsField,
  WriteOptionsOf,
  WriteReply,
} from './typing.js';

interface BatchItemBase {
  url: string;
  params?: Readonly<Record<string, ParamValue>>;
  okCodes?: readonly number[];
  verbose?: boolean;
  extraParams?: Readonly<Record<string, unknown>>;
}

/** A `get` in a batch: the same options as `fmg.get`. */
export type GetBatchItem = BatchItemBase & { method: 'get' } & GetQuery<readonly string[]>;

/** A write in a batch: the same options as `fmg.add`, `fmg.set`, ... */
export type WriteBatchItem = BatchItemBase & {
  method: WriteMethod;
  data?: unknown;
  unsetAttrs?: readonly string[];
  filter?: readonly unknown[];
  option?: 'before' | 'after';
  target?: ParamValue;
};

export type BatchItem = GetBatchItem | WriteBatchItem;

/**
 * The items of `fmg.batch`, each checked like the matching client call: `params`, `data` (attribute
 * names, values and the key a new row needs), `fields`, `filter` and `sortings` follow the catalog
 * entry of its `url`, and a method the URL does not take is refused.
 */
export type CheckedBatchItems<T extends readonly BatchItem[]> = {
  readonly [K in keyof T]: T[K] & NoInfer<CheckedBatchItem<T[K]>>;
};

// Items whose url or method is only known as a wide type (`BatchItem[]` built elsewhere) stay loose.
type CheckedBatchItem<I> = I extends { method: 'get'; url: infer U extends string }
  ? string extends U
    ? unknown
    : OptionsFor<U, 'get', ParamsField<U> & GetChecks<U, I extends { filter: infer Q } ? Q : undefined>>
  : I extends { method: infer M extends WriteMethod; url: infer U extends string }
    ? string extends U
      ? unknown
      : WriteMethod extends M
        ? unknown
        : WriteOptionsOf<U, M, DataOf<I>>
    : unknown;

type DataOf<I> = I extends { data: infer D } ? D : undefined;

interface GetChecks<U extends string, Q> {
  fields?: FieldList<U>;
  filter?: FilterArg<U, Q>;
  sortings?: SortingsFor<U>;
}

/**
 * One item's outcome: its data, or its error; the other items are not affected. (FortiCare's
 * `BatchResult` is another idea: the summary of a chunked registration.)
 */
export type BatchItemResult<T = unknown> =
  | { ok: true; url: string; data: T }
  | { ok: false; url: string; error: FortixError };

/** The reply type of one batch item, from its method, URL and fields. */
export type BatchReply<I> = I extends { method: 'get'; url: infer U extends string }
  ? GetReply<
      U,
      I extends { fields: infer F extends FieldList<U> } ? F : undefined,
      I extends { option: infer O } ? O : undefined
    >
  : I extends { method: infer M extends WriteMethod; url: infer U extends string }
    ? WriteReply<U, M, DataOf<I>>
    : unknown;

export interface BatchOptions {
  /** Most items per request (default 500); bigger batches are sent as several requests, in order. */
  chunkSize?: number;
  /**
   * Requests in flight at once (default 1: one after the other, so items apply in order; the next
   * chunk is prepared while one is in flight). Raise it only for independent items (e.g. creating
   * many objects): then chunks may apply in any order.
   */
  concurrency?: number;
  signal?: AbortSignal;
  /** Limit per request. */
  timeoutMs?: number;
}

/** A batch item, ready to send. */
export interface PreparedItem {
  method: RpcMethod;
  url: string;
  verbose: boolean;
  wire: WireParams;
  okCodes: readonly number[] | undefined;
}

type Send = (
  method: string,
  params: readonly WireParams[],
  verbose: boolean,
  text: string,
) => Promise<RpcReply>;

/**
 * Runs a batch: consecutive items of the same method (and verbosity) share a request, up to
 * `chunkSize` per request, requests go out one after the other in item order. An item that is
 * invalid, refused or lost with its request gets `{ ok: false, error }`; the others are kept.
 * `first` sees the first item prepared (the client starts logging in); its throw refuses the item.
 */
export async function runBatch(
  items: readonly unknown[],
  prepare: (item: unknown) => PreparedItem,
  send: Send,
  chunkSize: number,
  concurrency = 1,
  first?: (prepared: PreparedItem) => void,
): Promise<BatchItemResult[]> {
  const results: BatchItemResult[] = new Array(items.length);
  // A request's slot frees as soon as its reply is in; its entries are read once the next request
  // (handed to undici when its slot frees) is written: reading them, like preparing the next
  // chunk, overlaps FortiManager working on the one in flight.
  const inFlight = new Set<Promise<void>>();
  const reading: Promise<void>[] = [];
  const failed = ({ prepared: chunk, at }: Serialized, error: unknown) => {
    const failure = asFortixError(error);
    for (let i = 0; i < chunk.length; i++)
      results[at[i]!] = { ok: false, url: chunk[i]!.url, error: failure };
  };
  const sendChunk = (ready: Serialized) => {
    const { prepared: chunk, at } = ready;
    const head = chunk[0]!;
    const replied = send(head.method, ready.wires, head.verbose, ready.text);
    const slot = replied.then(ignore, ignore);
    inFlight.add(slot);
    void slot.then(() => inFlight.delete(slot));
    reading.push(
      replied.then(
        // After the next request's write: undici writes a request on a reused socket from an
        // immediate it queues as the request is handed to it, which is after this reply's
        // callbacks ran; the second hop waits for that check phase to pass.
        (reply) =>
          nextCheckPhase()
            .then(nextCheckPhase)
            .then(() => {
              for (let i = 0; i < chunk.length; i++) {
                const item = chunk[i]!;
                const entry = reply.items[i]!;
                // The common case without a call: what `settle` returns for code 0.
                results[at[i]!] =
                  entry.status.code === 0
                    ? { ok: true, url: item.url, data: entry.data }
                    : outcome(item, entry, reply.id);
              }
            }),
        (error: unknown) => failed(ready, error),
      ),
    );
  };
  // A full chunk waits (in `queued`) for a free request slot while the next one is prepared.
  let queued: Promise<void> = Promise.resolve();
  const launch = async (ready: Serialized) => {
    while (inFlight.size >= concurrency) await Promise.race(inFlight);
    sendChunk(ready);
  };
  const chunks = new Chunks(items, prepare, chunkSize, results, first);
  for (let next = chunks.take(); next !== undefined; next = chunks.take()) {
    // Serialized now, while the request before it is in flight.
    const ready = serialized(next, results);
    if (ready === undefined) continue;
    await queued;
    queued = launch(ready);
    // undici writes a request on a reused keep-alive socket only in the next check phase (it
    // lets the socket show whether the server closed it first): preparing the next chunk waits
    // until then, so that it overlaps FortiManager's work instead of delaying the write.
    await nextCheckPhase();
  }
  await queued;
  await Promise.all(reading);
  return results;
}

/**
 * The items prepared into chunks, in item order: consecutive items of one method and verbosity, at
 * most `size` a chunk. An item that cannot be prepared gets its result at once and is left out.
 * (A loop of its own, apart from the sending: it runs hot, and stays small for the JIT.)
 */
class Chunks {
  #next = 0;
  /** The item that ended the last chunk (another method, or no room), first of the next. */
  #carried: { prepared: PreparedItem; index: number } | undefined;

  constructor(
    private readonly items: readonly unknown[],
    private readonly prepare: (item: unknown) => PreparedItem,
    private readonly size: number,
    private readonly results: BatchItemResult[],
    private first: ((prepared: PreparedItem) => void) | undefined,
  ) {}

  /** The next chunk; undefined once every item is taken. */
  take(): Chunk | undefined {
    const chunk: Chunk = { prepared: [], at: [], wires: [] };
    if (this.#carried) {
      add(chunk, this.#carried.prepared, this.#carried.index);
      this.#carried = undefined;
    }
    const { items, size } = this;
    while (this.#next < items.length) {
      const index = this.#next++;
      const item = items[index];
      let prepared: PreparedItem;
      try {
        prepared = this.prepare(item);
        if (this.first) {
          this.first(prepared);
          this.first = undefined;
        }
      } catch (error) {
        this.results[index] = { ok: false, url: urlOf(item), error: asFortixError(error) };
        continue;
      }
      const head = chunk.prepared[0];
      if (
        head &&
        (head.method !== prepared.method ||
          head.verbose !== prepared.verbose ||
          chunk.prepared.length >= size)
      ) {
        this.#carried = { prepared, index };
        break;
      }
      add(chunk, prepared, index);
    }
    return chunk.prepared.length === 0 ? undefined : chunk;
  }
}

/** The items of one request, their indexes in the batch and their params, side by side. */
interface Chunk {
  prepared: PreparedItem[];
  at: number[];
  wires: WireParams[];
}

function add(chunk: Chunk, prepared: PreparedItem, index: number): void {
  chunk.prepared.push(prepared);
  chunk.at.push(index);
  chunk.wires.push(prepared.wire);
}

/** A chunk ready to send: its params' JSON text beside it. */
interface Serialized extends Readonly<Chunk> {
  text: string;
}

/**
 * The chunk ready to send, its JSON the check (see `sendable`): an item JSON cannot carry fails alone
 * with its ValidationError and the others go; undefined if none can.
 */
function serialized(chunk: Chunk, results: BatchItemResult[]): Serialized | undefined {
  const { prepared, at, wires } = chunk;
  const ready = sendable(wires, (i, error) => {
    results[at[i]!] = { ok: false, url: prepared[i]!.url, error };
  });
  if (ready === undefined) return undefined;
  const { text, kept } = ready;
  if (kept === undefined) return { prepared, at, wires, text };
  return {
    prepared: kept.map((i) => prepared[i]!),
    at: kept.map((i) => at[i]!),
    wires: kept.map((i) => wires[i]!),
    text,
  };
}

function nextCheckPhase(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function outcome(item: PreparedItem, entry: RpcResultItem, requestId: number): BatchItemResult {
  try {
    return { ok: true, url: item.url, data: settle(entry, item, requestId) };
  } catch (error) {
    return { ok: false, url: item.url, error: asFortixError(error) };
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
