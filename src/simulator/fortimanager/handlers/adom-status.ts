/**
 * What FortiManager computes about an ADOM (read-only, recorded shapes):
 * - `/pm/config/adom/{adom}/_package/status[/{device}/{vdom}]`: which package (by path, inside folders
 *   too) each device VDOM has, from the packages' `scope member`; `filter` on `pkg` takes the path as
 *   a list of names (7.6.1+) or as `folder/.../name`; `/pm/config/adom/{adom}/pkg/{pkg}/_package/
 *   status`: the same for one package (no data when nothing has it);
 * - `/pm/config/adom/{adom}/pkg/{pkg}/_query/interface_pair_view/<policy table>`: whether the
 *   package's policies can be shown by interface pair (`interface_pair_view` beside the status: 0
 *   when a policy uses the `any` interface);
 * - `/pm/config/adom/{adom}/_package/dirty_info`: the provisioning templates assigned to each device;
 * - `/pm/config/adom/{adom}/_vdom/status`: the database status of every device and VDOM;
 * - `/pm/config/adom/{adom}/_blueprint/info` (`data.name`): the metadata variables each blueprint uses;
 * - `/dvmdb/_is_member/adom/{adom}` (`data: {name, vdom}`): whether a device or group is in the ADOM.
 */
import { compileFilter } from '../query/filter.js';
import { nodeSchemaOf } from '../schema.js';
import { FmgCode, fail } from '../status.js';
import type { Row } from '../store/table.js';
import { joinPath } from '../url.js';
import { ParamAnswer } from './answer.js';
import { type Call, dataObject, requireAdom } from './call.js';
import type { RouteParams } from './routes.js';

type Data = Record<string, unknown>;

const TEMPLATE_KINDS = ['devprof', 'wanprof', 'fwmprof', 'tmplgrp'] as const;

function adomOf(call: Call, params: RouteParams): string {
  if (call.method !== 'get') return fail(FmgCode.invalidMethod);
  const adom = params.adom ?? '';
  requireAdom(call, adom);
  if (!call.state.topology.adom(adom)) fail(FmgCode.invalidUrl);
  return adom;
}

export function packageStatus(call: Call, params: RouteParams): unknown {
  const adom = adomOf(call, params);
  const { pkg: only } = params;
  if (only !== undefined && !call.state.topology.hasPackage(adom, only)) fail(FmgCode.invalidUrl);
  const [device, vdom] = params.rest;
  const rows = call.state.topology
    .packages(adom)
    .filter(({ path }) => only === undefined || path === only)
    .flatMap(({ path, row }) =>
      members(row).map((member) => ({
        dev: member.name,
        pkg: path,
        status: 'installed',
        vdom: member.vdom ?? 'root',
      })),
    );
  if (only !== undefined && rows.length === 0) return undefined;
  if (call.param.filter !== undefined)
    return rows.filter(compileFilter(pathFilter(call.param.filter), STATUS));
  if (device === undefined) return rows;
  const row = rows.find(
    (candidate) => candidate.dev === device && (vdom === undefined || candidate.vdom === vdom),
  );
  return row ?? fail(FmgCode.notFound);
}

export function dirtyInfo(call: Call, params: RouteParams): unknown {
  const adom = adomOf(call, params);
  return call.state.topology.devicesOf(adom).flatMap((device) => {
    const templates = TEMPLATE_KINDS.flatMap((kind) =>
      templateRows(call, joinPath(['pm', kind, 'adom', adom]))
        .filter((template) => members(template).some((member) => member.name === device.name))
        .map((template) => ({
          objects: [{ action: 'edit', url: `${kind} setting/${String(template.oid)}` }],
          template: `${kind}/${String(template.name)}`,
        })),
    );
    return templates.length === 0 ? [] : [{ oid: device.oid, templates }];
  });
}

export function vdomStatus(call: Call, params: RouteParams): unknown {
  const adom = adomOf(call, params);
  return call.state.topology.devicesOf(adom).flatMap((device) => [
    { 'auto update': 1, conf_status: 'in sync', db_status: 'not modified', dev: device.name },
    ...(Array.isArray(device.vdom) ? (device.vdom as Row[]) : []).map((vdom) => ({
      'auto update': 0,
      dev: device.name,
      status: 'not modified',
      vdom: vdom.name,
    })),
  ]);
}

export function blueprintInfo(call: Call, params: RouteParams): unknown {
  const adom = adomOf(call, params);
  const wanted = dataObject(call.param).name;
  const names = Array.isArray(wanted)
    ? wanted.map(String)
    : typeof wanted === 'string'
      ? [wanted]
      : undefined;
  return templateRows(call, joinPath(['pm', 'config', 'adom', adom, 'obj', 'fmg', 'device', 'blueprint']))
    .filter((row) => names === undefined || names.includes(String(row.name)))
    .map((row) => ({ name: row.name, platform: row.platform ?? null, variables: variablesOf(row) }));
}

export function isMember(call: Call, params: RouteParams): unknown {
  const adom = adomOf(call, params);
  const data = dataObject(call.param);
  const name = String(data.name ?? '');
  const { topology } = call.state;
  const member =
    data.vdom !== undefined
      ? topology
          .devicesOf(adom)
          .some((device) => device.name === name && topology.hasVdom(name, String(data.vdom)))
      : topology.devicesOf(adom).some((device) => device.name === name) ||
        topology.groupMembers(adom, name) !== undefined;
  return { 'is member': member ? 1 : 0 };
}

export function interfacePairView(call: Call, params: RouteParams): ParamAnswer {
  const adom = adomOf(call, params);
  const pkg = params.pkg ?? '';
  if (!call.state.topology.hasPackage(adom, pkg) || params.rest.length === 0) fail(FmgCode.invalidUrl);
  const policies = templateRows(call, joinPath(['pm', 'config', 'adom', adom, 'pkg', pkg, ...params.rest]));
  const usesAny = (value: unknown) => (Array.isArray(value) ? value : [value]).includes('any');
  const paired = !policies.some((policy) => usesAny(policy.srcintf) || usesAny(policy.dstintf));
  return new ParamAnswer(undefined, { interface_pair_view: paired ? 1 : 0 });
}

/** The rows `_package/status` answers, for its filter. */
const STATUS = nodeSchemaOf({ kind: 'table', mkey: null, attributes: {} });

/** A status filter with `pkg` paths given as lists of names (`["emea", "pp"]`) read as `emea/pp`. */
function pathFilter(filter: unknown): unknown {
  if (!Array.isArray(filter)) return filter;
  const [name, operator, value] = filter;
  if (name === 'pkg' && typeof operator === 'string' && Array.isArray(value) && value.every(isString))
    return [name, operator, value.join('/')];
  return filter.map(pathFilter);
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}

function templateRows(call: Call, key: string): Row[] {
  const container = call.state.db.root.get(key);
  return container?.kind === 'table' ? [...container.table.rows()] : [];
}

function members(row: Row): Data[] {
  return (Array.isArray(row['scope member']) ? row['scope member'] : []).filter(
    (member): member is Data => typeof member === 'object' && member !== null,
  );
}

/** `$(name)` variables named anywhere in a blueprint's settings. */
function variablesOf(row: Row): string[] {
  const found = new Set<string>();
  for (const match of JSON.stringify(row).matchAll(/\$\(([^)]+)\)/g)) found.add(match[1]!);
  return [...found];
}
