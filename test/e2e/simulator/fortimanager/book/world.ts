/**
 * The state a recorded exchange needs before it is replayed, inferred from the request and its
 * recorded reply: the ADOMs, devices (with their VDOMs), device groups, policy packages and
 * provisioning templates it names, the rows its URL walks through, the rows a `get` answered with
 * (which also match its equality filters), and the members a delete removes. Names the request itself
 * creates are left out. Everything is created through JSON-RPC as `admin`, except devices, which the
 * simulator's control API adds (a real FortiManager learns them from the FortiGates).
 */
import type { FmgFacts } from '../../../../../src/fortimanager/catalog/facts.js';
import type { FmgHarness, Json } from '../helpers.js';

/** One setup call (see the fixture README). */
export interface SetupCall {
  readonly method: string;
  readonly url: string;
  readonly data?: unknown;
  readonly [option: string]: unknown;
}

const DEFAULT_ADOMS = new Set(['root', 'dc_emea', 'dc_amer', 'FortiAnalyzer', 'FortiMail', 'FortiWeb']);
const NOT_ADOMS = new Set(['global', '', 'All_FortiGate']);
/** Attributes FortiManager computes (never written back when the recorded rows are seeded). */
const COMPUTED = new Set([
  'oid',
  'obj flags',
  'obj ver',
  'obj seq',
  '_created timestamp',
  '_modified timestamp',
  '_last-modified-by',
  'extra info',
  'assignment info',
  'duplicate entries',
  'expand member',
  'dirty',
  'devid',
  'did',
  'hitc-taskid',
  'hitc-timestamp',
  '...',
]);
/** Device attributes the device record holds (the rest of a recorded device row is computed). */
const DEVICE_KEYS = [
  'flags',
  'mgmt_mode',
  'location_from',
  'os_type',
  'sn',
  'desc',
  'adm_usr',
  'meta fields',
];
const TEMPLATE_KINDS = new Set(['devprof', 'wanprof', 'fwmprof', 'tmplgrp']);

interface DeviceSpec {
  adom: string;
  vdoms: Set<string>;
  attributes: Json;
}

interface Topology {
  adoms: string[];
  devices: Map<string, DeviceSpec>;
  groups: Array<{ adom: string; name: string }>;
  packages: Array<{ adom: string; name: string }>;
  /** Provisioning templates: `/pm/devprof/adom/{adom}` rows, ... */
  templates: Array<{ url: string; name: string; type: string }>;
}

export class WorldBuilder {
  readonly #facts: FmgFacts;
  readonly #known: Set<string>;
  /** What a package holds in urls (`firewall`, `central`, ...): where its path ends. */
  #packageAreas: ReadonlySet<string> | undefined;

  constructor(facts: FmgFacts, existingDevices: readonly string[]) {
    this.#facts = facts;
    this.#known = new Set(existingDevices);
  }

  /** Builds the state for `request`, answered with `response`; returns what could not be set up. */
  async build(h: FmgHarness, session: string, request: Json, response: Json): Promise<string[]> {
    const problems: string[] = [];
    const method = String(request.method ?? '');
    const params = (Array.isArray(request.params) ? request.params : []) as Json[];
    const results = (Array.isArray(response.result) ? response.result : []) as Json[];
    const topology = this.#topology(method, params, results);
    const run = (step: SetupCall) => call(h, session, problems, step);
    for (const adom of topology.adoms) await run({ method: 'add', url: '/dvmdb/adom', data: { name: adom } });
    for (const [name, { adom, vdoms, attributes }] of topology.devices) {
      if (this.#known.has(name)) continue;
      h.sim.fortimanager.addDevice({
        name,
        adom,
        vdoms: ['root', ...[...vdoms].filter((v) => v !== 'root')],
        attributes,
      });
      this.#known.add(name);
    }
    for (const { adom, name } of topology.groups)
      await run({ method: 'add', url: `/dvmdb/adom/${adom}/group`, data: { name } });
    // A package inside folders (`emea/france/pp`) is created with its folders.
    for (const { adom, name } of topology.packages)
      await run({ method: 'add', url: `/pm/pkg/adom/${adom}`, data: packageEntry(name.split('/')) });
    for (const { url, name, type } of topology.templates)
      await run({ method: 'add', url, data: { name, type } });
    for (const [index, param] of params.entries()) {
      const url = typeof param.url === 'string' ? param.url : '';
      for (const step of this.#rowSteps(method, url, param, results[index])) await run(step);
    }
    return problems;
  }

  #topology(method: string, params: readonly Json[], results: readonly Json[]): Topology {
    const adoms = new Set<string>();
    const devices = new Map<string, DeviceSpec>();
    const groups = new Map<string, { adom: string; name: string }>();
    const packages = new Map<string, { adom: string; name: string }>();
    const templates = new Map<string, { url: string; name: string; type: string }>();
    const created = new Set<string>();
    const adomOf = (name: unknown) => {
      if (typeof name === 'string' && !NOT_ADOMS.has(name) && !/^\d+$/.test(name)) adoms.add(name);
    };
    const device = (name: unknown, adom: string, vdom?: unknown, attributes: Json = {}) => {
      if (typeof name !== 'string' || name === '') return;
      const entry = devices.get(name) ?? { adom, vdoms: new Set<string>(), attributes: {} };
      if (typeof vdom === 'string' && vdom !== 'global' && vdom !== '') entry.vdoms.add(vdom);
      Object.assign(entry.attributes, attributes);
      devices.set(name, entry);
    };
    const group = (name: unknown, adom: string) => {
      if (typeof name !== 'string' || name === 'All_FortiGate') return;
      groups.set(`${adom}/${name}`, { adom, name });
    };
    for (const [index, param] of params.entries()) {
      const url = typeof param.url === 'string' ? param.url : '';
      const data = (Array.isArray(param.data) ? param.data[0] : param.data) as Json | undefined;
      const items = (Array.isArray(param.data) ? param.data : [param.data]).filter(isObject) as Json[];
      const segments = splitUrl(url);
      // A clone's destination (`new url`) names the ADOM and template the rows go to.
      const destination = typeof data?.['new url'] === 'string' ? splitUrl(data['new url']) : undefined;
      const adom =
        urlAdom(segments) ??
        (destination && urlAdom(destination)) ??
        (typeof data?.adom === 'string' && data.adom !== '' ? data.adom : 'root');
      adomOf(adom);
      if (destination)
        this.#urlTopology(
          destination,
          adom,
          device,
          group,
          (pkg) => packages.set(`${adom}/${pkg}`, { adom, name: pkg }),
          (t) => templates.set(t.url + t.name, t),
        );
      // What the request itself creates is not created first.
      if (
        method === 'exec' &&
        /dvm\/cmd\/add\/device$/.test(url) &&
        (data?.device as Json)?.['device action'] !== 'promote_unreg'
      )
        created.add(String((data?.device as Json)?.name));
      if (method === 'exec' && /dvm\/cmd\/add\/dev-list$/.test(url))
        for (const unit of (data?.['add-dev-list'] as Json[]) ?? []) created.add(String(unit.name));
      if (method === 'add' && /dvmdb\/adom\/[^/]+\/group$/.test(url))
        for (const item of items) created.add(`group:${String(item.name)}`);
      if (
        (method === 'add' || method === 'set') &&
        /^\/?pm\/(devprof|wanprof|fwmprof|tmplgrp|template\/[^/]+)\/adom\/[^/]+$/.test(url)
      )
        for (const item of items) created.add(`template:${String(item.name)}`);
      this.#urlTopology(
        segments,
        adom,
        device,
        group,
        (pkg) => packages.set(`${adom}/${pkg}`, { adom, name: pkg }),
        (t) => templates.set(t.url + t.name, t),
      );
      for (const item of items) this.#dataTopology(method, url, item, adom, device, group, adomOf);
      // An inline device blueprint names the device groups and the package a device goes to.
      for (const unit of [data?.device, ...asList(data?.['add-dev-list'])]) {
        const blueprint = isObject(unit) ? unit['device blueprint'] : undefined;
        if (!isObject(blueprint)) continue;
        for (const name of asStrings(blueprint['dev-group'])) group(name, adom);
        for (const name of asStrings(blueprint.pkg)) packages.set(`${adom}/${name}`, { adom, name });
      }
      if (typeof data?.pkg === 'string' && /securityconsole\/install\/package$/.test(url))
        packages.set(`${adom}/${data.pkg}`, { adom, name: data.pkg });
      for (const member of asList(param['scope member'])) {
        if (member.vdom !== undefined) device(member.name, adom, member.vdom);
        else group(member.name, adom);
      }
      // Devices a get of the device table answered with.
      const result = results[index];
      // The devices and groups the answered rows are assigned to.
      if (method === 'get')
        for (const row of asList(result?.data))
          for (const member of asList(row['scope member'])) {
            if (member.vdom !== undefined) device(member.name, adom, member.vdom);
            else group(member.name, adom);
          }
      if (
        method === 'get' &&
        /^\/?dvmdb\/(adom\/[^/]+\/)?device\/?$/.test(url) &&
        Array.isArray(result?.data)
      ) {
        for (const row of (result.data as unknown[]).filter(isObject)) {
          const attributes: Json = {};
          for (const key of DEVICE_KEYS)
            if (row[key] !== undefined && !isEncrypted(row[key])) attributes[key] = row[key];
          Object.assign(attributes, impliedByFilter(param.filter));
          device(row.name, adom, undefined, attributes);
          for (const vdom of asList(row.vdom)) device(row.name, adom, vdom.name);
        }
      }
    }
    for (const name of created) devices.delete(name);
    return {
      adoms: [...adoms].filter((a) => !DEFAULT_ADOMS.has(a)),
      devices,
      groups: [...groups.values()].filter(
        ({ name }) => !devices.has(name) && !this.#known.has(name) && !created.has(`group:${name}`),
      ),
      packages: [...packages.values()].filter(({ name }) => name !== 'default'),
      templates: [...templates.values()].filter(({ name }) => !created.has(`template:${name}`)),
    };
  }

  #urlTopology(
    segments: readonly string[],
    adom: string,
    device: (name: unknown, adom: string, vdom?: unknown) => void,
    group: (name: unknown, adom: string) => void,
    pkg: (name: string) => void,
    template: (template: { url: string; name: string; type: string }) => void,
  ): void {
    const [a, b, c, d, e, f] = segments;
    if (a === 'pm' && b === 'config' && c === 'device' && d) device(d, adom, e === 'vdom' ? f : undefined);
    if (a === 'dvmdb' && b === 'device' && c && c !== 'replace')
      device(c, adom, d === 'vdom' ? e : undefined);
    if (a === 'dvmdb' && b === 'adom' && d === 'device' && e)
      device(e, adom, f === 'vdom' ? segments[6] : undefined);
    if (a === 'dvmdb' && b === 'adom' && d === 'group' && e) group(e, adom);
    if (a === 'pm' && b === 'config' && c === 'adom' && e === 'pkg' && f)
      pkg(this.#packagePath(segments.slice(5)));
    const members = segments.indexOf('scope member');
    if (a === 'pm' && b === 'pkg' && c === 'adom' && members > 4) pkg(segments.slice(4, members).join('/'));
    if (a === 'pm' && b === 'config' && c === 'adom' && e === 'devprof' && f)
      template({ url: `/pm/devprof/adom/${adom}`, name: f, type: 'devprof' });
    if (a === 'pm' && b === 'config' && c === 'adom' && e === 'template' && f && segments[6])
      template({ url: `/pm/template/${f}/adom/${adom}`, name: segments[6], type: 'template' });
    if (a === 'pm' && b && TEMPLATE_KINDS.has(b) && c === 'adom' && e)
      template({ url: `/pm/${b}/adom/${adom}`, name: e, type: b });
    if (a === 'pm' && b === 'template' && c && c !== 'adom' && d === 'adom' && f)
      template({ url: `/pm/template/${c}/adom/${adom}`, name: f, type: 'template' });
    const objrev = segments.indexOf('_objrev');
    if (objrev > 0 && segments[objrev + 1] === 'devprof' && segments[objrev + 2])
      template({ url: `/pm/devprof/adom/${adom}`, name: segments[objrev + 2]!, type: 'devprof' });
    const mapping = segments.indexOf('dynamic_mapping');
    if (mapping > 0 && segments[mapping + 2] !== undefined)
      device(segments[mapping + 1], adom, segments[mapping + 2]);
    const status = segments.indexOf('_package');
    if (status > 0 && segments[status + 1] === 'status' && segments[status + 2])
      device(segments[status + 2], adom, segments[status + 3]);
  }

  #dataTopology(
    method: string,
    url: string,
    item: Json,
    adom: string,
    device: (name: unknown, adom: string, vdom?: unknown, attributes?: Json) => void,
    group: (name: unknown, adom: string) => void,
    adomOf: (name: unknown) => void,
  ): void {
    const isExec = method === 'exec';
    if (isExec && typeof item.device === 'string') device(item.device, adom);
    if (isExec && Array.isArray(item.device))
      for (const entry of item.device as Json[]) if (isObject(entry)) device(entry.name, adom);
    if (isExec && (item.device as Json)?.['device action'] === 'promote_unreg')
      device((item.device as Json).name, 'root', undefined, { mgmt_mode: 'unreg' });
    for (const entry of asList(item.devices)) device(entry.name, adom);
    for (const entry of asList(item.groups)) group(entry.name, adom);
    for (const key of ['scope', 'update-dev-member-list', 'reload-dev-member-list']) {
      for (const entry of asList(item[key])) {
        if (typeof entry.adom === 'string' && entry.name === undefined) adomOf(entry.adom);
        else if (entry.vdom !== undefined || key !== 'scope') device(entry.name, adom, entry.vdom);
        else if (/install\/global|assign\/objs/.test(url)) adomOf(entry.name);
        else group(entry.name, adom);
      }
    }
    for (const target of Array.isArray(item.target) ? item.target : []) {
      const [word, targetAdom, kindOf, name] = typeof target === 'string' ? splitUrl(target) : [];
      if (word !== 'adom' || targetAdom === undefined) continue;
      adomOf(targetAdom);
      if (kindOf === 'device') device(name, targetAdom);
      if (kindOf === 'group') group(name, targetAdom);
    }
    const scope = item._scope;
    for (const entry of Array.isArray(scope) ? scope : isObject(scope) ? [scope] : []) {
      if (isObject(entry) && entry.vdom !== undefined) device(entry.name, adom, entry.vdom);
    }
    if (/(object|scope) member$/.test(url)) {
      if (item.vdom !== undefined) device(item.name, adom, item.vdom);
      else if (item['is group'] !== undefined || /group\/[^/]+\/object member$/.test(url))
        group(item.name, adom);
    }
  }

  /** The package path at the start of what follows `pkg/` in a url (up to the package's own tables). */
  #packagePath(segments: readonly string[]): string {
    this.#packageAreas ??= new Set(
      this.#facts.templates.flatMap(({ template }) => /\/pkg\/\{pkg\}\/([^/]+)/.exec(template)?.[1] ?? []),
    );
    const end = segments.findIndex((segment) => segment.startsWith('_') || this.#packageAreas!.has(segment));
    return (end < 0 ? segments : segments.slice(0, end)).join('/');
  }

  /** Rows the URL walks through, rows a get answered with, members a delete removes. */
  #rowSteps(method: string, url: string, param: Json, result: Json | undefined): SetupCall[] {
    const steps: SetupCall[] = [];
    const segments = splitUrl(url);
    const chain = this.#rowChain(segments);
    for (const [i, link] of chain.entries()) {
      const last = i === chain.length - 1 && link.end === segments.length;
      if (last && (method === 'add' || (method === 'set' && !isRename(param)))) break;
      steps.push(link.create);
    }
    // The objects a merge folds together, the object a duplicate check finds.
    for (const name of Array.isArray(param.merge) ? param.merge : []) {
      const key = this.#keyOf(url.replace(/\/[^/]+$/, ''));
      if (key !== undefined)
        steps.push({ method: 'set', url: url.replace(/\/[^/]+$/, ''), data: { [key]: name } });
    }
    if (asStrings(param.option).includes('duplicate check') && typeof result?.data === 'string') {
      const link = chain.at(-1);
      if (link?.end === segments.length) steps.push(link.create);
    }
    const member = /\/(member|scope member|object member)$/.exec(url);
    if (member && (method === 'delete' || method === 'unset')) {
      if (param.data !== undefined) steps.push({ method: 'add', url, data: param.data });
      else if (member[1] === 'member') steps.push({ method: 'add', url, data: ['seeded_member'] });
    }
    // An update of a table names the rows it changes by their key.
    if (method === 'update' && this.#keyOf(url) !== undefined) {
      const key = this.#keyOf(url)!;
      for (const item of asList(param.data))
        if (item[key] !== undefined) steps.push({ method: 'set', url, data: { [key]: item[key] } });
    }
    const data = result?.data;
    if (method !== 'get' || (result?.status as Json | undefined)?.code !== 0) return steps;
    // What FortiManager computes from the rows (a blank row, a count, a checksum) is no row to seed.
    if (['object template', 'syntax'].some((option) => param[option] !== undefined)) return steps;
    if (asStrings(param.option).some((option) => ['count', 'chksum', 'syntax'].includes(option)))
      return steps;
    if (/^\/?pm\/config\/global\/_external\/resource\/?$/.test(url)) {
      for (const row of asList(data))
        steps.push({
          method: 'set',
          url: `/pm/config/global/_external/resource/${escapeName(String(row.name))}`,
          data: { content: 'seeded\n' },
        });
      return steps;
    }
    // Devices are added as devices; what FortiManager computes (`_data`, `_fdsdb`, tasks, ...) is not stored.
    if (/^\/?dvmdb\/(adom\/[^/]+\/)?device(\/[^/]+)?\/?$/.test(url) || !this.#storable(segments))
      return steps;
    const rows = (Array.isArray(data) ? data : isObject(data) ? [data] : []).filter(isObject) as Json[];
    const implied = impliedByFilter(param.filter);
    // The union of the IPsec/static route/... template tables: each row goes to its own table.
    const union = /^\/?pm\/template\/adom\/([^/]+)$/.exec(url);
    for (const [index, row] of rows.entries()) {
      // Members an `expand datasrc` answered as objects exist as objects of their own.
      for (const value of Object.values(row))
        for (const item of Array.isArray(value) ? value.filter(isObject) : []) {
          const { 'obj type': type, ...object } = item as Json;
          const adom = urlAdom(segments);
          if (typeof type === 'string' && adom !== undefined)
            steps.push({
              method: 'set',
              url: `/pm/config/adom/${adom}/obj/${type.replace(' ', '/')}`,
              data: stripComputed(object),
            });
        }
      const { 'scope member': members, ...seed }: Json = { ...implied, ...stripComputed(row) };
      // Rows a get of objects assigned to devices answered are assigned to (one of) them.
      const assigned = Array.isArray(members) ? members : param['scope member'];
      const scope = Array.isArray(assigned) ? { 'scope member': assigned } : {};
      if (Object.keys(seed).length === 0) continue;
      if (union) {
        const stype =
          ((row['template setting'] as Json | undefined)?.stype as string | undefined) ?? '_ipsec';
        steps.push({ method: 'set', url: `/pm/template/${stype}/adom/${union[1]}`, data: seed, ...scope });
        continue;
      }
      if (!Array.isArray(data)) {
        steps.push({ method: 'set', url, data: seed, ...scope });
        continue;
      }
      const key = this.#keyOf(url);
      // `fields` left the key out: any key will do.
      if (key !== undefined && seed[key] === undefined)
        seed[key] = this.#intKey(url, key) ? index + 1 : `seeded_${index + 1}`;
      const value = key === undefined ? undefined : seed[key];
      if (value !== undefined && value !== null)
        steps.push({ method: 'set', url: `${url}/${escapeName(String(value))}`, data: seed, ...scope });
      else steps.push({ method: 'set', url, data: seed, ...scope });
      // The rows `find duplicates` named as copies of this one.
      if (key !== undefined)
        for (const name of asStrings(row['duplicate entries']))
          steps.push({ method: 'set', url, data: { ...seed, [key]: name } });
    }
    return steps;
  }

  /** Each table row the URL addresses on its way down, with the call that creates it. */
  #rowChain(segments: readonly string[]): Array<{ end: number; create: SetupCall }> {
    const chain: Array<{ end: number; create: SetupCall }> = [];
    for (let end = 2; end <= segments.length; end++) {
      const prefix = segments.slice(0, end);
      if (prefix.at(-2) === 'dynamic_mapping' && segments[end] !== undefined) {
        const table = joinUrl(prefix.slice(0, -1));
        chain.push({
          end: end + 1,
          create: {
            method: 'add',
            url: table,
            data: { _scope: [{ name: prefix.at(-1), vdom: segments[end] }] },
          },
        });
        end++;
        continue;
      }
      const row = this.#itemOf(prefix);
      if (row) chain.push({ end, create: row });
    }
    return chain;
  }

  /** The call creating the row that an item URL addresses (catalog or recorded containers). */
  #itemOf(prefix: readonly string[]): SetupCall | undefined {
    const url = joinUrl(prefix);
    const key = prefix.at(-1)!;
    const table = joinUrl(prefix.slice(0, -1));
    const match = this.#facts.match(deviceToAdom(url));
    if (match?.item && match.object.kind === 'table' && match.object.mkey) {
      const mkey = match.object.mkey;
      const value = match.object.attributes[mkey]?.type === 'int' ? Number(key) : key;
      return { method: 'set', url: table, data: { [mkey]: value } };
    }
    // An external resource file is written with its content.
    if (EXTERNAL_RESOURCE.test(url)) return { method: 'set', url, data: { content: 'seeded\n' } };
    for (const [pattern, mkey] of RECORDED_TABLES) {
      if (pattern.test(url)) return { method: 'set', url: table, data: { [mkey]: asKey(key) } };
    }
    return undefined;
  }

  /** Whether the URL names stored rows (catalogued, or a recorded table or template content). */
  #storable(segments: readonly string[]): boolean {
    const computed = (segment: string, i: number) =>
      segment.startsWith('_') && segment !== '_scope' && segments[i - 1] !== 'template';
    if (segments.some(computed) || segments[0] === 'task') return false;
    const url = joinUrl(segments);
    return (
      this.#facts.match(deviceToAdom(url)) !== undefined ||
      this.#keyOf(url) !== undefined ||
      this.#keyOf(joinUrl(segments.slice(0, -1))) !== undefined ||
      /\/(devprof|template)\//.test(url)
    );
  }

  #intKey(url: string, key: string): boolean {
    return this.#facts.match(deviceToAdom(`${url}/1`))?.object.attributes[key]?.type === 'int';
  }

  /** The key attribute of the rows of a table URL, if known. */
  #keyOf(url: string): string | undefined {
    const match = this.#facts.match(deviceToAdom(`${url}/x`));
    if (match?.item && match.object.mkey) return match.object.mkey;
    return RECORDED_TABLES.find(([pattern]) =>
      pattern.test(`${url.startsWith('/') ? '' : '/'}${url}/x`),
    )?.[1];
  }
}

const EXTERNAL_RESOURCE = /^\/pm\/config\/global\/_external\/resource\/[^/]+$/;

/**
 * Item URLs of tables the catalog lacks but the recordings show (provisioning templates, device
 * rows, onboarding rules, ...): URL pattern and key attribute.
 */
const RECORDED_TABLES: ReadonlyArray<readonly [RegExp, string]> = [
  [/^\/pm\/(devprof|wanprof|fwmprof|tmplgrp)\/adom\/[^/]+\/[^/]+$/, 'name'],
  [/^\/pm\/template\/[^/]+\/adom\/[^/]+\/[^/]+$/, 'name'],
  [/^\/pm\/config\/adom\/[^/]+\/template\/_[^/]+\/[^/]+\/action-list\/[^/]+$/, 'seq'],
  [/^\/pm\/config\/adom\/[^/]+\/template\/_[^/]+\/[^/]+\/router\/static\/[^/]+$/, 'seq-num'],
  [/^\/pm\/config\/adom\/[^/]+\/devprof\/[^/]+\/device\/template\/widget\/[^/]+\/action-list\/[^/]+$/, 'seq'],
  [/^\/dvmdb\/adom\/[^/]+\/device\/[^/]+\/onboard_rule\/[^/]+$/, 'name'],
  [/^\/dvmdb\/autoreg_rule\/[^/]+$/, 'ruleid'],
  [/^\/pm\/config\/device\/[^/]+\/global\/system\/interface\/[^/]+$/, 'name'],
  [/^\/pm\/config\/device\/[^/]+\/vdom\/[^/]+\/(vpn\/certificate\/local|system\/zone)\/[^/]+$/, 'name'],
  [/^\/pm\/config\/device\/[^/]+\/vdom\/[^/]+\/router\/ospf\/network\/[^/]+$/, 'id'],
  [/^\/pm\/config\/device\/[^/]+\/vdom\/[^/]+\/wireless-controller\/wtp\/[^/]+$/, 'wtp-id'],
  [/^\/pm\/config\/adom\/[^/]+\/obj\/fsp\/managed-switch\/[^/]+$/, 'switch-id'],
  [/^\/pm\/config\/adom\/[^/]+\/obj\/extension-controller\/extender\/[^/]+$/, 'name'],
  [/^\/pm\/config\/adom\/[^/]+\/obj\/wireless-controller\/wtp\/[^/]+$/, 'wtp-id'],
];

async function call(h: FmgHarness, session: string, problems: string[], step: SetupCall): Promise<void> {
  const { method, ...param } = step;
  const reply = await h.rpc(method, [param as Json], { session });
  const status = reply.result[0]?.status;
  // Already there (a default ADOM, a shared parent row): fine.
  if (status && status.code !== 0 && status.code !== -2)
    problems.push(`setup ${method} ${step.url}: ${status.code} ${status.message}`);
}

/** What a filter's equality conditions say about every row it selected. */
function impliedByFilter(filter: unknown): Json {
  const implied: Json = {};
  const visit = (node: unknown) => {
    if (!Array.isArray(node)) return;
    if (typeof node[0] === 'string' && node[1] === '==' && node.length === 3 && node[0] !== 'object used')
      implied[node[0]] = node[2];
    else if (Array.isArray(node[0]) && !node.includes('||')) for (const part of node) visit(part);
  };
  visit(filter);
  return implied;
}

/** A package at a path as the folder entries holding it (`["emea", "pp"]`: folder `emea` with `pp`). */
function packageEntry([name, ...below]: readonly string[]): Json {
  return below.length === 0 ? { name, type: 'pkg' } : { name, type: 'folder', subobj: [packageEntry(below)] };
}

function stripComputed(row: Json): Json {
  const out: Json = {};
  for (const [key, value] of Object.entries(row)) {
    if (COMPUTED.has(key) || value === '...') continue;
    // A secret answered encrypted: any secret reads back so.
    if (isEncrypted(value)) {
      out[key] = 'seeded-secret';
      continue;
    }
    // Members an `expand datasrc` answered as objects are stored by name.
    if (Array.isArray(value) && value.every((item) => isObject(item) && 'obj type' in item)) {
      out[key] = value.map((item) => (item as Json).name);
      continue;
    }
    out[key] = Array.isArray(value)
      ? value
          .filter((item) => !isObject(item) || Object.keys(item).join() !== '...')
          .map((item) => (isObject(item) ? stripComputed(item) : item))
      : isObject(value)
        ? stripComputed(value)
        : value;
  }
  return out;
}

function isEncrypted(value: unknown): boolean {
  return Array.isArray(value) && value[0] === 'ENC';
}

function isRename(param: Json): boolean {
  return isObject(param.data) && Object.keys(param.data).length > 0;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asList(value: unknown): Json[] {
  return (Array.isArray(value) ? value : isObject(value) ? [value] : []).filter(isObject);
}

function asStrings(value: unknown): string[] {
  return (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter(
    (item): item is string => typeof item === 'string',
  );
}

function asKey(key: string): string | number {
  return /^\d+$/.test(key) ? Number(key) : key;
}

/** The ADOM a URL names (`.../adom/<name>/...`). */
function urlAdom(segments: readonly string[]): string | undefined {
  const index = segments.indexOf('adom');
  const name = index >= 0 ? segments[index + 1] : undefined;
  return name === undefined || NOT_ADOMS.has(name) ? undefined : name;
}

/** A device-level URL as the ADOM object URL the catalog describes (same tables, device database). */
export function deviceToAdom(url: string): string {
  const segments = splitUrl(url);
  if (segments[0] === 'pm' && segments[1] === 'config' && segments[2] === 'device') {
    const rest = segments[4] === 'vdom' ? segments.slice(6) : segments.slice(5);
    return joinUrl(['pm', 'config', 'adom', 'x', 'obj', ...rest]);
  }
  return url.startsWith('/') ? url : `/${url}`;
}

/** URL segments split on unescaped `/`, with `\/` and `\\` unescaped. */
export function splitUrl(url: string): string[] {
  const segments: string[] = [];
  let current = '';
  for (let i = 0; i < url.length; i++) {
    const ch = url[i]!;
    if (ch === '\\' && (url[i + 1] === '/' || url[i + 1] === '\\')) current += url[++i];
    else if (ch === '/') {
      if (current !== '') segments.push(current);
      current = '';
    } else current += ch;
  }
  if (current !== '') segments.push(current);
  return segments;
}

/** An object name as FortiManager reads it inside a url. */
export function escapeName(name: string): string {
  return name.replaceAll('\\', '\\\\').replaceAll('/', '\\/');
}

function joinUrl(segments: readonly string[]): string {
  return `/${segments.map(escapeName).join('/')}`;
}
