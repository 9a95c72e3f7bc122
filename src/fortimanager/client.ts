import { systemClock } from '../core/clock.js';
import { TransportError, ValidationError } from '../core/errors.js';
import { Redactor, SafeLog } from '../core/logging.js';
import { deadline } from '../core/timeouts.js';
import { HttpTransport } from '../core/transport.js';
import type { FortiCloudAuth } from '../forticloud/index.js';
import {
  type BatchItem,
  type BatchOptions,
  type BatchReply,
  type BatchResult,
  type CheckedBatchItems,
  type PreparedItem,
  runBatch,
} from './batch.js';
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
import { type IterateOptions, iterateTable } from './iterate.js';
import { type CallOptions, isRecord, toWireParams, type WireParams } from './options.js';
import { type ProxyRequest, type ProxyTargetResult, proxy } from './proxy.js';
import { type RpcResultItem, RpcWire, settle } from './rpc.js';
import { Coalescer } from './scheduler.js';
import type { Auth } from './session/auth.js';
import { createAuth } from './session/create.js';
import { Tasks } from './tasks.js';
import type {
  FieldList,
  GetItem,
  GetOptionsOf,
  GetReply,
  IterateOptionsOf,
  OptionsArg,
  RpcMethod,
  WriteOptionsOf,
  WriteReply,
} from './typing.js';
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
  /** Default ADOM for `{adom}`. */
  readonly adom: string | undefined;
  readonly #transport: HttpTransport;
  readonly #engine: RpcEngine;
  readonly #auth: Auth;
  readonly #cloud: FortiCloudAuth | undefined;
  readonly #coalescer: Coalescer | undefined;
  readonly #verbose: boolean;
  readonly #validate: ParamsValidator | undefined;
  /** `validate: true`: the catalog checks of `data` (facts loaded on the first write). */
  readonly #catalog: CatalogValidator | undefined;
  readonly #log: SafeLog;
  #closing: Promise<void> | undefined;

  constructor(options: FortiManagerOptions) {
    if (options.adom !== undefined && (typeof options.adom !== 'string' || options.adom === '')) {
      throw new ValidationError('adom must be a non-empty string', 'adom');
    }
    this.adom = options.adom;
    this.#verbose = options.verbose ?? true;
    this.#validate = options.validate === true ? shapeValidator : options.validate || undefined;
    const redactor = new Redactor();
    redactor.addSecret(options.password);
    redactor.addSecret(options.apiKey);
    redactor.addSecret(options.cloud?.password);
    this.#log = new SafeLog(options.logger, redactor);
    const clock = options.clock ?? systemClock;
    this.#transport = new HttpTransport({
      baseUrl: options.url,
      tls: options.tls,
      timeoutMs: options.timeoutMs,
      connectTimeoutMs: options.connectTimeoutMs,
      connections: options.connections,
      maxBodyBytes: options.maxBodyBytes,
      dispatcher: options.dispatcher,
      log: this.#log,
      redactor,
    });
    let auth: Auth | undefined;
    const wire = new RpcWire({
      transport: this.#transport,
      headers: () => auth?.headers(),
      retry: options.retry ?? {},
      clock,
      log: this.#log,
      redactor,
    });
    let created: ReturnType<typeof createAuth>;
    try {
      created = createAuth(options, { wire, transport: this.#transport, redactor, log: this.#log, clock });
    } catch (error) {
      void this.#transport.close();
      throw error;
    }
    auth = created.auth;
    this.#cloud = created.cloud;
    this.#auth = auth;
    this.#engine = new RpcEngine(wire, auth);
    if (options.batch) {
      const engine = this.#engine;
      this.#coalescer = new Coalescer(
        (method, verbose, params) => engine.send(method, params, { verbose }),
        options.batch,
      );
    }
    if (options.validate === true) {
      const engine = this.#engine;
      this.#catalog = new CatalogValidator(async (signal) => {
        const [status] = (await engine.send('get', [{ url: '/sys/status' }], { verbose: true, signal }))
          .items;
        return status?.status.code === 0 ? status.data : undefined;
      }, this.#log);
    }
    this.workspace = new Workspace(this, auth, clock, this.#log);
    this.tasks = new Tasks(this, clock, this.#log);
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
  get<const U extends string, const F extends FieldList<U> = undefined, const Q = undefined>(
    url: U,
    ...[options]: OptionsArg<GetOptionsOf<U, F, Q>>
  ): Promise<GetReply<U, F>> {
    return this.#call<GetReply<U, F>>('get', url, options);
  }

  /** Creates an object; fails with `ObjectExistsError` (-2) if it exists. Never resent automatically. */
  add<const U extends string>(url: U, options: WriteOptionsOf<U, 'add'>): Promise<WriteReply<U, 'add'>> {
    return this.#call<WriteReply<U, 'add'>>('add', url, options);
  }

  /** Creates or overwrites an object. */
  set<const U extends string>(url: U, options: WriteOptionsOf<U, 'set'>): Promise<WriteReply<U, 'set'>> {
    return this.#call<WriteReply<U, 'set'>>('set', url, options);
  }

  /** Changes the given attributes of an existing object (child tables are kept). */
  update<const U extends string>(
    url: U,
    options: WriteOptionsOf<U, 'update'>,
  ): Promise<WriteReply<U, 'update'>> {
    return this.#call<WriteReply<U, 'update'>>('update', url, options);
  }

  /** Like update, but child tables not in `data` are cleared. */
  replace<const U extends string>(
    url: U,
    options: WriteOptionsOf<U, 'replace'>,
  ): Promise<WriteReply<U, 'replace'>> {
    return this.#call<WriteReply<U, 'replace'>>('replace', url, options);
  }

  /** Deletes an object (or, with `filter`/`data`, several rows of a table). */
  delete<const U extends string>(
    url: U,
    ...[options]: OptionsArg<WriteOptionsOf<U, 'delete'>>
  ): Promise<WriteReply<U, 'delete'>> {
    return this.#call<WriteReply<U, 'delete'>>('delete', url, options);
  }

  /** Copies the object at `url` under the new key given in `data`. */
  clone<const U extends string>(
    url: U,
    options: WriteOptionsOf<U, 'clone'>,
  ): Promise<WriteReply<U, 'clone'>> {
    return this.#call<WriteReply<U, 'clone'>>('clone', url, options);
  }

  /** Moves the object at `url` before or after `target` (e.g. a firewall policy). */
  move<const U extends string>(url: U, options: WriteOptionsOf<U, 'move'>): Promise<WriteReply<U, 'move'>> {
    return this.#call<WriteReply<U, 'move'>>('move', url, options);
  }

  /** Runs an operation (install, lock, ...). Never resent automatically. */
  exec<const U extends string>(
    url: U,
    ...[options]: OptionsArg<WriteOptionsOf<U, 'exec'>>
  ): Promise<WriteReply<U, 'exec'>> {
    return this.#call<WriteReply<U, 'exec'>>('exec', url, options);
  }

  /** Unsets attributes of the object at `url` (back to their defaults). */
  unset<const U extends string>(
    url: U,
    ...[options]: OptionsArg<WriteOptionsOf<U, 'unset'>>
  ): Promise<WriteReply<U, 'unset'>> {
    return this.#call<WriteReply<U, 'unset'>>('unset', url, options);
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
  ): Promise<{ -readonly [K in keyof T]: BatchResult<BatchReply<T[K]>> }> {
    const { signal, timeoutMs } = options;
    const catalog = this.#catalog;
    const ready =
      catalog !== undefined && items.some((item) => catalog.checks(item.method))
        ? catalog.load(signal)
        : Promise.resolve();
    const results = ready.then(() =>
      runBatch(
        items,
        ({ method, url, ...rest }) => this.#prepare(method, url, rest),
        (method, params, verbose) => this.#engine.send(method, params, { verbose, signal, timeoutMs }),
        options.chunkSize ?? 500,
        options.concurrency ?? 1,
      ),
    );
    return results as Promise<{ -readonly [K in keyof T]: BatchResult<BatchReply<T[K]>> }>;
  }

  /**
   * Iterates over a big table page by page (`range`), holding at most one page in memory.
   *
   * @example
   * for await (const address of fmg.iterate('/pm/config/adom/{adom}/obj/firewall/address', { pageSize: 500 })) { ... }
   */
  iterate<const U extends string, const F extends FieldList<U> = undefined, const Q = undefined>(
    url: U,
    ...[options]: OptionsArg<IterateOptionsOf<U, F, Q>>
  ): AsyncGenerator<GetItem<U, F>> {
    const { pageSize, start, signal, ...query } = (options ?? {}) as Record<string, unknown> &
      IterateOptions &
      CallOptions;
    if ('range' in query)
      throw new ValidationError('iterate sets range itself; use start and pageSize', 'range');
    return iterateTable(
      (range, pageSignal) => this.#call<unknown>('get', url, { ...query, range, signal: pageSignal }),
      url,
      { pageSize, start },
      signal,
    ) as AsyncGenerator<GetItem<U, F>>;
  }

  /** Installs pending device settings (`/securityconsole/install/device`) and, by default, waits for the task. */
  installDevice(options: InstallDeviceOptions): Promise<InstallResult> {
    return installDevice(this, options);
  }

  /** Installs a policy package (`/securityconsole/install/package`), optionally as a preview, and waits for the task. */
  installPackage(options: InstallPackageOptions): Promise<InstallResult> {
    return installPackage(this, options);
  }

  /** Calls the FortiOS REST API of managed devices through `sys/proxy/json`; one result per target. */
  proxy(request: ProxyRequest, options?: CallOptions): Promise<ProxyTargetResult[]> {
    return proxy(this, request, options);
  }

  /**
   * The catalog's facts about a URL (template or literal): kind, key, methods, URL params, and every
   * field with its type, choices, FortiManager versions and whether it is sensitive. Undefined for a
   * URL the catalog does not know. Reads the facts on the first call; sends nothing.
   *
   * @example
   * const d = await fmg.describe('/pm/config/adom/{adom}/obj/firewall/address');
   * d?.fields.find((f) => f.name === 'allow-routing'); // { type: 'str', choices: ['disable', 'enable'], ... }
   */
  async describe(url: string): Promise<UrlDescription | undefined> {
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
  async raw(
    request: RawRequest,
    options: { signal?: AbortSignal; timeoutMs?: number } = {},
  ): Promise<RawReply> {
    if (typeof request.method !== 'string' || request.method === '') {
      throw new ValidationError('raw: method must be a non-empty string', 'method');
    }
    if (
      !Array.isArray(request.params) ||
      request.params.length === 0 ||
      !request.params.every((p) => isRecord(p) && typeof p.url === 'string')
    ) {
      throw new ValidationError('raw: params must be a non-empty list of objects with a url', 'params');
    }
    const reply = await this.#engine.send(request.method, request.params, {
      verbose: request.verbose ?? this.#verbose,
      signal: options.signal,
      timeoutMs: options.timeoutMs,
    });
    return { id: reply.id, result: reply.items };
  }

  /** Releases workspace locks still held, waits for calls in flight, logs out and closes the sockets. */
  close(): Promise<void> {
    this.#closing ??= this.#close();
    return this.#closing;
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  async #close(): Promise<void> {
    try {
      await this.#coalescer?.flush();
      await this.workspace.releaseAll();
      await this.#engine.drain();
      await this.#auth.close();
    } finally {
      await this.#cloud?.close();
      await this.#transport.close();
    }
  }

  #prepare(
    method: RpcMethod,
    url: string,
    options: Readonly<Record<string, unknown>> | undefined,
  ): PreparedItem {
    if (typeof url !== 'string' || url === '')
      throw new ValidationError(`${method}: url must be a non-empty string`, 'url');
    const params = options?.params;
    if (params !== undefined && !isRecord(params))
      throw new ValidationError('params must be an object', 'params');
    const filled = fillUrl(url, params as Record<string, string | number> | undefined, this.adom);
    const wire = toWireParams(method, filled, options);
    this.#validate?.({ method, template: url, params: wire });
    this.#catalog?.check(method, filled, wire);
    const verbose = options?.verbose;
    return {
      method,
      url: filled,
      verbose: typeof verbose === 'boolean' ? verbose : this.#verbose,
      wire,
      okCodes: options?.okCodes as readonly number[] | undefined,
    };
  }

  async #call<T>(method: RpcMethod, url: string, options: object | undefined): Promise<T> {
    const opts = options as (CallOptions & Record<string, unknown>) | undefined;
    if (this.#catalog?.checks(method)) await this.#catalog.load(opts?.signal);
    const call = this.#prepare(method, url, opts);
    if (!this.#coalescer) {
      const reply = await this.#engine.send(method, [call.wire], {
        verbose: call.verbose,
        signal: opts?.signal,
        timeoutMs: opts?.timeoutMs,
      });
      return settle(reply.items[0]!, { ...call, requestId: reply.id }) as T;
    }
    const limit = deadline(opts?.signal, opts?.timeoutMs);
    try {
      const { item, requestId } = await this.#coalescer.enqueue(
        method,
        call.verbose,
        call.wire,
        limit.signal,
      );
      return settle(item, { ...call, requestId }) as T;
    } catch (error) {
      if (limit.timedOut()) {
        throw new TransportError(
          `FortiManager ${method} ${call.url} timed out after ${opts?.timeoutMs} ms`,
          'timeout',
          {
            cause: error,
          },
        );
      }
      throw error;
    } finally {
      limit.clear();
    }
  }
}
