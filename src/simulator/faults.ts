import type { SimRequest, SimulatedProduct } from './types.js';

/**
 * What can go wrong on the wire, on demand:
 * - `latency`: answer normally after `delayMs`.
 * - `http-error`: an HTTP `status` (default 503) with a plain-text body.
 * - `html`: an HTML error page (`status`, default 502), as a reverse proxy or a login portal sends.
 * - `reset`: the connection is destroyed after the request was read (the request was sent).
 * - `truncated`: the real reply is cut in half and the connection closed.
 * - `invalid-json`: HTTP 200 with a body that is not JSON.
 * - `slow-body`: the real reply, dribbled out in small chunks `delayMs` apart.
 * - `rate-limit`: HTTP 429 with `Retry-After: retryAfterSec`.
 * - `stale-session`: the product forgets the caller's session before handling the call (FortiManager).
 */
export type FaultKind =
  | 'latency'
  | 'http-error'
  | 'html'
  | 'reset'
  | 'truncated'
  | 'invalid-json'
  | 'slow-body'
  | 'rate-limit'
  | 'stale-session';

export interface FaultSpec {
  kind: FaultKind;
  /** Only requests routed to this product. */
  product?: SimulatedProduct;
  /** Only requests whose HTTP path equals this string or matches this pattern. */
  path?: string | RegExp;
  /** Only requests for which this returns true (e.g. a JSON-RPC method or url in the body). */
  match?: (req: SimRequest) => boolean;
  /** How many matching requests it hits (default 1; `Infinity` for every one). */
  times?: number;
  /** Skip this many matching requests first (default 0). */
  after?: number;
  delayMs?: number;
  status?: number;
  retryAfterSec?: number;
}

interface ActiveFault extends Required<Pick<FaultSpec, 'kind' | 'times' | 'after'>> {
  spec: FaultSpec;
  hits: number;
}

/** Programmable fault injection shared by every simulated product. */
export class FaultController {
  #faults: ActiveFault[] = [];

  /** Arms a fault; returns a function that disarms it. */
  inject(spec: FaultSpec): () => void {
    const fault: ActiveFault = {
      spec,
      kind: spec.kind,
      times: spec.times ?? 1,
      after: spec.after ?? 0,
      hits: 0,
    };
    this.#faults.push(fault);
    return () => {
      this.#faults = this.#faults.filter((f) => f !== fault);
    };
  }

  /** Disarms every fault. */
  clear(): void {
    this.#faults = [];
  }

  /** Faults still armed. */
  get pending(): number {
    return this.#faults.length;
  }

  /**
   * Consumes the first armed fault that matches this request (optionally only of the given kinds)
   * and returns its spec.
   */
  take(req: SimRequest, product: SimulatedProduct, kinds?: readonly FaultKind[]): FaultSpec | undefined {
    if (this.#faults.length === 0) return undefined;
    for (const fault of this.#faults) {
      if (kinds && !kinds.includes(fault.kind)) continue;
      if (!matches(fault.spec, req, product)) continue;
      if (fault.after > 0) {
        fault.after--;
        continue;
      }
      fault.hits++;
      if (fault.hits >= fault.times) this.#faults = this.#faults.filter((f) => f !== fault);
      return fault.spec;
    }
    return undefined;
  }
}

function matches(spec: FaultSpec, req: SimRequest, product: SimulatedProduct): boolean {
  if (spec.product && spec.product !== product) return false;
  if (typeof spec.path === 'string' && spec.path !== req.path) return false;
  if (spec.path instanceof RegExp && !spec.path.test(req.path)) return false;
  return spec.match ? spec.match(req) : true;
}

/** Fault kinds the shared server applies itself; the rest are product-specific. */
export const WIRE_FAULTS: readonly FaultKind[] = [
  'latency',
  'http-error',
  'html',
  'reset',
  'truncated',
  'invalid-json',
  'slow-body',
  'rate-limit',
];
