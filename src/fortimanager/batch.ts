import type { FortixError } from '../core/errors.js';
import type { GetQuery } from './call-options.js';
import type { SortingsFor } from './catalog/types.js';
import type { ParamValue, WriteMethod } from './types.js';
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
