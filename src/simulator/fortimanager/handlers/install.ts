/**
 * exec `/securityconsole/install/device`, `/securityconsole/install/package` (`pkg` by path,
 * `folder/.../name` inside folders; `flags` may hold `preview`), `/securityconsole/install/preview` (one `device` and its `vdoms`, or a `scope`),
 * `/securityconsole/install/objects` (`target` object urls) and `.../objects/v2` (`objects`), and
 * `/securityconsole/install/global` (global objects to the ADOMs of `scope`) -> `{task}`;
 * `/securityconsole/preview/result` -> `{message}`: the CLI a finished preview of one `device` would
 * push, or for a `scope`, the previews of its devices as JSON.
 */
import type { FmgState } from '../state.js';
import { FmgCode, fail } from '../status.js';
import type { Row } from '../store/table.js';
import { installLines, previewLine, simpleLine, type TaskTarget } from '../tasks.js';
import { joinPath } from '../url.js';
import { type Call, dataObject, requireAdom, requireWrite } from './call.js';
import { addRevision } from './deployment.js';

export function installDevice(call: Call): { task: number } {
  const { adom, data } = installData(call);
  const targets = scopeTargets(call.state, adom, data.scope);
  recordInstall(call, targets, 'device settings');
  return { task: createTask(call, adom, 'Install Device', 'install device', targets, false) };
}

export function installObjects(call: Call): { task: number } {
  const { adom, data } = installData(call);
  const targets = scopeTargets(call.state, adom, data.scope);
  const objects = Array.isArray(data.target) ? data.target : Array.isArray(data.objects) ? data.objects : [];
  if (objects.length === 0) fail(FmgCode.invalidData, "attribute 'objects' lists nothing to install");
  recordInstall(call, targets, 'objects');
  return { task: createTask(call, adom, 'Install Objects', 'install objects', targets, false) };
}

/** Global objects (or the global policy) to the ADOMs of `scope`: one line per ADOM. */
export function installGlobal(call: Call): { task: number } {
  requireWrite(call);
  const data = dataObject(call.param);
  const scope = Array.isArray(data.scope) ? (data.scope as Row[]) : [];
  const adoms = scope.map((member) => String(member.name ?? member.adom ?? ''));
  if (adoms.length === 0) fail(FmgCode.invalidData, "attribute 'scope' selects no ADOM");
  for (const adom of adoms) {
    requireAdom(call, adom);
    if (!call.state.topology.adom(adom) && !call.state.topology.groupMembers('root', adom))
      fail(FmgCode.invalidData, `attribute 'scope': no ADOM '${adom}'`);
  }
  const lines = adoms.map((adom) =>
    simpleLine(adom, [
      [0, `start to assign global objects to adom(${adom})`],
      [100, 'assign global objects done'],
    ]),
  );
  const task = call.state.tasks.create({
    title: 'Assign Global',
    src: 'install global',
    user: call.principal.user,
    adomOid: 0,
    lines,
  });
  return { task };
}

export function installPackage(call: Call): { task: number } {
  const { adom, data } = installData(call);
  const pkg = String(data.pkg ?? '');
  if (!call.state.topology.hasPackage(adom, pkg))
    fail(FmgCode.invalidData, `attribute 'pkg': no package '${pkg}'`);
  const scope = data.scope ?? call.state.topology.package(adom, pkg)?.['scope member'];
  const targets = scopeTargets(call.state, adom, scope);
  const preview = flagsOf(data).includes('preview');
  if (preview) storePreviews(call.state, adom, pkg, targets);
  else recordInstall(call, targets, pkg);
  const title = preview ? 'Install Preview' : 'Install Policy Package';
  return { task: createTask(call, adom, title, 'install package', targets, preview) };
}

export function installPreview(call: Call): { task: number } {
  const { adom, data } = installData(call);
  const vdoms = Array.isArray(data.vdoms) ? data.vdoms.map(String) : ['root'];
  const scope =
    data.device === undefined ? data.scope : vdoms.map((vdom) => ({ name: String(data.device), vdom }));
  const targets = scopeTargets(call.state, adom, scope);
  storePreviews(call.state, adom, undefined, targets);
  return { task: createTask(call, adom, 'Install Preview', 'install preview', targets, true) };
}

export function previewResult(call: Call): unknown {
  const { adom, data } = installData(call);
  const previewOf = (device: string) => {
    const message = call.state.previews.get(`${adom}/${device}`);
    return message ?? fail(FmgCode.notFound, `no preview for device '${device}'`);
  };
  if (data.device !== undefined) return { message: previewOf(String(data.device)) };
  const scope = Array.isArray(data.scope) ? (data.scope as Row[]) : [];
  const devices = [...new Set(scope.map((member) => String(member.name)))];
  if (devices.length === 0) return fail(FmgCode.invalidData, "attribute 'device' or 'scope' is required");
  const results = devices.map((device) => ({
    name: device,
    oid: Number(call.state.topology.device(device)?.oid ?? 0),
    result: previewOf(device),
  }));
  return { message: JSON.stringify(results) };
}

/** Each reachable device of an install gets a configuration revision. */
function recordInstall(call: Call, targets: readonly TaskTarget[], what: string): void {
  for (const target of targets) {
    if (target.unreachable === undefined)
      addRevision(call.state, target.device, call.principal.user, what, `Install to vdom(${target.vdom})`);
  }
}

function installData(call: Call): { adom: string; data: Record<string, unknown> } {
  requireWrite(call);
  const data = dataObject(call.param);
  const adom = String(data.adom ?? '');
  requireAdom(call, adom);
  if (!call.state.topology.adom(adom)) fail(FmgCode.invalidData, `attribute 'adom': no ADOM '${adom}'`);
  return { adom, data };
}

function flagsOf(data: Record<string, unknown>): string[] {
  const flags = data.flags;
  return Array.isArray(flags) ? flags.map(String) : typeof flags === 'string' ? [flags] : [];
}

/**
 * Devices of an install scope. A member with a `vdom` is a device; one without is a device group,
 * unless `is group` is false.
 */
function scopeTargets(state: FmgState, adom: string, scope: unknown): TaskTarget[] {
  const members = Array.isArray(scope) ? (scope as Row[]) : [];
  const targets: TaskTarget[] = [];
  for (const member of members) {
    const name = String(member.name ?? '');
    const isDevice = member.vdom !== undefined || member['is group'] === false;
    const devices = isDevice
      ? state.topology.devicesOf(adom).filter((row) => row.name === name)
      : (state.topology.groupMembers(adom, name) ?? []);
    if (devices.length === 0)
      fail(FmgCode.invalidData, `attribute 'scope': no device or group '${name}' in ADOM '${adom}'`);
    for (const device of devices) targets.push(targetOf(state, device, String(member.vdom ?? 'root')));
  }
  if (targets.length === 0) fail(FmgCode.invalidData, "attribute 'scope' selects no device");
  return targets;
}

function targetOf(state: FmgState, device: Row, vdom: string): TaskTarget {
  const name = String(device.name);
  const reachable = state.fortigates.isReachable(name);
  return {
    device: name,
    vdom,
    ip: typeof device.ip === 'string' ? device.ip : null,
    oid: Number(device.oid ?? 0),
    ...(reachable ? {} : { unreachable: `connection to device ${name} failed: device is unreachable` }),
  };
}

function createTask(
  call: Call,
  adom: string,
  title: string,
  src: string,
  targets: TaskTarget[],
  preview: boolean,
) {
  return call.state.tasks.create({
    title,
    src,
    user: call.principal.user,
    adomOid: Number(call.state.topology.adom(adom)?.oid ?? 0),
    lines: targets.flatMap((target) => (preview ? [previewLine(target)] : installLines(target))),
  });
}

/** The CLI an install would push: the package's policies (the same for every target device). */
function storePreviews(
  state: FmgState,
  adom: string,
  pkg: string | undefined,
  targets: readonly TaskTarget[],
): void {
  for (const target of targets) {
    const name = pkg ?? assignedPackage(state, adom, target.device) ?? 'default';
    const container = state.db.root.get(
      joinPath(['pm', 'config', 'adom', adom, 'pkg', name, 'firewall', 'policy']),
    );
    const policies = container?.kind === 'table' ? [...container.table.rows()] : [];
    state.previews.set(`${adom}/${target.device}`, policyCli(policies));
  }
}

/** The path of the package a device is assigned to. */
function assignedPackage(state: FmgState, adom: string, device: string): string | undefined {
  return state.topology.packages(adom).find(({ row }) => {
    const members = Array.isArray(row['scope member']) ? (row['scope member'] as Row[]) : [];
    return members.some((member) => member.name === device);
  })?.path;
}

function policyCli(policies: readonly Row[]): string {
  const lines = ['config firewall policy'];
  for (const policy of policies) {
    lines.push(`    edit ${String(policy.policyid)}`);
    for (const [name, value] of Object.entries(policy)) {
      if (name === 'policyid' || name === 'oid' || value === null || value === undefined) continue;
      const text = Array.isArray(value) ? value.map((v) => `"${String(v)}"`).join(' ') : `"${String(value)}"`;
      lines.push(`        set ${name} ${text}`);
    }
    lines.push('    next');
  }
  lines.push('end');
  return lines.join('\n');
}
