import type { Command } from 'commander';
import { addConnectionOptions } from '../connection/flags.js';
import { registerWhoami } from '../connection/whoami.js';
import { withSoar } from './connect.js';
import { registerConnectors } from './connectors.js';
import { registerPlaybooks } from './playbooks.js';
import { SOAR_PRODUCT } from './product.js';
import { registerRecords } from './records.js';

/** `fortix soar ...`: FortiSOAR from the terminal. */
export function register(soar: Command): void {
  addConnectionOptions(soar, SOAR_PRODUCT);
  registerRecords(soar);
  registerConnectors(soar);
  registerPlaybooks(soar);
  registerWhoami(soar, withSoar, 'the person behind the login, API key or key pair, and its permissions');
}
