/**
 * Device manager commands (`exec /dvm/cmd/...`), each as FortiManager answers it (recorded replies):
 * - `add/device`: a real device (reached at `ip` with `adm_usr`/`adm_pass`), a model device
 *   (`device action: add_model`) or the promotion of an unregistered one (`promote_unreg`); answers
 *   the device record FortiManager keeps (numeric fields) and, with the `create_task` flag, a `taskid`;
 *   `groups` and a `device blueprint` (its package and device groups) are applied;
 * - `add/dev-list`: several model devices, one task (`{taskid}`);
 * - `del/device`: removes the device and its database (`{taskid}` with `create_task`);
 * - `update/device`, `update/dev-list`, `reload/dev-list`: refresh from the devices (a task);
 * - `change-ha-seq`: a new HA primary (a task); `update/ha`: replaces a cluster's members.
 * `nonblocking` adds the `pid` of the worker to single-device commands.
 */

import { addDevice } from '../seed.js';
import type { FmgState } from '../state.js';
import { FmgCode, fail } from '../status.js';
import type { Row } from '../store/table.js';
import { simpleLine, type TaskLineSpec } from '../tasks.js';
import { deviceTableKey } from '../topology.js';
import { joinPath, urlOf } from '../url.js';
import { type Call, dataObject, requireAdom, requireWrite } from './call.js';
import { writeAs } from './internal.js';

type Data = Record<string, unknown>;

/** Bits of a device's `flags` in its numeric record (FortiManager's `flags` syntax, recorded). */
const FLAG_BITS: Readonly<Record<string, number>> = {
  has_hdd: 1,
  vdom_enabled: 2,
  discover: 8,
  reload: 16,
  interim_build: 1024,
  offline_mode: 4096,
  backup_mode: 131072,
  is_model: 262144,
  fips_mode: 524288,
  linked_to_model: 67108864,
  'ip-conflict': 268435456,
  'faz-autosync': 536870912,
  azure_vwan_nva: 8589934592,
  fgsp_configured: 17179869184,
  need_reset: 34359738368,
  cnf_mode: 68719476736,
  override_management_intf: 1099511627776,
  sdwan_management: 2199023255552,
  deny_api_access: 4398046511104,
};

const ADD_STEPS = (name: string): TaskLineSpec['steps'] => [
  [0, `start to add device ${name}`],
  [50, 'retrieve device information'],
  [100, 'add device success'],
];

export function addDeviceCommand(call: Call): unknown {
  const { data, adom, flags } = commandData(call);
  const spec = asData(data.device);
  const name = requiredName(spec.name, 'device.name');
  const action = spec['device action'];
  const { state } = call;
  let kind: 'model' | 'discovered' | 'promoted';
  if (action === 'promote_unreg') {
    const current = state.topology.device(name);
    if (!current) return fail(FmgCode.notFound, `device '${name}'`);
    setDevice(call, adom, name, { mgmt_mode: 'fmg', conn_status: 'up' });
    kind = 'promoted';
  } else {
    if (state.topology.device(name)) return fail(FmgCode.exists, `device '${name}'`);
    kind = action === 'add_model' ? 'model' : 'discovered';
    createDevice(state, adom, spec, kind);
  }
  for (const group of asList(data.groups)) addToGroup(call, adom, String(group.name), name);
  applyBlueprint(call, adom, name, spec['device blueprint']);
  const row = state.topology.device(name)!;
  const answer: Data = { device: deviceRecord(row, kind, spec) };
  if (flags.includes('create_task'))
    answer.taskid = deviceTask(call, 'Add Device', [simpleLine(name, ADD_STEPS(name))]);
  return answer;
}

export function addDeviceList(call: Call): unknown {
  const { data, adom } = commandData(call);
  const units = asList(data['add-dev-list']);
  if (units.length === 0) return fail(FmgCode.invalidData, "attribute 'add-dev-list' lists no device");
  const lines: TaskLineSpec[] = [];
  for (const spec of units) {
    const name = requiredName(spec.name, 'add-dev-list.name');
    if (call.state.topology.device(name)) return fail(FmgCode.exists, `device '${name}'`);
    createDevice(call.state, adom, spec, spec['device action'] === 'add_model' ? 'model' : 'discovered');
    applyBlueprint(call, adom, name, spec['device blueprint']);
    lines.push(simpleLine(name, ADD_STEPS(name)));
  }
  return { taskid: deviceTask(call, 'Add Device List', lines) };
}

export function deleteDevice(call: Call): unknown {
  const { data, flags } = commandData(call, true);
  const name = requiredName(data.device, 'device');
  const adom = call.state.topology.adomOfDevice(name);
  if (adom === undefined) return fail(FmgCode.notFound, `device '${name}'`);
  requireAdom(call, adom);
  writeAs(call, 'delete', urlOf(['dvmdb', 'adom', adom, 'device', name]));
  if (!flags.includes('create_task')) return undefined;
  return {
    taskid: deviceTask(call, 'Delete Device', [
      simpleLine(name, [
        [0, 'start to delete device'],
        [100, 'delete device success'],
      ]),
    ]),
  };
}

/** update/device, update/dev-list, reload/dev-list: a refresh from the devices. */
export function refreshDevices(listKey: string | undefined, pid: boolean) {
  return (call: Call): unknown => {
    const { data, adom, flags } = commandData(call);
    const names =
      listKey === undefined
        ? [requiredName(data.device, 'device')]
        : asList(data[listKey]).map((d) => String(d.name));
    for (const name of names) {
      if (call.state.topology.adomOfDevice(name) !== adom)
        return fail(FmgCode.notFound, `device '${name}' in ADOM '${adom}'`);
    }
    return taskAnswer(call, flags, pid, 'Refresh Device', names);
  };
}

export function changeHaPrimary(call: Call): unknown {
  const { data, adom, flags } = commandData(call);
  const device = asData(data.device);
  const row = call.state.topology
    .devicesOf(adom)
    .find((candidate) => candidate.oid === device.oid || candidate.name === device.name);
  if (!row) return fail(FmgCode.notFound, 'device');
  const members = asList(row.ha_slave);
  const primary = members.find((member) => member.oid === data.new_master || member.name === data.new_master);
  if (primary) {
    const roles = members.map((member) => ({ ...member, role: member === primary ? 'master' : 'slave' }));
    setDevice(call, adom, String(row.name), { ha_slave: roles });
  }
  return taskAnswer(call, flags, true, 'Change HA Primary', [String(row.name)]);
}

export function updateHa(call: Call): undefined {
  requireWrite(call);
  const data = dataObject(call.param);
  const name = requiredName(data.name, 'name');
  const adom = call.state.topology.adomOfDevice(name);
  if (adom === undefined) return fail(FmgCode.notFound, `device '${name}'`);
  requireAdom(call, adom);
  const members = asList(data.ha_slave).map((member) => ({ ...member, did: name, status: 1 }));
  setDevice(call, adom, name, {
    ...(data.ha_group_name === undefined ? {} : { ha_group_name: data.ha_group_name }),
    ...(data.ha_mode === undefined ? {} : { ha_mode: data.ha_mode }),
    ha_slave: members,
  });
  return undefined;
}

function taskAnswer(
  call: Call,
  flags: readonly string[],
  pid: boolean,
  title: string,
  names: readonly string[],
) {
  if (!flags.includes('create_task')) return undefined;
  const lines = names.map((name) =>
    simpleLine(name, [
      [0, `start to ${title.toLowerCase()}`],
      [100, `${title.toLowerCase()} success`],
    ]),
  );
  const taskid = deviceTask(call, title, lines);
  return pid && flags.includes('nonblocking') ? { pid: 6000 + taskid, taskid } : { taskid };
}

function deviceTask(call: Call, title: string, lines: TaskLineSpec[]): number {
  return call.state.tasks.create({
    title,
    src: 'device manager',
    user: call.principal.user,
    adomOid: 0,
    lines,
  });
}

function commandData(call: Call, anyAdom = false): { data: Data; adom: string; flags: string[] } {
  requireWrite(call);
  const data = dataObject(call.param);
  const given = typeof data.adom === 'string' && data.adom !== '' ? data.adom : 'root';
  if (!anyAdom) {
    requireAdom(call, given);
    if (!call.state.topology.adom(given)) fail(FmgCode.invalidData, `attribute 'adom': no ADOM '${given}'`);
  }
  const flags = Array.isArray(data.flags)
    ? data.flags.map(String)
    : typeof data.flags === 'string'
      ? [data.flags]
      : [];
  return { data, adom: given, flags };
}

function createDevice(state: FmgState, adom: string, spec: Data, kind: 'model' | 'discovered'): void {
  const name = String(spec.name);
  const platform = typeof spec.platform_str === 'string' ? spec.platform_str : platformOfSerial(spec.sn);
  const [major = 7, minor = 0] = String(spec.os_ver ?? '7.0')
    .split('.')
    .map(Number);
  const flags = [
    ...(kind === 'model' ? ['is_model'] : []),
    ...(Array.isArray(spec.flags) ? spec.flags.map(String) : []),
  ];
  const attributes: Data = {
    platform_str: platform,
    mgmt_mode: typeof spec.mgmt_mode === 'string' ? spec.mgmt_mode : 'fmg',
    flags,
    conn_status: kind === 'model' ? 'down' : 'up',
  };
  for (const key of [
    'desc',
    'psk',
    'adm_usr',
    'adm_pass',
    'ha_group_name',
    'ha_group_id',
    'ha_mode',
    'ha_slave',
  ]) {
    if (spec[key] !== undefined) attributes[key] = spec[key];
  }
  addDevice(state, {
    name,
    adom,
    ...(typeof spec.sn === 'string' ? { serial: spec.sn } : {}),
    ...(typeof spec.ip === 'string' ? { ip: spec.ip } : {}),
    version: [major, Number(spec.mr ?? minor), kind === 'model' ? -1 : 0],
    attributes,
  });
  if (kind === 'model') state.fortigates.setReachable(name, false);
}

function setDevice(call: Call, adom: string, name: string, attributes: Data): void {
  const table = call.state.db.root.tableForWrite(deviceTableKey(adom), 'name');
  const row = table.get(name) ?? call.state.topology.device(name);
  if (!row) fail(FmgCode.notFound, `device '${name}'`);
  const from = call.state.topology.adomOfDevice(name);
  if (from !== undefined && from !== adom)
    call.state.db.root.tableForWrite(deviceTableKey(from), 'name').remove(name);
  if (table.has(name)) table.replace(name, { ...row, ...attributes });
  else table.insert({ ...row, ...attributes });
}

function addToGroup(call: Call, adom: string, group: string, device: string): void {
  writeAs(call, 'add', urlOf(['dvmdb', 'adom', adom, 'group', group, 'object member']), {
    name: device,
    vdom: 'root',
  });
}

/** A blueprint (by name, or inline) puts the device in its package's scope and its device groups. */
function applyBlueprint(call: Call, adom: string, device: string, blueprint: unknown): void {
  if (blueprint === undefined) return;
  let spec: Data;
  if (typeof blueprint === 'string') {
    const table = call.state.db.root.get(
      joinPath(['pm', 'config', 'adom', adom, 'obj', 'fmg', 'device', 'blueprint']),
    );
    const row = table?.kind === 'table' ? table.table.get(blueprint) : undefined;
    if (!row) fail(FmgCode.invalidData, `attribute 'device blueprint': no blueprint '${blueprint}'`);
    spec = row as Data;
  } else spec = asData(blueprint);
  for (const group of asStrings(spec['dev-group'])) addToGroup(call, adom, group, device);
  const pkg = asStrings(spec.pkg)[0];
  if (pkg !== undefined)
    writeAs(call, 'add', urlOf(['pm', 'pkg', 'adom', adom, pkg, 'scope member']), {
      name: device,
      vdom: 'root',
    });
}

/** The record FortiManager answers for a device it adds: numeric, and what it knows at that point. */
function deviceRecord(row: Row, kind: 'model' | 'discovered' | 'promoted', spec: Data): Data {
  const platform = String(row.platform_str ?? 'FortiGate-VM64');
  const major = Number(String(row.os_ver ?? '7').split('.')[0]);
  const build = Number(row.build ?? 0);
  const flags = (Array.isArray(row.flags) ? row.flags : []).reduce(
    (sum: number, flag) => sum + (FLAG_BITS[String(flag)] ?? 0),
    0,
  );
  const record: Data = {
    beta: -1,
    branch_pt: build,
    build,
    conn_mode: 1,
    dev_status: kind === 'promoted' ? 0 : 1,
    flags,
    hostname: String(row.hostname ?? row.sn ?? platform),
    maxvdom: 10,
    mgmt_mode: row.mgmt_mode === 'unreg' ? 0 : 3,
    mgmt_uuid: String(row.oid),
    mr: Number(row.mr ?? 0),
    name: row.name,
    oid: row.oid,
    os_type: 0,
    os_ver: major,
    patch: Number(row.patch ?? -1),
    platform_id: platformId(platform),
    platform_str: platform,
    source: 1,
    tab_status: '<unknown>',
    version: major * 100,
  };
  if (kind === 'model') {
    if (typeof spec.sn === 'string') record.sn = row.sn;
    for (const key of ['adm_pass', 'adm_usr', 'desc', 'ip', 'psk', 'ha_group_name'])
      if (spec[key] !== undefined) record[key] = spec[key];
    if (spec.ha_mode !== undefined) record.ha_mode = 1;
  } else {
    Object.assign(record, {
      sn: row.sn,
      ip: row.ip,
      av_ver: '1.00000(2018-04-09 18:07)',
      ips_ver: '6.00741(2015-12-01 02:30)',
      conn_status: 1,
      last_checked: 0,
      'mgmt.__data[0]': 3870643,
      'mgmt.__data[4]': 2105184256,
      'mgmt.__data[6]': 1,
    });
    if (kind === 'discovered')
      Object.assign(record, { adm_pass: spec.adm_pass, adm_usr: spec.adm_usr, opts: 256, relver_info: 'GA' });
    else
      Object.assign(record, {
        conf_status: 2,
        'faz.perm': 15,
        first_tunnel_up: 0,
        hdisk_size: 30720,
        logdisk_size: 30107,
        managed_sn: 'FMG-VMTM24000001',
        mgmt_if: 'port1',
        tunnel_ip: '169.254.0.4',
        vdom: asList(row.vdom).map((vdom) => ({
          devid: row.oid,
          ext_flags: 1,
          name: vdom.name,
          oid: vdom.oid,
          opmode: 1,
          status: '<unknown>',
          tab_status: '<unknown>',
          vdom_type: 1,
        })),
        'vm.lic_type': 19,
        vm_lic_overdue_since: 0,
      });
  }
  // A model VM lists its (no) cluster workers (recorded on 7.4).
  if (/-VM/.test(platform) && kind === 'model') record.cluster_worker = [];
  if (/-VM/.test(platform) || kind !== 'model')
    Object.assign(record, {
      vm_cpu: 1,
      vm_cpu_limit: 1,
      vm_mem: 2048,
      vm_mem_limit: 2147483647,
      vm_status: 3,
    });
  return record;
}

/** `FortiGate-61E` from a serial number `FGT61E...`; a VM otherwise. */
function platformOfSerial(serial: unknown): string {
  const match = typeof serial === 'string' ? /^FG(?:T)?(\d+[A-Z])/.exec(serial) : null;
  return match ? `FortiGate-${match[1]}` : 'FortiGate-VM64';
}

function platformId(platform: string): number {
  let hash = 0;
  for (const ch of platform) hash = (hash * 31 + ch.charCodeAt(0)) % 200;
  return hash;
}

function requiredName(value: unknown, attribute: string): string {
  if (typeof value !== 'string' || value === '')
    return fail(FmgCode.invalidData, `attribute '${attribute}' is required`);
  return value;
}

function asData(value: unknown): Data {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Data) : {};
}

function asList(value: unknown): Data[] {
  return (Array.isArray(value) ? value : []).filter(
    (item): item is Data => typeof item === 'object' && item !== null,
  );
}

function asStrings(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : typeof value === 'string' && value !== '' ? [value] : [];
}
