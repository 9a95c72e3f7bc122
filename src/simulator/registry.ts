import { fortianalyzerPlugin } from './fortianalyzer/index.js';
import { fortiauthenticatorPlugin } from './fortiauthenticator/index.js';
import { forticarePlugin } from './forticare/index.js';
import { fortimanagerPlugin } from './fortimanager/index.js';
import { fortisoarPlugin } from './fortisoar/index.js';
import type { SimPlugin } from './plugin.js';
import type { SimProduct } from './types.js';

/**
 * Every product the simulator can serve, each on its own origin. A new product is one line here
 * plus its folder; nothing else changes.
 */
export const SIM_PLUGINS = {
  fortimanager: fortimanagerPlugin,
  forticare: forticarePlugin,
  fortianalyzer: fortianalyzerPlugin,
  fortisoar: fortisoarPlugin,
  fortiauthenticator: fortiauthenticatorPlugin,
} as const satisfies Record<string, SimPlugin<never, SimProduct>>;

/** The products `startSimulator({ products })` accepts. */
export type SimProductName = keyof typeof SIM_PLUGINS;

/** Every product name, in the order products are started (and ports given out). */
export const SIM_PRODUCT_NAMES = Object.keys(SIM_PLUGINS) as SimProductName[];

/** The options a product's plugin takes. */
export type SimPluginOptions<N extends SimProductName> = Parameters<(typeof SIM_PLUGINS)[N]['create']>[1];

/** The product a plugin creates. */
export type SimPluginProduct<N extends SimProductName> = Awaited<
  ReturnType<(typeof SIM_PLUGINS)[N]['create']>
>;
