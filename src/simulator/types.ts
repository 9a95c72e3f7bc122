import type { IncomingHttpHeaders } from 'node:http';

/** The products a simulator can serve. */
export type SimulatedProduct =
  | 'fortimanager'
  | 'forticare'
  | 'forticloud'
  | 'fortisoar'
  | 'fortiauthenticator'
  | 'fortianalyzer';

/** A request as a product handler sees it: the body is already read in full. */
export interface SimRequest {
  readonly method: string;
  /** Path without the query string, e.g. `/jsonrpc`. */
  readonly path: string;
  readonly query: URLSearchParams;
  /** The request target exactly as sent (path and query, not decoded), e.g. for request signatures. */
  readonly target: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  /** Remote address of the client socket. */
  readonly remoteAddress: string;
}

/** A reply from a product handler. A non-string, non-Buffer body is sent as JSON. */
export interface SimResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer | unknown;
}

/**
 * One simulated product mounted on the shared server. The server routes a request to the first
 * product whose `handles(path)` is true.
 */
export interface SimProductHandler {
  readonly product: SimulatedProduct;
  handles(path: string): boolean;
  handle(req: SimRequest): SimResponse | Promise<SimResponse>;
  /** Releases timers; called by `sim.close()`. */
  close?(): void;
}

/** What a product accepts, spelled as the client options name it (`username`, `password`, `apiKey`, ...). */
export type SimCredentials = Readonly<Record<string, string>>;

/** Where a product is served; `url` is known once its listener is up (read it lazily). */
export interface SimOrigin {
  readonly url: string;
}

/** A simulated product as the registry serves it: its routes and the credentials it accepts. */
export interface SimProduct {
  readonly handler: SimProductHandler;
  /** Base URL of the product's own origin, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  readonly credentials: SimCredentials;
}
