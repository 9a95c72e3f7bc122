/**
 * Workspace urls:
 * - exec `/dvmdb/adom/{adom}/workspace/{lock|unlock|commit}` (+ `/dev/{device}` or `/pkg/{package path}`),
 *   `/dvmdb/global/workspace/{lock|unlock|commit}`, `/pm/config/adom/{adom}/_workspace/{lock|unlock|commit}`,
 *   `/pm/config/global/_workspace/{lock|unlock|commit}`;
 * - get `.../workspace/lockinfo` (+ `/dev/...`, `/pkg/...`) and `.../workspace/dirty` (+ `/dev/...`).
 */

import { FmgCode, fail } from '../status.js';
import { simpleLine } from '../tasks.js';
import type { LockScope } from '../workspace.js';
import { ParamAnswer } from './answer.js';
import { type Call, requireAdom, requireWrite } from './call.js';

const VERBS = new Set(['lock', 'unlock', 'commit', 'lockinfo', 'dirty']);

interface WorkspaceUrl {
  readonly verb: string;
  readonly scope: LockScope;
}

/** Parses a workspace url, or returns undefined when the url is not one. */
export function parseWorkspaceUrl(segments: readonly string[]): WorkspaceUrl | undefined {
  let adom: string | undefined;
  let rest: readonly string[];
  const [a, b, c, d, e] = segments;
  if (a === 'dvmdb' && b === 'adom' && c !== undefined && d === 'workspace')
    [adom, rest] = [c, segments.slice(4)];
  else if (a === 'dvmdb' && b === 'global' && c === 'workspace') rest = segments.slice(3);
  else if (a === 'pm' && b === 'config' && c === 'adom' && d !== undefined && e === '_workspace') {
    [adom, rest] = [d, segments.slice(5)];
  } else if (a === 'pm' && b === 'config' && c === 'global' && d === '_workspace') rest = segments.slice(4);
  else return undefined;
  const [verb, kind, ...names] = rest;
  if (verb === undefined || !VERBS.has(verb)) return undefined;
  if (kind === undefined) return { verb, scope: { adom, kind: 'adom' } };
  if ((kind === 'dev' || kind === 'pkg') && names.length > 0 && adom !== undefined) {
    return { verb, scope: { adom, kind, name: names.join('/') } };
  }
  return fail(FmgCode.invalidUrl);
}

export function workspaceExec(call: Call, target: WorkspaceUrl): ParamAnswer | undefined {
  requireWrite(call);
  requireAdom(call, target.scope.adom);
  const { workspace } = call.state;
  const session = call.principal.session;
  switch (target.verb) {
    case 'lock':
      workspace.lock(session, target.scope);
      return undefined;
    case 'unlock':
      workspace.unlock(session, target.scope);
      return undefined;
    case 'commit': {
      workspace.commit(session, target.scope);
      // FortiManager answers the task that saved the changes beside the status (no data).
      const name = target.scope.kind === 'adom' ? (target.scope.adom ?? 'global') : target.scope.name;
      const taskid = call.state.tasks.create({
        title: `Commit ${target.scope.kind === 'adom' ? 'ADOM' : target.scope.kind} ${String(name)}`,
        src: 'workspace',
        user: call.principal.user,
        adomOid: 0,
        lines: [
          simpleLine(String(name), [
            [0, 'start to commit'],
            [100, 'commit done'],
          ]),
        ],
      });
      return new ParamAnswer(undefined, { taskid });
    }
    default:
      return fail(FmgCode.invalidUrl);
  }
}

export function workspaceGet(call: Call, target: WorkspaceUrl): unknown {
  requireAdom(call, target.scope.adom);
  const { workspace, topology } = call.state;
  if (target.scope.adom !== undefined && !topology.adom(target.scope.adom)) fail(FmgCode.invalidUrl);
  if (target.verb === 'lockinfo') {
    // No lock: no data (FortiManager answers no list).
    const locks = workspace.lockinfo(target.scope);
    return locks.length === 0 ? undefined : locks;
  }
  if (target.verb === 'dirty') return { dirty: workspace.dirty(target.scope) ? 1 : 0 };
  return fail(FmgCode.invalidUrl);
}
