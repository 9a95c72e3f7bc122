import { FortixError, ValidationError } from '../core/errors.js';
import type { SortingsFor } from './catalog/types.js';
import type { GetQuery, WireParams } from './options.js';
import { type RpcReply, settle } from './rpc.js';
import type {
  FieldList,
  FilterArg,
  GetReply,
  OptionsFor,
  ParamsField,
  ParamValue,
  RpcMethod,
  WriteMethod,
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
 * The items of `fmg.batch`, each checked like the matching client call: `params`, the values in
 * `data` (and the key a new row needs), `fields`, `filter` and `sortings` follow the catalog entry of
 * its `url`, and a method the URL does not take is refused. Unlike the client methods, an attribute
 * name `data` does not know is not flagged (the item's own inferred type carries it).
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
        : WriteOptionsOf<U, M>
    : unknown;

interface GetChecks<U extends string, Q> {
  fields?: FieldList<U>;
  filter?: FilterArg<U, Q>;
  sortings?: SortingsFor<U>;
}

/** One item's outcome: its data, or its error; the other items are not affected. */
export type BatchResult<T = unknown> =
  | { ok: true; url: string; data: T }
  | { ok: false; url: string; error: FortixError };

/** The reply type of one batch item, from its method, URL and fields. */
export type BatchReply<I> = I extends { method: 'get'; url: infer U extends string }
  ? GetReply<U, I extends { fields: infer F extends FieldList<U> } ? F : undefined>
  : I extends { method: infer M extends WriteMethod; url: infer U extends string }
    ? WriteReply<U, M>
    : unknown;

export interface BatchOptions {
  /** Most items per request (default 500); bigger batches are sent as several requests, in order. */
  chunkSize?: number;
  /**
   * Requests in flight at once (default 1: one after the other, so items apply in order). Raise it
   * only for independent items (e.g. creating many objects): then chunks may apply in any order,
   * and preparing one chunk overlaps FortiManager processing the previous one.
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

type Send = (method: string, params: readonly WireParams[], verbose: boolean) => Promise<RpcReply>;

/**
 * Runs a batch: consecutive items of the same method (and verbosity) share a request, up to
 * `chunkSize` per request, requests go out one after the other in item order. An item that is
 * invalid, refused or lost with its request gets `{ ok: false, error }`; the others are kept.
 */
export async function runBatch(
  items: readonly BatchItem[],
  prepare: (item: BatchItem) => PreparedItem,
  send: Send,
  chunkSize: number,
  concurrency = 1,
): Promise<BatchResult[]> {
  if (!Number.isInteger(chunkSize) || chunkSize < 1) {
    throw new ValidationError('chunkSize must be a positive integer', 'chunkSize');
  }
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new ValidationError('concurrency must be a positive integer', 'concurrency');
  }
  const results: BatchResult[] = new Array(items.length);
  let group: Array<{ index: number; item: PreparedItem }> = [];
  const sendGroup = async () => {
    const chunk = group;
    group = [];
    if (chunk.length === 0) return;
    const first = chunk[0]!.item;
    try {
      const reply = await send(
        first.method,
        chunk.map((c) => c.item.wire),
        first.verbose,
      );
      chunk.forEach(({ index, item }, i) => {
        results[index] = outcome(item, () => settle(reply.items[i]!, { ...item, requestId: reply.id }));
      });
    } catch (error) {
      for (const { index, item } of chunk)
        results[index] = { ok: false, url: item.url, error: asFortixError(error) };
    }
  };
  // sendGroup takes the current group synchronously and never rejects, so chunks can overlap.
  const inFlight = new Set<Promise<void>>();
  const dispatch = async () => {
    const sent = sendGroup();
    inFlight.add(sent);
    void sent.then(() => inFlight.delete(sent));
    if (inFlight.size >= concurrency) await Promise.race(inFlight);
  };
  for (let index = 0; index < items.length; index++) {
    const item = items[index]!;
    let prepared: PreparedItem;
    try {
      prepared = prepare(item);
    } catch (error) {
      results[index] = { ok: false, url: item.url, error: asFortixError(error) };
      continue;
    }
    const head = group[0]?.item;
    if (
      head &&
      (head.method !== prepared.method || head.verbose !== prepared.verbose || group.length >= chunkSize)
    ) {
      await dispatch();
    }
    group.push({ index, item: prepared });
  }
  await dispatch();
  await Promise.all(inFlight);
  return results;
}

function outcome(item: PreparedItem, read: () => unknown): BatchResult {
  try {
    return { ok: true, url: item.url, data: read() };
  } catch (error) {
    return { ok: false, url: item.url, error: asFortixError(error) };
  }
}

function asFortixError(error: unknown): FortixError {
  if (error instanceof FortixError) return error;
  return new FortixError(error instanceof Error ? error.message : String(error), { cause: error });
}
