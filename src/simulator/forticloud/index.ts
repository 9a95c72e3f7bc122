// PLACEHOLDER — to be replaced by the FortiCare/FortiCloud simulator helper.
import type { SimContext } from '../context.js';
import type { SimProductHandler } from '../types.js';

export type CloudSimOptions = {};
export interface FortiCloudSimulator {
  readonly handler: SimProductHandler;
  verifyAccessToken(token: string): { username: string; clientId: string } | undefined;
}
export function createFortiCloudSimulator(
  _ctx: SimContext,
  _options: CloudSimOptions = {},
): FortiCloudSimulator {
  return {
    handler: {
      product: 'forticloud',
      handles: (p) => p.startsWith('/api/v1/oauth/'),
      handle: () => ({ status: 501 }),
    },
    verifyAccessToken: () => undefined,
  };
}
