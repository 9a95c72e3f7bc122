/**
 * The `device` parameter: which devices (and VDOMs) a search or a view covers. The spelling of "all
 * devices" differs per endpoint, as on real appliances:
 * - log search: `{devid: 'All_FortiGate'}` (and the other `All_<product>` groups, `All_Devices`), a
 *   serial number (`FGVM...`, optionally `FGVM...[vdom]`), `{devname}` or a fabric `{csfname}`. A
 *   device name sent as `devid` is refused ("None of the device(s) can be found") when nothing else
 *   matches; an empty list matches nothing.
 * - FortiView: only `{devname: 'All_Device'}` means every device; any other group spelling answers an
 *   empty top-N without an error.
 */
import type { SimAdom } from '../inventory.js';
import { FazCode, FazFailure, invalidParams } from '../status.js';
import type { LogSource } from './stream.js';

export interface DeviceScope {
  /** A canonical description, used as a cache key. */
  readonly key: string;
  /** True when every device and VDOM is in scope. */
  readonly all: boolean;
  matches(source: LogSource): boolean;
}

/** The security fabric every `root` ADOM device belongs to. */
export const FABRIC_NAME = 'Corp_SF';

const ALL: DeviceScope = { key: 'all', all: true, matches: () => true };
const NONE: DeviceScope = { key: 'none', all: false, matches: () => false };
const LOGSEARCH_ALL_GROUPS = new Set(['All_FortiGate', 'All_Devices']);
const ITEM_RE = /^(.*?)(?:\[([^\]]*)\])?$/;

/** The devices of a log search or log stats request. */
export function logsearchScope(adom: SimAdom, device: unknown): DeviceScope {
  if (!Array.isArray(device)) return invalidParams("'device' must be a list");
  const picks = new Set<string>();
  let unresolvedDevids = 0;
  for (const item of device) {
    const entry = typeof item === 'object' && item !== null ? (item as Record<string, unknown>) : {};
    if (typeof entry.devid === 'string') {
      if (LOGSEARCH_ALL_GROUPS.has(entry.devid)) return ALL;
      if (entry.devid.startsWith('All_')) continue;
      if (!pick(adom, picks, entry.devid, 'serial')) unresolvedDevids++;
    } else if (typeof entry.devname === 'string') {
      pick(adom, picks, entry.devname, 'name');
    } else if (typeof entry.csfname === 'string') {
      if (entry.csfname === FABRIC_NAME && adom.name === 'root') return ALL;
    }
  }
  if (picks.size === 0 && unresolvedDevids > 0) {
    throw new FazFailure(FazCode.invalidParams, 'None of the device(s) can be found');
  }
  return scopeOf(picks);
}

/** The devices of a FortiView run: only `{devname: 'All_Device'}` spells "all". */
export function fortiviewScope(adom: SimAdom, device: unknown): DeviceScope {
  if (device === undefined) return ALL;
  if (!Array.isArray(device)) return invalidParams("'device' must be a list");
  const picks = new Set<string>();
  for (const item of device) {
    const entry = typeof item === 'object' && item !== null ? (item as Record<string, unknown>) : {};
    if (entry.devname === 'All_Device') return ALL;
    if (typeof entry.devid === 'string') pick(adom, picks, entry.devid, 'serial');
    else if (typeof entry.devname === 'string') pick(adom, picks, entry.devname, 'name');
  }
  return scopeOf(picks);
}

/** Adds `serial` / `serial[vdom]` (or the same with a name) to `picks`; false when no device matches. */
function pick(adom: SimAdom, picks: Set<string>, spec: string, by: 'serial' | 'name'): boolean {
  const [, id = '', vdom] = ITEM_RE.exec(spec) ?? [];
  const index = adom.devices.findIndex((d) => (by === 'serial' ? d.serial : d.name) === id);
  if (index < 0) return false;
  const device = adom.devices[index]!;
  if (vdom !== undefined && !device.vdoms.includes(vdom)) return true;
  for (const name of vdom === undefined ? device.vdoms : [vdom]) picks.add(`${index}:${name}`);
  return true;
}

function scopeOf(picks: ReadonlySet<string>): DeviceScope {
  if (picks.size === 0) return NONE;
  const key = [...picks].sort().join(',');
  return { key, all: false, matches: (source) => picks.has(`${source.deviceIndex}:${source.vdom}`) };
}
