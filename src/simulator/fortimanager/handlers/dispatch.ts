import type { WriteMethod } from '../schema.js';
import { FmgCode, fail } from '../status.js';
import type { Call } from './call.js';
import { installDevice, installPackage, installPreview, previewResult } from './install.js';
import { proxyJson } from './proxy.js';
import { systemStatus, taskGet } from './status.js';
import { storeGet, storeWrite } from './store.js';
import { parseWorkspaceUrl, workspaceExec, workspaceGet } from './workspace.js';

const WRITE_METHODS: ReadonlySet<string> = new Set<WriteMethod>([
  'add',
  'set',
  'update',
  'replace',
  'delete',
  'clone',
  'move',
  'unset',
]);

const EXEC_ROUTES: Readonly<Record<string, (call: Call) => unknown>> = {
  'securityconsole/install/device': installDevice,
  'securityconsole/install/package': installPackage,
  'securityconsole/install/preview': installPreview,
  'securityconsole/preview/result': previewResult,
  'sys/proxy/json': proxyJson,
};

/** Routes one authenticated param (login and logout are handled by the endpoint) and returns its `data`. */
export function dispatch(call: Call, segments: readonly string[]): unknown {
  const { method } = call;
  if (method === 'exec') {
    const route = EXEC_ROUTES[segments.join('/')];
    if (route) return route(call);
    const workspace = parseWorkspaceUrl(segments);
    return workspace ? workspaceExec(call, workspace) : fail(FmgCode.invalidUrl);
  }
  if (method === 'get') {
    const path = segments.join('/');
    if (path === 'sys/status' || path === 'cli/global/system/status') return systemStatus(call);
    if (segments[0] === 'task' && segments[1] === 'task') return taskGet(call, segments.slice(2));
    const workspace = parseWorkspaceUrl(segments);
    return workspace ? workspaceGet(call, workspace) : storeGet(call);
  }
  if (WRITE_METHODS.has(method)) return storeWrite(call, method as WriteMethod);
  return fail(FmgCode.invalidMethod);
}
