import type { Command } from 'commander';
import { addConnectionOptions } from '../connection/flags.js';
import { registerWhoami } from '../connection/whoami.js';
import { registerAccountCommands } from './accounts.js';
import { withCare } from './connect.js';
import { CARE_PRODUCT } from './product.js';
import { registerProducts } from './products.js';

/** `fortix care ...`: FortiCare Asset Management V3 from the terminal. */
export function register(care: Command): void {
  addConnectionOptions(care, CARE_PRODUCT);
  registerProducts(care);
  registerAccountCommands(care);
  registerWhoami(care, withCare, 'API user, token scope and expiry, account');
}
