import { packageTableKey, topEntries } from './packages/paths.js';
import { isFolder, type PackageRef, packagesIn, trailOf } from './packages/tree.js';
import type { Database } from './store/database.js';
import type { Row } from './store/table.js';
import { joinPath } from './url.js';

/** Read-only questions about ADOMs, devices, groups and packages, answered from the committed data. */
export class Topology {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
  }

  adom(name: string): Row | undefined {
    return this.#table('/dvmdb/adom')?.get(name);
  }

  adomNames(): string[] {
    return [...(this.#table('/dvmdb/adom')?.rows() ?? [])].map((row) => String(row.name));
  }

  devicesOf(adom: string): Row[] {
    return [...(this.#table(deviceTableKey(adom))?.rows() ?? [])];
  }

  device(name: string): Row | undefined {
    for (const adom of this.adomNames()) {
      const row = this.#table(deviceTableKey(adom))?.get(name);
      if (row) return row;
    }
    return undefined;
  }

  deviceByOid(oid: number): Row | undefined {
    for (const adom of this.adomNames()) {
      for (const row of this.#table(deviceTableKey(adom))?.rows() ?? []) if (row.oid === oid) return row;
    }
    return undefined;
  }

  adomOfDevice(name: string): string | undefined {
    return this.adomNames().find((adom) => this.#table(deviceTableKey(adom))?.has(name));
  }

  hasVdom(device: string, vdom: string): boolean {
    const vdoms = this.device(device)?.vdom;
    return Array.isArray(vdoms) && vdoms.some((entry) => (entry as Row).name === vdom);
  }

  /** Every policy package of an ADOM, those inside folders too, with its path (`folder/.../name`). */
  packages(adom: string): PackageRef[] {
    return packagesIn(topEntries(this.#db.root, packageTableKey(adom)));
  }

  /** The policy package at a path (`pp`, `emea/france/pp`); a folder is no package. */
  package(adom: string, path: string): Row | undefined {
    const entry = trailOf(topEntries(this.#db.root, packageTableKey(adom)), path)?.at(-1);
    return entry && !isFolder(entry) ? entry : undefined;
  }

  hasPackage(adom: string, path: string): boolean {
    return this.package(adom, path) !== undefined;
  }

  /** Whether a provisioning template exists: `devprof`, `wanprof`, ... or a template type (`_ipsec`, ...). */
  hasTemplate(adom: string, kind: string, name: string): boolean {
    return this.#table(templateTableKey(adom, kind))?.has(name) ?? false;
  }

  /** Devices of a group: `All_FortiGate` is every FortiGate of the ADOM; others list `object member`. */
  groupMembers(adom: string, group: string): Row[] | undefined {
    const devices = this.devicesOf(adom);
    if (group === 'All_FortiGate') return devices.filter((row) => (row.os_type ?? 'fos') === 'fos');
    const row = this.#table(joinPath(['dvmdb', 'adom', adom, 'group']))?.get(group);
    if (!row) return undefined;
    const members = Array.isArray(row['object member']) ? (row['object member'] as Row[]) : [];
    const names = new Set(members.map((member) => String(member.name)));
    return devices.filter((device) => names.has(String(device.name)));
  }

  #table(key: string) {
    const container = this.#db.root.get(key);
    return container?.kind === 'table' ? container.table : undefined;
  }
}

/** Store key of the table of one kind of provisioning template in an ADOM. */
export function templateTableKey(adom: string, kind: string): string {
  return kind.startsWith('_')
    ? joinPath(['pm', 'template', kind, 'adom', adom])
    : joinPath(['pm', kind, 'adom', adom]);
}

export function deviceTableKey(adom: string): string {
  return joinPath(['dvmdb', 'adom', adom, 'device']);
}
