/**
 * Where the facts (`specs/fortimanager/objects.json`) are not the wire truth. Each override names the
 * seed evidence; `test/unit/catalog/overrides.test.ts` checks them against the seed examples.
 * The type generator and the runtime checks (`validate`) both read this file, so they agree.
 */
import type { FmgAttributeFacts, FmgObjectFacts } from './schema.js';

/** A wire shape the facts cannot express. */
export type WireShape =
  /** Read back as `[ip, mask]`; accepted as that, as `'ip/len'` or as `'ip mask'`. */
  | 'ip-mask'
  /** One name or a list of names. */
  | 'string-or-list'
  /** A JSON boolean. */
  | 'boolean'
  /** A string, or `null` when empty. */
  | 'text'
  /** A JSON number. */
  | 'integer'
  /** State FortiManager reports and takes back as it is; any JSON value. */
  | 'opaque';

export interface ShapeOverride {
  /** Objects whose attribute(s) at `paths` have `shape` instead of the facts' type. */
  readonly objects: readonly string[];
  /** Attribute paths inside each object; nested attributes joined by `.`. */
  readonly paths: readonly string[];
  readonly shape: WireShape;
}

const FIREWALL_ADDRESS = ['firewall_address', 'firewall_address_dynamicmapping'];

export const SHAPE_OVERRIDES: readonly ShapeOverride[] = [
  // Facts say `str`. Seed 003 (dynamic_mapping rows) and seed 001 (a get of host_001) return
  // `["21.103.33.206", "255.255.255.255"]`; seed 001 adds with `"subnet": "10.0.0.2/32"`.
  // `wildcard` comes back in the same `[ip, mask]` form in seed 003.
  {
    objects: FIREWALL_ADDRESS,
    paths: ['subnet', 'wildcard'],
    shape: 'ip-mask',
  },
  {
    objects: ['firewall_address'],
    paths: ['dynamic_mapping.subnet', 'dynamic_mapping.wildcard'],
    shape: 'ip-mask',
  },
  // Facts say `str` (sdn: with a fixed enum); seed 003 returns `"country": []` and `"sdn": []`.
  {
    objects: FIREWALL_ADDRESS,
    paths: ['country', 'sdn'],
    shape: 'string-or-list',
  },
  {
    objects: ['firewall_address'],
    paths: ['dynamic_mapping.country', 'dynamic_mapping.sdn'],
    shape: 'string-or-list',
  },
];

/** SHAPE_OVERRIDES by object, then path: a validator asks for every attribute it checks. */
const SHAPES_BY_OBJECT: ReadonlyMap<string, ReadonlyMap<string, WireShape>> = indexShapes(SHAPE_OVERRIDES);

function indexShapes(overrides: readonly ShapeOverride[]): Map<string, Map<string, WireShape>> {
  const index = new Map<string, Map<string, WireShape>>();
  for (const { objects, paths, shape } of overrides) {
    for (const object of objects) {
      const shapes = index.get(object) ?? new Map<string, WireShape>();
      index.set(object, shapes);
      // The first override naming a path wins, as a search of the list in order finds it.
      for (const path of paths) if (!shapes.has(path)) shapes.set(path, shape);
    }
  }
  return index;
}

/**
 * Attributes FortiManager accepts inside every list-of-dict attribute with the given name, on top
 * of the facts. Seed 001 ("Setting Scope"): a `_scope` entry may carry `"is group": true` to say
 * that `name` is a device group.
 */
export const EXTRA_SUB_ATTRIBUTES: Readonly<Record<string, Readonly<Record<string, WireShape>>>> = {
  _scope: { 'is group': 'boolean' },
  // Seed 003 (`get /dvmdb/device`): each `vdom` row also carries `devid`, `ext_flags`, `flags`,
  // `node_flags` and `tab_status`, which the facts lack; a row read back must be writable as it is.
  vdom: { devid: 'text', ext_flags: 'integer', flags: 'opaque', node_flags: 'integer', tab_status: 'opaque' },
};

/** The override shape for `path` (`'dynamic_mapping.subnet'`) in `objectName`, if any. */
export function shapeOverrideAt(objectName: string, path: string): WireShape | undefined {
  return SHAPES_BY_OBJECT.get(objectName)?.get(path);
}

/**
 * Key attributes of tables the facts key by an expression instead of an mkey. The 24
 * `dynamic_mapping` tables are keyed by `_scope[0].name + "/" + _scope[0].vdom` (their item URL
 * placeholder takes `"<device>/<vdom>"`), so a new mapping must carry `_scope`.
 */
export function requiredKeyOverride(object: FmgObjectFacts): readonly string[] | undefined {
  return object.mkeyExpr?.startsWith('_scope[') ? ['_scope'] : undefined;
}

/**
 * Keys of tables the facts name none for, where every row FortiManager returns carries the key.
 * `dvmdb_device`: seed 003 (`get /dvmdb/device`) answers `name` on every device, its item URL
 * `/dvmdb/device/{device}` takes the name, and writes answer it (recorded: `set
 * /dvmdb/adom/demo/device/dev_001` -> `{"name": "dev_001"}`).
 */
export const KEY_OVERRIDES: Readonly<Record<string, string>> = { dvmdb_device: 'name' };

/**
 * How `get` answers on read-only selectors whose facts do not say (no item URLs, no schema): one
 * object or a list. `/sys/status` and `/cli/global/system/status` answer one object of status keys
 * (FortiManager's API documentation; the client's `login()` reads it so), like the other CLI status
 * outputs (`/sys/ha/status`, `/cli/global/system/performance`); `workspace/dirty` answers
 * `{"dirty": 0|1}`; a script's `log/latest` and `log/output` answer one log, `log/list` and
 * `log/summary` one entry per run (as the simulator reproduces them).
 */
export const REPLY_SHAPE_OVERRIDES: Readonly<Record<string, 'one' | 'list'>> = {
  sys_status: 'one',
  system_status: 'one',
  sys_ha_status: 'one',
  system_performance: 'one',
  dvmdb_workspace_dirty: 'one',
  dvmdb_workspace_dirty_dev: 'one',
  dvmdb_script_log_latest: 'one',
  dvmdb_script_log_latest_device: 'one',
  dvmdb_script_log_output_logid: 'one',
  dvmdb_script_log_output_device_logid: 'one',
  dvmdb_script_log_list: 'list',
  dvmdb_script_log_list_device: 'list',
  dvmdb_script_log_summary: 'list',
  dvmdb_script_log_summary_device: 'list',
};

const text: FmgAttributeFacts = { type: 'str' };
const integer: FmgAttributeFacts = { type: 'int' };

/** The keys of FortiManager's system status, as FortiManager 7.4.7 answers `/sys/status`. */
const SYSTEM_STATUS: Readonly<Record<string, FmgAttributeFacts>> = {
  'Admin Domain Configuration': { type: 'str', choices: ['Enabled', 'Disabled'] },
  'BIOS version': text,
  'Branch Point': text,
  Build: text,
  'Current Time': text,
  'Daylight Time Saving': text,
  'FIPS Mode': text,
  'HA Mode': text,
  Hostname: text,
  'License Status': text,
  Major: integer,
  'Max Number of Admin Domains': integer,
  'Max Number of Device Groups': integer,
  Minor: integer,
  'Offline Mode': text,
  Patch: integer,
  'Platform Full Name': text,
  'Platform Type': text,
  'Release Version Information': text,
  'Serial Number': text,
  'Time Zone': text,
  Version: text,
  'x86-64 Applications': text,
};

/**
 * Attributes of replies the facts give no schema for: the system status, and `workspace/dirty`
 * (`{"dirty": 1}` when the ADOM or device has changes not committed).
 */
export const REPLY_ATTRIBUTES: Readonly<Record<string, Readonly<Record<string, FmgAttributeFacts>>>> = {
  sys_status: SYSTEM_STATUS,
  system_status: SYSTEM_STATUS,
  dvmdb_workspace_dirty: { dirty: integer },
  dvmdb_workspace_dirty_dev: { dirty: integer },
};

const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)$/;

function isIpMaskString(value: string): boolean {
  // `ip/len`: no part of the other form holds a slash, so a slash decides (no match objects: the
  // simulator checks every address it stores).
  const slash = value.indexOf('/');
  if (slash >= 0) {
    const length = value.slice(slash + 1);
    return PREFIX_LENGTH.test(length) && Number(length) <= 32 && IPV4.test(value.slice(0, slash));
  }
  const parts = value.trim().split(/\s+/);
  return parts.length === 2 && parts.every((p) => IPV4.test(p));
}

const PREFIX_LENGTH = /^\d{1,2}$/;

/** Runtime check of a value against a wire shape (used by `validate`). */
export function acceptsShape(shape: WireShape, value: unknown): boolean {
  switch (shape) {
    case 'ip-mask':
      if (typeof value === 'string') return isIpMaskString(value);
      return (
        Array.isArray(value) &&
        value.length === 2 &&
        value.every((part) => typeof part === 'string' && IPV4.test(part))
      );
    case 'string-or-list':
      return (
        value === null ||
        typeof value === 'string' ||
        (Array.isArray(value) && value.every((item) => typeof item === 'string'))
      );
    case 'boolean':
      return typeof value === 'boolean';
    case 'text':
      return value === null || typeof value === 'string';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'opaque':
      return true;
  }
}
