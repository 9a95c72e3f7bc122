/**
 * The columns FortiManager computes for a `get` (see options.ts): creation and modification details,
 * usage flags, assignments, meta fields, expanded members and data sources. Applied to each answered
 * row after it is rendered; `Annotator` reads the rest of the database for them.
 */
import type { ResolvedUrl } from '../schema.js';
import type { FmgState } from '../state.js';
import type { Row } from '../store/table.js';
import { joinPath, keySegments } from '../url.js';
import type { GetOptions } from './options.js';

type Out = Record<string, unknown>;

/** What a row is, for the columns computed for it. */
export type RowKind = 'device' | 'vdom' | 'ha' | 'adom' | 'group' | 'object';

/** What a group's expanded device member answers of its VDOM besides what the VDOM stores (recorded). */
const EXPANDED_VDOM = {
  comments: '',
  ext_flags: 1,
  flags: 0,
  node_flags: 4,
  opmode: 1,
  rtm_prof_id: 0,
  status: null,
  tab_status: null,
  vdom_type: 1,
  vpn_id: 0,
} as const;

/** The meta fields every device has (the ADOM can define more). */
const DEVICE_META_FIELDS = ['Address', 'Company/Organization', 'Contact Email', 'Contact Phone Number'];
/** Provisioning templates a device can be assigned to, by the `type` they answer in assignments. */
const TEMPLATE_TABLES = ['devprof', 'wanprof', 'fwmprof', 'tmplgrp'] as const;
/** The `option`s that add columns to a row (the others count, check or select rows, or drop sub-tables). */
const ANNOTATING_OPTIONS = ['extra info', 'assignment info', 'get meta', 'get used', 'scope member'];

export class Annotator {
  readonly #state: FmgState;
  readonly #resolved: ResolvedUrl;
  readonly #options: GetOptions;
  /** Whether `annotate` can change a row; when not, a row answers its rendering as it is. */
  readonly annotates: boolean;
  #rowKind: RowKind | undefined;
  #used: ReadonlySet<string> | undefined;

  constructor(state: FmgState, resolved: ResolvedUrl, options: GetOptions) {
    this.#state = state;
    this.#resolved = resolved;
    this.#options = options;
    this.annotates =
      options.expandMember.length > 0 ||
      options.expandDatasrc.length > 0 ||
      ANNOTATING_OPTIONS.some((option) => options.options.has(option));
  }

  get #kind(): RowKind {
    this.#rowKind ??= kindOf(this.#resolved);
    return this.#rowKind;
  }

  /** Whether a row is referenced by another object or policy of its ADOM (`object used`, `get used`). */
  used(row: Row): boolean {
    this.#used ??= referencedNames(this.#state, this.#resolved);
    const key = row[this.#resolved.node.mkey ?? 'name'];
    return typeof key === 'string' && this.#used.has(key);
  }

  /** Adds the computed columns the options ask for to an answered row. */
  annotate(row: Row, out: Out, item: boolean): Out {
    const { options } = this.#options;
    const kind = this.#kind;
    const device = kind === 'vdom' || kind === 'ha' ? this.#deviceOfUrl() : undefined;
    if (options.has('extra info')) this.#extraInfo(row, out, kind, device);
    if (options.has('assignment info') && (kind === 'device' || kind === 'vdom'))
      out['assignment info'] = this.#assignments(row, kind, device);
    if (options.has('get meta') && (kind === 'device' || kind === 'vdom'))
      out['meta fields'] = this.#meta(row, kind, item);
    if (options.has('get used') && this.used(row)) out['obj flags'] = 1;
    if (options.has('scope member')) {
      out['obj flags'] = 16;
      out['scope member'] = row['scope member'] ?? [];
    }
    if (
      kind === 'device' &&
      out.vdom &&
      Array.isArray(out.vdom) &&
      (options.has('extra info') || options.has('assignment info'))
    ) {
      out.vdom = (out.vdom as Out[]).map((vdom, i) => {
        const raw = (Array.isArray(row.vdom) ? (row.vdom as Row[]) : [])[i] ?? {};
        const annotated = { ...vdom };
        if (options.has('extra info')) this.#extraInfo(raw, annotated, 'vdom', row);
        if (options.has('assignment info'))
          annotated['assignment info'] = this.#assignments(raw, 'vdom', row);
        return annotated;
      });
    }
    if (kind === 'device' && Array.isArray(out.ha_slave) && options.has('extra info'))
      out.ha_slave = (out.ha_slave as Out[]).map((member) => ({ ...member, 'obj ver': -1 }));
    for (const expansion of this.#options.expandMember) this.#expandMember(row, out, expansion);
    for (const { attr, sources } of this.#options.expandDatasrc) {
      if (Array.isArray(out[attr]))
        out[attr] = (out[attr] as unknown[]).map((name) => this.#datasrc(name, sources));
    }
    return out;
  }

  /** The device a VDOM or HA member url names (`/dvmdb/device/{device}/vdom/...`). */
  #deviceOfUrl(): Row | undefined {
    const [first] = this.#resolved.steps;
    return first?.kind === 'row' ? { name: first.key } : undefined;
  }

  #extraInfo(row: Row, out: Out, kind: RowKind, device?: Row): void {
    if (kind === 'device' || kind === 'vdom' || kind === 'ha') {
      out['extra info'] = { adom: this.#adomOfDevice(device ?? row) };
      out['obj ver'] = -1;
      return;
    }
    const now = Math.floor(this.#state.ctx.clock.now() / 1000);
    out['_created timestamp'] = now;
    out['_last-modified-by'] = 'admin';
    out['_modified timestamp'] = now;
    out['obj ver'] = 1;
  }

  /** What is assigned to a device (its templates) or to a VDOM (its policy package). */
  #assignments(row: Row, kind: RowKind, device?: Row): Out[] {
    const name = String((device ?? row).name);
    const adom = this.#adomOfDevice(device ?? row);
    if (adom === undefined) return [];
    const assigned = (
      candidates: readonly { name: unknown; row: Row }[],
      type: string,
      vdom?: string,
    ): Out[] =>
      candidates
        .filter((candidate) =>
          members(candidate.row).some(
            (m) => m.name === name && (vdom === undefined || (m.vdom ?? 'root') === vdom),
          ),
        )
        .map((candidate) => ({ name: candidate.name, status: 'installed', type }));
    if (kind === 'vdom') {
      const packages = this.#state.topology.packages(adom).map(({ path, row }) => ({ name: path, row }));
      return assigned(packages, 'policy', String(row.name));
    }
    return TEMPLATE_TABLES.flatMap((kind) =>
      assigned(
        rowsOf(this.#state, joinPath(['pm', kind, 'adom', adom])).map((template) => ({
          name: template.name,
          row: template,
        })),
        kind,
      ),
    );
  }

  /**
   * A device's meta fields: the four every device has and those it sets; `meta fields` in the request
   * narrows a table's rows to the listed ones (one device keeps the four).
   */
  #meta(row: Row, kind: RowKind, item: boolean): Out {
    const stored = (row['meta fields'] ?? {}) as Out;
    const wanted = this.#options.metaFields;
    const base: Out = {};
    if (kind === 'device' && (wanted === undefined || item))
      for (const name of DEVICE_META_FIELDS) base[name] = '';
    const all = { ...base, ...stored };
    if (wanted === undefined) return all;
    const out: Out = item ? base : {};
    for (const name of wanted) out[name] = stored[name] ?? '';
    return out;
  }

  #expandMember(row: Row, out: Out, expansion: GetOptions['expandMember'][number]): void {
    const { topology } = this.#state;
    const fields = (entry: Row) => pick(entry, expansion.fields);
    const expanded = (out['expand member'] ?? {}) as Out;
    if (this.#kind === 'adom' && expansion.url === 'device') {
      expanded.device = topology.devicesOf(String(row.name)).map(fields);
    } else if (this.#kind === 'group') {
      const adom = this.#resolved.params.adom ?? 'root';
      const entries = Array.isArray(row['object member']) ? (row['object member'] as Row[]) : [];
      if (expansion.url === 'device') {
        const devices = entries.flatMap((member) => {
          const device = topology.devicesOf(adom).find((candidate) => candidate.name === member.name);
          if (!device) return [];
          const vdoms = Array.isArray(device.vdom) ? (device.vdom as Row[]) : [];
          const vdom = vdoms.find((candidate) => candidate.name === (member.vdom ?? 'root'));
          return [{ ...fields(device), vdom: vdom ? { ...EXPANDED_VDOM, ...vdom } : null }];
        });
        // FortiManager leaves out a kind the group has no member of.
        if (devices.length > 0) expanded.device = devices;
      } else if (expansion.url === 'group') {
        const groups = entries.flatMap((member) => {
          const group = rowsOf(this.#state, joinPath(['dvmdb', 'adom', adom, 'group'])).find(
            (g) => g.name === member.name,
          );
          return group ? [fields(group)] : [];
        });
        if (groups.length > 0) expanded.group = groups;
      }
    }
    out['expand member'] = expanded;
  }

  /** A member name as the object it names, from the first data source that has it. */
  #datasrc(name: unknown, sources: GetOptions['expandDatasrc'][number]['sources']): unknown {
    const adom = this.#resolved.params.adom;
    for (const source of sources) {
      const base =
        adom === undefined ? ['pm', 'config', 'global', 'obj'] : ['pm', 'config', 'adom', adom, 'obj'];
      const table = joinPath([...base, ...source.objType.split(' ')]);
      const found = rowsOf(this.#state, table).find((row) => row.name === name);
      if (found) {
        // The objects a member expands to are answered without their oid (recorded).
        const { oid: _oid, ...picked } = pick(found, source.fields);
        return { ...picked, 'obj type': source.objType };
      }
    }
    return name;
  }

  #adomOfDevice(device: Row): string | undefined {
    return this.#resolved.params.adom ?? this.#state.topology.adomOfDevice(String(device.name));
  }
}

/** `fields` of a row (all when undefined), with its oid; values as stored. */
function pick(row: Row, fields: readonly string[] | undefined): Out {
  const out: Out = {};
  for (const name of fields ?? Object.keys(row))
    if (row[name] !== undefined && name !== 'oid') out[name] = row[name];
  if (row.oid !== undefined) out.oid = row.oid;
  return out;
}

function kindOf(resolved: ResolvedUrl): RowKind {
  const segments = keySegments(resolved.containerKey);
  const steps = resolved.steps
    .filter((step) => step.kind === 'sub')
    .map((step) => (step.kind === 'sub' ? step.attr : ''));
  if (segments[0] === 'dvmdb') {
    if (segments.at(-1) === 'device')
      return steps[0] === 'vdom' ? 'vdom' : steps[0] === 'ha_slave' ? 'ha' : 'device';
    if (segments.at(-1) === 'group') return 'group';
    if (segments.length === 2 && segments[1] === 'adom') return 'adom';
  }
  return 'object';
}

function rowsOf(state: FmgState, key: string): Row[] {
  const container = state.db.root.get(key);
  return container?.kind === 'table' ? [...container.table.rows()] : [];
}

function members(row: Row): Row[] {
  return (Array.isArray(row['scope member']) ? row['scope member'] : []).filter(
    (member): member is Row => typeof member === 'object' && member !== null,
  );
}

/** Every name that an object or policy of the url's ADOM references (in its list attributes). */
function referencedNames(state: FmgState, resolved: ResolvedUrl): ReadonlySet<string> {
  const adom = resolved.params.adom;
  const prefix = adom === undefined ? '/pm/config/global/' : `${joinPath(['pm', 'config', 'adom', adom])}/`;
  const names = new Set<string>();
  for (const key of state.db.root.keys()) {
    if (!key.startsWith(prefix)) continue;
    const container = state.db.root.get(key);
    if (container?.kind !== 'table') continue;
    for (const row of container.table.rows()) {
      for (const [attr, value] of Object.entries(row)) {
        if (attr === 'name' || !Array.isArray(value)) continue;
        for (const item of value) if (typeof item === 'string') names.add(item);
      }
    }
  }
  return names;
}
