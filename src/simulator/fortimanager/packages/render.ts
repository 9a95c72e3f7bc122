/**
 * Package and folder entries as FortiManager 7.4 answers them (recorded in the how-to book's policy
 * package chapter): a package with its `obj ver`, its `package settings` (every setting, enums as
 * numbers unless verbose) and its `scope member` only while it is assigned; a folder with `subobj`,
 * what it holds. Keys come in FortiManager's (alphabetical) order.
 */
import type { Row } from '../store/table.js';
import { entriesOf, isFolder } from './tree.js';

/** The settings of a package, with the choices FortiManager numbers them by (the catalog's). */
const SETTING_CHOICES: Readonly<Record<string, readonly string[]>> = {
  'central-nat': ['disable', 'enable'],
  'consolidated-firewall-mode': ['disable', 'enable'],
  'fwpolicy-implicit-log': ['disable', 'enable'],
  'fwpolicy6-implicit-log': ['disable', 'enable'],
  'inspection-mode': ['proxy', 'flow'],
  'ngfw-mode': ['profile-based', 'policy-based'],
  'policy-offload-level': ['disable', 'default', 'dos-offload', 'full-offload'],
};

/** What a new package's settings are (`hitc-*`: the last hit count refresh, none yet). */
export const DEFAULT_SETTINGS: Readonly<Record<string, unknown>> = {
  'central-nat': 'disable',
  'consolidated-firewall-mode': 'disable',
  'fwpolicy-implicit-log': 'disable',
  'fwpolicy6-implicit-log': 'disable',
  'hitc-taskid': 0,
  'hitc-timestamp': 0,
  'ngfw-mode': 'profile-based',
  'policy-offload-level': 'disable',
};

/** Settings FortiManager computes (never taken from written data). */
export const COMPUTED_SETTINGS: ReadonlySet<string> = new Set(['hitc-taskid', 'hitc-timestamp']);

/** A written setting in stored form: a numbered choice as its symbol. */
export function storedSetting(name: string, value: unknown): unknown {
  const choices = SETTING_CHOICES[name];
  return choices && typeof value === 'number' ? (choices[value] ?? value) : value;
}

export function renderEntry(entry: Row, verbose: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const given = { ...entry };
  if (isFolder(entry)) {
    const held = entriesOf(entry).map((child) => renderEntry(child, verbose));
    Object.assign(given, { subobj: held.length === 0 ? null : held });
  } else {
    given['obj ver'] ??= 1;
    given['package settings'] = renderSettings(entry['package settings'], verbose);
    const members = entry['scope member'];
    if (!Array.isArray(members) || members.length === 0) delete given['scope member'];
  }
  for (const key of Object.keys(given).sort()) out[key] = given[key];
  return out;
}

function renderSettings(stored: unknown, verbose: boolean): Record<string, unknown> {
  const settings: Record<string, unknown> = { ...DEFAULT_SETTINGS, ...(isObject(stored) ? stored : {}) };
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(settings).sort()) {
    const value = settings[name];
    const choices = SETTING_CHOICES[name];
    const index = !verbose && choices && typeof value === 'string' ? choices.indexOf(value) : -1;
    out[name] = index >= 0 ? index : value;
  }
  return out;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
