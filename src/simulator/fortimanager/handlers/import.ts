/**
 * exec `/securityconsole/import/dev/objs`: imports a device VDOM's policy into a policy package
 * (`name`: device, `vdom`, `dst_name`: package, created when missing) and assigns the package to the
 * device; the device's addresses become ADOM objects. Answers `{task}`.
 */
import { FmgCode, fail } from '../status.js';
import type { Row } from '../store/table.js';
import { simpleLine } from '../tasks.js';
import { joinPath, urlOf } from '../url.js';
import { type Call, dataObject, requireAdom, requireWrite } from './call.js';
import { writeAs } from './internal.js';

export function importDevicePolicy(call: Call): { task: number } {
  requireWrite(call);
  const data = dataObject(call.param);
  const adom = String(data.adom ?? '');
  const device = String(data.name ?? '');
  const vdom = String(data.vdom ?? 'root');
  const pkg = String(data.dst_name ?? '');
  requireAdom(call, adom);
  const { topology } = call.state;
  if (topology.adomOfDevice(device) !== adom)
    fail(FmgCode.invalidData, `attribute 'name': no device '${device}' in ADOM '${adom}'`);
  if (!topology.hasVdom(device, vdom)) fail(FmgCode.invalidData, `attribute 'vdom': no VDOM '${vdom}'`);
  if (pkg === '') fail(FmgCode.invalidData, "attribute 'dst_name' names the package to import into");
  if (!topology.hasPackage(adom, pkg))
    writeAs(call, 'add', urlOf(['pm', 'pkg', 'adom', adom]), { name: pkg, type: 'pkg' });
  const rows = (path: string[]): Row[] => {
    const container = call.state.db.root.get(
      joinPath(['pm', 'config', 'device', device, 'vdom', vdom, ...path]),
    );
    return container?.kind === 'table' ? [...container.table.rows()] : [];
  };
  const strip = ({ oid: _oid, uuid: _uuid, ...row }: Row) => row;
  const addresses = rows(['firewall', 'address']).map(strip);
  if (addresses.length > 0)
    writeAs(call, 'set', urlOf(['pm', 'config', 'adom', adom, 'obj', 'firewall', 'address']), addresses);
  const policies = rows(['firewall', 'policy']).map(strip);
  if (policies.length > 0)
    writeAs(call, 'set', urlOf(['pm', 'config', 'adom', adom, 'pkg', pkg, 'firewall', 'policy']), policies);
  writeAs(call, 'add', urlOf(['pm', 'pkg', 'adom', adom, pkg, 'scope member']), { name: device, vdom });
  const lines = [
    simpleLine(`${device}(${vdom})`, [
      [0, 'start to import objects and policies'],
      [100, `imported ${policies.length} policies and ${addresses.length} addresses`],
    ]),
  ];
  return {
    task: call.state.tasks.create({
      title: 'Import Device Policy',
      src: 'import',
      user: call.principal.user,
      adomOid: 0,
      lines,
    }),
  };
}
