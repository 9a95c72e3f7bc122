/**
 * The entry shapes of the generated `FmgCatalog` map (types only). Each URL template maps to one
 * of these, instantiated with the object's types, so the generated map stays one short line per URL.
 */
import type { FmgMethod, ReplyShape } from './rules.js';
import type { FmgObjectKind } from './schema.js';

/** Rows of URLs whose attributes the facts do not list. */
export type FmgLooseObject = Record<string, unknown>;

/**
 * What a write answers in `data`: the key of the row written (`'key'`: `{ name: 'h1' }`,
 * `{ policyid: 7 }`), nothing (`'none'`), or the data it was given (`'data'`).
 */
export type WriteAnswer = 'key' | 'none' | 'data';

/** The `data` of an `exec` that starts a task (`/securityconsole/install/package`, ...). */
export interface TaskAnswer {
  task: number;
}

/**
 * The `data` of a `/dvm/cmd/...` exec: the task id with `flags: ['create_task']` (and the process id
 * with `'nonblocking'`); nothing without them.
 */
export type DvmTaskAnswer = { taskid: number; pid?: number } | undefined;

/** One target's answer of `/sys/proxy/json` (nothing with `flags: ['create_task']`). */
export interface ProxyAnswer {
  /** The FortiOS REST reply, as the device answered it. */
  response: unknown;
  status: { code: number; message: string };
  target: string;
}

/** What every catalog entry says about its URL template. */
export interface CatalogEntry {
  readonly kind: FmgObjectKind;
  /** True for keyed item URLs (`.../address/{address}`). */
  readonly item: boolean;
  /** A row as FortiManager returns it (every attribute optional). */
  readonly object: object;
  /** A row as FortiManager accepts it in `data` (differs from `object` only where overrides say so). */
  readonly input: object;
  /** Primary-key attribute, `never` when the facts name none. */
  readonly mkey: string;
  /** Attributes `add`/`set` on a collection URL (and `clone`) must carry. */
  readonly required: string;
  /** Placeholder names of the template, in wire spelling. */
  readonly params: string;
  readonly methods: FmgMethod;
  /** `get` answers with a list of rows, one row, or the facts do not say. */
  readonly reply: ReplyShape;
  /** Request key that carries the attributes. */
  readonly body: 'data' | 'workflow';
  /** What writes answer (tables, singletons, members). */
  readonly answer: WriteAnswer;
  /** What `exec` answers in `data` (`unknown` where no recorded reply says). */
  readonly execAnswer: unknown;
  /** True for catalogued URLs; false for the loose entry of any other URL. */
  readonly known: boolean;
}

type TableCollectionMethods = 'get' | 'add' | 'set' | 'update' | 'replace' | 'delete';
type TableItemMethods = 'get' | 'set' | 'update' | 'replace' | 'delete';

/**
 * Collection URL of a keyed table: `/pm/config/adom/{adom}/obj/firewall/address`. `A`: what writes
 * answer (the row's key, except for the few tables that answer nothing).
 */
export interface Table<
  O extends object,
  P extends string,
  K extends string,
  R extends string,
  I extends object = O,
  A extends WriteAnswer = 'key',
> extends CatalogEntry {
  readonly kind: 'table';
  readonly item: false;
  readonly object: O;
  readonly input: I;
  readonly mkey: K;
  readonly required: R;
  readonly params: P;
  readonly methods: TableCollectionMethods;
  readonly reply: 'list';
  readonly body: 'data';
  readonly answer: A;
  readonly execAnswer: never;
  readonly known: true;
}

/** Item URL of a keyed table (`X`: `clone`/`move` where the table supports them). */
export interface TableItem<
  O extends object,
  P extends string,
  K extends string,
  R extends string,
  X extends 'clone' | 'move' = never,
  I extends object = O,
  A extends WriteAnswer = 'key',
> extends CatalogEntry {
  readonly kind: 'table';
  readonly item: true;
  readonly object: O;
  readonly input: I;
  readonly mkey: K;
  readonly required: R;
  readonly params: P;
  readonly methods: TableItemMethods | X;
  readonly reply: 'one';
  readonly body: 'data';
  readonly answer: A;
  readonly execAnswer: never;
  readonly known: true;
}

/**
 * A singleton (`get`/`set`/`update`/`replace`): `/pm/config/adom/{adom}/obj/system/settings`-like.
 * Writes answer nothing, or (`A`: `'data'`) the data they were given.
 */
export interface Singleton<
  O extends object,
  P extends string,
  I extends object = O,
  A extends WriteAnswer = 'none',
> extends CatalogEntry {
  readonly kind: 'object';
  readonly item: false;
  readonly object: O;
  readonly input: I;
  readonly mkey: never;
  readonly required: never;
  readonly params: P;
  readonly methods: 'get' | 'set' | 'update' | 'replace';
  readonly reply: 'one';
  readonly body: 'data';
  readonly answer: A;
  readonly execAnswer: never;
  readonly known: true;
}

/** A member list on a parent (`.../scope member`, `.../object member`, `.../section value`); edits answer nothing. */
export interface Member<O extends object, P extends string> extends CatalogEntry {
  readonly kind: 'member';
  readonly item: false;
  readonly object: O;
  readonly input: O;
  readonly mkey: never;
  readonly required: never;
  readonly params: P;
  readonly methods: 'get' | 'add' | 'set' | 'delete';
  readonly reply: 'list';
  readonly body: 'data';
  readonly answer: 'none';
  readonly execAnswer: never;
  readonly known: true;
}

/** An `exec` endpoint; `B` is the request key that carries the attributes, `T` what it answers in `data`. */
export interface Exec<O extends object, P extends string, B extends 'data' | 'workflow' = 'data', T = unknown>
  extends CatalogEntry {
  readonly kind: 'exec';
  readonly item: false;
  readonly object: O;
  readonly input: O;
  readonly mkey: never;
  readonly required: never;
  readonly params: P;
  readonly methods: 'exec';
  readonly reply: 'unknown';
  readonly body: B;
  readonly answer: 'none';
  readonly execAnswer: T;
  readonly known: true;
}

/** A read-only selector: collection (`S`: `'list'`), single row (`'one'`) or not known (`'unknown'`). */
export interface Get<O extends object, P extends string, S extends ReplyShape> extends CatalogEntry {
  readonly kind: 'get';
  readonly item: false;
  readonly object: O;
  readonly input: O;
  readonly mkey: never;
  readonly required: never;
  readonly params: P;
  readonly methods: 'get';
  readonly reply: S;
  readonly body: 'data';
  readonly answer: 'none';
  readonly execAnswer: never;
  readonly known: true;
}

/** Item URL of a read-only keyed selector. */
export interface GetItem<O extends object, P extends string, K extends string> extends CatalogEntry {
  readonly kind: 'get';
  readonly item: true;
  readonly object: O;
  readonly input: O;
  readonly mkey: K;
  readonly required: never;
  readonly params: P;
  readonly methods: 'get';
  readonly reply: 'one';
  readonly body: 'data';
  readonly answer: 'none';
  readonly execAnswer: never;
  readonly known: true;
}
