/** get `/sys/status` and `/cli/global/system/status`, and the task urls `/task/task[/{id}[/line|/history]]`. */
import { FmgCode, fail } from '../status.js';
import { type Call, requireWrite } from './call.js';

export function systemStatus(call: Call): Record<string, unknown> {
  const global = call.state.db.root.get('/cli/global/system/global');
  const hostname = global?.kind === 'object' ? global.row.hostname : undefined;
  const now = new Date(call.state.ctx.clock.now());
  return {
    'Admin Domain Configuration': 'Enabled',
    'BIOS version': '04000002',
    'Branch Point': '2525',
    Build: '2525',
    'Current Time': now.toUTCString(),
    'Daylight Time Saving': 'Yes',
    'FIPS Mode': 'Disabled',
    'HA Mode': 'Stand Alone',
    Hostname: hostname ?? 'FMG-VM64',
    'License Status': 'Valid',
    Major: 7,
    'Max Number of Admin Domains': 10000,
    'Max Number of Device Groups': 10000,
    Minor: 4,
    'Offline Mode': 'Disabled',
    Patch: 7,
    'Platform Full Name': 'FortiManager-VM64',
    'Platform Type': 'FMG-VM64',
    'Release Version Information': ' (GA)',
    'Serial Number': 'FMG-VMTM24000001',
    'Time Zone': '(GMT+1:00) Brussels, Copenhagen, Madrid, Paris.',
    Version: 'v7.4.7-build2525 250416 (GA)',
    'x86-64 Applications': 'Yes',
  };
}

/** get `/task/task[/{id}[/line|/history[/{index}]]]`; delete `/task/task/{id}` forgets a task. */
export function taskUrl(call: Call, rest: readonly string[]): unknown {
  const { tasks } = call.state;
  const [id, sub, index] = rest;
  if (call.method === 'delete') {
    requireWrite(call);
    if (id === undefined || sub !== undefined) return fail(FmgCode.invalidUrl);
    return tasks.remove(Number(id)) ? undefined : fail(FmgCode.notFound);
  }
  if (call.method !== 'get') return fail(FmgCode.invalidMethod);
  if (id === undefined) return tasks.ids().map((taskId) => tasks.view(taskId, call.verbose));
  const view = tasks.view(Number(id), call.verbose);
  if (!view) return fail(FmgCode.notFound);
  if (sub === undefined) return view;
  const lines = view.line as Array<Record<string, unknown>>;
  const list =
    sub === 'line'
      ? lines
      : sub === 'history'
        ? lines.flatMap((line) => line.history as unknown[])
        : undefined;
  if (!Array.isArray(list)) return fail(FmgCode.invalidUrl);
  if (index === undefined) return list;
  return list[Number(index)] ?? fail(FmgCode.notFound);
}
