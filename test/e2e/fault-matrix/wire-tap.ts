import type { Simulator } from '../../../src/simulator/index.js';
import type { SimProductHandler, SimRequest, SimResponse } from '../../../src/simulator/types.js';

/** One request as it reached the simulator (every request, faulted or not). */
export interface SeenRequest {
  readonly seq: number;
  readonly req: SimRequest;
  readonly text: string;
}

/** A request a product handler ran (a fault that answers in its place never gets here). */
export interface HandledRequest extends SeenRequest {
  readonly reply: SimResponse;
  /** The product refused the credential without running the call (stale session, revoked token). */
  readonly refusedCredential: boolean;
}

const SECRET_FIELDS = ['access_token', 'refresh_token', 'session', 'token', 'passwd', 'password', 'apikey'];

/**
 * Watches the simulator's wire without changing it: every request (through a fault that never
 * matches, consulted for each request), every request a product ran and what it answered (by
 * wrapping the product handlers), and every secret that went over the wire either way.
 */
export class WireTap {
  readonly seen: SeenRequest[] = [];
  readonly handled: HandledRequest[] = [];
  /** Passwords, API keys, session ids and tokens seen on the wire (at least 8 characters). */
  readonly secrets = new Set<string>();
  #seq = 0;

  constructor(sim: Simulator, known: readonly string[]) {
    for (const secret of known) this.#keep(secret);
    sim.faults.inject({
      kind: 'latency',
      times: Number.POSITIVE_INFINITY,
      match: (req) => {
        const text = req.body.toString('utf8');
        this.seen.push({ seq: ++this.#seq, req, text });
        this.#fromRequest(req, text);
        return false;
      },
    });
    for (const product of [sim.forticloud, ...sim.products.map((name) => sim[name])]) {
      this.#wrap(product.handler);
    }
  }

  /** A position in the record; `since(mark)` gives what came after it. */
  mark(): number {
    return this.#seq;
  }

  seenSince(mark: number, match: (req: SimRequest) => boolean): SeenRequest[] {
    return this.seen.filter((r) => r.seq > mark && match(r.req));
  }

  handledSince(mark: number, match: (req: SimRequest) => boolean): HandledRequest[] {
    return this.handled.filter((r) => r.seq > mark && match(r.req));
  }

  #wrap(handler: SimProductHandler): void {
    const original = handler.handle.bind(handler);
    (handler as { handle: SimProductHandler['handle'] }).handle = async (req) => {
      const seq = this.#seq;
      const reply = await original(req);
      this.#fromReply(reply);
      this.handled.push({
        seq,
        req,
        text: req.body.toString('utf8'),
        reply,
        refusedCredential: refused(reply),
      });
      return reply;
    };
  }

  #fromRequest(req: SimRequest, text: string): void {
    const authorization = req.headers.authorization;
    if (typeof authorization === 'string') this.#keep(authorization.replace(/^\w+\s+/, ''));
    this.#fields(parse(text));
    for (const [key, value] of new URLSearchParams(text)) if (SECRET_FIELDS.includes(key)) this.#keep(value);
  }

  #fromReply(reply: SimResponse): void {
    const body = typeof reply.body === 'string' ? parse(reply.body) : reply.body;
    this.#fields(body);
  }

  #fields(value: unknown, depth = 0): void {
    if (typeof value !== 'object' || value === null || depth > 4) return;
    for (const [key, item] of Object.entries(value)) {
      if (SECRET_FIELDS.includes(key)) {
        if (typeof item === 'string' || typeof item === 'number') this.#keep(String(item));
      } else this.#fields(item, depth + 1);
    }
  }

  #keep(secret: string): void {
    if (secret.length >= 8) this.secrets.add(secret);
  }
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** FortiManager -11 on the first item, FortiCare 401 or its invalid-token error code. */
function refused(reply: SimResponse): boolean {
  if (reply.status === 401) return true;
  const body = reply.body as {
    result?: Array<{ status?: { code?: number } }>;
    error?: { errorCode?: number };
  };
  if (typeof body !== 'object' || body === null) return false;
  return body.result?.[0]?.status?.code === -11 || body.error?.errorCode === 201;
}
