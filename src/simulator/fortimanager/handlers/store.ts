/** get and the write methods on everything the schema registry knows (the stored database). */
import { getData } from '../query/get.js';
import type { ResolvedUrl, WriteMethod } from '../schema.js';
import { FmgCode, fail } from '../status.js';
import type { Layer } from '../store/layer.js';
import { applyWrite } from '../write.js';
import { type Call, requireAdom, requireWrite } from './call.js';
import { afterWrite, beforeWrite } from './hooks.js';

export function storeGet(call: Call): unknown {
  const resolved = resolveChecked(call);
  const { state, principal } = call;
  const layerFor = (key: string) => state.layerFor(principal, key, undefined, false);
  return getData(state.db, layerFor, resolved, call.param, call.verbose);
}

export function storeWrite(call: Call, method: WriteMethod): unknown {
  requireWrite(call);
  const { state, principal, param } = call;
  const resolved = resolveChecked(call);
  for (const item of Array.isArray(param.data) ? param.data : [param.data ?? {}]) {
    if (typeof item === 'object' && item !== null)
      state.db.registry.validate(call.url, method, item as Record<string, unknown>);
  }
  if (resolved.entry.union && resolved.steps.length === 0) return fail(FmgCode.invalidUrl);
  const layerFor = (key: string) => state.layerFor(principal, key, firstRowKey(resolved), false);
  const concrete = state.db.concretize(resolved, layerFor);
  const layer: Layer = state.layerFor(principal, concrete.containerKey, firstRowKey(concrete), true);
  beforeWrite(state, concrete, method, param);
  const result = applyWrite(state.db, layer, concrete, { method, data: param.data, param });
  afterWrite(state, layer, concrete, result.removed);
  return result.data;
}

function firstRowKey(resolved: ResolvedUrl): string | undefined {
  const first = resolved.steps[0];
  return first?.kind === 'row' ? first.key : undefined;
}

/** Resolves the url, checks the ADOM/device it names may be used (-11) and what it names exists (-6). */
function resolveChecked(call: Call): ResolvedUrl {
  const { topology } = call.state;
  const resolved = call.state.db.resolve(call.url);
  const { adom, device, vdom, pkg } = resolved.params;
  const adomRow = resolved.containerKey === '/dvmdb/adom' ? firstRowKey(resolved) : undefined;
  requireAdom(call, adom ?? adomRow ?? (device === undefined ? undefined : topology.adomOfDevice(device)));
  if (adom !== undefined && !topology.adom(adom)) fail(FmgCode.invalidUrl);
  if (device !== undefined && !topology.device(device)) fail(FmgCode.invalidUrl);
  if (device !== undefined && vdom !== undefined && !topology.hasVdom(device, vdom)) fail(FmgCode.invalidUrl);
  if (pkg !== undefined && adom !== undefined && !topology.hasPackage(adom, pkg)) fail(FmgCode.invalidUrl);
  return resolved;
}
