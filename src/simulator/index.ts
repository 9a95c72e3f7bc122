/**
 * In-process simulators of Fortinet management APIs, on loopback HTTP(S), with fault injection.
 *
 * @example
 * import { startSimulator } from 'fortix/simulator';
 * await using sim = await startSimulator({ products: ['fortimanager'] });
 * const fmg = new FortiManager({ url: sim.url, username: 'admin', password: sim.fortimanager.adminPassword });
 */
import { type Clock, systemClock } from '../core/clock.js';
import { seededRandom } from './context.js';
import { FaultController } from './faults.js';
import {
  createFortiCareSimulator,
  type FortiCareSimOptions,
  type FortiCareSimulator,
} from './forticare/index.js';
import {
  type CloudSimOptions,
  createFortiCloudSimulator,
  type FortiCloudSimulator,
} from './forticloud/index.js';
import {
  createFortiManagerSimulator,
  type FortiManagerSimOptions,
  type FortiManagerSimulator,
  withCatalogSchemas,
} from './fortimanager/index.js';
import { SimServer } from './server.js';
import { simulatorCertificate } from './tls.js';
import type { SimProductHandler } from './types.js';

export type { FaultKind, FaultSpec } from './faults.js';
export { FaultController } from './faults.js';
export type { SimulatedProduct } from './types.js';

export interface SimulatorOptions {
  /** Products to serve (default: all). FortiCloud OAuth is always served alongside. */
  products?: ReadonlyArray<'fortimanager' | 'forticare'>;
  /** Serve HTTPS with a generated self-signed certificate (default false: plain HTTP). */
  https?: boolean;
  /** Loopback address to bind (default 127.0.0.1). */
  host?: string;
  /** Port (default 0: any free port). */
  port?: number;
  /** Time source for sessions, tokens, tasks and rate limits (default: the wall clock). */
  clock?: Clock;
  /** Seed for generated data (default 1). */
  seed?: number;
  fortimanager?: FortiManagerSimOptions;
  forticare?: FortiCareSimOptions;
  forticloud?: CloudSimOptions;
}

/** A running simulator. Close it with `close()` or `await using`. */
export interface Simulator extends AsyncDisposable {
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  /** PEM certificate of the HTTPS listener (use as `tls.ca`), when `https` is on. */
  readonly ca: string | undefined;
  /** SHA-256 fingerprint of the HTTPS certificate (use as `tls.fingerprint`), when `https` is on. */
  readonly fingerprint256: string | undefined;
  readonly faults: FaultController;
  readonly forticloud: FortiCloudSimulator;
  /** Present when 'fortimanager' is among `products`. */
  readonly fortimanager: FortiManagerSimulator;
  /** Present when 'forticare' is among `products`. */
  readonly forticare: FortiCareSimulator;
  /** HTTP requests served so far. */
  readonly requests: number;
  close(): Promise<void>;
}

/** Starts the simulators on a loopback port. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const products = options.products ?? ['fortimanager', 'forticare'];
  const faults = new FaultController();
  const ctx = { clock: options.clock ?? systemClock, faults, random: seededRandom(options.seed ?? 1) };
  const forticloud = createFortiCloudSimulator(ctx, options.forticloud);
  const handlers: SimProductHandler[] = [forticloud.handler];
  const fortimanager = products.includes('fortimanager')
    ? createFortiManagerSimulator(ctx, forticloud, await withCatalogSchemas(options.fortimanager))
    : undefined;
  const forticare = products.includes('forticare')
    ? createFortiCareSimulator(ctx, forticloud, options.forticare)
    : undefined;
  if (fortimanager) handlers.push(fortimanager.handler);
  if (forticare) handlers.push(forticare.handler);

  const certificate = options.https ? await simulatorCertificate() : undefined;
  const server = new SimServer({
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    certificate,
    handlers,
    faults,
  });
  const url = await server.listen();
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      await server.close();
      for (const handler of handlers) handler.close?.();
    })();
    return closing;
  };
  return {
    url,
    ca: certificate?.cert,
    fingerprint256: certificate?.fingerprint256,
    faults,
    forticloud,
    get fortimanager() {
      return required(fortimanager, 'fortimanager');
    },
    get forticare() {
      return required(forticare, 'forticare');
    },
    get requests() {
      return server.requests;
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}

function required<T>(product: T | undefined, name: string): T {
  if (!product) throw new Error(`The simulator was started without '${name}'; add it to options.products`);
  return product;
}
