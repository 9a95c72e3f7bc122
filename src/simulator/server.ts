import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { type FaultController, type FaultSpec, WIRE_FAULTS } from './faults.js';
import type { SimCertificate } from './tls.js';
import type { SimProductHandler, SimRequest, SimResponse } from './types.js';

/** Requests bigger than this are refused with 413, as an appliance's web server would. */
const MAX_REQUEST_BYTES = 32 * 1024 * 1024;

export interface SimServerOptions {
  host: string;
  port: number;
  certificate?: SimCertificate | undefined;
  handlers: readonly SimProductHandler[];
  faults: FaultController;
}

/** The loopback HTTP(S) server that routes requests to the simulated products. */
export class SimServer {
  readonly #server: Server;
  readonly #options: SimServerOptions;
  #requests = 0;

  constructor(options: SimServerOptions) {
    this.#options = options;
    const listener = (req: IncomingMessage, res: ServerResponse) => void this.#serve(req, res);
    this.#server = options.certificate
      ? createHttpsServer({ key: options.certificate.key, cert: options.certificate.cert }, listener)
      : createHttpServer(listener);
    this.#server.keepAliveTimeout = 30_000;
  }

  /** Requests served since start. */
  get requests(): number {
    return this.#requests;
  }

  async listen(): Promise<string> {
    const { host, port } = this.#options;
    await new Promise<void>((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(port, host, () => {
        this.#server.off('error', reject);
        resolve();
      });
    });
    const address = this.#server.address() as AddressInfo;
    const scheme = this.#options.certificate ? 'https' : 'http';
    return `${scheme}://${host}:${address.port}`;
  }

  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.#server.close(() => resolve()));
    this.#server.closeAllConnections();
    await closed;
  }

  async #serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.#requests++;
    let body: Buffer;
    try {
      body = await readBody(req);
    } catch (error) {
      if (!(error instanceof BodyTooLarge)) {
        req.socket.destroy();
        return;
      }
      // Answer 413, then close the connection once the answer is written (not before: the client
      // must read it). What the client still sends meanwhile is read and thrown away.
      req.on('data', () => {});
      req.resume();
      send(res, { status: 413, headers: { connection: 'close' }, body: 'Request Entity Too Large' });
      res.on('finish', () => {
        if (req.complete) res.socket?.end();
        else req.once('end', () => res.socket?.end());
      });
      return;
    }
    const [path = '/', queryString = ''] = (req.url ?? '/').split('?', 2);
    const simReq: SimRequest = {
      method: req.method ?? 'GET',
      path,
      query: new URLSearchParams(queryString),
      target: req.url ?? '/',
      headers: req.headers,
      body,
      remoteAddress: req.socket.remoteAddress ?? '',
    };
    const handler = this.#options.handlers.find((h) => h.handles(path));
    if (!handler) {
      send(res, { status: 404, headers: { 'content-type': 'text/html' }, body: notFoundPage(path) });
      return;
    }
    const fault = this.#options.faults.take(simReq, handler.product, WIRE_FAULTS);
    try {
      if (fault?.kind === 'latency') await sleep(fault.delayMs ?? 100);
      if (fault && (await applyShortCircuit(fault, req, res))) return;
      const reply = await handler.handle(simReq);
      if (fault?.kind === 'truncated') return truncate(res, reply);
      if (fault?.kind === 'slow-body') return await dribble(res, reply, fault.delayMs ?? 50);
      send(res, reply);
    } catch (error) {
      send(res, { status: 500, body: `Internal Server Error: ${(error as Error).message}` });
    }
  }
}

/** Faults that answer instead of the product. Returns true when the reply was handled. */
async function applyShortCircuit(
  fault: FaultSpec,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<boolean> {
  switch (fault.kind) {
    case 'http-error':
      send(res, {
        status: fault.status ?? 503,
        headers: { 'content-type': 'text/plain' },
        body: 'Service Unavailable',
      });
      return true;
    case 'html':
      send(res, { status: fault.status ?? 502, headers: { 'content-type': 'text/html' }, body: errorPage() });
      return true;
    case 'rate-limit':
      send(res, {
        status: 429,
        headers: { 'retry-after': String(fault.retryAfterSec ?? 1), 'content-type': 'application/json' },
        body: { status: -1, message: 'Too many requests' },
      });
      return true;
    case 'invalid-json':
      send(res, {
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: '{"result": [ {"status": ',
      });
      return true;
    case 'reset':
      req.socket.destroy();
      return true;
    default:
      return false;
  }
}

function encode(reply: SimResponse): { headers: Record<string, string>; payload: Buffer | string } {
  const headers: Record<string, string> = { ...reply.headers };
  const { body } = reply;
  if (body === undefined) return { headers, payload: '' };
  if (typeof body === 'string' || Buffer.isBuffer(body)) return { headers, payload: body };
  headers['content-type'] ??= 'application/json';
  return { headers, payload: JSON.stringify(body) };
}

function send(res: ServerResponse, reply: SimResponse): void {
  const { headers, payload } = encode(reply);
  headers['content-length'] = String(Buffer.byteLength(payload));
  res.writeHead(reply.status, headers);
  res.end(payload);
}

function truncate(res: ServerResponse, reply: SimResponse): void {
  const { headers, payload } = encode(reply);
  const bytes = Buffer.from(payload);
  headers['content-length'] = String(bytes.length);
  res.writeHead(reply.status, headers);
  res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => res.socket?.destroy());
}

async function dribble(res: ServerResponse, reply: SimResponse, delayMs: number): Promise<void> {
  const { headers, payload } = encode(reply);
  const bytes = Buffer.from(payload);
  headers['content-length'] = String(bytes.length);
  res.writeHead(reply.status, headers);
  const chunk = Math.max(1, Math.ceil(bytes.length / 8));
  for (let offset = 0; offset < bytes.length && !res.destroyed; offset += chunk) {
    res.write(bytes.subarray(offset, offset + chunk));
    await sleep(delayMs);
  }
  res.end();
}

class BodyTooLarge extends Error {}

/** The request body, or BodyTooLarge as soon as it passes the limit (the rest is not kept). */
function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_REQUEST_BYTES) {
        req.off('data', onData);
        chunks.length = 0;
        reject(new BodyTooLarge('request too large'));
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function errorPage(): string {
  return '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>';
}

function notFoundPage(path: string): string {
  return `<!DOCTYPE html><html><head><title>404 Not Found</title></head><body><p>${escapeHtml(path)} was not found</p></body></html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);
}
