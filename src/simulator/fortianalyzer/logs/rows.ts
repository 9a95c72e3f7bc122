/**
 * Generated log rows, one generator per log type. Field names are the ones a FortiGate emits (the
 * FortiOS log reference, see `specs/fortianalyzer/logs.json`) plus FortiAnalyzer's own (`id`, `itime`,
 * `devname`, `euid`, ...). Numbers that FortiAnalyzer answers as numbers are numbers.
 */
import { zoneOffsetMinutes } from '../../../core/zoned-time.js';
import type { SimLoggingDevice } from '../inventory.js';
import { Draws } from './hash.js';
import {
  ADMINS,
  APPLICATIONS,
  DESTINATIONS,
  EVENT_TEMPLATES,
  SERVICES,
  SIGNATURES,
  TRAFFIC_ACTIONS,
  TUNNELS,
  USERS,
  WEB_CATEGORIES,
} from './values.js';

export type GeneratedRow = Record<string, string | number>;

/** A device and VDOM chosen for one log. */
export interface LogSource {
  readonly device: SimLoggingDevice;
  readonly vdom: string;
  readonly deviceIndex: number;
}

export interface RowInput {
  readonly index: number;
  /** The log's random key. */
  readonly key: number;
  readonly time: number;
  readonly itime: number;
  /** Zone of the `date`, `time` and `tz` fields (the ADOM's). */
  readonly zone: string;
  readonly source: LogSource;
  readonly typeIndex: number;
}

type Generator = (input: RowInput) => GeneratedRow;

export const ROW_GENERATORS = {
  traffic: trafficRow,
  event: eventRow,
  attack: attackRow,
  webfilter: webfilterRow,
  'app-ctrl': appCtrlRow,
} satisfies Record<string, Generator>;

function trafficRow(input: RowInput): GeneratedRow {
  const d = new Draws(input.key);
  const { device, vdom, deviceIndex } = input.source;
  const service = d.skewed(SERVICES);
  const destination = d.skewed(DESTINATIONS);
  const application = d.skewed(APPLICATIONS);
  const action = d.next(100) < 8 ? 'deny' : d.skewed(TRAFFIC_ACTIONS.slice(0, 3));
  const denied = action === 'deny';
  const sent = denied ? 0 : 40 + d.next(4000) * (1 + d.next(40));
  const rcvd = denied ? 0 : 60 + d.next(9000) * (1 + d.next(200));
  const user = d.next(4) === 0 ? d.pick(USERS) : undefined;
  const row: GeneratedRow = Object.assign(header(input, 'traffic', 'forward', 'notice', '0000000013'), {
    srcip: internalIp(deviceIndex, d),
    srcport: 1024 + d.next(64_000),
    srcintf: 'port1',
    srcintfrole: 'lan',
    dstip: destination.ip,
    dstport: service.port,
    dstintf: 'wan1',
    dstintfrole: 'wan',
    srccountry: 'Reserved',
    dstcountry: destination.country,
    sessionid: 1 + (input.key % 99_999_999),
    proto: service.proto,
    action,
    policyid: denied ? 0 : 1 + Math.min(d.next(12), d.next(12)),
    policytype: 'policy',
    service: service.service,
    trandisp: denied ? 'noop' : 'snat',
    app: application.app,
    appid: application.appid,
    appcat: application.appcat,
    apprisk: application.apprisk,
    duration: denied ? 0 : 1 + d.next(600),
    sentbyte: sent,
    rcvdbyte: rcvd,
    sentpkt: denied ? 0 : 1 + Math.floor(sent / 600),
    rcvdpkt: denied ? 0 : 1 + Math.floor(rcvd / 1200),
  });
  if (user) row.user = user;
  return trailer(row, device.serial, vdom, device.name, input);
}

function eventRow(input: RowInput): GeneratedRow {
  const d = new Draws(input.key);
  const { device, vdom } = input.source;
  const template = d.skewed(EVENT_TEMPLATES);
  const user = template.subtype === 'user' ? d.pick(USERS) : d.pick(ADMINS);
  const ip = `10.0.${d.next(4)}.${10 + d.next(40)}`;
  const tunnel = d.pick(TUNNELS);
  const row: GeneratedRow = Object.assign(
    header(input, 'event', template.subtype, template.level, template.logid),
    {
      logdesc: template.logdesc,
      action: template.action,
      msg: template.msg.replace('{user}', user).replace('{ip}', ip).replace('{tunnel}', tunnel),
    },
  );
  if (template.status) row.status = template.status;
  if (template.subtype === 'system') {
    row.user = user;
    row.ui = `https(${ip})`;
  }
  if (template.subtype === 'user') {
    row.user = user;
    row.srcip = ip;
  }
  if (template.subtype === 'vpn') {
    row.vpntunnel = tunnel;
    row.remip = DESTINATIONS[d.next(20)]!.ip;
  }
  return trailer(row, device.serial, vdom, device.name, input);
}

function attackRow(input: RowInput): GeneratedRow {
  const d = new Draws(input.key);
  const { device, vdom, deviceIndex } = input.source;
  const signature = d.skewed(SIGNATURES);
  const source = d.skewed(DESTINATIONS);
  const row: GeneratedRow = Object.assign(header(input, 'utm', 'ips', 'alert', '0419016384'), {
    eventtype: 'signature',
    severity: signature.severity,
    srcip: source.ip,
    srccountry: source.country,
    dstip: internalIp(deviceIndex, d),
    dstcountry: 'Reserved',
    srcport: 1024 + d.next(64_000),
    dstport: d.pick([80, 443, 445, 22]),
    proto: 6,
    sessionid: 1 + (input.key % 99_999_999),
    policyid: 1 + d.next(4),
    action: signature.severity === 'low' ? 'detected' : 'dropped',
    attack: signature.attack,
    attackid: signature.attackid,
    profile: 'default',
    ref: `http://www.fortinet.com/ids/VID${signature.attackid}`,
    crscore: severityScore(signature.severity),
    crlevel: signature.severity,
    msg: `${signature.severity === 'low' ? 'misc' : 'web_app'}: ${signature.attack}`,
  });
  return trailer(row, device.serial, vdom, device.name, input);
}

function webfilterRow(input: RowInput): GeneratedRow {
  const d = new Draws(input.key);
  const { device, vdom, deviceIndex } = input.source;
  const category = d.skewed(WEB_CATEGORIES);
  const hostname = d.pick(category.hosts);
  const destination = d.skewed(DESTINATIONS);
  const row: GeneratedRow = Object.assign(
    header(input, 'utm', 'webfilter', category.blocked ? 'warning' : 'notice', '0316013056'),
    {
      eventtype: 'ftgd_allow',
      srcip: internalIp(deviceIndex, d),
      dstip: destination.ip,
      dstcountry: destination.country,
      dstport: 443,
      proto: 6,
      service: 'HTTPS',
      policyid: 1 + d.next(6),
      sessionid: 1 + (input.key % 99_999_999),
      hostname,
      url: `https://${hostname}/`,
      profile: 'default',
      action: category.blocked ? 'blocked' : 'passthrough',
      cat: category.catid,
      catdesc: category.catdesc,
      sentbyte: 200 + d.next(3000),
      rcvdbyte: category.blocked ? 0 : 500 + d.next(90_000),
      msg: category.blocked
        ? 'URL belongs to a denied category in policy'
        : 'URL belongs to an allowed category in policy',
    },
  );
  if (category.blocked) row.eventtype = 'ftgd_blk';
  if (d.next(3) === 0) row.user = d.pick(USERS);
  return trailer(row, device.serial, vdom, device.name, input);
}

function appCtrlRow(input: RowInput): GeneratedRow {
  const d = new Draws(input.key);
  const { device, vdom, deviceIndex } = input.source;
  const application = d.skewed(APPLICATIONS);
  const destination = d.skewed(DESTINATIONS);
  const blocked = application.apprisk === 'critical';
  const row: GeneratedRow = Object.assign(
    header(input, 'utm', 'app-ctrl', blocked ? 'warning' : 'information', '1059028704'),
    {
      eventtype: 'signature',
      srcip: internalIp(deviceIndex, d),
      dstip: destination.ip,
      dstcountry: destination.country,
      dstport: 443,
      proto: 6,
      service: 'HTTPS',
      policyid: 1 + d.next(6),
      sessionid: 1 + (input.key % 99_999_999),
      app: application.app,
      appid: application.appid,
      appcat: application.appcat,
      apprisk: application.apprisk,
      action: blocked ? 'block' : 'pass',
      profile: 'default',
      msg: `${application.appcat}: ${application.app}`,
    },
  );
  return trailer(row, device.serial, vdom, device.name, input);
}

function header(input: RowInput, type: string, subtype: string, level: string, logid: string): GeneratedRow {
  const local = localTime(input.time, input.zone);
  return {
    date: local.date,
    time: local.time,
    tz: local.tz,
    id: logId(input),
    itime: input.itime,
    euid: 3,
    epid: 101,
    dsteuid: 3,
    dstepid: 101,
    logver: 704052523,
    type,
    subtype,
    level,
    logid,
  };
}

function trailer(
  row: GeneratedRow,
  serial: string,
  vdom: string,
  name: string,
  input: RowInput,
): GeneratedRow {
  row.devid = serial;
  row.vd = vdom;
  row.devname = name;
  row.eventtime = `${input.time}${String(input.key % 1_000_000_000).padStart(9, '0')}`;
  return row;
}

/** FortiAnalyzer's 64-bit log id: the receive second in the high bits, a sequence in the low ones. */
function logId(input: RowInput): string {
  const low = ((input.typeIndex << 27) | (input.index & 0x7ffffff)) >>> 0;
  return ((BigInt(input.time) << 32n) | BigInt(low)).toString();
}

function internalIp(site: number, d: Draws): string {
  return `10.${site}.${Math.min(d.next(16), d.next(16))}.${1 + Math.min(d.next(254), d.next(254))}`;
}

function severityScore(severity: string): number {
  return { critical: 50, high: 30, medium: 10, low: 5, info: 1 }[severity] ?? 1;
}

interface LocalTime {
  readonly date: string;
  readonly time: string;
  /** `+0100` style. */
  readonly tz: string;
}

const offsets = new Map<string, number>();

/** Date, time and offset of `sec` in `zone`; offsets are looked up once per zone and hour. */
function localTime(sec: number, zone: string): LocalTime {
  const hourKey = `${zone}|${Math.floor(sec / 3600)}`;
  let offset = offsets.get(hourKey);
  if (offset === undefined) {
    offset = zoneOffsetMinutes(zone, sec * 1000) ?? 0;
    if (offsets.size >= 100_000) offsets.clear();
    offsets.set(hourKey, offset);
  }
  const iso = new Date((sec + offset * 60) * 1000).toISOString();
  const abs = Math.abs(offset);
  const tz = `${offset < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
  return { date: iso.slice(0, 10), time: iso.slice(11, 19), tz };
}
