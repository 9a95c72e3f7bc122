/** Database writes a handler makes on the caller's behalf, through the same path as API writes. */
import type { WriteMethod } from '../schema.js';
import type { Call } from './call.js';
import { storeWrite } from './store.js';

export function writeAs(
  call: Call,
  method: WriteMethod,
  url: string,
  data?: unknown,
  param: Readonly<Record<string, unknown>> = {},
): unknown {
  return storeWrite({ ...call, method, url, param: { ...param, url, data } }, method);
}
