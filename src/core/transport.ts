import { Agent, type Dispatcher } from 'undici';
import { loggedBody } from './body-log.js';
import { type BodySink, BytesSink, TextSink } from './body-sink.js';
import { FortixError, ProtocolError, RateLimitError, TransportError, ValidationError } from './errors.js';
import { checkHeaders, checkHeaderValue } from './headers.js';
import { jsonBody } from './json.js';
import { Redactor, type SafeLog } from './logging.js';
import { parseRetryAfter } from './retry.js';
import { checkSignal, MAX_TIMER_MS } from './timeouts.js';
import { type TlsOptions, tlsConnectOption } from './tls.js';
import { errorCode, toTransportError } from './transport-errors.js';
import { VERSION } from './version.js';

export interface TransportOptions {
  /** e.g. 'https://fmg.example.com'; ValidationError if not http(s). */
  baseUrl: string;
  tls?: TlsOptions;
  /** Default 10 s. */
  connectTimeoutMs?: number;
  /** Whole request, including queueing and the body. Default 60 s. */
  timeoutMs?: number;
  /** A bigger reply is a ProtocolError and its socket is destroyed. Default 64 MiB. */
  maxBodyBytes?: number;
  /** Connections per origin. Default 8. */
  connections?: number;
  /** HTTP/1.1 pipelining depth. Default 1 (off). */
  pipelining?: number;
  /** Default 30 s. */
  keepAliveTimeoutMs?: number;
  /** Default 'fortix/<version>'. */
  userAgent?: string;
  /** Sent on every request. */
  headers?: Record<string, string>;
  log?: SafeLog;
  /**
   * Logs every request and response (headers and body, secrets redacted) at debug level through
   * `log`. Default false.
   */
  logBodies?: boolean;
  /** Scrubs snippets and error messages. */
  redactor?: Redactor;
  /** Injectable (tests / custom agents); when given, tls/connections are ignored and close() leaves it open. */
  dispatcher?: Dispatcher;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HttpRequest {
  method: HttpMethod;
  /** Appended to baseUrl's path. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  /** Checked and sent after the client's own; a frozen object is checked once, not per request. */
  headers?: Readonly<Record<string, string>> | undefined;
  /** Raw body. */
  body?: string | Uint8Array | undefined;
  /** The raw body's content type. */
  contentType?: string | undefined;
  /** Serialized with content-type application/json (mutually exclusive with body). */
  json?: unknown;
  signal?: AbortSignal | undefined;
  /** Per call, overrides the client default. */
  timeoutMs?: number | undefined;
  /** requestJson: an empty body on any status is `data: undefined`, not a ProtocolError (REST writes). */
  allowEmpty?: boolean;
  /**
   * requestJson: sees the reply's status and text once the whole body is in, before it is parsed;
   * when it returns a promise, the parse waits for it (see `PostOptions.received` of FortiManager).
   */
  beforeParse?: ((status: number, text: string) => Promise<void> | undefined) | undefined;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A reply's status line and headers, as undici hands them to the handler. */
interface Reply {
  statusCode: number;
  headers: HttpResponse['headers'];
}

/** What undici is told when fortix stops a call (the caller sees the reason fortix gives it). */
const CANCELLED = new Error('cancelled by fortix');

/** A reply whose body a {@link BodySink} kept: bytes, or text. */
type Received<T> = Omit<HttpResponse, 'body'> & { body: T };

export interface JsonResponse<T> {
  status: number;
  headers: HttpResponse['headers'];
  data: T;
}

const MiB = 1024 * 1024;
const SNIPPET_CHARS = 200;
/** Enough text around the snippet that a secret cut by the snippet's end is still recognized (bytes, or characters of a decoded body). */
const REDACTION_WINDOW = 64 * 1024;
const WHITESPACE_RUNS = /\s+/g;
const HTML_TYPE = /html/i;
const NO_CONTENT = new Set([204, 205]);

/**
 * HTTP(S) to one origin over a per-client undici Agent (keep-alive, connection limit, per-client TLS).
 *
 * @example
 * await using http = new HttpTransport({ baseUrl: 'https://fmg.example.com', tls: { fingerprint } });
 * const { data } = await http.requestJson({ method: 'POST', path: '/jsonrpc', json: payload });
 */
export class HttpTransport implements AsyncDisposable {
  readonly baseUrl: URL;
  readonly #origin: string;
  readonly #basePath: string;
  readonly #dispatcher: Dispatcher;
  readonly #ownsDispatcher: boolean;
  readonly #timeoutMs: number;
  readonly #maxBodyBytes: number;
  readonly #headers: Record<string, string>;
  readonly #jsonHeaders: Record<string, string>;
  readonly #log: SafeLog | undefined;
  readonly #logBodies: boolean;
  readonly #redactor: Redactor;
  readonly #redactText = (text: string) => this.#redactor.redactText(text);
  #closing: Promise<void> | undefined;
  /** Cancels each request still in flight; close() uses it once its grace period is over. */
  readonly #inFlight = new Set<() => void>();

  constructor(options: TransportOptions) {
    this.baseUrl = parseBaseUrl(options.baseUrl);
    this.#origin = this.baseUrl.origin;
    this.#basePath = this.baseUrl.pathname.replace(/\/+$/, '');
    this.#timeoutMs = timerMs(options.timeoutMs ?? 60_000, 'timeoutMs');
    this.#maxBodyBytes = positive(options.maxBodyBytes, 64 * MiB, 'maxBodyBytes');
    this.#log = options.log;
    this.#logBodies = options.logBodies === true && options.log?.enabled === true;
    this.#redactor = options.redactor ?? new Redactor();
    if (options.userAgent !== undefined) checkHeaderValue('user-agent', options.userAgent, 'userAgent');
    checkHeaders(options.headers);
    this.#headers = {
      accept: 'application/json',
      'user-agent': options.userAgent ?? `fortix/${VERSION}`,
      ...lowerCaseKeys(options.headers),
    };
    this.#jsonHeaders = { ...this.#headers, 'content-type': 'application/json' };
    if (options.tls?.fingerprint !== undefined && this.baseUrl.protocol !== 'https:') {
      throw new ValidationError('tls.fingerprint needs an https:// baseUrl', 'tls.fingerprint');
    }
    this.#ownsDispatcher = options.dispatcher === undefined;
    this.#dispatcher =
      options.dispatcher ??
      new Agent({
        connections: positive(options.connections, 8, 'connections'),
        pipelining: positive(options.pipelining, 1, 'pipelining'),
        keepAliveTimeout: timerMs(options.keepAliveTimeoutMs ?? 30_000, 'keepAliveTimeoutMs'),
        // Backstops: each call has its own timer for the whole request (see request()).
        headersTimeout: this.#timeoutMs,
        bodyTimeout: this.#timeoutMs,
        connect: tlsConnectOption(
          options.tls,
          timerMs(options.connectTimeoutMs ?? 10_000, 'connectTimeoutMs'),
        ),
      });
  }

  /** The default time one request may take (ms). */
  get timeoutMs(): number {
    return this.#timeoutMs;
  }

  /** Sends one request and reads the whole reply (up to maxBodyBytes). Non-2xx replies are returned, not thrown. */
  request(req: HttpRequest): Promise<HttpResponse> {
    return this.#receive(req, new BytesSink());
  }

  /**
   * One request, its reply's body kept by `sink` as it streams in (up to maxBodyBytes).
   *
   * Sent with undici's `dispatch` and a handler of its own rather than `request()`: no body stream
   * per reply (a Readable and its events: 6 – 9 ms of the main thread of a cold 10,000-address
   * batch, BENCHMARKS.md, twelfth session). Cancellation (deadline, caller's signal, oversized body, close) aborts through
   * the handler's controller; a call cancelled while it still waits for a connection is dropped by
   * undici when its turn comes, before anything is written, and one in flight has its socket destroyed.
   */
  #receive<T extends string | Buffer>(req: HttpRequest, sink: BodySink<T>): Promise<Received<T>> {
    let options: Dispatcher.DispatchOptions;
    try {
      options = this.#dispatchOptions(req);
    } catch (error) {
      return Promise.reject(error);
    }
    const timeoutMs = req.timeoutMs ?? this.#timeoutMs;
    const max = this.#maxBodyBytes;
    const started = this.#log?.enabled ? performance.now() : 0;
    if (this.#logBodies) this.#logRequest(options);
    const callerSignal = req.signal;
    return new Promise((resolve, reject) => {
      let settled = false;
      // Whether dispatch() is still running (see onResponseError).
      let dispatching = true;
      let controller: Dispatcher.DispatchController | undefined;
      let reply: Reply | undefined;
      let size = 0;
      const settle = () => {
        settled = true;
        clearTimeout(timer);
        callerSignal?.removeEventListener('abort', onCallerAbort);
        this.#inFlight.delete(cancelOnClose);
      };
      const fail = (error: unknown, timedOut = false) => {
        if (settled) return;
        settle();
        controller?.abort(CANCELLED);
        reject(this.#fail(error, req, timeoutMs, timedOut));
      };
      const onCallerAbort = () => fail(callerSignal?.reason);
      const cancelOnClose = () =>
        fail(new TransportError('the client was closed while waiting for the reply', 'closed'));
      this.#inFlight.add(cancelOnClose);
      const timer = setTimeout(fail, timeoutMs, undefined, true);
      callerSignal?.addEventListener('abort', onCallerAbort, { once: true });
      const handler: Dispatcher.DispatchHandler = {
        onRequestStart: (control) => {
          if (settled) control.abort(CANCELLED);
          else controller = control;
        },
        onResponseStart: (_, statusCode, headers) => {
          reply = { statusCode, headers };
          const declared = Number(headers['content-length']);
          if (declared > max) fail(this.#tooLarge(req, reply, declared));
        },
        onResponseData: (_, chunk) => {
          if (settled) return;
          size += chunk.length;
          if (size > max) fail(this.#tooLarge(req, reply!, size));
          else sink.add(chunk);
        },
        onResponseEnd: () => {
          if (settled) return;
          settle();
          const data = sink.done(size);
          if (started) this.#logDone(req, options, reply!, data, started);
          resolve({ status: reply!.statusCode, headers: reply!.headers, body: data });
        },
        // A refusal is reported from inside dispatch(); later errors are the request's own.
        onResponseError: (_, error) => fail(dispatching ? this.#refusedOr(req, error) : error),
      };
      try {
        this.#dispatcher.dispatch(options, handler);
      } catch (error) {
        // A dispatcher of the caller's may throw rather than report.
        fail(this.#refusedOr(req, error));
      }
      dispatching = false;
    });
  }

  /**
   * request(), the body decoded to text as it streams in (see `TextSink`), then JSON.parse. A
   * non-JSON / truncated / HTML reply is a ProtocolError (status, content type, redacted snippet);
   * HTTP 429 is a RateLimitError with the server's Retry-After. Other error statuses with a JSON
   * body are returned for the product layer to interpret.
   */
  async requestJson<T = unknown>(req: HttpRequest): Promise<JsonResponse<T>> {
    const reply = await this.#receive(req, new TextSink());
    const { status, headers, body } = reply;
    if (status === 429) {
      const retryAfterMs = parseRetryAfter(headers['retry-after']);
      const wait = retryAfterMs === undefined ? '' : `; retry in ${Math.ceil(retryAfterMs / 1000)} s`;
      throw new RateLimitError(
        `${this.#where(req)} was rate limited by the server (HTTP 429)${wait}`,
        retryAfterMs,
        {
          details: { status },
        },
      );
    }
    const contentType = headerValue(headers['content-type']);
    if (body.length === 0 && (req.allowEmpty || NO_CONTENT.has(status))) {
      return { status, headers, data: undefined as T };
    }
    if (body.length === 0 || (contentType !== undefined && HTML_TYPE.test(contentType))) {
      throw this.#protocolError(req, reply, contentType);
    }
    const parseLater = req.beforeParse?.(status, body);
    if (parseLater) await parseLater;
    try {
      return { status, headers, data: JSON.parse(body) as T };
    } catch {
      // Not kept as the cause: V8 quotes the start of the body in the message, where a secret may sit.
      throw this.#protocolError(req, reply, contentType);
    }
  }

  /** Closes idle sockets once in-flight requests are done; idempotent. Later requests fail with kind 'closed'. */
  close(): Promise<void> {
    this.#closing ??= this.#ownsDispatcher ? this.#closeWithin(CLOSE_GRACE_MS) : Promise.resolve();
    return this.#closing;
  }

  // A request whose server never answers would hold close() until its own deadline; after a short
  // grace period such stragglers are cancelled (kind 'closed') and their sockets destroyed.
  async #closeWithin(graceMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const graceful = this.#dispatcher.close().then(() => true);
    const expired = new Promise<boolean>((resolve) => {
      timer = setTimeout(resolve, graceMs, false);
    });
    const closedInTime = await Promise.race([graceful, expired]);
    clearTimeout(timer);
    if (closedInTime) return;
    for (const cancel of [...this.#inFlight]) cancel();
    await this.#dispatcher.destroy();
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  #dispatchOptions(req: HttpRequest): Dispatcher.DispatchOptions {
    checkSignal(req.signal);
    if (this.#closing) {
      throw new TransportError(`${this.#where(req)}: the client is closed; create a new client`, 'closed', {
        requestSent: false,
      });
    }
    if (req.signal?.aborted) {
      throw new TransportError(`${this.#where(req)} was aborted by the caller before sending`, 'abort', {
        cause: req.signal.reason,
        requestSent: false,
      });
    }
    let body = req.body;
    let headers = this.#headers;
    if (req.json !== undefined) {
      if (body !== undefined) throw new ValidationError('Give either body or json, not both', 'json');
      body = jsonBody(req.json, 'json');
      headers = this.#jsonHeaders;
    } else if (req.contentType === 'application/json') {
      headers = this.#jsonHeaders;
    } else if (req.contentType !== undefined) {
      checkHeaderValue('content-type', req.contentType, 'contentType');
      headers = { ...headers, 'content-type': req.contentType };
    }
    if (req.headers) headers = { ...headers, ...sendableHeaders(req.headers) };
    const options: Dispatcher.DispatchOptions = {
      origin: this.#origin,
      path: this.#path(req),
      method: req.method,
      headers,
      body,
    };
    if (req.timeoutMs !== undefined) {
      const timeoutMs = timerMs(req.timeoutMs, 'timeoutMs');
      options.headersTimeout = timeoutMs;
      options.bodyTimeout = timeoutMs;
    }
    return options;
  }

  #path(req: HttpRequest): string {
    const path =
      req.path.charCodeAt(0) === 47 /* '/' */ ? this.#basePath + req.path : `${this.#basePath}/${req.path}`;
    if (!req.query) return path;
    let query = '';
    for (const key in req.query) {
      const value = req.query[key];
      if (value === undefined) continue;
      query += `${query ? '&' : ''}${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`;
    }
    if (!query) return path;
    return `${path}${path.includes('?') ? '&' : '?'}${query}`;
  }

  /**
   * undici refuses some input (a path or header it cannot send) before anything leaves the process:
   * that refusal as a ValidationError naming the call; any other error as it is.
   */
  #refusedOr(req: HttpRequest, error: unknown): unknown {
    if (errorCode(error) !== 'UND_ERR_INVALID_ARG') return error;
    return new ValidationError(
      this.#redactText(`${this.#where(req)} was not sent: ${(error as Error).message}`),
      undefined,
      { cause: error },
    );
  }

  #tooLarge(req: HttpRequest, reply: Reply, size: number): ProtocolError {
    return new ProtocolError(
      `${this.#where(req)} replied with more than ${this.#maxBodyBytes} bytes (at least ${size}); ` +
        'narrow the request (fields, filter, range) or raise maxBodyBytes',
      { status: reply.statusCode, contentType: headerValue(reply.headers['content-type']) },
    );
  }

  #protocolError(
    req: HttpRequest,
    reply: Received<string | Buffer>,
    contentType: string | undefined,
  ): ProtocolError {
    const got = reply.body.length === 0 ? 'an empty body' : (contentType ?? 'a body without content type');
    const hint =
      reply.status >= 500
        ? 'the server failed; try again later'
        : 'check the base URL and that no proxy or login page sits in between';
    return new ProtocolError(
      `${this.#where(req)} returned HTTP ${reply.status} with ${got} instead of JSON; ${hint}`,
      { status: reply.status, contentType, snippet: this.#snippet(reply.body) },
    );
  }

  #snippet(body: string | Buffer): string {
    const text =
      typeof body === 'string'
        ? body.slice(0, REDACTION_WINDOW)
        : body.subarray(0, REDACTION_WINDOW).toString('utf8');
    return this.#redactor.redactText(text).replace(WHITESPACE_RUNS, ' ').trim().slice(0, SNIPPET_CHARS);
  }

  #fail(error: unknown, req: HttpRequest, timeoutMs: number, timedOut: boolean): unknown {
    if (error instanceof FortixError && !(error instanceof TransportError)) return error;
    const mapped = toTransportError(error, {
      where: this.#where(req),
      timeoutMs,
      timedOut,
      aborted: req.signal?.aborted === true,
      redact: this.#redactText,
    });
    if (this.#log?.enabled)
      this.#log.debug(mapped.message, { kind: mapped.kind, requestSent: mapped.requestSent });
    return mapped;
  }

  /** `logBodies`: the request as it goes out (SafeLog redacts the headers by name). */
  #logRequest(options: Dispatcher.DispatchOptions): void {
    const headers = options.headers as Record<string, string>;
    const body = loggedBody(
      options.body as string | Uint8Array | undefined,
      headers['content-type'],
      this.#redactor,
    );
    this.#log!.debug(
      `→ ${options.method} ${this.#origin}${options.path}`,
      body === undefined ? { headers } : { headers, body },
    );
  }

  #logDone(
    req: HttpRequest,
    options: Dispatcher.DispatchOptions,
    reply: Reply,
    data: string | Buffer,
    started: number,
  ): void {
    const ms = Math.round(performance.now() - started);
    if (!this.#logBodies) {
      this.#log?.debug(`${this.#where(req)} -> HTTP ${reply.statusCode}`, { ms });
      return;
    }
    const { headers } = reply;
    const body = loggedBody(data, headerValue(headers['content-type']), this.#redactor);
    this.#log!.debug(
      `← ${reply.statusCode} ${options.method} ${this.#origin}${options.path} (${ms} ms)`,
      body === undefined ? { headers } : { headers, body },
    );
  }

  /** `METHOD origin/path` for messages: without the query string, which may carry secrets, and redacted. */
  #where(req: HttpRequest): string {
    const path = this.#path({ ...req, query: undefined });
    const end = path.indexOf('?');
    return this.#redactText(`${req.method} ${this.#origin}${end < 0 ? path : path.slice(0, end)}`);
  }
}

function parseBaseUrl(baseUrl: string): URL {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new ValidationError(`baseUrl is not a URL: ${JSON.stringify(baseUrl)}`, 'baseUrl');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ValidationError(`baseUrl must start with https:// or http://, got ${url.protocol}`, 'baseUrl');
  }
  if (url.username || url.password) {
    throw new ValidationError(
      'baseUrl must not carry credentials; pass them in the client options',
      'baseUrl',
    );
  }
  return url;
}

function positive(value: number | undefined, fallback: number, field: string): number {
  if (value === undefined) return fallback;
  if (!(value > 0) || !Number.isFinite(value)) {
    throw new ValidationError(`${field} must be a positive number, got ${value}`, field);
  }
  return value;
}

function timerMs(value: number, field: string): number {
  if (!(value > 0 && value <= MAX_TIMER_MS)) {
    throw new ValidationError(`${field} must be between 1 and ${MAX_TIMER_MS} ms, got ${value}`, field);
  }
  return value;
}

/** Header objects already checked and lower-cased; only frozen ones, which cannot change later. */
const sendable = new WeakMap<object, Record<string, string>>();

function sendableHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const known = sendable.get(headers);
  if (known) return known;
  checkHeaders(headers);
  const lower = lowerCaseKeys(headers);
  if (Object.isFrozen(headers)) sendable.set(headers, lower);
  return lower;
}

function lowerCaseKeys(headers: Readonly<Record<string, string>> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (headers) for (const key in headers) out[key.toLowerCase()] = headers[key]!;
  return out;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** How long close() lets in-flight requests finish before they are cancelled. */
const CLOSE_GRACE_MS = 250;
