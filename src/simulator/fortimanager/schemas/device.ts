/** Device-level settings: `/pm/config/device/{device}/global/<cli>` and `.../vdom/{vdom}/<cli>`. */
import type { ObjectSchema, SchemaEntry } from '../schema.js';
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
import { deviceAddress, firewallPolicy } from './firewall.js';

const systemGlobal: ObjectSchema = {
  kind: 'object',
  attributes: {
    hostname: str(),
    alias: str({ default: '' }),
    timezone: str({ default: '04' }),
    admintimeout: int({ default: 5 }),
    'admin-sport': int({ default: 443 }),
  },
};

/** A device's interfaces: answered without oid (recorded). */
const systemInterface: ObjectSchema = {
  kind: 'table',
  mkey: 'name',
  rowOid: false,
  attributes: {
    name: str(),
    vdom: raw({ default: ['root'] }),
    ip: ipmask(),
    allowaccess: strList({ default: [] }),
    type: symbolicEnum(
      ['physical', 'vlan', 'aggregate', 'redundant', 'tunnel', 'loopback', 'switch'],
      'physical',
    ),
    status: symbolicEnum(['up', 'down'], 'up'),
    mode: symbolicEnum(['static', 'dhcp', 'pppoe'], 'static'),
    alias: str({ default: '' }),
    description: raw({ default: null }),
    role: symbolicEnum(['lan', 'wan', 'dmz', 'undefined'], 'undefined'),
    vlanid: int({ default: 0 }),
    interface: raw({ default: null }),
  },
};

const systemDns: ObjectSchema = {
  kind: 'object',
  attributes: {
    primary: str({ default: '96.45.45.45' }),
    secondary: str({ default: '96.45.46.46' }),
    domain: raw({ default: [] }),
    protocol: raw({ default: ['cleartext'] }),
    timeout: int({ default: 5 }),
    retry: int({ default: 2 }),
    'dns-cache-limit': int({ default: 5000 }),
    'dns-cache-ttl': int({ default: 1800 }),
  },
};

const routerStatic: ObjectSchema = {
  kind: 'table',
  mkey: 'seq-num',
  attributes: {
    'seq-num': int(),
    dst: ipmask(),
    gateway: str({ default: '0.0.0.0' }),
    device: raw({ default: null }),
    distance: int({ default: 10 }),
    status: numericEnum(DISABLE_ENABLE, 'enable'),
    comment: str({ default: null }),
  },
};

const sla = subTable(
  {
    id: int(),
    'latency-threshold': int({ default: 5 }),
    'jitter-threshold': int({ default: 5 }),
    'packetloss-threshold': int({ default: 0 }),
    'link-cost-factor': raw({ default: ['latency', 'jitter', 'packet-loss'] }),
  },
  'id',
);

const systemSdwan: ObjectSchema = {
  kind: 'object',
  attributes: {
    status: symbolicEnum(DISABLE_ENABLE, 'disable'),
    'load-balance-mode': symbolicEnum(['source-ip-based', 'weight-based', 'usage-based'], 'source-ip-based'),
    'health-check': subTable({
      name: str(),
      'addr-mode': symbolicEnum(['ipv4', 'ipv6'], 'ipv4'),
      'detect-mode': symbolicEnum(['active', 'passive', 'prefer-passive', 'remote', 'agent-based'], 'active'),
      protocol: symbolicEnum(
        ['ping', 'tcp-echo', 'udp-echo', 'http', 'https', 'twamp', 'dns', 'tcp-connect', 'ftp'],
        'ping',
      ),
      server: raw({ default: [] }),
      interval: int({ default: 500 }),
      members: raw({ default: [] }),
      sla,
    }),
    members: subTable(
      {
        'seq-num': int(),
        interface: raw(),
        zone: raw({ default: ['virtual-wan-link'] }),
        gateway: str({ default: '0.0.0.0' }),
      },
      'seq-num',
    ),
    zone: subTable({ name: str() }),
  },
};

const phase1Interface: ObjectSchema = {
  kind: 'table',
  mkey: 'name',
  attributes: {
    name: str(),
    interface: raw(),
    'remote-gw': str({ default: '0.0.0.0' }),
    'ike-version': symbolicEnum(['1', '2'], '1'),
    proposal: raw({ default: [] }),
    psksecret: str({ sensitive: true }),
  },
};

export function deviceEntries(): SchemaEntry[] {
  const global = '/pm/config/device/{device}/global';
  const vdom = '/pm/config/device/{device}/vdom/{vdom}';
  return [
    { template: `${global}/system/global`, schema: systemGlobal },
    { template: `${global}/system/interface`, schema: systemInterface },
    { template: `${global}/system/dns`, schema: systemDns },
    { template: `${vdom}/router/static`, schema: routerStatic },
    { template: `${vdom}/firewall/address`, schema: deviceAddress },
    { template: `${vdom}/firewall/policy`, schema: firewallPolicy },
    { template: `${vdom}/system/sdwan`, schema: systemSdwan },
    { template: `${vdom}/vpn/ipsec/phase1-interface`, schema: phase1Interface },
  ];
}
