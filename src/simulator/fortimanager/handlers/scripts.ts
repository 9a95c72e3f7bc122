/**
 * CLI scripts (`/dvmdb/adom/{adom}/script`, a stored table) run on devices or on a policy package:
 * - `exec .../script/execute` (`script`, `scope: [{name, vdom}]` or `package`): a task, one line per
 *   target, and one log per target;
 * - `get .../script/log/latest[/device/{device}]`, `.../script/log/list[/device/{device}]`,
 *   `.../script/log/output/logid/{id}` and `.../script/log/summary`: the logs of those runs.
 */
import type { ScriptLog } from '../records.js';
import { FmgCode, fail } from '../status.js';
import type { Row } from '../store/table.js';
import { simpleLine } from '../tasks.js';
import { joinPath } from '../url.js';
import { type Call, dataObject, requireAdom, requireWrite } from './call.js';
import type { RouteParams } from './routes.js';

export function executeScript(call: Call, params: RouteParams): unknown {
  requireWrite(call);
  const data = dataObject(call.param);
  const adom = params.adom ?? (typeof data.adom === 'string' ? data.adom : 'root');
  requireAdom(call, adom);
  const { state } = call;
  if (!state.topology.adom(adom)) return fail(FmgCode.invalidUrl);
  const name = String(data.script ?? '');
  const table = state.db.root.get(joinPath(['dvmdb', 'adom', adom, 'script']));
  const script = table?.kind === 'table' ? table.table.get(name) : undefined;
  if (!script) return fail(FmgCode.invalidData, `attribute 'script': no script '${name}'`);
  const targets = scriptTargets(call, adom, data);
  const lines = targets.map((target) => {
    const log: ScriptLog = {
      logId: state.scriptLogs.length + 1,
      adom,
      script: name,
      target,
      time: Math.floor(state.ctx.clock.now() / 1000),
      content: `Starting log (Run on device)\n\n${String(script.content ?? '')}\n\nRunning script(${name}) on DB success`,
    };
    state.scriptLogs.push(log);
    return simpleLine(target, [
      [0, `run script ${name}`],
      [100, 'script run success'],
    ]);
  });
  return {
    task: state.tasks.create({
      title: `Run script ${name}`,
      src: 'script',
      user: call.principal.user,
      adomOid: 0,
      lines,
    }),
  };
}

export function scriptLogs(call: Call, params: RouteParams): unknown {
  if (call.method !== 'get') return fail(FmgCode.invalidMethod);
  const adom = params.adom ?? 'root';
  requireAdom(call, adom);
  const [view, ...rest] = params.rest;
  let logs = call.state.scriptLogs.filter((log) => log.adom === adom);
  if (rest[0] === 'device' && rest[1] !== undefined) logs = logs.filter((log) => log.target === rest[1]);
  const summary = (log: ScriptLog) => ({ exec_time: log.time, log_id: log.logId, script_name: log.script });
  switch (view) {
    case 'latest': {
      const log = logs.at(-1);
      return log ? { ...summary(log), content: log.content } : fail(FmgCode.notFound);
    }
    case 'list':
    case 'summary':
      return logs.map(summary);
    case 'output': {
      const id = Number(rest.at(-1));
      const log = logs.find((candidate) => candidate.logId === id);
      return log ? { content: log.content, log_id: log.logId } : fail(FmgCode.notFound);
    }
    default:
      return fail(FmgCode.invalidUrl);
  }
}

function scriptTargets(call: Call, adom: string, data: Record<string, unknown>): string[] {
  if (typeof data.package === 'string' || typeof data.pkg === 'string') {
    const pkg = String(data.package ?? data.pkg);
    if (!call.state.topology.hasPackage(adom, pkg))
      fail(FmgCode.invalidData, `attribute 'package': no package '${pkg}'`);
    return [pkg];
  }
  const scope = Array.isArray(data.scope) ? (data.scope as Row[]) : [];
  const names = scope.map((member) => String(member.name));
  if (names.length === 0) return fail(FmgCode.invalidData, "attribute 'scope' selects no device");
  for (const name of names) {
    if (call.state.topology.adomOfDevice(name) !== adom && !call.state.topology.groupMembers(adom, name))
      fail(FmgCode.invalidData, `attribute 'scope': no device or group '${name}' in ADOM '${adom}'`);
  }
  return names;
}
