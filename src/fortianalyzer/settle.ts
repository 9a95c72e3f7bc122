import type { RpcResultItem } from '../fortimanager/types.js';
import { fazErrorFor } from './errors.js';

/** The data of one result entry, or its typed FortiAnalyzer error. */
export function settleFaz(
  item: RpcResultItem,
  call: {
    method: string;
    url: string;
    okCodes?: readonly number[] | undefined;
    requestId?: number;
    via?: string | undefined;
  },
): unknown {
  const code = item.status.code;
  if (code === 0 || call.okCodes?.includes(code)) return item.data;
  throw fazErrorFor({
    code,
    message: String(item.status.message ?? ''),
    method: call.method,
    url: call.url,
    requestId: call.requestId,
    via: call.via,
  });
}
