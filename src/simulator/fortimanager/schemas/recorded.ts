/**
 * Tables and objects that real FortiManagers answer (recorded in the public how-to book) but the
 * catalog lacks or describes otherwise: provisioning templates and their content, per-device tables
 * (zones, OSPF networks, certificates, FortiAPs, time zones), managed FortiSwitches and FortiExtenders,
 * onboarding rules, local external resources. Their attributes are the ones the recordings show;
 * the schemas are not strict, since the recordings show only part of each object.
 */
import type { AttrSchema, ObjectSchema, SchemaEntry } from '../schema.js';
import { dict, int, ipmask, raw, str, strList, subTable } from './attrs.js';

/** The devices a template or an object is assigned to; absent while it has none. */
const scopeMember = raw();

/** A provisioning template table (`/pm/devprof/adom/{adom}`, ...): named rows of one `type`. */
const templateTable = (type: string, extra: Record<string, AttrSchema> = {}): ObjectSchema => ({
  kind: 'table',
  mkey: 'name',
  attributes: { name: str(), type: str({ default: type }), 'scope member': scopeMember, ...extra },
});

const dynamicMapping = (body: Record<string, AttrSchema>): AttrSchema =>
  subTable({ _scope: raw(), ...body }, '_scope');

/** An action list of a template (`seq` numbered rows of settings, with per-device values). */
const actionList = subTable(
  {
    seq: int(),
    action: str(),
    model: raw(),
    value: raw(),
    'var-list': subTable({ name: str(), override: raw({ default: null }) }, 'name'),
    dynamic_mapping: dynamicMapping({ 'local-value': raw() }),
  },
  'seq',
);

const actionListTable: ObjectSchema = { kind: 'table', mkey: 'seq', attributes: actionList.sub };

const routerStaticTemplate: ObjectSchema = {
  kind: 'table',
  mkey: 'seq-num',
  attributes: {
    'seq-num': int(),
    dst: ipmask(),
    src: ipmask(),
    gateway: str({ default: '0.0.0.0' }),
    device: raw(),
  },
};

const namedTable = (attributes: Record<string, AttrSchema> = {}, mkey = 'name'): ObjectSchema => ({
  kind: 'table',
  mkey,
  attributes: { [mkey]: str(), ...attributes },
});

/**
 * Objects installed on chosen devices: each row lists its devices in `scope member`. FortiSwitches
 * are answered without oid, FortiExtenders with (recorded).
 */
const perDevice = (
  mkey: string,
  attributes: Record<string, AttrSchema> = {},
  rowOid = false,
): ObjectSchema => ({
  ...namedTable({ 'scope member': scopeMember, ...attributes }, mkey),
  ...(rowOid ? {} : { rowOid: false }),
});

export function recordedEntries(): SchemaEntry[] {
  const adom = '/pm/config/adom/{adom}';
  const device = '/pm/config/device/{device}';
  const vdom = `${device}/vdom/{vdom}`;
  return [
    {
      template: '/pm/devprof/adom/{adom}',
      schema: templateTable('devprof', {
        description: str({ default: '' }),
        'enabled options': raw({ default: [] }),
      }),
    },
    {
      template: '/pm/wanprof/adom/{adom}',
      schema: templateTable('wanprof', { description: str({ default: '' }) }),
    },
    { template: '/pm/fwmprof/adom/{adom}', schema: templateTable('fwmprof', { 'fwmprof setting': dict() }) },
    {
      template: '/pm/tmplgrp/adom/{adom}',
      schema: templateTable('tmplgrp', { 'template group setting': dict() }),
    },
    {
      template: '/pm/template/{stype}/adom/{adom}',
      schema: templateTable('template', { 'template setting': dict() }),
    },
    {
      template: '/pm/template/adom/{adom}',
      schema: templateTable('template', { 'template setting': dict() }),
      union: '/pm/template/{stype}/adom/{adom}',
    },
    { template: `${adom}/template/{stype}/{template}/action-list`, schema: actionListTable },
    { template: `${adom}/template/{stype}/{template}/router/static`, schema: routerStaticTemplate },
    {
      template: `${adom}/template/{stype}/{template}/router/static6`,
      schema: { kind: 'table', mkey: 'seq-num', attributes: { 'seq-num': int() } },
    },
    // A device's IPv6 static routes (cloned into a static route template, recorded).
    {
      template: `${vdom}/router/static6`,
      schema: { kind: 'table', mkey: 'seq-num', attributes: { 'seq-num': int() } },
    },
    { template: `${adom}/template/{stype}/{template}/vpn/ipsec/phase1-interface`, schema: namedTable() },
    {
      template: `${adom}/devprof/{devprof}/device/template/widget/{widget}`,
      schema: { kind: 'object', attributes: { name: str(), 'action-list': actionList } },
    },
    {
      template: `${adom}/devprof/{devprof}/device/profile/setting`,
      schema: { kind: 'object', attributes: {} },
    },
    { template: `${adom}/obj/fsp/managed-switch`, schema: perDevice('switch-id') },
    { template: `${adom}/obj/extension-controller/extender`, schema: perDevice('name', {}, true) },
    { template: `${device}/global/system/ha`, schema: { kind: 'object', attributes: {} } },
    { template: `${vdom}/system/zone`, schema: namedTable({ interface: strList({ default: [] }) }) },
    {
      template: `${vdom}/router/ospf`,
      schema: {
        kind: 'object',
        attributes: {
          network: subTable({ id: int(), prefix: ipmask(), area: str({ default: '0.0.0.0' }) }, 'id'),
        },
      },
    },
    { template: `${vdom}/vpn/certificate/local`, schema: namedTable({ password: str({ sensitive: true }) }) },
    {
      template: `${vdom}/wireless-controller/wtp`,
      schema: namedTable({ name: str({ default: null }) }, 'wtp-id'),
    },
    {
      template: '/dvmdb/autoreg_rule',
      schema: { kind: 'table', mkey: 'ruleid', attributes: { ruleid: int() } },
    },
  ];
}
