/** Policy & Objects: ADOM/global objects, policy packages and their policies. */
import { packageSchema } from '../packages/schema.js';
import type { AttrSchema, ObjectSchema, SchemaEntry } from '../schema.js';
import {
  DISABLE_ENABLE,
  int,
  ipmask,
  numericEnum,
  raw,
  str,
  strList,
  subTable,
  symbolicEnum,
} from './attrs.js';

const ADDRESS_TYPES = [
  'ipmask',
  'iprange',
  'fqdn',
  'wildcard',
  'geography',
  'url',
  'wildcard-fqdn',
  'nsx',
  'aws',
  'dynamic',
  'interface-subnet',
  'mac',
  'fqdn-group',
  'route-tag',
];

/** Attributes shared by a firewall address and each of its per-device mappings. */
const addressBody: Record<string, AttrSchema> = {
  type: numericEnum(ADDRESS_TYPES, 'ipmask'),
  subnet: ipmask(),
  'start-ip': str({ default: '0.0.0.0' }),
  'end-ip': str({ default: '0.0.0.0' }),
  fqdn: str({ default: null }),
  country: strList({ default: [] }),
  wildcard: ipmask(),
  'wildcard-fqdn': str({ default: null }),
  comment: str({ default: null }),
  color: int({ default: 0 }),
  'allow-routing': numericEnum(DISABLE_ENABLE, 'disable'),
  'associated-interface': raw(),
  'cache-ttl': int({ default: 0 }),
  'clearpass-spt': symbolicEnum(
    ['unknown', 'healthy', 'quarantine', 'checkup', 'transition', 'infected'],
    'unknown',
  ),
  dirty: symbolicEnum(['dirty', 'clean'], 'dirty'),
  'epg-name': str({ default: null }),
  'fabric-object': numericEnum(DISABLE_ENABLE, 'disable'),
  filter: str({ default: null }),
  'fsso-group': raw({ default: [] }),
  'hw-model': str({ default: null }),
  'hw-vendor': str({ default: null }),
  interface: str({ default: null }),
  macaddr: raw({ default: [] }),
  'node-ip-only': numericEnum(DISABLE_ENABLE, 'disable'),
  'obj-id': str({ default: null }),
  'obj-tag': str({ default: null }),
  'obj-type': symbolicEnum(['ip', 'mac'], 'ip'),
  organization: str({ default: null }),
  os: str({ default: null }),
  'policy-group': str({ default: null }),
  'route-tag': int({ default: 0 }),
  sdn: raw({ default: [] }),
  'sdn-addr-type': symbolicEnum(['private', 'public', 'all'], 'private'),
  'sdn-tag': str({ default: null }),
  'sub-type': symbolicEnum(['sdn', 'clearpass-spt', 'fsso', 'ems-tag', 'swc-tag', 'rsso'], 'sdn'),
  'subnet-name': str({ default: null }),
  'sw-version': str({ default: null }),
  'tag-detection-level': str({ default: null }),
  'tag-type': str({ default: null }),
  tenant: str({ default: null }),
  uuid: str(),
};

/** A per-device mapping of an object, keyed by its `_scope` (device + vdom). */
const dynamicMapping = (body: Record<string, AttrSchema>): AttrSchema =>
  subTable({ _scope: raw(), ...body }, '_scope');

const tagging = subTable({ name: str(), category: str({ default: null }), tags: raw({ default: [] }) });

const address: ObjectSchema = {
  kind: 'table',
  mkey: 'name',
  attributes: {
    name: str(),
    ...addressBody,
    visibility: numericEnum(DISABLE_ENABLE, 'enable'),
    dynamic_mapping: dynamicMapping(addressBody),
    list: subTable({ ip: str() }, 'ip'),
    tagging,
  },
};

const addrgrpBody: Record<string, AttrSchema> = {
  member: strList({ default: [] }),
  comment: str({ default: null }),
  color: int({ default: 0 }),
  'allow-routing': numericEnum(DISABLE_ENABLE, 'disable'),
  exclude: numericEnum(DISABLE_ENABLE, 'disable'),
  'exclude-member': raw({ default: [] }),
  'fabric-object': numericEnum(DISABLE_ENABLE, 'disable'),
  uuid: str(),
};

const addrgrp: ObjectSchema = {
  kind: 'table',
  mkey: 'name',
  attributes: { name: str(), ...addrgrpBody, dynamic_mapping: dynamicMapping(addrgrpBody), tagging },
};

const serviceCustom: ObjectSchema = {
  kind: 'table',
  mkey: 'name',
  attributes: {
    name: str(),
    protocol: symbolicEnum(
      [
        'ICMP',
        'IP',
        'TCP/UDP/SCTP',
        'ICMP6',
        'HTTP',
        'FTP',
        'CONNECT',
        'SOCKS',
        'ALL',
        'SOCKS-TCP',
        'SOCKS-UDP',
      ],
      'TCP/UDP/SCTP',
    ),
    'tcp-portrange': raw({ default: [] }),
    'udp-portrange': raw({ default: [] }),
    'sctp-portrange': raw({ default: [] }),
    category: str({ default: null }),
    comment: str({ default: null }),
    color: int({ default: 0 }),
    visibility: numericEnum(DISABLE_ENABLE, 'enable'),
    proxy: numericEnum(DISABLE_ENABLE, 'disable'),
    uuid: str(),
  },
};

const serviceGroup: ObjectSchema = {
  kind: 'table',
  mkey: 'name',
  attributes: {
    name: str(),
    member: strList({ default: [] }),
    comment: str({ default: null }),
    color: int({ default: 0 }),
  },
};

const address6: ObjectSchema = {
  kind: 'table',
  mkey: 'name',
  attributes: {
    name: str(),
    type: numericEnum(
      ['ipprefix', 'iprange', 'nsx', 'dynamic', 'fqdn', 'template', 'mac', 'geography'],
      'ipprefix',
    ),
    ip6: str({ default: '::/0' }),
    comment: str({ default: null }),
    color: int({ default: 0 }),
    uuid: str(),
  },
};

const scheduleRecurring: ObjectSchema = {
  kind: 'table',
  mkey: 'name',
  attributes: {
    name: str(),
    day: raw({ default: ['none'] }),
    start: str({ default: '00:00' }),
    end: str({ default: '00:00' }),
    color: int({ default: 0 }),
  },
};

/** Security profiles and other objects the simulator stores without a detailed schema. */
const namedTable: ObjectSchema = { kind: 'table', mkey: 'name', attributes: { name: str(), comment: str() } };

/** FortiAPs: objects FortiManager reads from the FortiGates they are assigned to (no oid). */
const wtp: ObjectSchema = {
  kind: 'table',
  mkey: 'wtp-id',
  attributes: {
    'wtp-id': str(),
    name: str({ default: null }),
    'wtp-profile': raw({ default: [] }),
    admin: raw(),
    'scope member': raw(),
  },
  rowOid: false,
};

const dynamicInterfaceBody: Record<string, AttrSchema> = {
  'local-intf': raw({ default: [] }),
  'intrazone-deny': raw(),
};

const dynamicInterface: ObjectSchema = {
  kind: 'table',
  mkey: 'name',
  attributes: {
    name: str(),
    description: str({ default: null }),
    'default-mapping': numericEnum(DISABLE_ENABLE, 'disable'),
    'single-intf': numericEnum(DISABLE_ENABLE, 'enable'),
    dynamic_mapping: dynamicMapping(dynamicInterfaceBody),
  },
};

/** Object tables, each available per ADOM and in the global database. */
const OBJECT_TABLES: ReadonlyArray<[string, ObjectSchema]> = [
  ['firewall/address', address],
  ['firewall/address6', address6],
  ['firewall/addrgrp', addrgrp],
  ['firewall/service/custom', serviceCustom],
  ['firewall/service/group', serviceGroup],
  ['firewall/schedule/recurring', scheduleRecurring],
  ['firewall/profile-group', namedTable],
  ['webfilter/profile', namedTable],
  ['antivirus/profile', namedTable],
  ['application/list', namedTable],
  ['ips/sensor', namedTable],
  ['dynamic/interface', dynamicInterface],
  ['wireless-controller/wtp', wtp],
  ['wireless-controller/wtp-profile', namedTable],
];

const POLICY_ACTIONS = ['deny', 'accept', 'ipsec', 'ssl-vpn', 'redirect', 'isolate'];

/** Firewall policy: the same shape in a policy package and in a device's VDOM database. */
export const firewallPolicy: ObjectSchema = {
  kind: 'table',
  mkey: 'policyid',
  attributes: {
    policyid: int(),
    name: str({ default: '' }),
    srcintf: strList({ default: [] }),
    dstintf: strList({ default: [] }),
    srcaddr: strList({ default: [] }),
    dstaddr: strList({ default: [] }),
    service: strList({ default: [] }),
    schedule: strList({ default: ['always'] }),
    action: numericEnum(POLICY_ACTIONS, 'deny'),
    status: numericEnum(DISABLE_ENABLE, 'enable'),
    nat: numericEnum(DISABLE_ENABLE, 'disable'),
    logtraffic: numericEnum(['disable', 'enable', 'all', 'utm'], 'utm'),
    comments: str({ default: null }),
    'global-label': str({ default: null }),
    uuid: str(),
  },
};

/** Address attributes for a device's own VDOM database (no per-device mapping there). */
export const deviceAddress: ObjectSchema = {
  kind: 'table',
  mkey: 'name',
  attributes: { name: str(), ...addressBody, visibility: numericEnum(DISABLE_ENABLE, 'enable') },
};

export function firewallEntries(): SchemaEntry[] {
  const entries: SchemaEntry[] = [];
  for (const [path, schema] of OBJECT_TABLES) {
    entries.push({ template: `/pm/config/adom/{adom}/obj/${path}`, schema });
    entries.push({ template: `/pm/config/global/obj/${path}`, schema });
  }
  entries.push({ template: '/pm/pkg/adom/{adom}', schema: packageSchema });
  entries.push({ template: '/pm/pkg/global', schema: packageSchema });
  for (const prefix of ['/pm/config/adom/{adom}/pkg/{pkg}', '/pm/config/global/pkg/{pkg}']) {
    entries.push({ template: `${prefix}/firewall/policy`, schema: firewallPolicy });
    entries.push({ template: `${prefix}/firewall/policy6`, schema: firewallPolicy });
  }
  return entries;
}
