/**
 * Which devices a query covers, and how each endpoint spells them. FortiAnalyzer is inconsistent:
 * a log search takes "all FortiGates" as `{devid: 'All_FortiGate'}`, FortiView only as
 * `{devname: 'All_Device'}` (any other spelling answers an empty top-N without an error), and `devid`
 * must be a serial number (a device name there is refused or silently matches nothing).
 */
import { ValidationError } from '../core/errors.js';

/** `'all'`, or devices by serial number (optionally one VDOM), by name, or a whole security fabric. */
export type DeviceSelector =
  | 'all'
  | { readonly serial: string; readonly vdom?: string }
  | { readonly name: string; readonly vdom?: string }
  | { readonly fabric: string };

/** One entry of the wire `device` list. */
export type WireDevice = { devid: string } | { devname: string } | { csfname: string };

const SERIAL_RE = /^[A-Z0-9]{10,20}$/;

/** The `device` list of a log search (or log stats, report run). */
export function logsearchDevices(devices: DeviceSelector | readonly DeviceSelector[] = 'all'): WireDevice[] {
  return list(devices).map((d, i) => (d === 'all' ? { devid: 'All_FortiGate' } : wire(d, `devices.${i}`)));
}

/** The `device` list of a FortiView run. */
export function fortiviewDevices(devices: DeviceSelector | readonly DeviceSelector[] = 'all'): WireDevice[] {
  return list(devices).map((d, i) => (d === 'all' ? { devname: 'All_Device' } : wire(d, `devices.${i}`)));
}

function list(devices: DeviceSelector | readonly DeviceSelector[]): readonly DeviceSelector[] {
  const items = Array.isArray(devices) ? devices : [devices as DeviceSelector];
  if (items.length === 0) {
    throw new ValidationError(
      "An empty device list matches nothing; use 'all' or name the devices",
      'devices',
    );
  }
  return items;
}

function wire(selector: Exclude<DeviceSelector, 'all'>, path: string): WireDevice {
  if (typeof selector !== 'object' || selector === null) {
    throw new ValidationError("A device is 'all', { serial }, { name } or { fabric }", path);
  }
  const suffix = (vdom: string | undefined) => {
    if (vdom === undefined) return '';
    if (typeof vdom !== 'string' || vdom === '' || /[[\]]/.test(vdom))
      throw new ValidationError('Invalid VDOM name', `${path}.vdom`);
    return `[${vdom}]`;
  };
  if ('serial' in selector) {
    if (typeof selector.serial !== 'string' || !SERIAL_RE.test(selector.serial)) {
      throw new ValidationError(
        `${JSON.stringify(selector.serial)} is not a serial number; a device name goes in { name }`,
        `${path}.serial`,
      );
    }
    return { devid: `${selector.serial}${suffix(selector.vdom)}` };
  }
  if ('name' in selector) {
    if (typeof selector.name !== 'string' || selector.name === '')
      throw new ValidationError('Device name is empty', `${path}.name`);
    return { devname: `${selector.name}${suffix(selector.vdom)}` };
  }
  if ('fabric' in selector && typeof selector.fabric === 'string' && selector.fabric !== '') {
    return { csfname: selector.fabric };
  }
  throw new ValidationError("A device is 'all', { serial }, { name } or { fabric }", path);
}
