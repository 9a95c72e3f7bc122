/**
 * What FortiManager does around some writes: an ADOM with devices cannot be deleted (-20063) unless
 * forced; deleting an ADOM or a device deletes what lives under it (packages: handlers/packages.ts);
 * a new ADOM gets a `default` package; `workspace-mode` in `/cli/global/system/global` switches
 * workspace mode.
 */
import type { ResolvedUrl, WriteMethod } from '../schema.js';
import type { FmgState } from '../state.js';
import { FmgCode, fail } from '../status.js';
import type { Layer } from '../store/layer.js';
import { deviceTableKey } from '../topology.js';
import { joinPath } from '../url.js';

export function beforeWrite(
  state: FmgState,
  resolved: ResolvedUrl,
  method: WriteMethod,
  param: Readonly<Record<string, unknown>>,
): void {
  const first = resolved.steps[0];
  if (resolved.containerKey !== '/dvmdb/adom' || method !== 'delete' || first?.kind !== 'row') return;
  const forced = param.option === 'force' || (Array.isArray(param.option) && param.option.includes('force'));
  if (!forced && state.topology.devicesOf(first.key).length > 0) fail(FmgCode.adomHasDevices);
}

export function afterWrite(
  state: FmgState,
  layer: Layer,
  resolved: ResolvedUrl,
  removed: readonly string[],
): void {
  const key = resolved.containerKey;
  if (key === '/dvmdb/adom') {
    for (const adom of removed) removeAdom(layer, adom);
    ensureDefaultPackages(state, layer);
  } else if (/^\/dvmdb\/adom\/[^/]+\/device$/.test(key)) {
    for (const device of removed) layer.removePrefix(`${joinPath(['pm', 'config', 'device', device])}/`);
  } else if (key === '/cli/global/system/global') {
    const container = layer.get(key);
    const mode = container?.kind === 'object' ? container.row['workspace-mode'] : undefined;
    if (mode !== undefined) state.workspace.mode = mode === 'disabled' ? 'disabled' : 'normal';
  }
}

function removeAdom(layer: Layer, adom: string): void {
  layer.removePrefix(`${joinPath(['pm', 'config', 'adom', adom])}/`);
  layer.removePrefix(`${joinPath(['dvmdb', 'adom', adom])}/`);
  layer.remove(deviceTableKey(adom));
  layer.remove(joinPath(['pm', 'pkg', 'adom', adom]));
}

/** Every ADOM has a package table; a new one starts with the `default` package. */
function ensureDefaultPackages(state: FmgState, layer: Layer): void {
  for (const adom of state.topology.adomNames()) {
    const key = joinPath(['pm', 'pkg', 'adom', adom]);
    if (layer.get(key)) continue;
    layer.tableForWrite(key, 'name').insert({ name: 'default', type: 'pkg', oid: state.db.nextOid() });
  }
}
