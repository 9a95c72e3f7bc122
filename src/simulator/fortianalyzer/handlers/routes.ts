/**
 * Every URL the simulated FortiAnalyzer answers, with the JSON-RPC methods each one takes. A URL
 * that matches no route is -6 "Invalid url"; a known URL with a method it does not take is "Invalid
 * Request: Not supported method (<method>)", as FortiAnalyzer answers.
 */
import type { Principal } from '../admins.js';
import { missingStatus } from '../events/alerts.js';
import type { SimAdom } from '../inventory.js';
import { logsearchScope } from '../logs/devices.js';
import { type LogFacts, logFieldsReply } from '../logs/facts.js';
import type { FazState } from '../state.js';
import { FazCode, FazFailure, fail, invalidParams, OK_STATUS } from '../status.js';
import { adomDevices, adomRow, readRow, readTable, systemStatus } from './dvmdb.js';

/** One JSON-RPC param being answered. */
export interface FazCall {
  readonly state: FazState;
  readonly facts: LogFacts;
  readonly principal: Principal;
  readonly method: string;
  readonly param: Readonly<Record<string, unknown>>;
}

/** A handler's answer when there is nothing to answer (no `result` key in JSON-RPC 2.0). */
export const NO_RESULT = Symbol('no result');

type Args = Readonly<Record<string, string>>;
type Handler = (call: FazCall, args: Args, adom: SimAdom) => unknown;

interface Route {
  readonly pattern: readonly string[];
  /** Methods that need rpc-permit read-write are listed in `writes`. */
  readonly methods: Readonly<Record<string, Handler>>;
  readonly writes?: readonly string[];
}

const ADOM = 'adom/{adom}';
const OK = { status: OK_STATUS };

const route = (pattern: string, methods: Route['methods'], writes?: string[]): Route => ({
  pattern: pattern.split('/'),
  methods,
  ...(writes ? { writes } : {}),
});

/** Routes that do not live under an ADOM. */
const GLOBAL_ROUTES: readonly Route[] = [
  route('sys/status', { get: ({ state }) => systemStatus(state) }),
  route('cli/global/system/status', { get: ({ state }) => systemStatus(state) }),
  route('dvmdb/adom', {
    get: ({ state, param }) => readTable([...state.adoms.values()].map(adomRow), param),
  }),
  route('dvmdb/device', {
    get: ({ state, param }) => readTable([...state.adoms.values()].flatMap(adomDevices), param),
  }),
  route('dvmdb/device/{device}', {
    get: ({ state, param }, { device }) =>
      readRow(
        [...state.adoms.values()].flatMap(adomDevices).find((d) => d.name === device),
        param,
      ),
  }),
];

/** Routes under an ADOM (`{adom}` is checked before the handler runs). */
const ADOM_ROUTES: readonly Route[] = [
  route(`dvmdb/${ADOM}`, { get: ({ param }, _a, adom) => readRow(adomRow(adom), param) }),
  route(`dvmdb/${ADOM}/device`, { get: ({ param }, _a, adom) => readTable(adomDevices(adom), param) }),
  route(`dvmdb/${ADOM}/device/{device}`, {
    get: ({ param }, { device }, adom) =>
      readRow(
        adomDevices(adom).find((d) => d.name === device),
        param,
      ),
  }),

  route(`logview/${ADOM}/logsearch`, {
    add: ({ state, principal, param }, _a, adom) => state.searches.start(adom, principal.user, param),
    delete: ({ state, principal }, _a, adom) => {
      state.searches.cancelAll(adom, principal.user);
      return OK;
    },
  }),
  route(`logview/${ADOM}/logsearch/{tid}`, {
    get: ({ state, param }, { tid }, adom) => state.searches.fetch(adom, tid!, param),
    delete: ({ state }, { tid }, adom) => {
      state.searches.cancel(adom, tid!);
      return OK;
    },
  }),
  route(`logview/${ADOM}/logsearch/count/{tid}`, {
    get: ({ state }, { tid }, adom) => state.searches.count(adom, tid!),
  }),
  route(`logview/${ADOM}/logfields`, { get: ({ facts, param }) => logFieldsReply(facts, param.logtype) }),
  route(`logview/${ADOM}/logstats`, { get: ({ state, param }, _a, adom) => logStats(state, adom, param) }),

  route(`fortiview/${ADOM}/{view}/run`, {
    add: ({ state, param }, { view }, adom) => state.views.start(adom, view!, param),
    get: ({ state }, { view }, adom) => state.views.list(adom, view!),
    delete: ({ state }, { view }, adom) => {
      state.views.cancelAll(adom, view!);
      return OK;
    },
  }),
  route(`fortiview/${ADOM}/{view}/run/{tid}`, {
    get: ({ state }, { view, tid }, adom) => state.views.fetch(adom, view!, tid!),
    delete: ({ state }, { view, tid }, adom) => {
      state.views.cancel(adom, view!, tid!);
      return OK;
    },
  }),

  route(`config/${ADOM}/sql-report/layout`, { get: ({ state }) => state.reports.layouts() }),
  route(`config/${ADOM}/sql-report/schedule`, {
    get: ({ state, param }, _a, adom) => state.reports.schedules(adom, param.filter),
  }),
  route(`config/${ADOM}/sql-report/schedule/{schedule}`, {
    get: ({ state }, { schedule }, adom) => state.reports.schedule(adom, schedule!),
  }),
  route(
    `report/${ADOM}/config/schedule/{layout}`,
    { set: ({ state, param }, { layout }, adom) => state.reports.setSchedule(adom, layout!, param.data) },
    ['set'],
  ),
  route(`report/${ADOM}/run`, {
    add: ({ state, principal, param }, _a, adom) => state.reports.run(adom, principal.user, param),
    get: ({ state }, _a, adom) => state.reports.runningList(adom) ?? NO_RESULT,
  }),
  route(`report/${ADOM}/run/{tid}`, {
    get: ({ state }, { tid }, adom) => state.reports.status(adom, tid!),
    delete: ({ state }, { tid }, adom) => state.reports.cancel(adom, tid!),
  }),
  route(`report/${ADOM}/reports/data/{tid}`, {
    get: ({ state, param }, { tid }, adom) => state.reports.download(adom, tid!, param.format),
  }),
  route(`report/${ADOM}/reports/state`, {
    get: ({ state, param }, _a, adom) => state.reports.states(adom, param),
  }),

  route(`eventmgmt/${ADOM}/alerts`, { get: ({ state, param }, _a, adom) => state.alerts.list(adom, param) }),
  route(`eventmgmt/${ADOM}/alerts/count`, {
    get: ({ state, param }, _a, adom) => state.alerts.count(adom, param),
  }),
  route(`eventmgmt/${ADOM}/alerts/extra-details`, {
    get: ({ state, param }, _a, adom) => state.alerts.extraDetails(adom, param),
  }),
  route(`eventmgmt/${ADOM}/alertlogs`, {
    get: ({ state, param }, _a, adom) => state.alerts.logs(adom, param),
  }),
  alertChange('ack', (row, by) => {
    row.ackflag = 'yes';
    row.mgmt_state = 'acknowledged';
    row.ackby = by;
  }),
  alertChange('unack', (row, by) => {
    row.ackflag = 'no';
    row.mgmt_state = 'pending_triage';
    row.ackby = by;
  }),
  alertChange('comment', (row, by, param) => {
    row.comment = String(param.comment ?? '');
    row.lastuser = by;
  }),
  alertChange('assign', (row, _by, param) => {
    row.assigned = 'yes';
    row.assignto = String(param['assign-to'] ?? '');
  }),
  alertChange('read', (row) => {
    row.flags = Number(row.flags) | 1;
  }),

  route(
    `incidentmgmt/${ADOM}/incidents`,
    {
      get: ({ state, param }, _a, adom) => state.incidents.list(adom, param),
      delete: ({ state, param }, _a, adom) => state.incidents.delete(adom, param),
    },
    ['delete'],
  ),
  route(`incidentmgmt/${ADOM}/incidents/count`, {
    get: ({ state, param }, _a, adom) => state.incidents.count(adom, param),
  }),
  route(
    `incidentmgmt/${ADOM}/incident`,
    { add: ({ state, principal, param }, _a, adom) => state.incidents.add(adom, principal.user, param) },
    ['add'],
  ),
  route(
    `incidentmgmt/${ADOM}/incident/{incid}`,
    {
      update: ({ state, principal, param }, { incid }, adom) =>
        state.incidents.update(adom, incid!, principal.user, param),
    },
    ['update'],
  ),
];

function alertChange(
  action: string,
  apply: (row: Record<string, string | number>, by: string, param: Readonly<Record<string, unknown>>) => void,
): Route {
  return route(
    `eventmgmt/${ADOM}/alerts/${action}`,
    {
      update: ({ state, principal, param }, _a, adom) => {
        const by = typeof param['update-by'] === 'string' ? param['update-by'] : principal.user;
        const { missing } = state.alerts.change(adom, param, (row) => apply(row, by, param));
        return { status: missingStatus(missing) ?? OK_STATUS };
      },
    },
    ['update'],
  );
}

/** URL families answered in the JSON-RPC 2.0 dialect, with `apiver: 3` in the param. */
const APIVER3_ROOTS = new Set(['logview', 'fortiview', 'report', 'eventmgmt', 'incidentmgmt', 'config']);

/** True when the URL belongs to the apiver-3 family. */
export function isApiver3(segments: readonly string[]): boolean {
  return APIVER3_ROOTS.has(segments[0] ?? '');
}

/**
 * URL families a FortiManager with FortiAnalyzer features answers: FortiView, Log View, Incidents &
 * Events and Reports (FortiManager administration guide); every apiver-3 family this simulator serves.
 */
export function isManagerFeature(segments: readonly string[]): boolean {
  const [root, second, , fourth] = segments;
  if (root === 'config') return second === 'adom' && fourth === 'sql-report';
  return root !== undefined && APIVER3_ROOTS.has(root);
}

/** Answers one authenticated param (login and logout are handled by the endpoint). */
export function dispatch(call: FazCall, segments: readonly string[]): unknown {
  if (isApiver3(segments) && call.param.apiver !== 3) invalidParams("this url needs 'apiver': 3");
  let knownUrl = false;
  for (const candidate of [...GLOBAL_ROUTES, ...ADOM_ROUTES]) {
    const args = match(candidate.pattern, segments);
    if (!args) continue;
    knownUrl = true;
    const handler = candidate.methods[call.method];
    if (!handler) continue;
    if (candidate.writes?.includes(call.method) && call.principal.permit !== 'read-write') {
      fail(FazCode.noPermission);
    }
    let adom: SimAdom | undefined;
    if (args.adom !== undefined) {
      if (call.principal.adoms && !call.principal.adoms.has(args.adom)) fail(FazCode.noPermission);
      adom = call.state.adoms.get(args.adom);
      if (!adom) fail(FazCode.notFound, `Object does not exist: adom '${args.adom}'`);
    }
    return handler(call, args, adom!);
  }
  if (knownUrl) {
    throw new FazFailure(FazCode.invalidRequest, `Invalid Request: Not supported method (${call.method})`);
  }
  return fail(FazCode.invalidUrl);
}

function match(pattern: readonly string[], segments: readonly string[]): Record<string, string> | undefined {
  if (pattern.length !== segments.length) return undefined;
  const args: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const part = pattern[i]!;
    if (part.startsWith('{')) args[part.slice(1, -1)] = segments[i]!;
    else if (part !== segments[i]) return undefined;
  }
  return args;
}

/** `/logview/adom/{adom}/logstats`: per device and VDOM, the newest log and the log rate. */
function logStats(state: FazState, adom: SimAdom, param: Readonly<Record<string, unknown>>): unknown {
  const scope = param.device === undefined ? undefined : logsearchScope(adom, param.device);
  const stream = state.store.stream(adom, 'traffic');
  const nowSec = Math.floor(state.ctx.clock.now() / 1000);
  const totalWeight = adom.devices.reduce((sum, d) => sum + d.weight, 0);
  const data: Array<Record<string, unknown>> = [];
  for (const [deviceIndex, device] of adom.devices.entries()) {
    for (const vdom of device.vdoms) {
      if (scope && !scope.matches({ device, vdom, deviceIndex })) continue;
      let last = stream.firstAfter(nowSec) - 1;
      for (let steps = 0; last >= 0 && steps < 10_000; steps++, last--) {
        const source = stream.source(last);
        if (source.deviceIndex === deviceIndex && source.vdom === vdom) break;
      }
      const rate =
        ((stream.spec.num / stream.spec.den) * (device.weight / totalWeight)) / device.vdoms.length;
      data.push({
        devid: device.serial,
        devname: device.name,
        vdom,
        last_log_time: last >= 0 ? stream.time(last) : 0,
        log_rate: Math.round(rate * 100) / 100,
      });
    }
  }
  return { data };
}
