/**
 * The managed FortiGates behind `sys/proxy/json`: each answers FortiOS REST calls (`/api/v2/cmdb/...`,
 * `/api/v2/monitor/...`) in the FortiOS reply shape, unless it is unreachable.
 */
import type { Row } from './store/table.js';
import { maskToPrefix } from './values.js';

export interface FortiGateInfo {
  readonly name: string;
  readonly serial: string;
  readonly version: string;
  readonly build: number;
  /** Interfaces from the device database, for `monitor/system/available-interfaces`. */
  readonly interfaces: readonly Row[];
  /** Policy ids from the device database, for `monitor/firewall/policy`. */
  readonly policyIds: readonly number[];
}

export interface ProxyCall {
  readonly action: string;
  readonly resource: string;
  readonly payload: unknown;
}

/** One FortiGate's own configuration store (what its REST API shows), keyed by `path/name` and mkey. */
export class FortiGates {
  readonly #cmdb = new Map<string, Map<string, Row>>();
  readonly #revisions = new Map<string, number>();
  readonly #unreachable = new Set<string>();

  setReachable(device: string, reachable: boolean): void {
    if (reachable) this.#unreachable.delete(device);
    else this.#unreachable.add(device);
  }

  isReachable(device: string): boolean {
    return !this.#unreachable.has(device);
  }

  /** The FortiOS REST answer of one device, or undefined when it cannot be reached. */
  call(gate: FortiGateInfo, call: ProxyCall): Record<string, unknown> | undefined {
    if (!this.isReachable(gate.name)) return undefined;
    const url = new URL(call.resource, 'https://fortigate.invalid');
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent); // api v2 kind path name [mkey]
    const [, , kind, path = '', name = '', ...rest] = parts;
    const vdom = url.searchParams.get('vdom') ?? 'root';
    const method = call.action.toUpperCase();
    const base = {
      build: gate.build,
      http_method: method,
      name,
      path,
      serial: gate.serial,
      vdom,
      version: gate.version,
    };
    if (kind === 'monitor') {
      // The interfaces list carries the configuration revision it was read from (recorded).
      const endpoint = `${path}/${name}`;
      const revision =
        endpoint === 'system/available-interfaces'
          ? { revision: this.#revision(`${gate.name}|monitor`, false) }
          : {};
      return {
        // FortiOS 7 answers an empty action for monitor calls without one, 6.4 none (recorded).
        ...(rest[0] !== undefined
          ? { action: rest[0] }
          : /^v[0-6]\./.test(gate.version)
            ? {}
            : { action: '' }),
        ...base,
        results: monitor(gate, rest[0] === undefined ? endpoint : `${endpoint}/${rest[0]}`, call.payload),
        ...revision,
        status: 'success',
      };
    }
    if (kind !== 'cmdb') return { ...base, http_status: 404, status: 'error' };
    return {
      ...base,
      ...this.#cmdbCall(gate.name, `${vdom}/${path}/${name}`, method, rest[0], call.payload),
    };
  }

  #cmdbCall(device: string, table: string, method: string, mkey: string | undefined, payload: unknown) {
    const key = `${device}|${table}`;
    let rows = this.#cmdb.get(key);
    if (!rows) {
      rows = new Map();
      this.#cmdb.set(key, rows);
    }
    const body = typeof payload === 'object' && payload !== null ? (payload as Row) : {};
    if (method === 'GET') {
      const results = mkey === undefined ? [...rows.values()] : [rows.get(mkey)].filter(Boolean);
      if (mkey !== undefined && results.length === 0) return { http_status: 404, status: 'error' };
      return { http_status: 200, results, revision: this.#revision(key, false), status: 'success' };
    }
    const target = mkey ?? (body.name === undefined ? undefined : String(body.name));
    if (target === undefined) return { http_status: 400, status: 'error', error: -651 };
    const exists = rows.has(target);
    if (method === 'POST' && exists) return { http_status: 500, status: 'error', error: -5, mkey: target };
    if ((method === 'PUT' || method === 'DELETE') && !exists)
      return { http_status: 404, status: 'error', mkey: target };
    const oldRevision = this.#revision(key, false);
    if (method === 'DELETE') rows.delete(target);
    else rows.set(target, { ...(rows.get(target) ?? {}), ...body, name: target });
    return {
      http_status: 200,
      mkey: target,
      old_revision: oldRevision,
      revision: this.#revision(key, true),
      revision_changed: true,
      status: 'success',
    };
  }

  #revision(key: string, bump: boolean): string {
    const value = (this.#revisions.get(key) ?? 0) + (bump ? 1 : 0);
    this.#revisions.set(key, value);
    return value.toString(16).padStart(32, '0');
  }
}

function monitor(gate: FortiGateInfo, endpoint: string, payload: unknown): unknown {
  switch (endpoint) {
    case 'system/external-resource/entry-list':
      return {
        conn_attempt_time: 0,
        entries: [],
        http_status_code: 200,
        invalid_count: 0,
        last_content_update_time: 0,
        overflow: false,
        resource_file_status: 'downloaded',
        status: 'success',
        valid_count: 0,
      };
    case 'system/config-script/execute': {
      // The CLI lines echoed on the console, each after the device's prompt.
      const lines = Array.isArray(payload) ? payload.map(String) : [];
      return { console: lines.map((line) => `${gate.name} # ${line}`) };
    }
    case 'firewall/policy':
      return [0, ...gate.policyIds].map((policyid) => ({
        active_sessions: 0,
        asic_bytes: 0,
        asic_packets: 0,
        bytes: 0,
        packets: 0,
        policyid,
        software_bytes: 0,
        software_packets: 0,
      }));
    case 'system/available-interfaces':
      return [{ name: 'any' }, ...gate.interfaces.map(availableInterface)];
    case 'system/status':
      return { hostname: gate.name, model: 'FGVM64', model_name: 'FortiGate', serial: gate.serial };
    default:
      return [];
  }
}

function availableInterface(row: Row): Record<string, unknown> {
  const ip = Array.isArray(row.ip) ? (row.ip as string[]) : undefined;
  if (!ip || ip[0] === '0.0.0.0') return { name: row.name };
  return {
    ipv4_addresses: [{ cidr_netmask: maskToPrefix(ip[1]!), ip: ip[0], netmask: ip[1] }],
    name: row.name,
  };
}
