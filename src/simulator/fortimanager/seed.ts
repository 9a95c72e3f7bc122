/**
 * The data a fresh simulated FortiManager starts with: admins, ADOMs, devices with VDOMs and
 * device settings, a `default` policy package per ADOM, and a few objects. Written through the same
 * write path as API calls, so it is stored exactly as API writes would store it.
 */
import { afterWrite } from './handlers/hooks.js';
import type { FmgState } from './state.js';
import type { Row } from './store/table.js';
import { joinPath, urlOf } from './url.js';
import type { WorkspaceMode } from './workspace.js';
import { applyWrite } from './write.js';

export const DEFAULT_PASSWORD = 'fortinet';

export interface DeviceSeed {
  readonly name: string;
  readonly adom: string;
  readonly serial?: string;
  readonly ip?: string;
  readonly vdoms?: readonly string[];
  /** FortiOS version as `[major, minor, patch]`. */
  readonly version?: readonly [number, number, number];
  readonly build?: number;
  /** More attributes of the device's dvmdb row (`platform_str`, `flags`, `mgmt_mode`, ...). */
  readonly attributes?: Readonly<Record<string, unknown>>;
}

const DEVICES: readonly DeviceSeed[] = [
  { name: 'FGT1', adom: 'root', serial: 'FGVM01TM24000001', ip: '192.168.1.99', vdoms: ['root', 'vd1'] },
  {
    name: 'dut_fgt_01',
    adom: 'dc_amer',
    serial: 'FGVMMLTM22006608',
    ip: '10.210.35.101',
    version: [7, 0, 2],
    build: 234,
  },
  {
    name: 'dut_fgt_02',
    adom: 'dc_amer',
    serial: 'FGVMMLTM22006609',
    ip: '10.210.35.102',
    version: [7, 2, 4],
    build: 1396,
  },
  {
    name: 'dut_fgt_03',
    adom: 'dc_amer',
    serial: 'FGVMMLTM23000162',
    ip: '10.210.35.103',
    version: [7, 2, 2],
    build: 1255,
  },
  {
    name: 'branch1_fgt',
    adom: 'dc_emea',
    serial: 'FGVMMLTM23000178',
    ip: '10.210.35.104',
    version: [7, 2, 2],
    build: 1255,
  },
  {
    name: 'branch2_fgt',
    adom: 'dc_emea',
    serial: 'FGVMMLTM22002644',
    ip: '10.210.35.105',
    version: [7, 2, 4],
    build: 1396,
  },
  { name: 'dc_emea_dev_001', adom: 'dc_emea', serial: 'FGVMMLTM22002650', ip: '10.210.35.106' },
];

/** dut_fgt_03 starts unreachable, so that failing installs and proxy calls can be observed. */
export const UNREACHABLE_DEVICES: readonly string[] = ['dut_fgt_03'];

export function seedDefaults(state: FmgState, mode: WorkspaceMode): void {
  const add = (url: string, data: unknown) => seedWrite(state, url, data);
  add('/cli/global/system/global', { hostname: 'FMG-VM64', 'workspace-mode': mode, 'adom-status': 'enable' });
  add('/cli/global/system/admin/user', [
    admin('admin', 'read-write', 'Super_User'),
    admin('reader', 'read', 'Super_User'),
    admin('devops', 'none', 'Super_User'),
    {
      ...admin('amer_rw', 'read-write', 'rw_all'),
      'adom-access': 'specify',
      adom: [{ 'adom-name': 'dc_amer' }],
    },
  ]);
  add('/dvmdb/adom', [
    { name: 'root', desc: 'Default ADOM', restricted_prds: 'fos' },
    { name: 'dc_emea', desc: 'EMEA data centres', restricted_prds: 'fos' },
    { name: 'dc_amer', desc: 'AMER data centres', restricted_prds: 'fos' },
    { name: 'FortiAnalyzer', restricted_prds: 'faz' },
    { name: 'FortiMail', restricted_prds: 'fml' },
    { name: 'FortiWeb', restricted_prds: 'fwb' },
  ]);
  for (const device of DEVICES) addDevice(state, device);
  for (const adom of ['root', 'dc_emea', 'dc_amer']) seedAdomObjects(state, adom);
  seedEmeaMappings(state);
  add('/pm/config/global/obj/firewall/address', [{ name: 'g_host_001', subnet: '172.16.0.1/32' }]);
}

/** Adds a managed device (dvmdb row, VDOMs, `system global`, interfaces, DNS) to an ADOM. */
export function addDevice(state: FmgState, device: DeviceSeed): void {
  const [major, minor, patch] = device.version ?? [7, 2, 4];
  const vdoms = device.vdoms ?? ['root'];
  seedWrite(state, urlOf(['dvmdb', 'adom', device.adom, 'device']), {
    name: device.name,
    sn: device.serial ?? `FGVM${String(state.db.nextOid()).padStart(12, '0')}`,
    ip: device.ip ?? '10.0.0.1',
    hostname: device.name,
    os_ver: `${major}.0`,
    mr: minor,
    patch,
    build: device.build ?? 1396,
    vdom: vdoms.map((name) => ({ name, devid: device.name })),
    ...device.attributes,
  });
  const global = urlOf(['pm', 'config', 'device', device.name, 'global']);
  seedWrite(state, `${global}/system/global`, { hostname: device.name });
  seedWrite(state, `${global}/system/dns`, {});
  const octet = Number(device.ip?.split('.')[3] ?? 1);
  seedWrite(state, `${global}/system/interface`, [
    {
      name: 'port1',
      ip: `${device.ip ?? '10.0.0.1'}/23`,
      allowaccess: ['ping', 'https', 'ssh'],
      role: 'wan',
    },
    { name: 'port2', ip: `10.${octet % 250}.0.1/24`, allowaccess: ['ping'], role: 'lan' },
    { name: 'port3', role: 'lan' },
    { name: 'port4' },
    { name: 'dmz', ip: '10.10.10.1/24', role: 'dmz' },
    { name: 'fortilink', ip: '10.255.1.1/24', type: 'aggregate' },
  ]);
  for (const vdom of vdoms) seedVdom(state, device, vdom);
}

function seedVdom(state: FmgState, device: DeviceSeed, vdom: string): void {
  const base = urlOf(['pm', 'config', 'device', device.name, 'vdom', vdom]);
  seedWrite(state, `${base}/router/static`, [
    { dst: '0.0.0.0/0', gateway: '10.210.35.254', device: 'port1' },
  ]);
  seedWrite(state, `${base}/firewall/policy`, [
    {
      name: 'lan_to_wan',
      srcintf: 'port2',
      dstintf: 'port1',
      srcaddr: 'all',
      dstaddr: 'all',
      service: 'ALL',
      action: 'accept',
      nat: 'enable',
    },
  ]);
  const probes: Array<[string, string, number]> = [
    ['Default_DNS', 'dns', 5],
    ['Default_HTTP', 'http', 5],
    ['Default_Office_365', 'http', 5],
    ['Default_Gmail', 'ping', 2],
    ['Default_AWS', 'http', 5],
    ['Default_Google Search', 'http', 5],
  ];
  seedWrite(state, `${base}/system/sdwan`, {
    status: 'enable',
    zone: [{ name: 'virtual-wan-link' }],
    members: [{ interface: ['port1'] }, { interface: ['port2'] }],
    'health-check': probes.map(([name, protocol, loss]) => ({
      name,
      protocol,
      sla: [{ id: 1, 'latency-threshold': 250, 'jitter-threshold': 50, 'packetloss-threshold': loss }],
    })),
  });
}

function seedAdomObjects(state: FmgState, adom: string): void {
  const obj = urlOf(['pm', 'config', 'adom', adom, 'obj']);
  seedWrite(state, `${obj}/firewall/address`, [
    { name: 'all', subnet: ['0.0.0.0', '0.0.0.0'] },
    { name: 'host_001', subnet: '10.0.0.1/32', color: 1 },
    { name: 'host_002', subnet: '10.0.0.2 255.255.255.255', color: 3 },
    { name: 'net_10', subnet: '10.0.0.0/8', comment: 'Private class A' },
    { name: 'www.example.com', type: 'fqdn', fqdn: 'www.example.com' },
  ]);
  seedWrite(state, `${obj}/firewall/addrgrp`, [{ name: 'grp_001', member: ['host_001', 'host_002'] }]);
  seedWrite(state, `${obj}/firewall/service/custom`, [
    { name: 'ALL', protocol: 'IP', category: 'General' },
    { name: 'HTTP', 'tcp-portrange': ['80'], category: 'Web Access' },
    { name: 'HTTPS', 'tcp-portrange': ['443'], category: 'Web Access' },
    { name: 'SSH', 'tcp-portrange': ['22'], category: 'Remote Access' },
    { name: 'DNS', 'tcp-portrange': ['53'], 'udp-portrange': ['53'], category: 'Network Services' },
  ]);
  seedWrite(state, `${obj}/firewall/service/group`, [{ name: 'Web Access', member: ['HTTP', 'HTTPS'] }]);
  seedWrite(state, urlOf(['dvmdb', 'adom', adom, 'group']), [{ name: 'All_FortiGate', type: 'default' }]);
  const members = state.topology.devicesOf(adom).map((row) => ({ name: row.name, vdom: 'root' }));
  seedWrite(state, urlOf(['pm', 'pkg', 'adom', adom]), {
    name: 'default',
    type: 'pkg',
    'scope member': members,
  });
  seedWrite(state, urlOf(['pm', 'config', 'adom', adom, 'pkg', 'default', 'firewall', 'policy']), [
    {
      name: 'allow_web',
      srcintf: 'any',
      dstintf: 'any',
      srcaddr: 'all',
      dstaddr: 'all',
      service: 'Web Access',
      action: 'accept',
      logtraffic: 'all',
    },
    {
      name: 'deny_all',
      srcintf: 'any',
      dstintf: 'any',
      srcaddr: 'all',
      dstaddr: 'all',
      service: 'ALL',
      action: 'deny',
    },
  ]);
}

/** Per-device mappings for two dc_emea addresses (what `subfetch filter` finds). */
function seedEmeaMappings(state: FmgState): void {
  const url = urlOf(['pm', 'config', 'adom', 'dc_emea', 'obj', 'firewall', 'address']);
  const mapping = (device: string, ip: string) => ({
    _scope: [{ name: device, vdom: 'root' }],
    subnet: [ip, '255.255.255.255'],
  });
  seedWrite(state, `${url}/host_001/dynamic_mapping`, mapping('dc_emea_dev_001', '10.1.0.1'));
  seedWrite(state, `${url}/host_002/dynamic_mapping`, mapping('branch1_fgt', '10.2.0.1'));
}

function admin(userid: string, permit: string, profileid: string): Row {
  return { userid, password: DEFAULT_PASSWORD, 'rpc-permit': permit, profileid };
}

function seedWrite(state: FmgState, url: string, data: unknown): void {
  const resolved = state.db.resolve(url);
  const written = applyWrite(state.db, state.db.root, resolved, { method: 'set', data, param: {} });
  afterWrite(state, state.db.root, resolved, written.removed);
}

/** Appends `count` host addresses to an ADOM's address table without per-row checks (benchmarks). */
export function seedAddresses(state: FmgState, adom: string, count: number): void {
  const key = joinPath(['pm', 'config', 'adom', adom, 'obj', 'firewall', 'address']);
  const table = state.db.root.tableForWrite(key, 'name');
  const first = state.bulkSeeded.get(adom) ?? 0;
  state.bulkSeeded.set(adom, first + count);
  const rows: Row[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const n = first + i;
    const oid = state.db.nextOid();
    rows[i] = {
      name: `bulk_${adom}_${n}`,
      type: 'ipmask',
      subnet: [`10.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`, '255.255.255.255'],
      color: n % 32,
      oid,
      uuid: `${oid.toString(16).padStart(8, '0')}-0000-51ee-0000-${n.toString(16).padStart(12, '0')}`,
    };
  }
  table.appendUnchecked(rows);
}
