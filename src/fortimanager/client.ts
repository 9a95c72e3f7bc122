import type { CallOptions as CoreCallOptions } from '../core/client-options.js';
import { TransportError, ValidationError } from '../core/errors.js';
import { isRecord } from '../core/guards.js';
import { createRuntime, type Runtime } from '../core/runtime.js';
import { checkSignal, deadline } from '../core/timeouts.js';
import { createRpcAuth } from './auth/create.js';
import { type FortiManagerIdentity, type LoginSubject, readIdentity } from './auth/identity.js';
import type { BatchItem, BatchItemResult, BatchOptions, BatchReply, CheckedBatchItems } from './batch.js';
import { runBatch } from './batch-run.js';
import type { CallOptions, IterateOptions } from './call-options.js';
import type { FortiManagerCalls } from './calls.js';
import { booleanOf, callLimits, integerOf, optionsObject } from './checks.js';
import type { FortiManagerOptions } from './client-options.js';
import type { UrlDescription } from './describe.js';
import { RpcEngine } from './engine.js';
import {
  type InstallDeviceOptions,
  type InstallPackageOptions,
  type InstallResult,
  installDevice,
  installPackage,
} from './install.js';
import { tablePages, tableRows } from './iterate.js';
import { BATCH_ITEM_KEYS, type CallControls, callControls, isData, toWireParams } from './options.js';
import { type ProxyRequest, type ProxyTargetResult, proxy } from './proxy.js';
import { onlyData, type Repeatable, repeatable, repeated } from './repeat.js';
import { checkWire, paramsText, RpcWire, settle } from './rpc.js';
import { Coalescer } from './scheduler.js';
import { lendRpc } from './shared-rpc.js';
import { Tasks } from './tasks.js';
import { CallTracker, tracked } from './tracker.js';
import {
  type FmgRecord,
  type PreparedCall,
  RPC_METHODS,
  type RpcMethod,
  type RpcResultItem,
  type WireParams,
} from './types.js';
import type {
  CatalogUrl,
  DataArg,
  FieldList,
  GetItem,
  GetOption,
  GetOptionsOf,
  GetReply,
  IterateOptionsOf,
  OptionsArg,
  WriteOptionsOf,
  WriteReply,
} from './typing.js';
import { escapeName } from './url-escape.js';
import { fillUrl } from './url-template.js';
import { CatalogValidator, type ParamsValidator, shapeValidator } from './validate.js';
import { Workspace } from './workspace.js';

export type { FortiManagerCloudOptions, FortiManagerOptions } from './client-options.js';

/** A raw JSON-RPC request for `fmg.raw`. */
export interface RawRequest {
  method: string;
  params: ReadonlyArray<WireParams>;
  verbose?: boolean;
}

/** A raw reply: the request id and every result entry, with its status (nothing is thrown for codes). */
export interface RawReply {
  id: number;
  result: RpcResultItem[];
}

const LABEL = 'FortiManager';
const METHODS: ReadonlySet<unknown> = new Set(RPC_METHODS);

/**
 * FortiManager (and FortiAnalyzer) JSON-RPC client.
 *
 * @example
 * await using fmg = new FortiManager({ url: 'https://fmg.example.com', username: 'api', password, adom: 'root' });
 * const hosts = await fmg.get('/pm/config/adom/{adom}/obj/firewall/address', {
 *   fields: ['name', 'subnet'],
 *   filter: f.like('name', 'host_%'),
 * });
 * await fmg.workspace.withLock('root', () =>
 *   fmg.add('/pm/config/adom/{adom}/obj/firewall/address', { data: { name: 'h1', subnet: '10.0.0.1/32' } }),
 * );
 */
export class FortiManager implements AsyncDisposable {
  /** Workspace mode: lock, commit, unlock, lockinfo, `withLock`. */
  readonly workspace: Workspace;
  /** Task monitoring: `wait`, `watch`, `get`. */
  readonly tasks: Tasks;
  readonly #adom: string | undefined;
  readonly #runtime: Runtime;
  readonly #engine: RpcEngine;
  readonly #who: LoginSubject;
  readonly #calls: FortiManagerCalls;
  readonly #tracker = new CallTracker();
  readonly #coalescer: Coalescer | undefined;
  readonly #verbose: boolean;
  readonly #validate: ParamsValidator | undefined;
  /** `validate: true`: the catalog checks of `data` (facts loaded on the first write). */
  readonly #catalog: CatalogValidator | undefined;
  /** Whether a call may be prepared from the one before it (see repeat.ts): no validator must see it. */
  readonly #repeats: boolean;
  /** The last call prepared in full, when the next may repeat it. */
  #before: Repeatable | undefined;

  constructor(options: FortiManagerOptions) {
    if (!isRecord(options)) throw new ValidationError('FortiManager needs options ({ url, ... })', 'options');
    if (options.adom !== undefined) {
      if (typeof options.adom !== 'string')
        throw new ValidationError('adom must be a non-empty string', 'adom');
      escapeName(options.adom, 'adom');
    }
    const validate: unknown = options.validate;
    if (validate !== undefined && typeof validate !== 'boolean' && typeof validate !== 'function') {
      throw new ValidationError('validate must be true, false or a validator function', 'validate');
    }
    this.#adom = options.adom;
    this.#verbose = booleanOf(options.verbose, 'verbose') ?? true;
    this.#validate = options.validate === true ? shapeValidator : options.validate || undefined;
    const connections = integerOf(options.connections, 'connections', 1) ?? 8;
    const runtime = createRuntime(options, {
      product: 'fortimanager',
      secrets: [options.password, options.apiKey, options.cloud?.password],
    });
    this.#runtime = runtime;
    try {
      const wire = new RpcWire({ runtime, slots: connections, label: LABEL });
      const { auth, cloud, mode } = createRpcAuth(options, runtime, wire);
      this.#who = {
        auth: mode,
        get user() {
          return auth.user;
        },
      };
      // Cleanups run in reverse: queued calls go out, locks are released, calls in flight finish,
      // then the session is logged out, the FortiCloud client closed, and the sockets last.
      if (cloud) runtime.onClose(() => cloud.close());
      runtime.onClose(() => auth.close());
      const engine = new RpcEngine(wire, auth, LABEL);
      runtime.onClose(() => engine.drain());
      this.#engine = engine;
      lendRpc(this, { engine, runtime, adom: this.adom, who: this.#who });
      this.#coalescer = options.batch
        ? new Coalescer(
            (method, verbose, params, text) => engine.send(method, params, { verbose, paramsText: text }),
            options.batch,
            () => engine.openEarly(),
          )
        : undefined;
      this.#catalog =
        validate === true
          ? new CatalogValidator(async (signal) => {
              const [status] = (await engine.send('get', [{ url: '/sys/status' }], { verbose: true, signal }))
                .items;
              return status?.status.code === 0 ? status.data : undefined;
            }, runtime.log)
          : undefined;
      this.#repeats = this.#validate === undefined && this.#catalog === undefined;
      this.#calls = {
        adom: this.adom,
        get user() {
          return auth.user;
        },
        get: (url, callOptions) => this.#call('get', url, callOptions),
        exec: (url, callOptions) => this.#call('exec', url, callOptions),
        track: (call) => this.#tracker.track(call),
      };
      this.workspace = new Workspace(this.#calls, runtime.clock, runtime.log);
      this.tasks = new Tasks(this.#calls, runtime.clock, runtime.log);
      runtime.onClose(() => this.workspace.releaseAll());
      if (this.#coalescer) {
        const coalescer = this.#coalescer;
        runtime.onClose(() => coalescer.flush());
      }
    } catch (error) {
      void runtime.close();
      throw error;
    }
  }

  /** Default ADOM for `{adom}` (fixed for the client's life). */
  get adom(): string | undefined {
    return this.#adom;
  }

  /**
   * Reads an object or a table. On a catalogued URL template the reply is typed (an array on
   * collection URLs, one row on item and singleton URLs) and narrowed to the chosen `fields`.
   *
   * @example
   * const devices = await fmg.get('/dvmdb/device', { fields: ['name'], subFetch: { vdom: { hidden: true } } });
   * const host = await fmg.get('/pm/config/adom/{adom}/obj/firewall/address/{address}', {
   *   params: { address: 'h1' },
   *   fields: ['name', 'subnet'],
   * }); // { name?: string; subnet?: [ip: string, mask: string]; oid?: number }
   */
  get<
    const U extends string,
    const F extends FieldList<U> = undefined,
    const Q = undefined,
    const O extends GetOption | undefined = undefined,
  >(url: U, ...[options]: OptionsArg<GetOptionsOf<U, F, Q, O>>): Promise<GetReply<U, F, O>> {
    return this.#call<GetReply<U, F, O>>('get', url, options, this.#tracker);
  }

  /**
   * Creates an object; fails with `ObjectExistsError` (-2) if it exists. Never resent automatically.
   * Resolves to the new row's key (`{ name }`, `{ policyid }`), as FortiManager answers it.
   */
  add<const U extends string, const D extends DataArg<U, 'add'>>(
    url: U,
    options: WriteOptionsOf<U, 'add', D>,
  ): Promise<WriteReply<U, 'add', D>> {
    return this.#call<WriteReply<U, 'add', D>>('add', url, options, this.#tracker);
  }

  /** Creates or overwrites an object. */
  set<const U extends string, const D extends DataArg<U, 'set'>>(
    url: U,
    options: WriteOptionsOf<U, 'set', D>,
  ): Promise<WriteReply<U, 'set', D>> {
    return this.#call<WriteReply<U, 'set', D>>('set', url, options, this.#tracker);
  }

  /** Changes the given attributes of an existing object (child tables are kept). */
  update<const U extends string, const D extends DataArg<U, 'update'>>(
    url: U,
    options: WriteOptionsOf<U, 'update', D>,
  ): Promise<WriteReply<U, 'update', D>> {
    return this.#call<WriteReply<U, 'update', D>>('update', url, options, this.#tracker);
  }

  /** Like update, but child tables not in `data` are cleared. */
  replace<const U extends string, const D extends DataArg<U, 'replace'>>(
    url: U,
    options: WriteOptionsOf<U, 'replace', D>,
  ): Promise<WriteReply<U, 'replace', D>> {
    return this.#call<WriteReply<U, 'replace', D>>('replace', url, options, this.#tracker);
  }

  /** Deletes an object (or, with `filter`/`data`, several rows of a table). */
  delete<const U extends string, const D extends DataArg<U, 'delete'> = undefined>(
    url: U,
    ...[options]: OptionsArg<WriteOptionsOf<U, 'delete', D>>
  ): Promise<WriteReply<U, 'delete', D>> {
    return this.#call<WriteReply<U, 'delete', D>>('delete', url, options, this.#tracker);
  }

  /** Copies the object at `url` under the new key given in `data`. */
  clone<const U extends string, const D extends DataArg<U, 'clone'>>(
    url: U,
    options: WriteOptionsOf<U, 'clone', D>,
  ): Promise<WriteReply<U, 'clone', D>> {
    return this.#call<WriteReply<U, 'clone', D>>('clone', url, options, this.#tracker);
  }

  /** Moves the object at `url` before or after `target` (e.g. a firewall policy). */
  move<const U extends string>(url: U, options: WriteOptionsOf<U, 'move'>): Promise<WriteReply<U, 'move'>> {
    return this.#call<WriteReply<U, 'move'>>('move', url, options, this.#tracker);
  }

  /** Runs an operation (install, lock, ...). Never resent automatically. */
  exec<const U extends string, const D extends DataArg<U, 'exec'> = undefined>(
    url: U,
    ...[options]: OptionsArg<WriteOptionsOf<U, 'exec', D>>
  ): Promise<WriteReply<U, 'exec', D>> {
    return this.#call<WriteReply<U, 'exec', D>>('exec', url, options, this.#tracker);
  }

  /** Unsets attributes of the object at `url` (back to their defaults). */
  unset<const U extends string, const D extends DataArg<U, 'unset'> = undefined>(
    url: U,
    ...[options]: OptionsArg<WriteOptionsOf<U, 'unset', D>>
  ): Promise<WriteReply<U, 'unset', D>> {
    return this.#call<WriteReply<U, 'unset', D>>('unset', url, options, this.#tracker);
  }

  /**
   * Sends many calls multiplexed in few requests and returns one result per item, in order:
   * `{ ok: true, data }` or `{ ok: false, error }`; one failure does not affect the others.
   *
   * @example
   * const results = await fmg.batch(names.map((name) => ({ method: 'add', url, data: { name, subnet } })));
   * const failed = results.filter((r) => !r.ok);
   */
  batch<const T extends readonly BatchItem[]>(
    items: CheckedBatchItems<T>,
    options: BatchOptions = {},
  ): Promise<{ -readonly [K in keyof T]: BatchItemResult<BatchReply<T[K]>> }> {
    return this.#tracker.track(this.#batch(items, options)) as Promise<{
      -readonly [K in keyof T]: BatchItemResult<BatchReply<T[K]>>;
    }>;
  }

  /**
   * Iterates over a big table row by row, fetching it page by page (`range`) and holding at most one
   * page in memory.
   *
   * @example
   * for await (const address of fmg.iterate('/pm/config/adom/{adom}/obj/firewall/address', { pageSize: 500 })) { ... }
   */
  iterate<const U extends string, const F extends FieldList<U> = undefined, const Q = undefined>(
    url: U,
    ...[options]: OptionsArg<IterateOptionsOf<U, F, Q>>
  ): AsyncGenerator<GetItem<U, F>> {
    return tableRows(this.#pages(url, options)) as AsyncGenerator<GetItem<U, F>>;
  }

  /**
   * Like `iterate`, but yields whole pages (arrays of rows, `pageSize` each but the last).
   *
   * @example
   * for await (const page of fmg.pages('/pm/config/adom/{adom}/obj/firewall/address', { pageSize: 500 })) bulkInsert(page);
   */
  pages<const U extends string, const F extends FieldList<U> = undefined, const Q = undefined>(
    url: U,
    ...[options]: OptionsArg<IterateOptionsOf<U, F, Q>>
  ): AsyncGenerator<GetItem<U, F>[]> {
    return this.#pages(url, options) as AsyncGenerator<GetItem<U, F>[]>;
  }

  /** Installs pending device settings (`/securityconsole/install/device`) and, by default, waits for the task. */
  installDevice(options: InstallDeviceOptions): Promise<InstallResult> {
    return this.#tracker.track(this.#later(() => installDevice(this.#calls, this.tasks, options)));
  }

  /** Installs a policy package (`/securityconsole/install/package`), optionally as a preview, and waits for the task. */
  installPackage(options: InstallPackageOptions): Promise<InstallResult> {
    return this.#tracker.track(this.#later(() => installPackage(this.#calls, this.tasks, options)));
  }

  /** Calls the FortiOS REST API of managed devices through `sys/proxy/json`; one result per target. */
  proxy(request: ProxyRequest, options?: CallOptions): Promise<ProxyTargetResult[]> {
    return this.#tracker.track(this.#later(() => proxy(this.#calls, request, options)));
  }

  /**
   * The catalog's facts about a URL (template or literal): kind, key, methods, URL params, and every
   * field with its type, choices, FortiManager versions and whether it is sensitive. Undefined for a
   * URL the catalog does not know. Reads the facts on the first call; sends nothing.
   *
   * A catalogued template (`CatalogUrl`) is always described, so its description is not optional.
   *
   * @example
   * const d = await fmg.describe('/pm/config/adom/{adom}/obj/firewall/address');
   * d.fields.find((f) => f.name === 'allow-routing'); // { type: 'str', choices: ['disable', 'enable'], ... }
   */
  describe(url: CatalogUrl): Promise<UrlDescription>;
  describe(url: string): Promise<UrlDescription | undefined>;
  async describe(url: string): Promise<UrlDescription | undefined> {
    if (typeof url !== 'string' || url === '') throw new ValidationError('describe needs a URL', 'url');
    const { describeUrl } = await import('./describe.js');
    return describeUrl(url);
  }

  /**
   * Sends any JSON-RPC request on the client's session and returns every result entry as it came
   * (status codes are not turned into errors).
   *
   * @example
   * const { result } = await fmg.raw({ method: 'get', params: [{ url: '/sys/status' }] });
   */
  raw(request: RawRequest, options: { signal?: AbortSignal; timeoutMs?: number } = {}): Promise<RawReply> {
    return this.#tracker.track(this.#raw(request, options));
  }

  /**
   * Checks the credentials now instead of on the first call, and answers who the calls run as: a
   * password or Cloud login opens the session (a second `login()` reuses it), an API key is tried;
   * then one multiplexed read of `/sys/status`, `/dvmdb/adom` and the admin's own entry. Refused
   * credentials are an `AuthError` at once (no retry), with no secret in it.
   *
   * @example
   * const me = await fmg.login();
   * console.log(me.user, me.profile, me.adoms, me.system.version); // admin Super_User [ 'root', … ] v7.4.7-…
   */
  login(options: CoreCallOptions = {}): Promise<FortiManagerIdentity> {
    return this.#tracker.track(this.#later(() => this.#login(options)));
  }

  /**
   * Releases workspace locks still held, waits for calls in flight, logs out and closes the sockets.
   * Calls still pending never become unhandled rejections (their callers still get the error).
   */
  close(): Promise<void> {
    this.#tracker.quiet();
    this.#coalescer?.quiet();
    return this.#runtime.close();
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  #login(options: unknown): Promise<FortiManagerIdentity> {
    const { signal, timeoutMs } = callLimits(options, 'login options');
    return readIdentity(
      (params) => this.#engine.send('get', params, { verbose: true, signal, timeoutMs }),
      this.#who,
      LABEL,
    );
  }

  /** Runs `work` a microtask later, so that its synchronous throws are a rejection. */
  async #later<T>(work: () => Promise<T>): Promise<T> {
    return work();
  }

  #pages(url: string, options: unknown): AsyncGenerator<FmgRecord[]> {
    const o = optionsObject(options, 'iterate options') ?? {};
    const { pageSize, start, signal, ...query } = o as Record<string, unknown> & IterateOptions & CallOptions;
    if ('range' in query)
      throw new ValidationError('iterate sets range itself; use start and pageSize', 'range');
    return tablePages(
      (range, pageSignal) => this.#call<unknown>('get', url, { ...query, range, signal: pageSignal }),
      url,
      { pageSize, start },
      checkSignal(signal),
    );
  }

  async #batch(items: unknown, options: unknown): Promise<BatchItemResult[]> {
    if (!Array.isArray(items)) throw new ValidationError('batch needs a list of items', 'items');
    const o = optionsObject(options, 'batch options') ?? {};
    const { signal, timeoutMs } = callLimits(o, 'batch options');
    const chunkSize = integerOf(o.chunkSize, 'chunkSize', 1) ?? 500;
    const concurrency = integerOf(o.concurrency, 'concurrency', 1) ?? 1;
    const catalog = this.#catalog;
    if (
      catalog !== undefined &&
      items.some((item) => isRecord(item) && catalog.checks(item.method as RpcMethod))
    )
      await catalog.load(signal);
    return runBatch(items, {
      prepare: this.#prepareItem.bind(this),
      send: (method, params, verbose, text, received) =>
        this.#engine.send(method, params, { verbose, signal, timeoutMs, paramsText: text, received }),
      chunkSize,
      concurrency,
      // The first item that can be sent starts the login, which overlaps preparing the first
      // chunk (nothing is sent for a batch of bad items).
      first: (first) => {
        checkWire(first.wire);
        return this.#engine.openEarly();
      },
      repeats: this.#repeats,
    });
  }

  async #raw(request: unknown, options: unknown): Promise<RawReply> {
    const { signal, timeoutMs } = callLimits(options, 'raw options');
    if (!isRecord(request)) throw new ValidationError('raw needs a request { method, params }', 'request');
    if (typeof request.method !== 'string' || request.method === '') {
      throw new ValidationError('raw: method must be a non-empty string', 'method');
    }
    const { params } = request;
    if (
      !Array.isArray(params) ||
      params.length === 0 ||
      !params.every((p) => isRecord(p) && typeof p.url === 'string')
    ) {
      throw new ValidationError('raw: params must be a non-empty list of objects with a url', 'params');
    }
    const wires = params as WireParams[];
    const reply = await this.#engine.send(request.method, wires, {
      verbose: booleanOf(request.verbose, 'verbose') ?? this.#verbose,
      signal,
      timeoutMs,
      paramsText: paramsText(wires, true),
    });
    return { id: reply.id, result: reply.items };
  }

  #prepareItem(item: unknown): PreparedCall {
    if (!isRecord(item)) throw new ValidationError('A batch item must be { method, url, ... }', 'item');
    const { method } = item;
    if (!METHODS.has(method)) {
      throw new ValidationError(`A batch item's method must be one of ${[...METHODS].join(', ')}`, 'method');
    }
    return this.#prepare(method as RpcMethod, item.url, item, callControls(item), BATCH_ITEM_KEYS);
  }

  #prepare(
    method: RpcMethod,
    url: unknown,
    options: Readonly<Record<string, unknown>> | undefined,
    controls: CallControls,
    steering?: ReadonlySet<string>,
  ): PreparedCall {
    if (typeof url !== 'string' || url === '')
      throw new ValidationError(`${method}: url must be a non-empty string`, 'url');
    const filled = fillUrl(url, controls.params, this.#adom);
    const wire = toWireParams(method, filled, options, steering);
    this.#validate?.({ method, template: url, params: wire });
    this.#catalog?.check(method, filled, wire);
    return {
      method,
      url: filled,
      verbose: controls.verbose ?? this.#verbose,
      wire,
      okCodes: controls.okCodes,
    };
  }

  /**
   * One call; a bad option is a rejection, never a synchronous throw. `tracker`: the one of the public
   * calls (see CallTracker), which a coalesced call does not need: its waiter is watched by the
   * coalescer, which close() quiets as well (one promise per call, not two).
   */
  #call<T>(method: RpcMethod, url: string, options: unknown, tracker?: CallTracker): Promise<T> {
    try {
      const before = this.#before;
      // A call that repeats the one before it (see repeat.ts): nothing to check but its data.
      if (
        before !== undefined &&
        method === before.method &&
        url === before.template &&
        onlyData(options, false)
      ) {
        const { data } = options as { data?: unknown };
        // Anything else fails the full way.
        if (isData(data)) return this.#dispatch<T>(repeated(before, data), undefined, undefined, tracker);
      }
      const opts = optionsObject(options, `${method} options`);
      const controls = callControls(opts);
      const catalog = this.#catalog;
      if (catalog?.checks(method)) {
        return tracked(
          tracker,
          catalog.load(controls.signal).then(() => this.#send<T>(method, url, opts, controls)),
        );
      }
      return this.#send<T>(method, url, opts, controls, tracker);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** Prepares the call (throwing if it is invalid) and sends it alone or coalesced. */
  #send<T>(
    method: RpcMethod,
    url: string,
    opts: Readonly<Record<string, unknown>> | undefined,
    controls: CallControls,
    tracker?: CallTracker,
  ): Promise<T> {
    const call = this.#prepare(method, url, opts, controls);
    // A call with nothing but its data: the next like it is prepared from this one (see repeat.ts).
    if (this.#repeats)
      this.#before =
        call.wire.data !== undefined && onlyData(opts, false) ? repeatable(url, call) : undefined;
    return this.#dispatch<T>(call, controls.signal, controls.timeoutMs, tracker);
  }

  /** Sends a prepared call alone or coalesced. */
  #dispatch<T>(
    call: PreparedCall,
    signal: AbortSignal | undefined,
    timeoutMs: number | undefined,
    tracker: CallTracker | undefined,
  ): Promise<T> {
    const coalescer = this.#coalescer;
    if (!coalescer) {
      const params = [call.wire];
      const text = paramsText(params);
      return tracked(
        tracker,
        this.#engine
          .send(call.method, params, { verbose: call.verbose, signal, timeoutMs, paramsText: text })
          .then((reply) => settle(reply.items[0]!, call, reply.id) as T),
      );
    }
    if (signal === undefined && timeoutMs === undefined)
      return coalescer.enqueue(call.method, call.verbose, call.wire, call.okCodes) as Promise<T>;
    return tracked(tracker, this.#coalescedWithLimits(coalescer, call, signal, timeoutMs) as Promise<T>);
  }

  async #coalescedWithLimits(
    coalescer: Coalescer,
    call: PreparedCall,
    signal: AbortSignal | undefined,
    timeoutMs: number | undefined,
  ): Promise<unknown> {
    const limit = deadline(signal, timeoutMs);
    try {
      return await coalescer.enqueue(call.method, call.verbose, call.wire, call.okCodes, limit.signal);
    } catch (error) {
      if (limit.timedOut()) {
        throw new TransportError(
          `${LABEL} ${call.method} ${call.url} timed out after ${timeoutMs} ms`,
          'timeout',
          {
            cause: error,
            requestSent: !(error instanceof TransportError) || error.requestSent,
          },
        );
      }
      throw error;
    } finally {
      limit.clear();
    }
  }
}
