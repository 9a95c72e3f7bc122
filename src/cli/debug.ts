import { subscribe } from 'node:diagnostics_channel';
import { isRecord } from '../core/guards.js';
import { Redactor } from '../core/logging.js';

/** Body text shown per request or response; the rest is summarized. */
const MAX_BODY_CHARS = 8_192;

interface Exchange {
  started: number;
  status?: number;
  chunks: Buffer[];
}

interface UndiciRequest {
  method: string;
  origin: string;
  path: string;
  body: unknown;
}

/**
 * `--debug`: prints every HTTP request and response of the run on stderr (method, URL, status,
 * JSON body), with secrets redacted by key (`passwd`, `session`, `access_token`, ...) and by value
 * (the run's password and API key, and every token or session id seen in a reply). It listens on
 * undici's diagnostics channels, so it sees every client without touching them.
 */
export function traceHttp(): void {
  const redactor = new Redactor();
  tracing = redactor;
  const exchanges = new WeakMap<object, Exchange>();
  const print = (line: string) => process.stderr.write(`${redactor.redactText(line)}\n`);

  subscribe('undici:request:create', (message) => {
    const { request } = message as { request: UndiciRequest };
    exchanges.set(request, { started: performance.now(), chunks: [] });
    const body = bodyText(request.body, redactor);
    print(`→ ${request.method} ${request.origin}${request.path}${body ? `\n  ${body}` : ''}`);
  });
  subscribe('undici:request:headers', (message) => {
    const { request, response } = message as { request: object; response: { statusCode: number } };
    const exchange = exchanges.get(request);
    if (exchange) exchange.status = response.statusCode;
  });
  subscribe('undici:request:bodyChunkReceived', (message) => {
    const { request, chunk } = message as { request: object; chunk: Buffer };
    exchanges.get(request)?.chunks.push(chunk);
  });
  subscribe('undici:request:trailers', (message) => {
    const { request } = message as { request: UndiciRequest };
    const exchange = exchanges.get(request);
    if (!exchange) return;
    exchanges.delete(request);
    const ms = Math.round(performance.now() - exchange.started);
    const body = bodyText(Buffer.concat(exchange.chunks), redactor);
    print(
      `← ${exchange.status ?? '?'} ${request.method} ${request.path} (${ms} ms)${body ? `\n  ${body}` : ''}`,
    );
  });
  subscribe('undici:request:error', (message) => {
    const { request, error } = message as { request: UndiciRequest; error: Error };
    exchanges.delete(request);
    print(`✗ ${request.method} ${request.origin}${request.path}: ${error.message}`);
  });
}

let tracing: Redactor | undefined;

/** Tells `--debug` a secret of this run (a password, an API key) so that it is masked by value. */
export function rememberSecret(value: string): void {
  tracing?.addSecret(value);
}

/** A body as redacted text: JSON re-serialized with secret keys masked (their values learned first). */
function bodyText(body: unknown, redactor: Redactor): string {
  if (body === null || body === undefined) return '';
  const text = typeof body === 'string' ? body : Buffer.isBuffer(body) ? body.toString('utf8') : '';
  if (text === '') return typeof body === 'object' ? '<streamed body>' : '';
  let shown = text;
  try {
    const data: unknown = JSON.parse(text);
    learnSecrets(data, redactor);
    shown = JSON.stringify(redactor.redact(data));
  } catch {
    // not JSON (a form or an HTML error page): scrubbed by value only
  }
  return shown.length > MAX_BODY_CHARS
    ? `${shown.slice(0, MAX_BODY_CHARS)}… (${shown.length} characters)`
    : shown;
}

/** Remembers the values under secret-looking keys, so they are masked wherever they show up next. */
function learnSecrets(value: unknown, redactor: Redactor): void {
  if (Array.isArray(value)) {
    for (const item of value) learnSecrets(item, redactor);
    return;
  }
  if (!isRecord(value)) return;
  for (const [key, item] of Object.entries(value)) {
    if (typeof item === 'string' && redactor.isSecretKey(key)) redactor.addSecret(item);
    else learnSecrets(item, redactor);
  }
}
