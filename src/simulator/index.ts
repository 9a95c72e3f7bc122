/**
 * In-process simulators of Fortinet management APIs, each product on its own loopback origin
 * (HTTP or HTTPS), with fault injection.
 *
 * @example
 * import { startSimulator } from 'fortix/simulator';
 * await using sim = await startSimulator({ products: ['fortimanager'] });
 * const fmg = new FortiManager({ url: sim.fortimanager.url, ...sim.fortimanager.credentials });
 */
import { type Clock, systemClock } from '../core/clock.js';
import { seededRandom } from './context.js';
import { FaultController } from './faults.js';
import {
  type CloudSimOptions,
  createFortiCloudSimulator,
  type FortiCloudSimulator,
} from './forticloud/index.js';
import type { SimPluginContext } from './plugin.js';
import {
  SIM_PLUGINS,
  SIM_PRODUCT_NAMES,
  type SimPluginOptions,
  type SimPluginProduct,
  type SimProductName,
} from './registry.js';
import { SimServer } from './server.js';
import { SimServices } from './services.js';
import { type SimCertificate, simulatorCertificate } from './tls.js';
import type { SimCredentials, SimOrigin, SimProduct } from './types.js';

export type { FaultKind, FaultSpec } from './faults.js';
export { FaultController } from './faults.js';
export { SIM_PRODUCT_NAMES, type SimProductName } from './registry.js';
export type { SimCredentials, SimProduct, SimulatedProduct } from './types.js';

export type SimulatorOptions = {
  /** Products to serve (default: all). FortiCloud OAuth is always served beside them. */
  products?: ReadonlyArray<SimProductName>;
  /** Serve HTTPS with a generated self-signed certificate (default false: plain HTTP). */
  https?: boolean;
  /** Loopback address to bind (default 127.0.0.1). */
  host?: string;
  /**
   * First port (default 0: any free port for every product). FortiCloud gets `port`, the products
   * the next ones, in the order of {@link SIM_PRODUCT_NAMES}.
   */
  port?: number;
  /** Time source for sessions, tokens, tasks and rate limits (default: the wall clock). */
  clock?: Clock;
  /** Seed for generated data (default 1). */
  seed?: number;
  forticloud?: CloudSimOptions;
} & { [N in SimProductName]?: SimPluginOptions<N> };

/** Where each served product is and what it accepts: what `fortix sim --json` prints. */
export type SimulatorDescription = Record<string, { url: string; credentials: SimCredentials }>;

/** A running simulator. Close it with `close()` or `await using`. */
export type Simulator = AsyncDisposable & {
  /** PEM certificate of the HTTPS listeners (use as `tls.ca`), when `https` is on. */
  readonly ca: string | undefined;
  /** SHA-256 fingerprint of the HTTPS certificate (use as `tls.fingerprint`), when `https` is on. */
  readonly fingerprint256: string | undefined;
  readonly faults: FaultController;
  /** The FortiCloud OAuth service (FortiCare and FortiManager Cloud tokens). */
  readonly forticloud: FortiCloudSimulator;
  /** The products served, in start order. */
  readonly products: readonly SimProductName[];
  /** HTTP requests served so far, over every product. */
  readonly requests: number;
  /** `{ <product>: { url, credentials } }` of FortiCloud and every served product. */
  describe(): SimulatorDescription;
  close(): Promise<void>;
} & { readonly [N in SimProductName]: SimPluginProduct<N> };

/** Starts FortiCloud and the chosen products, each on its own loopback origin. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const products = [...new Set(options.products ?? SIM_PRODUCT_NAMES)];
  for (const name of products) {
    if (!(name in SIM_PLUGINS)) {
      throw new Error(`Unknown simulator product '${name}'; choose from ${SIM_PRODUCT_NAMES.join(', ')}`);
    }
  }
  const faults = new FaultController();
  const base = { clock: options.clock ?? systemClock, faults, random: seededRandom(options.seed ?? 1) };
  const certificate = options.https ? await simulatorCertificate() : undefined;
  const host = options.host ?? '127.0.0.1';
  const portAt = (index: number) => (options.port ? options.port + index : 0);

  const servers: SimServer[] = [];
  const served: SimProduct[] = [];
  const listen = async (product: SimProduct, origin: MutableOrigin, index: number) => {
    const server = new SimServer({
      host,
      port: portAt(index),
      certificate,
      handlers: [product.handler],
      faults,
    });
    servers.push(server);
    served.push(product);
    origin.url = await server.listen();
  };
  const close = async () => {
    await Promise.all(servers.map((server) => server.close()));
    for (const product of served) product.handler.close?.();
  };

  const instances: Partial<Record<SimProductName, SimProduct>> = {};
  const services = new SimServices();
  let forticloud: FortiCloudSimulator;
  try {
    const cloudOrigin = new MutableOrigin();
    forticloud = createFortiCloudSimulator({ ...base, origin: cloudOrigin }, options.forticloud);
    await listen(forticloud, cloudOrigin, 0);
    for (const [i, name] of products.entries()) {
      const origin = new MutableOrigin();
      const ctx: SimPluginContext = { ...base, origin, forticloud, services };
      const plugin = SIM_PLUGINS[name] as { create(ctx: SimPluginContext, o: unknown): unknown };
      const product = (await plugin.create(ctx, options[name])) as SimProduct;
      instances[name] = product;
      await listen(product, origin, i + 1);
    }
  } catch (error) {
    await close();
    throw error;
  }
  let closing: Promise<void> | undefined;
  const closeOnce = () => {
    closing ??= close();
    return closing;
  };
  const sim = {
    ca: certificate?.cert,
    fingerprint256: certificate?.fingerprint256,
    faults,
    forticloud,
    products,
    get requests() {
      return servers.reduce((sum, server) => sum + server.requests, 0);
    },
    describe() {
      const out: SimulatorDescription = {};
      for (const product of served) {
        out[product.handler.product] = { url: product.url, credentials: { ...product.credentials } };
      }
      return out;
    },
    close: closeOnce,
    [Symbol.asyncDispose]: closeOnce,
  };
  for (const name of SIM_PRODUCT_NAMES) {
    Object.defineProperty(sim, name, { enumerable: true, get: () => required(instances[name], name) });
  }
  return sim as unknown as Simulator;
}

class MutableOrigin implements SimOrigin {
  #url: string | undefined;

  get url(): string {
    if (this.#url === undefined) throw new Error('The simulator is still starting: its URL is not known yet');
    return this.#url;
  }

  set url(value: string) {
    this.#url = value;
  }
}

function required<T>(product: T | undefined, name: string): T {
  if (!product) throw new Error(`The simulator was started without '${name}'; add it to options.products`);
  return product;
}

export type { SimCertificate };
