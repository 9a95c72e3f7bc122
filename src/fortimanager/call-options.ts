/** The options of FortiManager calls (types only). */
import type { CallOptions as CoreCallOptions } from '../core/client-options.js';
import type { Filter } from './filter.js';

/** Options every call takes: `signal` and `timeoutMs` (as in every fortix client), plus FortiManager's own. */
export interface CallOptions extends CoreCallOptions {
  /** Status codes to treat as success, e.g. `[-2]` to accept "already exists". */
  okCodes?: readonly number[];
  /** Symbolic values (`"type": "ipmask"`) instead of numbers; default: the client's `verbose`. */
  verbose?: boolean;
  /** Any other wire keys, sent in the params entry as they are (e.g. `{ 'object template': 1 }`). */
  extraParams?: Readonly<Record<string, unknown>>;
}

/** A device (`{ name, vdom }`) or a device group (`{ name }`, or `{ name, 'is group': true }`). */
export interface ScopeMember {
  name: string;
  vdom?: string;
  'is group'?: boolean;
}

/** Per-sub-table options of `subFetch` (camelCase or FortiManager's own keys). */
export interface SubFetchSpec {
  fields?: readonly string[];
  filter?: Filter;
  /** Leave this sub-table out of the reply (`"subfetch hidden": 1`). */
  hidden?: boolean;
  'subfetch hidden'?: boolean | 0 | 1;
  scopeMember?: readonly ScopeMember[];
  'scope member'?: readonly ScopeMember[];
  subFetch?: SubFetch;
  'sub fetch'?: SubFetch;
  [wireKey: string]: unknown;
}

/** `{ subTable: spec }`, or `true`/`1` to fetch every sub-table. */
export type SubFetch = Readonly<Record<string, SubFetchSpec | unknown>> | boolean | 0 | 1;

/** One entry of `expand datasrc`: `{ name: 'wtp-profile', datasrc: [{ 'obj type': ..., ... }] }`. */
export type ExpandDatasrc = Readonly<Record<string, unknown>>;

/** What a `get` can ask for. Each option with a space in its wire name has a camelCase twin. */
export interface GetQuery<F> {
  /** Attributes to return (the key and `oid` always come back). */
  fields?: F;
  /** A filter: use the `f` builder or the raw nested array form. */
  filter?: Filter;
  /** `[offset, count]`: a page of the table. */
  range?: readonly [offset: number, count: number];
  /** `[{ name: 1 }]` ascending, `[{ name: -1 }]` descending. */
  sortings?: readonly Readonly<Record<string, 1 | -1>>[];
  /** `false`/`0` leaves every sub-table out. */
  loadsub?: boolean | 0 | 1;
  /** E.g. `'count'`, `'object member'`, `'datasrc'`, `['get flags', 'extra info']`. */
  option?: string | readonly string[];
  metaFields?: readonly string[];
  'meta fields'?: readonly string[];
  subFetch?: SubFetch;
  'sub fetch'?: SubFetch;
  /** Only return entries whose sub-fetched tables are not empty. */
  subfetchFilter?: boolean;
  'subfetch filter'?: boolean | 0 | 1;
  expandDatasrc?: readonly ExpandDatasrc[];
  'expand datasrc'?: readonly ExpandDatasrc[];
  scopeMember?: readonly ScopeMember[];
  'scope member'?: readonly ScopeMember[];
}

/** Paging of `iterate` and `pages`. */
export interface IterateOptions {
  /** Rows per request (default 1000). Memory holds at most one page. */
  pageSize?: number;
  /** Row to start at (default 0). */
  start?: number;
}
