/** get and the write methods on everything the schema registry knows (the stored database). */
import { memoize } from '../../memo.js';
import { getData } from '../query/get.js';
import { isEncrypted } from '../query/render.js';
import type { ResolvedUrl, WriteMethod } from '../schema.js';
import { FmgCode, fail } from '../status.js';
import type { Layer } from '../store/layer.js';
import { simpleLine } from '../tasks.js';
import { keySegments } from '../url.js';
import { applyWrite } from '../write.js';
import { ParamAnswer } from './answer.js';
import { type Call, requireAdom, requireWrite } from './call.js';
import { afterWrite, beforeWrite } from './hooks.js';
import { recordRevision } from './revisions.js';
import { cliConfig, duplicateCheck, mergeInto, replaceUsedObjects } from './write-options.js';

export function storeGet(call: Call): unknown {
  const resolved = resolveChecked(call);
  const { state, principal } = call;
  const layerFor = (key: string) => state.layerFor(principal, key, undefined, false);
  return getData(state, layerFor, resolved, call.param, call.verbose);
}

export function storeWrite(call: Call, method: WriteMethod): unknown {
  requireWrite(call);
  const { state, principal, param } = call;
  const resolved = resolveChecked(call);
  if (resolved.entry.union && resolved.steps.length === 0) return fail(FmgCode.invalidUrl);
  const layerFor = (key: string) => state.layerFor(principal, key, firstRowKey(resolved), false);
  const concrete = state.db.concretize(resolved, layerFor);
  const layer: Layer = state.layerFor(principal, concrete.containerKey, firstRowKey(concrete), true);
  const options = optionList(param.option);
  if (method === 'add' && options.includes('duplicate check')) return duplicateCheck(layer, concrete);
  if (Array.isArray(param.merge)) return mergeInto(layer, concrete, param.merge.map(String));
  if (method === 'clone' && concrete.target === 'list') return cloneTable(call, layer, concrete);
  if (concrete.target !== 'attr') {
    if (Array.isArray(param.data)) for (const item of param.data) checkItem(call, method, concrete, item);
    else checkItem(call, method, concrete, param.data ?? {});
  }
  beforeWrite(state, concrete, method, param);
  const data = withScopeMember(concrete, param);
  const written =
    param['used objs'] !== undefined
      ? replaceUsedObjects(layer, concrete, param['used objs'])
      : applyWrite(state.db, layer, concrete, { method, data, param });
  afterWrite(state, layer, concrete, written.removed);
  if (typeof param['revision note'] === 'string')
    recordRevision(state, layer, concrete, method, call.principal.user, param['revision note'], param.data);
  if (answersNoData(concrete)) return undefined;
  if (echoesData(concrete, method)) return param.data;
  if (method === 'add' && options.includes('cli config')) return cliConfig(layer, concrete, written.data);
  if (Number(param.push) === 1 && concrete.params.device !== undefined)
    return new ParamAnswer(written.data, { taskid: pushTask(call) });
  return written.data;
}

/** Refuses (throws) an object of a write's data that its schema does not accept. */
function checkItem(call: Call, method: WriteMethod, resolved: ResolvedUrl, item: unknown): void {
  if (typeof item === 'object' && item !== null)
    call.state.db.registry.validate(
      call.url,
      method,
      withoutSecretsAsRead(item as Record<string, unknown>),
      resolved.node,
    );
}

/**
 * `clone` of a table with `data: {"new url": ...}`: its rows are copied into the table at the new url
 * (`router/static` of a device into a static route template); nothing is answered.
 */
function cloneTable(call: Call, layer: Layer, resolved: ResolvedUrl): undefined {
  const target = (call.param.data as Record<string, unknown> | undefined)?.['new url'];
  if (typeof target !== 'string') return fail(FmgCode.invalidData, "attribute 'new url' is required");
  const container = layer.get(resolved.containerKey);
  const rows = container?.kind === 'table' ? [...container.table.rows()] : [];
  // A url naming a template (not a table) gets the table's path below the device or VDOM.
  const segments = keySegments(resolved.containerKey);
  const vdom = segments.indexOf('vdom');
  const below = vdom > 0 ? segments.slice(vdom + 2) : segments.slice(segments.indexOf('global') + 1);
  const url = tableUrl(call, target) ? target : `${target}/${below.join('/')}`;
  for (const { oid: _oid, ...row } of rows) {
    const data = withoutSecretsAsRead(row);
    storeWrite({ ...call, method: 'set', url, param: { url, data } }, 'set');
  }
  return undefined;
}

function tableUrl(call: Call, url: string): boolean {
  try {
    return call.state.db.resolve(url).target === 'list';
  } catch {
    return false;
  }
}

/** Data without the secrets it holds as they were read (`["ENC", ...]`), which the write keeps as they are. */
function withoutSecretsAsRead(item: Record<string, unknown>): Record<string, unknown> {
  // Most written data holds none: then it is checked as it is, without a copy.
  if (!holdsSecretAsRead(item)) return item;
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(item)) {
    if (isEncrypted(value)) continue;
    out[name] = Array.isArray(value)
      ? value.map((entry) =>
          typeof entry === 'object' && entry !== null && !Array.isArray(entry)
            ? withoutSecretsAsRead(entry as Record<string, unknown>)
            : entry,
        )
      : value;
  }
  return out;
}

function holdsSecretAsRead(item: Record<string, unknown>): boolean {
  for (const name in item) {
    const value = item[name];
    if (isEncrypted(value)) return true;
    if (Array.isArray(value))
      for (const entry of value)
        if (typeof entry === 'object' && entry !== null && !Array.isArray(entry)) {
          if (holdsSecretAsRead(entry as Record<string, unknown>)) return true;
        }
  }
  return false;
}

/** `scope member` of a write to objects assigned to devices: the devices the rows are assigned to. */
function withScopeMember(resolved: ResolvedUrl, param: Readonly<Record<string, unknown>>): unknown {
  const members = param['scope member'];
  const { data } = param;
  if (
    members === undefined ||
    resolved.node.attributes?.['scope member'] === undefined ||
    resolved.target === 'attr'
  )
    return data;
  const list = Array.isArray(members) ? members : [members];
  const assign = (item: unknown) =>
    typeof item === 'object' && item !== null && !Array.isArray(item)
      ? { ...item, 'scope member': list }
      : item;
  return Array.isArray(data) ? data.map(assign) : assign(data);
}

/** `push: 1` on a device database write: the change is installed on the device at once (a task). */
function pushTask(call: Call): number {
  const device = call.state.db.resolve(call.url).params.device ?? '';
  return call.state.tasks.create({
    title: 'Install Device',
    src: 'push',
    user: call.principal.user,
    adomOid: 0,
    lines: [
      simpleLine(device, [
        [0, `start to install dev(${device})`],
        [100, 'install and save finished status=OK'],
      ]),
    ],
  });
}

/** Member lists: edits answer no data, whether a schema describes them as a list or as rows. */
const MEMBER_LISTS: ReadonlySet<string> = new Set([
  'member',
  'scope member',
  'object member',
  'section value',
]);

/**
 * Writes to provisioning templates, device groups and member lists answer no data (what FortiManager
 * answers there, recorded), whatever the method. (Policy packages: handlers/packages.ts.)
 */
function answersNoData(resolved: ResolvedUrl): boolean {
  const last = resolved.steps.at(-1);
  if (last?.kind === 'sub' && MEMBER_LISTS.has(last.attr)) return true;
  return resolved.steps.length <= 1 && quietContainer(resolved.containerKey);
}

const TEMPLATE_TABLES: ReadonlySet<string> = new Set([
  'devprof',
  'wanprof',
  'fwmprof',
  'tmplgrp',
  'template',
]);

/** Templates and device groups, whose rows (and the container itself) answer no data; once per container. */
const quietContainer = memoize((containerKey: string): boolean => {
  const [root, second, , fourth] = keySegments(containerKey);
  if (root === 'pm') return TEMPLATE_TABLES.has(second ?? '');
  return root === 'dvmdb' && (second === 'group' || fourth === 'group');
});

/**
 * A set of a FortiOS singleton inside a system template (`.../devprof/<t>/log/syslogd/filter`)
 * answers the data it was given (recorded); the template's own settings (`device/...`) answer none.
 */
function echoesData(resolved: ResolvedUrl, method: WriteMethod): boolean {
  if ((method !== 'set' && method !== 'update') || resolved.entry.schema.kind !== 'object') return false;
  if (resolved.steps.length > 0 || resolved.params.devprof === undefined) return false;
  const segments = keySegments(resolved.containerKey);
  return segments[segments.indexOf(resolved.params.devprof) + 1] !== 'device';
}

export function optionList(option: unknown): readonly string[] {
  if (option === undefined) return NO_OPTIONS;
  if (typeof option === 'string') return [option];
  return Array.isArray(option) ? option.filter((o): o is string => typeof o === 'string') : NO_OPTIONS;
}

/** What a param without `option` has (most writes): one list for all of them. */
const NO_OPTIONS: readonly string[] = Object.freeze([]);

function firstRowKey(resolved: ResolvedUrl): string | undefined {
  const first = resolved.steps[0];
  return first?.kind === 'row' ? first.key : undefined;
}

/** Resolves the url, checks the ADOM/device it names may be used (-11) and what it names exists (-6). */
export function resolveChecked(call: Call): ResolvedUrl {
  const { topology } = call.state;
  const resolved = call.state.db.resolve(call.url);
  const { adom, device, vdom, pkg, devprof, template } = resolved.params;
  const adomRow = resolved.containerKey === '/dvmdb/adom' ? firstRowKey(resolved) : undefined;
  requireAdom(call, adom ?? adomRow ?? (device === undefined ? undefined : topology.adomOfDevice(device)));
  if (adom !== undefined && !topology.adom(adom)) fail(FmgCode.invalidUrl);
  if (device !== undefined && !topology.device(device)) fail(FmgCode.invalidUrl);
  if (device !== undefined && vdom !== undefined && !topology.hasVdom(device, vdom)) fail(FmgCode.invalidUrl);
  if (pkg !== undefined && adom !== undefined && !topology.hasPackage(adom, pkg)) fail(FmgCode.invalidUrl);
  // The content of a provisioning template needs the template (a row of its own table).
  if (devprof !== undefined && adom !== undefined && !topology.hasTemplate(adom, 'devprof', devprof))
    fail(FmgCode.notFound);
  const stype = resolved.params.stype;
  if (
    template !== undefined &&
    adom !== undefined &&
    stype !== undefined &&
    !topology.hasTemplate(adom, stype, template)
  )
    fail(FmgCode.notFound);
  return resolved;
}
