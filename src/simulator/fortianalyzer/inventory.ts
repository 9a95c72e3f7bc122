/**
 * The ADOMs and devices a fresh simulated FortiAnalyzer knows. Device names are host names with
 * dashes (`FGT-HQ-01`), so that a name sent where a serial number belongs is visibly wrong.
 */

export interface SimLoggingDevice {
  readonly name: string;
  readonly serial: string;
  readonly ip: string;
  readonly vdoms: readonly string[];
  readonly platform: string;
  readonly osVersion: string;
  /** Share of its ADOM's logs this device sends (the weights of an ADOM add up to anything). */
  readonly weight: number;
}

export interface SimAdom {
  readonly name: string;
  readonly oid: number;
  readonly description: string;
  /** Zone of the ADOM (naive times are read in it when the request names none); undefined: the system's. */
  readonly timeZone: string | undefined;
  /** Log volume relative to `root` (1 = the default rates). */
  readonly logScale: number;
  readonly devices: readonly SimLoggingDevice[];
}

export const DEFAULT_ADOMS: readonly SimAdom[] = [
  {
    name: 'root',
    oid: 3,
    description: 'Headquarters and branches',
    timeZone: undefined,
    logScale: 1,
    devices: [
      device('FGT-HQ-01', 'FGVM08TM24000101', '10.0.0.1', ['root', 'dmz'], 'FortiGate-VM64', 8),
      device('FGT-BR-01', 'FG100FTK24000201', '10.1.0.1', ['root'], 'FortiGate-100F', 3),
      device('FGT-BR-02', 'FG100FTK24000202', '10.2.0.1', ['root'], 'FortiGate-100F', 2),
      device('FGT-BR-03', 'FG60FTK224000203', '10.3.0.1', ['root'], 'FortiGate-60F', 1),
    ],
  },
  {
    name: 'dc_emea',
    oid: 160,
    description: 'EMEA data centre',
    timeZone: 'Europe/Paris',
    logScale: 0.1,
    devices: [
      device('fgt-emea-01', 'FG200FT924000301', '10.40.0.1', ['root'], 'FortiGate-200F', 2),
      device('fgt-emea-02', 'FG200FT924000302', '10.41.0.1', ['root'], 'FortiGate-200F', 1),
    ],
  },
];

function device(
  name: string,
  serial: string,
  ip: string,
  vdoms: string[],
  platform: string,
  weight: number,
): SimLoggingDevice {
  return { name, serial, ip, vdoms, platform, osVersion: '7.4.5', weight };
}

/** The managed-device row `/dvmdb/device` answers. */
export function deviceRow(adom: SimAdom, dev: SimLoggingDevice, oid: number): Record<string, unknown> {
  return {
    name: dev.name,
    sn: dev.serial,
    ip: dev.ip,
    oid,
    platform_str: dev.platform,
    os_type: 0,
    os_ver: 7,
    mr: 4,
    patch: 5,
    conn_status: 1,
    dev_status: 1,
    adom: adom.name,
    vdom: dev.vdoms.map((name, i) => ({ name, oid: oid * 10 + i, devid: dev.name })),
  };
}
