// PLACEHOLDER — to be replaced by the FortiManager simulator helper.
import type { SimContext } from '../context.js';
import type { FortiCloudSimulator } from '../forticloud/index.js';
import type { SimProductHandler } from '../types.js';

export type FortiManagerSimOptions = {};
export interface FortiManagerSimulator {
  readonly handler: SimProductHandler;
}
export function createFortiManagerSimulator(
  _ctx: SimContext,
  _cloud: FortiCloudSimulator,
  _options: FortiManagerSimOptions = {},
): FortiManagerSimulator {
  return {
    handler: { product: 'fortimanager', handles: (p) => p === '/jsonrpc', handle: () => ({ status: 501 }) },
  };
}
