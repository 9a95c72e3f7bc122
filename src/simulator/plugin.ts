import type { SimContext } from './context.js';
import type { FortiCloudSimulator } from './forticloud/index.js';
import type { SimServices } from './services.js';
import type { SimCredentials, SimOrigin, SimProduct, SimulatedProduct } from './types.js';

/**
 * What a plugin gets to build its product: time, faults, random data, its own origin, FortiCloud,
 * and the services the other products of the same simulator provide.
 */
export interface SimPluginContext extends SimContext {
  readonly origin: SimOrigin;
  /** The FortiCloud OAuth service, for products that accept FortiCloud tokens. */
  readonly forticloud: FortiCloudSimulator;
  readonly services: SimServices;
}

/**
 * One product of the simulator: routes and state of its own, created on demand by `startSimulator`.
 * Adding a product is a folder with a plugin plus one entry in the registry (`registry.ts`).
 */
export interface SimPlugin<Options, Product extends SimProduct> {
  readonly name: SimulatedProduct;
  create(ctx: SimPluginContext, options: Options | undefined): Product | Promise<Product>;
}

/** Typed helper so that plugins declare their option and product types once. */
export function defineSimPlugin<Options, Product extends SimProduct>(
  plugin: SimPlugin<Options, Product>,
): SimPlugin<Options, Product> {
  return plugin;
}

/**
 * Makes a product's API a served {@link SimProduct}: `url` and `credentials` are read lazily, since
 * both are only known once every listener is up.
 */
export function asSimProduct<P extends { readonly handler: SimProduct['handler'] }>(
  product: P,
  origin: SimOrigin,
  credentials: () => SimCredentials,
): P & SimProduct {
  return Object.defineProperties(product, {
    url: { enumerable: true, get: () => origin.url },
    credentials: { enumerable: true, get: credentials },
  }) as P & SimProduct;
}
