import type { ClientOptions } from './client-options.js';
import { type Clock, systemClock } from './clock.js';
import { type ProductName, TransportError, ValidationError } from './errors.js';
import { Disposer } from './lifecycle.js';
import { Redactor, SafeLog } from './logging.js';
import { type RetryOptions, resolveRetry } from './retry.js';
import { HttpTransport } from './transport.js';
import { serviceUrl } from './urls.js';

/** What a product tells the builder about itself. */
export interface RuntimeSpec {
  readonly product: ProductName;
  /** Where the product is when `url` is not given (undefined: `url` is required). */
  readonly defaultUrl?: string | undefined;
  /** Appended to a bare-origin `url` (e.g. `/ES/api/registration/v3`); default none. */
  readonly apiPath?: string | undefined;
  /** Secrets known up front (password, API key, ...): redacted from every log line and error. */
  readonly secrets?: ReadonlyArray<string | undefined>;
  /** Share a redactor with another client (e.g. FortiCloud OAuth and the product it logs in to). */
  readonly redactor?: Redactor | undefined;
  /** Defaults of this product that differ from the common ones. */
  readonly defaults?: { readonly timeoutMs?: number; readonly connections?: number };
}

/**
 * Everything a client is built from: one transport, the redacting log, the clock, the checked retry
 * policy, and a disposer that closes it all (cleanups added by the product run first, the sockets last).
 */
export interface Runtime {
  readonly product: ProductName;
  /** The resolved product URL (origin + API path). */
  readonly url: string;
  readonly transport: HttpTransport;
  readonly redactor: Redactor;
  readonly log: SafeLog;
  readonly clock: Clock;
  readonly retry: RetryOptions;
  /** The default time one request may take (ms): the client's `timeoutMs`. */
  readonly timeoutMs: number;
  /**
   * Aborts as soon as close() is called, a TransportError of kind `closed` its reason: retry sleeps
   * and rate-limiter queues listen to it, so that close() never waits out a Retry-After and no
   * queued call keeps the process alive.
   */
  readonly closing: AbortSignal;
  /** Registers a cleanup run by close() (in reverse order of registration, before the sockets close). */
  onClose(cleanup: () => Promise<void> | void): void;
  /** True once close() was called. */
  readonly closed: boolean;
  /** Runs every cleanup once, then closes the sockets; later calls return the same promise. */
  close(): Promise<void>;
}

/**
 * Builds a client's runtime from the common options. Every fortix client (and FortiCloud OAuth) is
 * built and closed through it, so that options mean the same everywhere.
 *
 * @example
 * const rt = createRuntime(options, { product: 'fortisoar', secrets: [options.password] });
 * rt.onClose(() => logout());
 * const { data } = await rt.transport.requestJson({ method: 'GET', path: '/api/3/alerts' });
 * await rt.close();
 */
export function createRuntime(options: ClientOptions, spec: RuntimeSpec): Runtime {
  const raw = options.url ?? spec.defaultUrl;
  if (raw === undefined || raw === '') {
    throw new ValidationError(`url is required: where the ${spec.product} API is (https://host)`, 'url');
  }
  const url = serviceUrl(raw, spec.apiPath ?? '', 'url');
  const retry = resolveRetry(options.retry);
  if (options.logBodies !== undefined && typeof options.logBodies !== 'boolean') {
    throw new ValidationError('logBodies must be true or false', 'logBodies');
  }
  const redactor = spec.redactor ?? new Redactor();
  for (const secret of spec.secrets ?? []) redactor.addSecret(secret);
  const log = new SafeLog(options.logger, redactor);
  const transport = new HttpTransport({
    baseUrl: url,
    tls: options.tls,
    timeoutMs: options.timeoutMs ?? spec.defaults?.timeoutMs,
    connectTimeoutMs: options.connectTimeoutMs,
    connections: options.connections ?? spec.defaults?.connections,
    maxBodyBytes: options.maxBodyBytes,
    userAgent: options.userAgent,
    dispatcher: options.dispatcher,
    log,
    logBodies: options.logBodies,
    redactor,
  });
  const disposer = new Disposer();
  disposer.add(() => transport.close());
  const closing = new AbortController();
  return {
    product: spec.product,
    url,
    transport,
    redactor,
    log,
    clock: options.clock ?? systemClock,
    retry,
    timeoutMs: transport.timeoutMs,
    closing: closing.signal,
    onClose: (cleanup) => disposer.add(cleanup),
    get closed() {
      return disposer.closed;
    },
    close() {
      // With a reason of its own: abort() without one makes a DOMException, whose first one in a
      // process costs ~0.5 ms (a one-shot script pays it at its end).
      closing.abort(
        new TransportError(`the ${spec.product} client was closed`, 'closed', { requestSent: false }),
      );
      return disposer.dispose();
    },
  };
}
