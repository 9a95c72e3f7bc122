/**
 * Read-only reference data FortiManager answers from its FortiGuard and platform databases, in the
 * recorded shapes (a few representative rows each):
 * - `/pm/config/adom/{adom}/_fdsdb/...`: Internet Service regions, countries, cities, services, their
 *   entries, and FortiGuard FQDN services (the result carries the database `version`);
 * - `/pm/config/adom/{adom}/_data/...`: device models (`ostype` narrows them), the model of a serial
 *   number prefix (`abbrev`), table sizes, attribute options;
 * - `/pm/config/adom/{adom}/_fsp/managed-switch/platforms[/{model}]`: FortiSwitch models;
 * - `/pm/config/adom/{adom}/obj/_system/replacemsg`: the default replacement message groups;
 * - `/pm/config/device/{device}/global/system/timezone`: the time zones a device accepts.
 */
import { FmgCode, fail } from '../status.js';
import { ParamAnswer } from './answer.js';
import type { Call } from './call.js';
import { requireAdom } from './call.js';
import type { RouteParams } from './routes.js';

type Row = Record<string, unknown>;

const FDSDB_VERSION = '7.3783';

const REGIONS: Row[] = [
  { id: 2, name: 'Aargau', subarea: '34,1495,2468' },
  { id: 3, name: 'Abidjan', subarea: '73' },
];
const COUNTRIES: Row[] = [
  { id: 4, name: 'Afghanistan', subarea: '826,65535' },
  { id: 248, name: 'Aland Islands', subarea: '65535' },
];
const CITIES: Row[] = [
  { id: 1, name: "'s Hertogenbosch", subarea: '' },
  { id: 7, name: "'s-Heer Hendrikskinderen", subarea: '' },
];
const SERVICES: Row[] = [
  service(65536, 'Google-Other', 2),
  service(65537, 'Google-Web', 1),
  service(327886, 'Amazon-AWS', 1),
];
const ENTRIES: Row[] = [
  {
    botnet: 0,
    category: 206,
    city: 65535,
    country: 702,
    domain: 0,
    ip_range: '4.145.74.224-4.145.74.255',
    owner: 5,
    popularity: 5,
    port: ['80', '443'],
    proto: 6,
    region: 65535,
    reputation: 5,
  },
];
const FQDN_SERVICES: Row[] = [
  { count: 17, fqdn: 'googledrive.com;mail.google.com;', icon_id: 510, id: 1, name: 'FQDN-Google-Gmail' },
  { count: 3, fqdn: '*.whatsapp.net;*.whatsapp.com;', icon_id: 512, id: 2, name: 'FQDN-Meta-Whatsapp' },
];
const MODELS: Row[] = [
  { ostype: 'FortiGate', platform_id: 0, platform_name: 'FortiGate-30D' },
  { ostype: 'FortiGate', platform_id: 19, platform_name: 'FortiGate-60F' },
  { ostype: 'FortiGate', platform_id: 8, platform_name: 'FortiGate-40F' },
  { ostype: 'FortiGate', platform_id: 65, platform_name: 'FortiGate-100F' },
  { ostype: 'FortiGate', platform_id: 166, platform_name: 'FortiGate-VM64' },
  { ostype: 'FortiGate', platform_id: 165, platform_name: 'FortiWiFi-60F' },
  { ostype: 'FortiADC', platform_id: 0, platform_name: 'FortiADC-100F' },
  { ostype: 'FortiADC', platform_id: 2, platform_name: 'FortiADC-200D' },
];
/** Serial number prefixes of the models above (the first characters of a serial number). */
const PREFIXES: ReadonlyArray<readonly [string, string]> = [
  ['FGT60F', 'FortiGate-60F'],
  ['FGT40F', 'FortiGate-40F'],
  ['FG100F', 'FortiGate-100F'],
  ['FGVM', 'FortiGate-VM64'],
  ['FWF60F', 'FortiWiFi-60F'],
  ['FAD2HD', 'FortiADC-200D'],
];
const TABLE_SIZES: Row[] = [
  { items: [{ name: 'firewall address', sz: { adom: 400000 } }], name: 'FortiGate', tag: 'FOS' },
  { items: [{ name: 'report', sz: { adom: 1000 } }], name: 'Sql-report', tag: 'LOG' },
];
const ATTRIBUTE_OPTIONS: Row[] = [
  { help: 'FortiWiFi local radio.', name: 'FWF', val: 30 },
  { help: '221C/221E.', name: '221C', val: 5 },
];
const SWITCHES: Row[] = [
  switchModel('FortiSwitch-124D', 'S124DN', 26),
  switchModel('FortiSwitch-108E', 'S108EN', 10),
];
const REPLACEMENT_GROUPS: Row[] = [
  {
    carrier: 0,
    groups: ['default', 'utm'],
    'msg-types': [
      { _disp_desc: 'admin_post_admin-disclaimer-text_desc', _disp_name: 'admin_post_admin-disclaimer-text' },
    ],
  },
];
const TIME_ZONES = [
  'Africa/Abidjan',
  'Africa/Accra',
  'America/New_York',
  'Europe/Paris',
  'Asia/Tokyo',
  'UTC',
];

function service(id: number, name: string, direction: number): Row {
  return {
    database: 0,
    direction,
    entry_count: 0,
    fosver: 15,
    'icon-id': 0,
    id,
    name,
    objver: '00007.00026',
    reputation: 0,
    'sld-id': 0,
  };
}

function switchModel(name: string, prefix: string, ports: number): Row {
  return {
    capability: '0x000000000000000000000015394dffd7',
    capability32: '0x394dffd7',
    'max-allowed-trunk-members': 8,
    name,
    'poe-detection-type': 3,
    poe_ports: [],
    ports: Array.from({ length: ports }, (_, i) => `port${i + 1}`),
    prefix,
  };
}

function readOnly(call: Call, params: RouteParams): void {
  if (call.method !== 'get') fail(FmgCode.invalidMethod);
  if (params.adom !== undefined) {
    requireAdom(call, params.adom);
    if (!call.state.topology.adom(params.adom)) fail(FmgCode.invalidUrl);
  }
}

export function fdsdb(call: Call, params: RouteParams): unknown {
  readOnly(call, params);
  const path = params.rest.join('/');
  const versioned = (rows: Row[]) => new ParamAnswer(rows, { version: FDSDB_VERSION });
  if (path === 'internet-service/region') return versioned(REGIONS);
  if (path === 'internet-service/country') return versioned(COUNTRIES);
  if (path === 'internet-service/city') return versioned(CITIES);
  if (path === 'internet-service') return versioned(SERVICES);
  if (path === 'firewall/internet-service-fortiguard') return versioned(FQDN_SERVICES);
  const [kind, id, sub] = params.rest;
  if (kind === 'internet-service' && sub === 'entry' && params.rest.length === 3) {
    return SERVICES.some((row) => String(row.id) === id) ? ENTRIES : fail(FmgCode.notFound);
  }
  return fail(FmgCode.invalidUrl);
}

export function platformData(call: Call, params: RouteParams): unknown {
  readOnly(call, params);
  const [first, second, third, fourth] = params.rest;
  if (first === 'dvm' && second === 'device' && third === 'model' && fourth === undefined) {
    const ostype = call.param.ostype;
    return MODELS.filter((row) =>
      typeof ostype === 'string' ? row.ostype === ostype : row.ostype === 'FortiGate',
    );
  }
  if (first === 'dvm' && second === 'device' && third === 'abbrev' && fourth !== undefined) {
    const model = PREFIXES.find(([prefix]) => fourth.toUpperCase().startsWith(prefix))?.[1];
    return MODELS.filter((row) => row.platform_name === model);
  }
  if (first === 'tablesize') {
    const wanted = params.rest.slice(2).join(' ');
    if (second === undefined) return TABLE_SIZES;
    return TABLE_SIZES.filter((row) => String(row.tag).toLowerCase() === second).map((row) => ({
      ...row,
      items: (row.items as Row[]).filter((item) => wanted === '' || item.name === wanted),
    }));
  }
  if (first === 'attropts') return ATTRIBUTE_OPTIONS;
  return fail(FmgCode.invalidUrl);
}

export function switchPlatforms(call: Call, params: RouteParams): unknown {
  readOnly(call, params);
  const [model] = params.rest;
  return model === undefined ? SWITCHES : SWITCHES.filter((row) => row.name === model);
}

export function replacementGroups(call: Call, params: RouteParams): unknown {
  readOnly(call, params);
  return REPLACEMENT_GROUPS;
}

export function timeZones(call: Call, params: RouteParams): unknown {
  if (call.method !== 'get') return fail(FmgCode.invalidMethod);
  if (!call.state.topology.device(params.device ?? '')) return fail(FmgCode.invalidUrl);
  return TIME_ZONES.map((name) => ({ name, 'obj description': '', oid: 0 }));
}
