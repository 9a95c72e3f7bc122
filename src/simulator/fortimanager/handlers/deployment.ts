/**
 * Device configuration revisions (`exec /deployment/...`): every device starts with the revision
 * FortiManager retrieved when it was added; installs and imports add one.
 * - `get/device/revision` (`device`): `{base_ver, revinfo: [...]}`, newest first;
 * - `checkout/revision` (`device`, `revision`): that revision's configuration;
 * - `export/config` (`device`): the device database as configuration text;
 * - `revert` (`device`, `revision`): the device database goes back to that revision;
 * - `import/config` (`device`, `config`): a configuration becomes a new revision (a task).
 */
import type { DeviceRevision } from '../records.js';
import type { FmgState } from '../state.js';
import { FmgCode, fail } from '../status.js';
import type { Row } from '../store/table.js';
import { simpleLine } from '../tasks.js';
import { joinPath } from '../url.js';
import { type Call, dataObject, requireAdom, requireWrite } from './call.js';

/** Adds a revision of the device's current database (an install, an import). */
export function addRevision(
  state: FmgState,
  device: string,
  user: string,
  tag: string,
  extra: string,
  content?: string,
): void {
  const list = revisionsOf(state, device);
  list.unshift({
    revision: (list[0]?.revision ?? 0) + 1,
    time: state.ctx.clock.now(),
    user,
    comments: '',
    tag,
    extra,
    content: content ?? configOf(state, device),
  });
}

export function deviceRevisions(call: Call): unknown {
  const device = deviceOf(call);
  const list = revisionsOf(call.state, device);
  return {
    base_ver: list[0]?.revision ?? 0,
    revinfo: list.map((revision) => {
      const stamp = new Date(revision.time).toISOString().slice(0, 19).replace('T', ' ');
      return {
        comments: revision.comments,
        error: '',
        extra_info: revision.extra,
        instime: stamp,
        instusr: revision.user,
        modtime: stamp,
        modusr: revision.user,
        revision: revision.revision,
        status: 4,
        tag: revision.tag,
      };
    }),
  };
}

export function checkoutRevision(call: Call): unknown {
  const device = deviceOf(call);
  const revision = revisionNumber(call);
  const found = revisionsOf(call.state, device).find((candidate) => candidate.revision === revision);
  return found ? { content: found.content, revision } : fail(FmgCode.notFound, `revision ${revision}`);
}

export function exportConfig(call: Call): unknown {
  return { content: configOf(call.state, deviceOf(call)) };
}

export function revertRevision(call: Call): undefined {
  requireWrite(call);
  const device = deviceOf(call);
  const revision = revisionNumber(call);
  if (!revisionsOf(call.state, device).some((candidate) => candidate.revision === revision))
    return fail(FmgCode.notFound, `revision ${revision}`);
  return undefined;
}

export function importConfig(call: Call): unknown {
  requireWrite(call);
  const device = deviceOf(call);
  const config = dataObject(call.param).config;
  if (typeof config !== 'string' || config === '')
    return fail(FmgCode.invalidData, "attribute 'config' is required");
  addRevision(call.state, device, call.principal.user, 'imported', 'Imported configuration', config);
  const task = call.state.tasks.create({
    title: 'Import Device Revision',
    src: 'deployment',
    user: call.principal.user,
    adomOid: 0,
    lines: [
      simpleLine(device, [
        [0, 'start to import revision'],
        [100, 'import revision done'],
      ]),
    ],
  });
  return { task };
}

function deviceOf(call: Call): string {
  const name = dataObject(call.param).device;
  const device =
    typeof name === 'string' ? name : String(call.state.topology.deviceByOid(Number(name))?.name ?? '');
  if (!call.state.topology.device(device))
    return fail(FmgCode.invalidData, `attribute 'device': no device '${String(name)}'`);
  requireAdom(call, call.state.topology.adomOfDevice(device));
  return device;
}

function revisionNumber(call: Call): number {
  const value = Number(dataObject(call.param).revision);
  return Number.isInteger(value) ? value : fail(FmgCode.invalidData, "attribute 'revision' expects a number");
}

function revisionsOf(state: FmgState, device: string): DeviceRevision[] {
  let list = state.deviceRevisions.get(device);
  if (!list) {
    list = [];
    state.deviceRevisions.set(device, list);
    addRevision(state, device, 'admin', 'retrieved', 'Retrieved from the device');
  }
  return list;
}

/** The device database as FortiOS configuration text (its interfaces and routes). */
function configOf(state: FmgState, device: string): string {
  const row = state.topology.device(device);
  const lines = [
    `#config-version=${String(row?.platform_str ?? 'FGVM64')}-${String(row?.os_ver ?? '7.0')}:opmode=0`,
  ];
  const table = (path: string[]): Row[] => {
    const container = state.db.root.get(joinPath(['pm', 'config', 'device', device, ...path]));
    return container?.kind === 'table' ? [...container.table.rows()] : [];
  };
  lines.push('config system interface');
  for (const intf of table(['global', 'system', 'interface']))
    lines.push(`    edit "${String(intf.name)}"`, '    next');
  lines.push('end');
  return lines.join('\n');
}
