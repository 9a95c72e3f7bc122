/**
 * exec `/sys/proxy/json`: forwards a FortiOS REST call to managed FortiGates. `target` lists
 * `/adom/{adom}/device/{device}` and `/adom/{adom}/group/{group}`; the answer has one
 * `{response, status, target}` per device, and an unreachable device gets an error status instead of
 * a response.
 */
import type { FortiGateInfo, ProxyCall } from '../fortigates.js';
import type { FmgState } from '../state.js';
import { FmgCode, fail, OK_STATUS } from '../status.js';
import type { Row } from '../store/table.js';
import { simpleLine } from '../tasks.js';
import { joinPath, splitUrl } from '../url.js';
import { ParamAnswer } from './answer.js';
import { type Call, dataObject, requireAdom, requireWrite } from './call.js';

export function proxyJson(call: Call): unknown {
  const data = dataObject(call.param);
  const action = String(data.action ?? 'get').toLowerCase();
  const resource = data.resource;
  if (typeof resource !== 'string' || !resource.startsWith('/api/')) {
    return fail(FmgCode.invalidData, "attribute 'resource' expects a FortiOS REST path");
  }
  if (action !== 'get') requireWrite(call);
  const targets = Array.isArray(data.target)
    ? data.target.map(String)
    : typeof data.target === 'string'
      ? [data.target]
      : [];
  if (targets.length === 0) return fail(FmgCode.invalidData, "attribute 'target' lists no device or group");
  const results: unknown[] = [];
  const names: string[] = [];
  for (const target of targets) {
    const { devices } = expandTarget(call, target);
    for (const device of devices) {
      results.push(proxyOne(call.state, device, { action, resource, payload: data.payload }));
      names.push(typeof device === 'string' ? device : String(device.name));
    }
  }
  // `flags: ["create_task"]`: the calls run as a task; the result entry holds its id, no data.
  const flags = Array.isArray(data.flags) ? data.flags.map(String) : [];
  if (flags.includes('create_task')) {
    const taskid = call.state.tasks.create({
      title: 'Proxy JSON request',
      src: 'sys proxy json',
      user: call.principal.user,
      adomOid: 0,
      lines: names.map((name) =>
        simpleLine(name, [
          [0, `send request to ${name}`],
          [100, 'done'],
        ]),
      ),
    });
    return new ParamAnswer(undefined, { taskid });
  }
  return results;
}

function expandTarget(call: Call, target: string): { devices: Array<Row | string> } {
  const [adomWord, adom, kind, name] = splitUrl(target);
  if (
    adomWord !== 'adom' ||
    adom === undefined ||
    (kind !== 'device' && kind !== 'group') ||
    name === undefined
  ) {
    return fail(
      FmgCode.invalidData,
      `attribute 'target': '${target}' is not /adom/{adom}/device|group/{name}`,
    );
  }
  requireAdom(call, adom);
  const { topology } = call.state;
  if (kind === 'group') return { devices: topology.groupMembers(adom, name) ?? [name] };
  return { devices: [topology.devicesOf(adom).find((row) => row.name === name) ?? name] };
}

/** One device's entry; a name instead of a row means the target does not exist. */
function proxyOne(state: FmgState, device: Row | string, call: ProxyCall) {
  if (typeof device === 'string') {
    return {
      status: { code: FmgCode.notFound, message: `Object does not exist: ${device}` },
      target: device,
    };
  }
  const name = String(device.name);
  const response = state.fortigates.call(fortiGateInfo(state, device), call);
  if (!response) {
    return {
      status: {
        code: FmgCode.internal,
        message: `connection to device ${name} failed: device is unreachable`,
      },
      target: name,
    };
  }
  return { response, status: OK_STATUS, target: name };
}

function fortiGateInfo(state: FmgState, device: Row): FortiGateInfo {
  const name = String(device.name);
  const table = (path: string[]) => {
    const container = state.db.root.get(joinPath(['pm', 'config', 'device', name, ...path]));
    return container?.kind === 'table' ? [...container.table.rows()] : [];
  };
  return {
    name,
    serial: String(device.sn ?? ''),
    version: `v${String(device.os_ver ?? '7.0').replace('.0', '')}.${String(device.mr ?? 2)}.${String(device.patch ?? 4)}`,
    build: Number(device.build ?? 1396),
    interfaces: table(['global', 'system', 'interface']),
    policyIds: table(['vdom', 'root', 'firewall', 'policy']).map((row) => Number(row.policyid)),
  };
}
