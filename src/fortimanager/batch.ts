import { FortixError } from '../core/errors.js';
import { isRecord } from '../core/guards.js';
import type { GetQuery } from './call-options.js';
import type { SortingsFor } from './catalog/types.js';
import { paramsText, settle } from './rpc.js';
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
 */
export async function runBatch(
  items: readonly unknown[],
  prepare: (item: unknown) => PreparedItem,
  send: Send,
  chunkSize: number,
  concurrency = 1,
): Promise<BatchItemResult[]> {
  const results: BatchItemResult[] = new Array(items.length);
  // A request's slot frees as soon as its reply is in; its entries are read a macrotask later, once
  // the next request (sent synchronously when its slot frees) has left: reading them, like
  // preparing the next chunk, overlaps FortiManager working on the one in flight.
  const inFlight = new Set<Promise<void>>();
  const reading: Promise<void>[] = [];
  const failed = (chunk: readonly PreparedItem[], at: readonly number[], error: unknown) => {
    const failure = asFortixError(error);
    for (let i = 0; i < chunk.length; i++)
      results[at[i]!] = { ok: false, url: chunk[i]!.url, error: failure };
  };
  const sendChunk = (chunk: readonly PreparedItem[], at: readonly number[], ready: Serialized) => {
    const first = chunk[0]!;
    const replied = send(first.method, ready.wires, first.verbose, ready.text);
    const slot = replied.then(ignore, ignore);
    inFlight.add(slot);
    void slot.then(() => inFlight.delete(slot));
    reading.push(
      replied.then(
        // After the next request's write: undici writes a request on a reused socket from an
        // immediate queued before this one.
        (reply) =>
          nextCheckPhase().then(() => {
            for (let i = 0; i < chunk.length; i++)
              results[at[i]!] = outcome(chunk[i]!, reply.items[i]!, reply.id);
          }),
        (error: unknown) => failed(chunk, at, error),
      ),
    );
  };
  // A full chunk waits (in `queued`) for a free request slot while the next one is prepared.
  let queued: Promise<void> = Promise.resolve();
  const launch = async (chunk: readonly PreparedItem[], at: readonly number[], ready: Serialized) => {
    while (inFlight.size >= concurrency) await Promise.race(inFlight);
    sendChunk(chunk, at, ready);
  };
  // The group being filled: its items and their indexes in `items`, side by side.
  let group: PreparedItem[] = [];
  let indexes: number[] = [];
  const dispatch = async () => {
    const chunk = group;
    const at = indexes;
    group = [];
    indexes = [];
    if (chunk.length === 0) return;
    // Serialized now, while the request before it is in flight.
    const wires = new Array<WireParams>(chunk.length);
    for (let i = 0; i < chunk.length; i++) wires[i] = chunk[i]!.wire;
    let ready: Serialized;
    try {
      ready = { wires, text: paramsText(wires) };
    } catch (error) {
      failed(chunk, at, error);
      return;
    }
    await queued;
    queued = launch(chunk, at, ready);
    // undici writes a request on a reused keep-alive socket only in the next check phase (it
    // lets the socket show whether the server closed it first): preparing the next chunk waits
    // until then, so that it overlaps FortiManager's work instead of delaying the write.
    await nextCheckPhase();
  };
  for (let index = 0; index < items.length; index++) {
    const item = items[index];
    let prepared: PreparedItem;
    try {
      prepared = prepare(item);
    } catch (error) {
      results[index] = { ok: false, url: urlOf(item), error: asFortixError(error) };
      continue;
    }
    const head = group[0];
    if (
      head &&
      (head.method !== prepared.method || head.verbose !== prepared.verbose || group.length >= chunkSize)
    ) {
      await dispatch();
    }
    group.push(prepared);
    indexes.push(index);
  }
  await dispatch();
  await queued;
  await Promise.all(reading);
  return results;
}

/** A chunk's params and their JSON text. */
interface Serialized {
  wires: readonly WireParams[];
  text: string;
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
