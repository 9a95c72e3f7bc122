// PLACEHOLDER — to be replaced by the FortiCare/FortiCloud simulator helper.
import type { SimContext } from '../context.js';
import type { FortiCloudSimulator } from '../forticloud/index.js';
import type { SimProductHandler } from '../types.js';

export type FortiCareSimOptions = {};
export interface FortiCareSimulator {
  readonly handler: SimProductHandler;
}
export function createFortiCareSimulator(
  _ctx: SimContext,
  _cloud: FortiCloudSimulator,
  _options: FortiCareSimOptions = {},
): FortiCareSimulator {
  return {
    handler: {
      product: 'forticare',
      handles: (p) => p.startsWith('/ES/api/'),
      handle: () => ({ status: 501 }),
    },
  };
}
