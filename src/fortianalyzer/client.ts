import { ValidationError } from '../core/errors.js';
import { isRecord } from '../core/guards.js';
import { type FortiManagerIdentity, readIdentity } from '../fortimanager/auth/identity.js';
import { callLimits, optionsObject } from '../fortimanager/checks.js';
import type { FortiManager } from '../fortimanager/client.js';
import { callControls, toWireParams } from '../fortimanager/options.js';
import { borrowRpc } from '../fortimanager/shared-rpc.js';
import type { RpcMethod, RpcResultItem, WireParams } from '../fortimanager/types.js';
import { escapeName } from '../fortimanager/url-escape.js';
import { fillUrl } from '../fortimanager/url-template.js';
import type { CallOptions, FazCaller, FazMethod } from './caller.js';
import type { FortiAnalyzerOptions } from './client-options.js';
import { Alerts, Incidents } from './events.js';
import { FortiView } from './fortiview.js';
import { type FazLink, ownConnection } from './link.js';
import { Logs } from './logs.js';
import type { TaskCapabilities } from './paged-task.js';
import { Reports } from './reports.js';
import { settleFaz } from './settle.js';
import { FortiManagerLink } from './through-fortimanager.js';
import { checkTimeZone } from './time.js';

export type { FortiAnalyzerCloudOptions, FortiAnalyzerOptions } from './client-options.js';

/**
 * URL families FortiAnalyzer answers in the JSON-RPC 2.0 dialect with `apiver: 3` (every
 * parameter beside `url`); everything else (`/sys`, `/dvmdb`, `/cli`, `/task`) is the legacy dialect
 * FortiManager speaks.
 */
const APIVER3 =
  /^\/?(logview|fortiview|report|sql-report|eventmgmt|incidentmgmt|ioc|soar|fazsys|ueba)\/|^\/?config\/adom\/[^/]+\/sql-report\//;

/** A raw JSON-RPC request for `faz.raw`. */
export interface RawRequest {
  method: string;
  params: ReadonlyArray<WireParams>;
  /** The JSON-RPC 2.0 dialect (default: when the first url is an apiver-3 one). */
  jsonrpc2?: boolean;
}

/** Options of the generic calls: URL `params` for `{placeholders}`, `okCodes`, and the call's own keys. */
export type FazCallOptions = CallOptions & {
  params?: Readonly<Record<string, string | number>>;
  okCodes?: readonly number[];
  [key: string]: unknown;
};

/** Who a FortiAnalyzer client runs as: the FortiManager identity, read the same way. */
export type FortiAnalyzerIdentity = FortiManagerIdentity;

/** Options of {@link FortiAnalyzer.through}: the FortiManager supplies the connection and the login. */
export interface FortiAnalyzerThroughOptions {
  /** The ADOM of calls that name none (default: the FortiManager client's, else `root`). */
  adom?: string | undefined;
  /** The zone of time ranges that name none (default `UTC`). */
  timeZone?: string | undefined;
}

/**
 * FortiAnalyzer JSON-RPC client, on the FortiManager JSON-RPC engine (the same session, API-key and
 * FortiCloud logins, stale-session renew, retries and slots), with FortiAnalyzer's workflows:
 * log searches, FortiView, reports, alerts and incidents.
 *
 * @example
 * await using faz = new FortiAnalyzer({ url: 'https://faz.example.com', apiKey, adom: 'root' });
 * const search = faz.logs.search({ logtype: 'traffic', timeRange: { last: '1h' }, filter: q.eq('action', 'deny') });
 * for await (const row of search) console.log(row.srcip, row.dstip);
 * console.log(search.summary?.exact);
 */
export class FortiAnalyzer implements AsyncDisposable {
  /** The ADOM of calls that name none. */
  readonly adom: string;
  /** The zone of time ranges that name none. */
  readonly timeZone: string;
  /** Log searches, log fields, log stats. */
  readonly logs: Logs;
  /** FortiView top-N views. */
  readonly fortiview: FortiView;
  /** Report layouts, schedules, runs and downloads. */
  readonly reports: Reports;
  /** Event management alerts. */
  readonly alerts: Alerts;
  /** Incident management. */
  readonly incidents: Incidents;
  readonly #link: FazLink;
  /** The link `through` hands to the constructor it calls (a constructor takes no private argument). */
  static #lending: FazLink | undefined;

  /**
   * The FortiAnalyzer surface on a FortiManager's session: a FortiManager with FortiAnalyzer features
   * (or managing a FortiAnalyzer) answers `/logview`, `/fortiview`, `/report`, `/eventmgmt` and
   * `/incidentmgmt` on its own JSON-RPC. One login, one connection pool, the FortiManager's retries
   * and timeouts. `close()` ends only this client; closing the FortiManager ends both. Other URLs
   * (`/sys/status`, `/dvmdb`) are the FortiManager's own; `/ioc`, `/soar`, `/ueba` and `/fazsys`
   * are refused before sending (a FortiManager does not serve them).
   *
   * @example
   * await using fmg = new FortiManager({ url: 'https://fmg.example.com', apiKey });
   * await using faz = FortiAnalyzer.through(fmg, { adom: 'root' });
   * for await (const row of faz.logs.search({ logtype: 'event', timeRange: { last: '1h' } })) console.log(row.msg);
   */
  static through(fmg: FortiManager, options: FortiAnalyzerThroughOptions = {}): FortiAnalyzer {
    const rpc = borrowRpc(fmg);
    if (!rpc) throw new ValidationError('FortiAnalyzer.through needs a FortiManager client', 'fmg');
    if (rpc.runtime.closed) {
      throw new ValidationError('FortiAnalyzer.through: the FortiManager client is already closed', 'fmg');
    }
    const given: unknown = options;
    if (!isRecord(given))
      throw new ValidationError('FortiAnalyzer.through options must be an object', 'options');
    FortiAnalyzer.#lending = new FortiManagerLink(rpc);
    try {
      return new FortiAnalyzer({
        url: rpc.runtime.url,
        adom: options.adom ?? rpc.adom,
        timeZone: options.timeZone,
      });
    } finally {
      FortiAnalyzer.#lending = undefined;
    }
  }

  constructor(options: FortiAnalyzerOptions) {
    if (!isRecord(options))
      throw new ValidationError('FortiAnalyzer needs options ({ url, ... })', 'options');
    const adom = options.adom ?? 'root';
    if (typeof adom !== 'string') throw new ValidationError('adom must be a non-empty string', 'adom');
    escapeName(adom, 'adom');
    this.adom = adom;
    this.timeZone = checkTimeZone(options.timeZone ?? 'UTC');
    const link = FortiAnalyzer.#lending ?? ownConnection(options);
    this.#link = link;
    const caller: FazCaller = {
      clock: link.clock,
      adom: (given) => given ?? this.adom,
      v3: (method, url, params, callOptions) => this.#v3(method, url, params, callOptions),
    };
    const caps: TaskCapabilities = { progress: undefined, reuse: undefined };
    this.logs = new Logs(caller, caps, this.timeZone);
    this.fortiview = new FortiView(caller, this.timeZone);
    this.reports = new Reports(caller, this.timeZone);
    this.alerts = new Alerts(caller, this.timeZone);
    this.incidents = new Incidents(caller, this.timeZone);
  }

  /**
   * Reads any URL. `{placeholders}` are filled from `params` (`{adom}` from the client's ADOM);
   * apiver-3 URLs (`/logview`, `/eventmgmt`, `/report`, ...) take their parameters as they are,
   * legacy ones (`/dvmdb`, `/sys`, ...) the FortiManager get options (`fields`, `filter`, `range`, ...).
   *
   * @example
   * const devices = await faz.get('/dvmdb/adom/{adom}/device', { fields: ['name', 'sn'] });
   * const alerts = await faz.get('/eventmgmt/adom/{adom}/alerts', { limit: 10 });
   */
  get(url: string, options?: FazCallOptions): Promise<unknown> {
    return this.#call('get', url, options);
  }

  /** Creates (never resent automatically). */
  add(url: string, options?: FazCallOptions): Promise<unknown> {
    return this.#call('add', url, options);
  }

  set(url: string, options?: FazCallOptions): Promise<unknown> {
    return this.#call('set', url, options);
  }

  update(url: string, options?: FazCallOptions): Promise<unknown> {
    return this.#call('update', url, options);
  }

  delete(url: string, options?: FazCallOptions): Promise<unknown> {
    return this.#call('delete', url, options);
  }

  /** Runs an operation (never resent automatically). */
  exec(url: string, options?: FazCallOptions): Promise<unknown> {
    return this.#call('exec', url, options);
  }

  /**
   * Checks the credentials now (a password or Cloud login opens the session, a second `login()`
   * reuses it; an API key is tried) and answers the admin, its ADOMs and the appliance, as
   * `FortiManager.login()` does. Through a FortiManager: the FortiManager's session and appliance.
   *
   * @example
   * const { user, adoms, system } = await faz.login();
   */
  async login(options: CallOptions = {}): Promise<FortiAnalyzerIdentity> {
    const { signal, timeoutMs } = callLimits(options, 'login options');
    const link = this.#link;
    return readIdentity(
      (params) => link.send('get', params, { verbose: true, signal, timeoutMs }),
      link.who,
      link.via ?? 'FortiAnalyzer',
    );
  }

  /** `/sys/status`: version, serial, host name, time zone, ... */
  async status(options: CallOptions = {}): Promise<Record<string, unknown>> {
    const data = await this.#call('get', '/sys/status', { ...options });
    return isRecord(data) ? data : {};
  }

  /**
   * Sends any JSON-RPC request on the client's session and returns every result entry as it came
   * (status codes are not turned into errors).
   */
  async raw(
    request: RawRequest,
    options: CallOptions = {},
  ): Promise<{ id: number; result: RpcResultItem[] }> {
    if (!isRecord(request) || typeof request.method !== 'string' || !Array.isArray(request.params)) {
      throw new ValidationError('raw needs a request { method, params }', 'request');
    }
    const jsonrpc2 = request.jsonrpc2 ?? APIVER3.test(String(request.params[0]?.url ?? ''));
    const reply = await this.#link.send(request.method, request.params, {
      verbose: !jsonrpc2,
      jsonrpc2,
      signal: options.signal,
      timeoutMs: options.timeoutMs,
    });
    return { id: reply.id, result: reply.items };
  }

  /**
   * Waits for calls in flight, logs out and closes the sockets. A client made by `through` only
   * waits for its own calls: the FortiManager stays logged in.
   */
  close(): Promise<void> {
    return this.#link.close();
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  async #call(method: FazMethod, url: string, options: FazCallOptions | undefined): Promise<unknown> {
    if (typeof url !== 'string' || url === '')
      throw new ValidationError(`${method}: url must be a non-empty string`, 'url');
    const opts = optionsObject(options, `${method} options`);
    const controls = callControls(opts);
    const filled = fillUrl(url, controls.params, this.adom);
    const call = { signal: controls.signal, timeoutMs: controls.timeoutMs };
    if (APIVER3.test(filled)) {
      const {
        params: _params,
        okCodes: _okCodes,
        signal: _signal,
        timeoutMs: _timeoutMs,
        ...rest
      } = opts ?? {};
      return this.#v3(method, filled, rest, call, controls.okCodes);
    }
    const wire = toWireParams(method as RpcMethod, filled, opts);
    const reply = await this.#link.send(method, [wire], { verbose: true, ...call });
    return settleFaz(reply.items[0]!, {
      method,
      url: filled,
      okCodes: controls.okCodes,
      requestId: reply.id,
      via: this.#link.via,
    });
  }

  async #v3(
    method: FazMethod,
    url: string,
    params: Readonly<Record<string, unknown>>,
    options: CallOptions = {},
    okCodes?: readonly number[],
  ): Promise<unknown> {
    const reply = await this.#link.send(method, [{ ...params, url, apiver: 3 }], {
      verbose: false,
      jsonrpc2: true,
      signal: options.signal,
      timeoutMs: options.timeoutMs,
    });
    return settleFaz(reply.items[0]!, { method, url, okCodes, requestId: reply.id, via: this.#link.via });
  }
}
