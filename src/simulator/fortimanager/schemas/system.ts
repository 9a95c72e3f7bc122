/** Device manager database (dvmdb) and FortiManager's own settings (`/cli/global/system/...`). */
import type { ObjectSchema, SchemaEntry } from '../schema.js';
import { dict, int, numericEnum, raw, str, strList, subTable, symbolicEnum } from './attrs.js';

const adom: ObjectSchema = {
  kind: 'table',
  mkey: 'name',
  attributes: {
    name: str(),
    desc: str({ default: '' }),
    flags: raw({ default: 0 }),
    os_ver: symbolicEnum(
      ['unknown', '0.0', '1.0', '2.0', '3.0', '4.0', '5.0', '6.0', '7.0', '8.0', '9.0'],
      '7.0',
    ),
    mr: int({ default: 4 }),
    restricted_prds: raw({ default: 'fos' }),
    state: int({ default: 1 }),
    mode: symbolicEnum(['ems', 'gms', 'provider'], 'gms'),
    workspace_mode: int({ default: 0 }),
    uuid: str(),
    create_time: int({ default: 0 }),
    'meta fields': dict({ default: {} }),
  },
};

const VDOM_DEFAULTS = {
  comments: '',
  ext_flags: 1,
  flags: null,
  node_flags: 4,
  opmode: 'nat',
  rtm_prof_id: 0,
  status: null,
  tab_status: null,
  vpn_id: 0,
} as const;

const device: ObjectSchema = {
  kind: 'table',
  mkey: 'name',
  attributes: {
    name: str(),
    desc: str({ default: '' }),
    sn: str(),
    ip: str(),
    hostname: str(),
    os_type: symbolicEnum(
      ['unknown', 'fos', 'fsw', 'foc', 'fml', 'faz', 'fwb', 'fch', 'fct', 'log', 'fmg', 'fsa', 'fpx', 'fss'],
      'fos',
    ),
    os_ver: symbolicEnum(
      ['unknown', '0.0', '1.0', '2.0', '3.0', '4.0', '5.0', '6.0', '7.0', '8.0', '9.0'],
      '7.0',
    ),
    mr: int({ default: 2 }),
    patch: int({ default: 4 }),
    build: int({ default: 1396 }),
    platform_str: str({ default: 'FortiGate-VM64' }),
    conn_status: numericEnum(['UNKNOWN', 'up', 'down'], 'up'),
    conf_status: numericEnum(['unknown', 'insync', 'outofsync'], 'insync'),
    db_status: numericEnum(['unknown', 'nomod', 'mod'], 'nomod'),
    mgmt_mode: symbolicEnum(['unreg', 'fmg', 'faz', 'fmgfaz'], 'fmg'),
    'meta fields': dict({ default: {} }),
    ha_slave: {
      ...subTable({
        name: str(),
        sn: str(),
        role: str(),
        prio: int(),
        idx: int(),
        did: str(),
        flags: raw({ default: null }),
        status: int({ default: 1 }),
      }),
      parentKey: 'did',
    },
    onboard_rule: {
      ...subTable({
        name: str(),
        type: str(),
        sn: str(),
        old_sn: str(),
        did: str(),
        adm_pass: str({ sensitive: true }),
      }),
      parentKey: 'did',
    },
    vdom: {
      ...subTable({
        name: str(),
        devid: str(),
        comments: str({ default: VDOM_DEFAULTS.comments }),
        ext_flags: int({ default: VDOM_DEFAULTS.ext_flags }),
        flags: raw({ default: VDOM_DEFAULTS.flags }),
        node_flags: int({ default: VDOM_DEFAULTS.node_flags }),
        // FortiManager numbers the modes from 1 (nat) when not verbose.
        opmode: numericEnum(['unknown', 'nat', 'transparent'], VDOM_DEFAULTS.opmode),
        rtm_prof_id: int({ default: VDOM_DEFAULTS.rtm_prof_id }),
        status: raw({ default: VDOM_DEFAULTS.status }),
        tab_status: raw({ default: VDOM_DEFAULTS.tab_status }),
        vpn_id: int({ default: VDOM_DEFAULTS.vpn_id }),
      }),
      parentKey: 'devid',
    },
  },
};

const group: ObjectSchema = {
  kind: 'table',
  mkey: 'name',
  attributes: {
    name: str(),
    desc: str({ default: '' }),
    os_type: symbolicEnum(['unknown', 'fos', 'fsw', 'foc', 'fml', 'faz'], 'fos'),
    type: symbolicEnum(['normal', 'default', 'auto'], 'normal'),
    'object member': raw({ default: [] }),
  },
};

const RPC_PERMITS = ['read-write', 'none', 'read'] as const;

const adminUser: ObjectSchema = {
  kind: 'table',
  mkey: 'userid',
  attributes: {
    userid: str(),
    password: str({ sensitive: true, default: '' }),
    'rpc-permit': symbolicEnum(RPC_PERMITS, 'none'),
    user_type: symbolicEnum(
      ['local', 'radius', 'ldap', 'tacacs-plus', 'pki-auth', 'group', 'sso', 'api'],
      'local',
    ),
    profileid: str({ default: 'Restricted_User' }),
    adom: subTable({ 'adom-name': str() }, 'adom-name'),
    description: str({ default: '' }),
  },
};

const WORKSPACE_MODES = ['disabled', 'normal', 'workflow'] as const;

const systemGlobal: ObjectSchema = {
  kind: 'object',
  attributes: {
    hostname: str({ default: 'FMG-VM64' }),
    'workspace-mode': symbolicEnum(WORKSPACE_MODES, 'disabled'),
    'adom-status': numericEnum(['disable', 'enable'], 'enable'),
    'adom-mode': symbolicEnum(['normal', 'advanced'], 'normal'),
    'lock-preempt': numericEnum(['disable', 'enable'], 'disable'),
    timezone: str({ default: '04' }),
    language: str({ default: 'english' }),
  },
};

export function systemEntries(): SchemaEntry[] {
  return [
    { template: '/dvmdb/adom', schema: adom },
    { template: '/dvmdb/adom/{adom}/device', schema: device },
    { template: '/dvmdb/device', schema: device, union: '/dvmdb/adom/{adom}/device' },
    { template: '/dvmdb/adom/{adom}/group', schema: group },
    { template: '/dvmdb/group', schema: group, union: '/dvmdb/adom/{adom}/group' },
    { template: '/cli/global/system/admin/user', schema: adminUser },
    { template: '/cli/global/system/global', schema: systemGlobal },
    {
      template: '/cli/global/system/dns',
      schema: { kind: 'object', attributes: { primary: str(), secondary: str() } },
    },
    {
      template: '/cli/global/system/interface',
      schema: { kind: 'table', mkey: 'name', attributes: { name: str(), ip: raw(), allowaccess: strList() } },
    },
  ];
}
