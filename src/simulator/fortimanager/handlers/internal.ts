/** Database writes a handler makes on the caller's behalf, through the same path as API writes. */
import type { WriteMethod } from '../schema.js';
import { splitUrl } from '../url.js';
import type { Call } from './call.js';
import { packageUrl } from './packages.js';
import { storeWrite } from './store.js';

export function writeAs(
  call: Call,
  method: WriteMethod,
  url: string,
  data?: unknown,
  param: Readonly<Record<string, unknown>> = {},
): unknown {
  const request = { ...call, method, url, param: { ...param, url, data } };
  const [root, kind, scope, adom, ...rest] = splitUrl(url);
  if (root === 'pm' && kind === 'pkg' && scope === 'adom') return packageUrl(request, adom, rest);
  return storeWrite(request, method);
}
