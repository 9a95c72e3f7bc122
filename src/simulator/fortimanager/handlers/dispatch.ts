import type { WriteMethod } from '../schema.js';
import { FmgCode, fail } from '../status.js';
import {
  blueprintInfo,
  dirtyInfo,
  interfacePairView,
  isMember,
  packageStatus,
  vdomStatus,
} from './adom-status.js';
import type { Call } from './call.js';
import {
  checkoutRevision,
  deviceRevisions,
  exportConfig,
  importConfig,
  revertRevision,
} from './deployment.js';
import {
  addDeviceCommand,
  addDeviceList,
  changeHaPrimary,
  deleteDevice,
  refreshDevices,
  updateHa,
} from './devices.js';
import { externalResources } from './external.js';
import { importDevicePolicy } from './import.js';
import {
  installDevice,
  installGlobal,
  installObjects,
  installPackage,
  installPreview,
  previewResult,
} from './install.js';
import { atPackagePath, packageUrl } from './packages.js';
import { proxyJson } from './proxy.js';
import { fdsdb, platformData, replacementGroups, switchPlatforms, timeZones } from './reference.js';
import { objectRevisions } from './revisions.js';
import { findRoute, type Route, type RouteParams, route } from './routes.js';
import { executeScript, scriptLogs } from './scripts.js';
import { systemStatus, taskUrl } from './status.js';
import { storeGet, storeWrite } from './store.js';
import { parseWorkspaceUrl, workspaceExec, workspaceGet } from './workspace.js';

type Handler = (call: Call, params: RouteParams) => unknown;

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

const EXEC_ROUTES: readonly Route<Handler>[] = [
  route('securityconsole/install/device', installDevice),
  route('securityconsole/install/package', installPackage),
  route('securityconsole/install/preview', installPreview),
  route('securityconsole/install/objects', installObjects),
  route('securityconsole/install/objects/v2', installObjects),
  route('securityconsole/install/global', installGlobal),
  route('securityconsole/preview/result', previewResult),
  route('securityconsole/import/dev/objs', importDevicePolicy),
  route('sys/proxy/json', proxyJson),
  route('dvm/cmd/add/device', addDeviceCommand),
  route('dvm/cmd/add/dev-list', addDeviceList),
  route('dvm/cmd/del/device', deleteDevice),
  route('dvm/cmd/update/device', refreshDevices(undefined, true)),
  route('dvm/cmd/update/dev-list', refreshDevices('update-dev-member-list', false)),
  route('dvm/cmd/reload/dev-list', refreshDevices('reload-dev-member-list', true)),
  route('dvm/cmd/change-ha-seq', changeHaPrimary),
  route('dvm/cmd/update/ha', updateHa),
  route('deployment/get/device/revision', deviceRevisions),
  route('deployment/checkout/revision', checkoutRevision),
  route('deployment/export/config', exportConfig),
  route('deployment/revert', revertRevision),
  route('deployment/import/config', importConfig),
  route('dvmdb/adom/{adom}/script/execute', executeScript),
  route('dvmdb/script/execute', executeScript),
];

/** Urls answered from something else than the stored database, for every method they take. */
const OTHER_ROUTES: readonly Route<Handler>[] = [
  route('task/task/**', (call, params) => taskUrl(call, params.rest)),
  route('pm/config/adom/{adom}/_objrev/**', (call, params) =>
    objectRevisions(call, params.adom!, params.rest),
  ),
  route('pm/config/adom/{adom}/_fdsdb/**', fdsdb),
  route('pm/config/adom/{adom}/_data/**', platformData),
  route('pm/config/adom/{adom}/_fsp/managed-switch/platforms/**', switchPlatforms),
  route('pm/config/adom/{adom}/obj/_system/replacemsg', replacementGroups),
  route('pm/pkg/adom/{adom}/**', (call, params) => packageUrl(call, params.adom, params.rest)),
  route('pm/pkg/global/**', (call, params) => packageUrl(call, undefined, params.rest)),
  route('pm/config/adom/{adom}/pkg/{pkg}/_package/status', packageStatus),
  route('pm/config/adom/{adom}/pkg/{pkg}/_query/interface_pair_view/**', interfacePairView),
  route('pm/config/adom/{adom}/_package/status/**', packageStatus),
  route('pm/config/adom/{adom}/_package/dirty_info', dirtyInfo),
  route('pm/config/adom/{adom}/_vdom/status', vdomStatus),
  route('pm/config/adom/{adom}/_blueprint/info', blueprintInfo),
  route('pm/config/global/_external/resource/**', externalResources),
  route('pm/config/device/{device}/global/system/timezone', timeZones),
  route('dvmdb/_is_member/adom/{adom}', isMember),
  route('dvmdb/adom/{adom}/script/log/**', scriptLogs),
];

/** Routes one authenticated param (login and logout are handled by the endpoint) and returns its `data`. */
export function dispatch(request: Call, url: readonly string[]): unknown {
  const [call, segments] = atPackagePath(request, url);
  const { method } = call;
  if (method === 'exec') {
    const found = findRoute(EXEC_ROUTES, segments);
    if (found) return found.handler(call, found.params);
    const workspace = parseWorkspaceUrl(segments);
    return workspace ? workspaceExec(call, workspace) : fail(FmgCode.invalidUrl);
  }
  const other = findRoute(OTHER_ROUTES, segments);
  if (other) return other.handler(call, other.params);
  if (method === 'get') {
    const path = segments.join('/');
    if (path === 'sys/status' || path === 'cli/global/system/status') return systemStatus(call);
    const workspace = parseWorkspaceUrl(segments);
    return workspace ? workspaceGet(call, workspace) : storeGet(call);
  }
  if (WRITE_METHODS.has(method)) return storeWrite(call, method as WriteMethod);
  return fail(FmgCode.invalidMethod);
}
