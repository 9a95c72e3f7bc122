import type { Command } from 'commander';
import { addConnectionOptions } from '../connection/flags.js';
import { registerWhoami } from '../connection/whoami.js';
import { registerBatch } from './batch.js';
import { withFmg } from './connect.js';
import { registerDescribe } from './describe.js';
import { registerGet } from './get.js';
import { registerInstall } from './install.js';
import { FMG_PRODUCT } from './product.js';
import { registerProxy } from './proxy.js';
import { registerTask } from './task.js';
import { registerWorkspace } from './workspace.js';
import { registerWrites } from './write.js';

/** `fortix fmg ...`: the FortiManager client from the terminal. */
export function register(fmg: Command): void {
  addConnectionOptions(fmg, FMG_PRODUCT);
  registerGet(fmg);
  registerWrites(fmg);
  registerBatch(fmg);
  registerWorkspace(fmg);
  registerInstall(fmg);
  registerTask(fmg);
  registerProxy(fmg);
  registerDescribe(fmg);
  registerWhoami(fmg, withFmg, 'user, profile, rpc-permit, ADOMs, appliance');
}
