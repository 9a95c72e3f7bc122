/**
 * Object revisions: a write that carries `revision note` records the object as it now is, and
 * `/pm/config/adom/{adom}/_objrev/...` lists them:
 * - `.../_objrev/obj/<table>/<name>`: one entry per revision of an object, oldest first;
 * - `.../_objrev/devprof/<template>`: a system template's revisions, newest first, each the list of
 *   what changed in it (`pkg obj`); `delete .../_objrev/devprof/<template>/<version>` drops one.
 */
import type { ResolvedUrl, WriteMethod } from '../schema.js';
import type { FmgState } from '../state.js';
import { FmgCode, fail } from '../status.js';
import type { Layer } from '../store/layer.js';
import type { Row } from '../store/table.js';
import { keySegments } from '../url.js';
import { type Call, requireAdom, requireWrite } from './call.js';

/** FortiManager's revision actions: 1 add, 2 delete, 3 change. */
const ACTS: Partial<Record<WriteMethod, number>> = { add: 1, delete: 2 };
/** Object categories of the tables revisions are most kept for (others: 0). */
const CATEGORIES: Readonly<Record<string, number>> = { 'firewall address': 140, 'firewall addrgrp': 142 };

export function recordRevision(
  state: FmgState,
  layer: Layer,
  resolved: ResolvedUrl,
  method: WriteMethod,
  user: string,
  note: string,
  data?: unknown,
): void {
  const target = revisionTarget(resolved, data);
  if (!target) return;
  const list = state.revisions.get(target.id) ?? [];
  const container = layer.get(resolved.containerKey);
  const row: Row | undefined =
    container?.kind === 'table'
      ? container.table.get(target.key)
      : container?.kind === 'object'
        ? container.row
        : undefined;
  list.push({
    version: target.perRequest ? (list.at(-1)?.version ?? 0) + 1 : list.length + 1,
    act: ACTS[method] ?? 3,
    key: target.key,
    note,
    user,
    config: JSON.stringify(row ?? {}),
    oid: Number(row?.oid ?? 0),
    url: target.url,
    timestamp: Math.floor(state.ctx.clock.now() / 1000),
  });
  state.revisions.set(target.id, list);
}

/** get/delete on `/pm/config/adom/{adom}/_objrev/...`. */
export function objectRevisions(call: Call, adom: string, rest: readonly string[]): unknown {
  requireAdom(call, adom);
  if (!call.state.topology.adom(adom)) return fail(FmgCode.invalidUrl);
  const [kind, ...path] = rest;
  if (kind === 'devprof') return templateRevisions(call, adom, path);
  const id = `${adom}|${[kind, ...path].join('/')}`;
  if (call.method !== 'get') return fail(FmgCode.invalidMethod);
  const table = path.slice(0, -1).join(' ');
  return (call.state.revisions.get(id) ?? []).map((revision) => ({
    act: revision.act,
    category: CATEGORIES[table] ?? 0,
    config: revision.config,
    flags: 0,
    key: revision.key,
    note: revision.note,
    oid: revision.oid,
    pkg_oid: 0,
    timestamp: revision.timestamp,
    user: revision.user,
  }));
}

function templateRevisions(call: Call, adom: string, path: readonly string[]): unknown {
  const [template, version] = path;
  const id = `${adom}|devprof/${template}`;
  const list = call.state.revisions.get(id) ?? [];
  if (call.method === 'delete') {
    requireWrite(call);
    const kept = list.filter((revision) => String(revision.version) !== version);
    if (kept.length === list.length) return fail(FmgCode.notFound);
    call.state.revisions.set(id, kept);
    return undefined;
  }
  if (call.method !== 'get' || version !== undefined) return fail(FmgCode.invalidMethod);
  const versions = [...new Set(list.map((revision) => revision.version))].sort((a, b) => b - a);
  return versions.map((v) => ({
    'obj ver': v,
    'pkg obj': list
      .filter((revision) => revision.version === v)
      .map((revision) => ({
        act: revision.act,
        category: 0,
        config: revision.config,
        flags: 0,
        key: revision.key,
        note: revision.note,
        oid: revision.oid,
        pkg_oid: 0,
        timestamp: revision.timestamp,
        url: revision.url,
        user: revision.user,
      })),
  }));
}

/** What a write's revision belongs to: an object of an ADOM, or a system template. */
function revisionTarget(
  resolved: ResolvedUrl,
  data: unknown,
): { id: string; key: string; url: string; perRequest: boolean } | undefined {
  const segments = keySegments(resolved.containerKey);
  const [first] = resolved.steps;
  // A write to the table names its object in the data.
  const item = (Array.isArray(data) ? data[0] : data) as Record<string, unknown> | undefined;
  const named = resolved.node.mkey !== null ? item?.[resolved.node.mkey] : undefined;
  const key =
    first?.kind === 'row' ? first.key : first === undefined && named !== undefined ? String(named) : '';
  const adom = resolved.params.adom;
  if (adom === undefined) return undefined;
  const obj = segments.indexOf('obj');
  if (segments[0] === 'pm' && segments[1] === 'config' && obj > 0 && key !== '')
    return { id: `${adom}|${[...segments.slice(obj), key].join('/')}`, key, url: '', perRequest: false };
  const devprof = resolved.params.devprof ?? (segments[1] === 'devprof' ? key : undefined);
  if (devprof === undefined) return undefined;
  const inside = segments.slice(segments.indexOf(devprof) + 1).join(' ');
  return {
    id: `${adom}|devprof/${devprof}`,
    key,
    url: inside || 'device profile settings',
    perRequest: true,
  };
}
