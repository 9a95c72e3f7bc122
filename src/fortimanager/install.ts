import { ProtocolError, ValidationError } from '../core/errors.js';
import { isRecord } from '../core/guards.js';
import { checkSignal } from '../core/timeouts.js';
import type { ScopeMember } from './call-options.js';
import type { FortiManagerCalls } from './calls.js';
import { booleanOf, optionsObject, stringOf } from './checks.js';
import type { TaskResult } from './task-result.js';
import type { Tasks, WaitOptions } from './tasks.js';

/**
 * Where to install: a device name (`'FGT1'`, meaning its `root` VDOM), a device and VDOM
 * (`{ name: 'FGT1', vdom: 'vd1' }`) or a device group (`{ name: 'grp', 'is group': true }`, or `{ group: 'grp' }`).
 */
export type InstallScope = string | ScopeMember | { group: string };

interface InstallCommon {
  /** Default: the client's `adom`. */
  adom?: string;
  scope: InstallScope | readonly InstallScope[];
  /** FortiManager install flags (default `['none']`). */
  flags?: readonly string[];
  /** Wait for the install task (default true); pass options to tune the wait. */
  wait?: boolean | WaitOptions;
  signal?: AbortSignal | undefined;
}

export interface InstallDeviceOptions extends InstallCommon {
  /** Revision comment for the device configuration. */
  comments?: string;
}

export interface InstallPackageOptions extends InstallCommon {
  /** Policy package name (or folder path). */
  pkg: string;
  /** Only compute what would be installed (`flags: ['preview']`); nothing reaches the devices. */
  preview?: boolean;
}

export interface InstallResult {
  taskId: number;
  /** The finished task, unless `wait: false`. */
  task?: TaskResult;
  /** With `preview`: the CLI each device would receive (`/securityconsole/preview/result`). */
  previews?: Array<{ device: string; cli: string }>;
}

/** Installs pending device settings of the scope (`exec /securityconsole/install/device`). */
export async function installDevice(
  fmg: FortiManagerCalls,
  tasks: Tasks,
  options: InstallDeviceOptions,
): Promise<InstallResult> {
  checkCommon(options);
  const data: Record<string, unknown> = {
    adom: adomOf(fmg, options),
    scope: scopeOf(options.scope),
    flags: options.flags ?? ['none'],
  };
  const comments = stringOf(options.comments, 'comments');
  if (comments !== undefined) data.dev_rev_comments = comments;
  return run(fmg, tasks, '/securityconsole/install/device', data, options);
}

/** Installs a policy package on the scope (`exec /securityconsole/install/package`), or previews it. */
export async function installPackage(
  fmg: FortiManagerCalls,
  tasks: Tasks,
  options: InstallPackageOptions,
): Promise<InstallResult> {
  checkCommon(options);
  if (stringOf(options.pkg, 'pkg') === undefined)
    throw new ValidationError('installPackage needs pkg', 'pkg');
  if (booleanOf(options.preview, 'preview') && options.flags)
    throw new ValidationError('Give either preview or flags, not both', 'flags');
  const adom = adomOf(fmg, options);
  const data = {
    adom,
    pkg: options.pkg,
    scope: scopeOf(options.scope),
    flags: options.flags ?? [options.preview ? 'preview' : 'none'],
  };
  const result = await run(fmg, tasks, '/securityconsole/install/package', data, options);
  if (!options.preview || !result.task) return result;
  // One preview per device; FortiManager's per-VDOM copy lines are named `dev(vdom)[copy]`.
  const devices = new Set(
    result.task.lines.map((line) => line.name).filter((name) => name && !name.includes('(')),
  );
  const previews = [];
  for (const device of devices) {
    const reply = await fmg.exec('/securityconsole/preview/result', {
      data: { adom, device },
      signal: options.signal,
    });
    const cli = (Array.isArray(reply) ? reply : [reply]).map((entry) =>
      isRecord(entry) ? String(entry.message ?? '') : '',
    );
    previews.push({ device, cli: cli.join('\n') });
  }
  return { ...result, previews };
}

async function run(
  fmg: FortiManagerCalls,
  tasks: Tasks,
  url: string,
  data: Record<string, unknown>,
  options: InstallCommon,
): Promise<InstallResult> {
  const reply = await fmg.exec(url, { data, signal: options.signal });
  const taskId = isRecord(reply) ? Number(reply.task) : Number.NaN;
  if (!Number.isInteger(taskId)) {
    throw new ProtocolError(`${url} did not return a task id`, {
      status: 200,
      contentType: 'application/json',
    });
  }
  if (options.wait === false) return { taskId };
  const wait = typeof options.wait === 'object' ? options.wait : {};
  const task = await tasks.wait(taskId, { signal: options.signal, ...wait });
  return { taskId, task };
}

function adomOf(fmg: FortiManagerCalls, options: InstallCommon): string {
  const adom = stringOf(options.adom, 'adom') ?? fmg.adom;
  if (!adom) throw new ValidationError("Install needs adom (or the client's adom option)", 'adom');
  return adom;
}

/** The options every install takes, checked before anything is sent. */
function checkCommon(options: InstallCommon): void {
  if (optionsObject(options, 'options') === undefined)
    throw new ValidationError('An install needs options', 'options');
  checkSignal(options.signal);
  const { flags, wait } = options;
  if (flags !== undefined && (!Array.isArray(flags) || !flags.every((flag) => typeof flag === 'string'))) {
    throw new ValidationError('flags must be a list of FortiManager install flags', 'flags');
  }
  if (wait !== undefined && typeof wait !== 'boolean') optionsObject(wait, 'wait');
}

/** A device name alone would mean a device group to FortiManager; a device needs its VDOM. */
export function scopeOf(scope: InstallScope | readonly InstallScope[]): ScopeMember[] {
  const list = (Array.isArray(scope) ? scope : [scope]) as readonly unknown[];
  if (list.length === 0) throw new ValidationError('scope must name at least one device or group', 'scope');
  return list.map((member) => {
    if (typeof member === 'string' && member !== '') return { name: member, vdom: 'root' };
    if (!isRecord(member)) throw new ValidationError('every scope member needs a name', 'scope');
    if (typeof member.group === 'string' && member.group !== '') return { name: member.group };
    if (typeof member.name !== 'string' || member.name === '')
      throw new ValidationError('every scope member needs a name', 'scope');
    return member as unknown as ScopeMember;
  });
}
