/**
 * The legacy-dialect reads FortiAnalyzer shares with FortiManager: `/sys/status` and the device
 * manager database (`/dvmdb/adom`, `/dvmdb/device`, per ADOM), with `fields`, `range`, `option:
 * 'count'` and the array-form `filter` (`[field, op, value]` or a list of them, ANDed; `like` is
 * case-insensitive, `==` case-sensitive; `contain` and `!contain` are inert, as recorded).
 */
import { deviceRow, type SimAdom } from '../inventory.js';
import type { FazState } from '../state.js';
import { FazCode, fail } from '../status.js';

type Row = Record<string, unknown>;

export function systemStatus(state: FazState): Row {
  const profile = state.profile;
  return {
    'Admin Domain Configuration': 'Enabled',
    Build: String(profile.build),
    'Current Time': new Date(state.ctx.clock.now()).toUTCString(),
    'HA Mode': 'Stand Alone',
    Hostname: 'FAZ-VM64',
    Major: profile.major,
    Minor: profile.minor,
    Patch: profile.patch,
    'Platform Full Name': 'FortiAnalyzer-VM64',
    'Platform Type': 'FAZVM64',
    'Serial Number': 'FAZ-VMTM24000001',
    [profile.zoneKey]: state.systemZone,
    Version: profile.banner,
  };
}

export function adomRow(adom: SimAdom): Row {
  return {
    name: adom.name,
    oid: adom.oid,
    desc: adom.description,
    restricted_prds: 'fos',
    state: 1,
    mode: 1,
    os_ver: 7,
    mr: 4,
    timezone: adom.timeZone ?? '',
  };
}

export function adomDevices(adom: SimAdom): Row[] {
  return adom.devices.map((device, i) => deviceRow(adom, device, adom.oid * 100 + i + 1));
}

/** A table read with the legacy get options. */
export function readTable(rows: Row[], param: Readonly<Record<string, unknown>>): unknown {
  let out = param.filter === undefined ? rows : rows.filter(arrayFilter(param.filter));
  if (param.option === 'count' || (Array.isArray(param.option) && param.option.includes('count'))) {
    return { count: out.length };
  }
  if (Array.isArray(param.range)) {
    const [offset = 0, count = out.length] = param.range as number[];
    out = out.slice(offset, offset + count);
  }
  return out.map((row) => pickFields(row, param.fields));
}

/** One row, or -3 "Object does not exist". */
export function readRow(row: Row | undefined, param: Readonly<Record<string, unknown>>): unknown {
  return row ? pickFields(row, param.fields) : fail(FazCode.notFound);
}

function pickFields(row: Row, fields: unknown): Row {
  if (!Array.isArray(fields) || fields.length === 0) return row;
  const names = (Array.isArray(fields[0]) ? fields[0] : fields) as unknown[];
  const out: Row = {};
  for (const name of names) if (typeof name === 'string' && name in row) out[name] = row[name];
  if ('oid' in row) out.oid = row.oid;
  return out;
}

function arrayFilter(filter: unknown): (row: Row) => boolean {
  if (!Array.isArray(filter)) return fail(FazCode.invalidParams, 'Invalid params: filter');
  const conditions = Array.isArray(filter[0]) ? (filter as unknown[][]) : [filter];
  const tests = conditions.map(([field, op, ...values]) => condition(String(field), String(op), values));
  return (row) => tests.every((test) => test(row));
}

function condition(field: string, op: string, values: unknown[]): (row: Row) => boolean {
  const operand = values[0];
  switch (op) {
    case '==':
      return (row) => row[field] === operand || String(row[field]) === String(operand);
    case '!=':
      return (row) => String(row[field]) !== String(operand);
    case '<':
      return (row) => Number(row[field]) < Number(operand);
    case '>':
      return (row) => Number(row[field]) > Number(operand);
    case '<=':
      return (row) => Number(row[field]) <= Number(operand);
    case '>=':
      return (row) => Number(row[field]) >= Number(operand);
    case 'in': {
      const set = new Set((Array.isArray(operand) ? operand : values).map(String));
      return (row) => set.has(String(row[field]));
    }
    case 'like': {
      const source = String(operand)
        .split('')
        .map((ch) => (ch === '%' ? '.*' : ch === '_' ? '.' : ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
        .join('');
      const re = new RegExp(`^${source}$`, 'is');
      return (row) => re.test(String(row[field] ?? ''));
    }
    default:
      // `contain`, `!contain`, `not like` and unknown operators: accepted, match nothing.
      return () => false;
  }
}
