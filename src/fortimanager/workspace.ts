import type { Clock } from '../core/clock.js';
import { FortixError, ValidationError } from '../core/errors.js';
import type { SafeLog } from '../core/logging.js';
import { backoffDelay } from '../core/retry.js';
import type { FortiManager } from './client.js';
import { WorkspaceLockError } from './errors.js';
import { isRecord } from './options.js';
import type { Auth } from './session/auth.js';
import type { FmgRecord } from './typing.js';

/**
 * What to lock: an ADOM (`'root'` or `{ adom }`), the global database (`'global'` or `{ global: true }`),
 * one device of an ADOM (`{ adom, device }`) or one policy package (`{ adom, package }`; `adom: 'global'`
 * for a global package).
 */
export type LockTarget = string | { global: true } | { adom: string; device?: string; package?: string };

/** FortiManager's workspace mode (`/cli/global/system/global` `workspace-mode`). */
export type WorkspaceMode = 'disabled' | 'normal' | 'workflow';

/** One entry of lockinfo: who holds the lock, since when. */
export type LockInfo = FmgRecord & { lock_user?: string; lock_time?: number };

export interface WithLockOptions {
  /** Tries to get a lock someone else holds (default 5), with jittered backoff between them. */
  attempts?: number;
  /** Backoff base (default 1 s) and cap (default 10 s). */
  minDelayMs?: number;
  maxDelayMs?: number;
  /** Commit when `fn` succeeds (default true). */
  commit?: boolean;
  signal?: AbortSignal;
}

type Op = 'lock' | 'unlock' | 'commit' | 'lockinfo' | 'dirty';

const MODES: Readonly<Record<string, WorkspaceMode>> = {
  0: 'disabled',
  1: 'normal',
  2: 'workflow',
  disable: 'disabled',
  disabled: 'disabled',
  normal: 'normal',
  workflow: 'workflow',
};

/** Builds the `/dvmdb/.../workspace/<op>` URL template and params for a lock target. */
function urlFor(target: LockTarget, op: Op): { url: string; params: Record<string, string> } {
  const t =
    typeof target === 'string'
      ? target === 'global'
        ? { global: true as const }
        : { adom: target }
      : target;
  if ('global' in t) return { url: `/dvmdb/global/workspace/${op}`, params: {} };
  if (!t.adom) throw new ValidationError('A lock target needs an adom (or global: true)', 'adom');
  if (t.device !== undefined && t.package !== undefined) {
    throw new ValidationError('A lock target is a device or a package, not both', 'package');
  }
  const base = t.adom === 'global' ? '/dvmdb/global/workspace' : '/dvmdb/adom/{adom}/workspace';
  const params: Record<string, string> = t.adom === 'global' ? {} : { adom: t.adom };
  if (t.device !== undefined)
    return { url: `${base}/${op}/dev/{device}`, params: { ...params, device: t.device } };
  if (t.package !== undefined)
    return { url: `${base}/${op}/pkg/{pkg_path}`, params: { ...params, pkg_path: t.package } };
  return { url: `${base}/${op}`, params };
}

function describe(target: LockTarget): string {
  if (typeof target === 'string') return target === 'global' ? 'the global database' : `ADOM ${target}`;
  if ('global' in target) return 'the global database';
  if (target.device !== undefined) return `device ${target.device} of ADOM ${target.adom}`;
  if (target.package !== undefined) return `package ${target.package} of ADOM ${target.adom}`;
  return `ADOM ${target.adom}`;
}

/**
 * A workspace lock this client holds. Unlock it (or let `await using` do it); it is also released
 * when the client closes.
 *
 * @example
 * await using lock = await fmg.workspace.lock('root');
 * await fmg.set(url, { data });
 * await lock.commit();
 */
export class WorkspaceLock implements AsyncDisposable {
  readonly target: LockTarget;
  readonly #workspace: Workspace;
  #held = true;

  constructor(workspace: Workspace, target: LockTarget) {
    this.#workspace = workspace;
    this.target = target;
  }

  /** False once unlocked. */
  get held(): boolean {
    return this.#held;
  }

  /** Saves the changes made under this lock. */
  commit(options: { signal?: AbortSignal } = {}): Promise<void> {
    if (!this.#held)
      return Promise.reject(new FortixError(`Cannot commit ${describe(this.target)}: already unlocked`));
    return this.#workspace.commit(this.target, options);
  }

  /** Releases the lock (uncommitted changes are discarded); calling it again does nothing. */
  async unlock(options: { signal?: AbortSignal } = {}): Promise<void> {
    if (!this.#held) return;
    await this.#workspace.unlock(this.target, options);
    this.#held = false;
    this.#workspace.forget(this);
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.unlock();
  }
}

/** Workspace mode: locks, commits and `withLock`. Reached as `fmg.workspace`. */
export class Workspace {
  readonly #fmg: FortiManager;
  readonly #auth: Auth;
  readonly #clock: Clock;
  readonly #log: SafeLog;
  readonly #held = new Set<WorkspaceLock>();

  constructor(fmg: FortiManager, auth: Auth, clock: Clock, log: SafeLog) {
    this.#fmg = fmg;
    this.#auth = auth;
    this.#clock = clock;
    this.#log = log;
  }

  /** Reads `workspace-mode`: `'disabled'`, `'normal'` (lock per ADOM) or `'workflow'`. */
  async mode(options: { signal?: AbortSignal } = {}): Promise<WorkspaceMode> {
    const data = await this.#fmg.get('/cli/global/system/global', {
      fields: ['workspace-mode'],
      signal: options.signal,
    });
    const value = isRecord(data) ? data['workspace-mode'] : undefined;
    const mode = MODES[String(value)];
    if (!mode)
      throw new FortixError(`Unknown workspace-mode ${JSON.stringify(value)} in /cli/global/system/global`);
    return mode;
  }

  /** Locks `target` once (no retry): a `WorkspaceLockError` with `busy` when someone else holds it. */
  async lock(target: LockTarget, options: { signal?: AbortSignal } = {}): Promise<WorkspaceLock> {
    const { url, params } = urlFor(target, 'lock');
    await this.#fmg.exec(url, { params, signal: options.signal });
    const lock = new WorkspaceLock(this, target);
    this.#held.add(lock);
    this.#log.debug(`Locked ${describe(target)}`);
    return lock;
  }

  async unlock(target: LockTarget, options: { signal?: AbortSignal } = {}): Promise<void> {
    const { url, params } = urlFor(target, 'unlock');
    await this.#fmg.exec(url, { params, signal: options.signal });
    this.#log.debug(`Unlocked ${describe(target)}`);
  }

  async commit(target: LockTarget, options: { signal?: AbortSignal } = {}): Promise<void> {
    const { url, params } = urlFor(target, 'commit');
    await this.#fmg.exec(url, { params, signal: options.signal });
    this.#log.debug(`Committed ${describe(target)}`);
  }

  /** Who holds locks on `target` (an empty list when nobody does). */
  async lockInfo(target: LockTarget, options: { signal?: AbortSignal } = {}): Promise<LockInfo[]> {
    const { url, params } = urlFor(target, 'lockinfo');
    const data = await this.#fmg.get(url, { params, signal: options.signal });
    if (data === undefined || data === null) return [];
    return (Array.isArray(data) ? data : [data]) as LockInfo[];
  }

  /** Uncommitted changes of an ADOM or a device (FortiManager's own reply). */
  dirty(target: LockTarget, options: { signal?: AbortSignal } = {}): Promise<unknown> {
    const { url, params } = urlFor(target, 'dirty');
    return this.#fmg.get(url, { params, signal: options.signal });
  }

  /**
   * Runs `fn` under a lock of `target`: locks (retrying a lock someone else holds, with jitter),
   * checks with lockinfo that the lock is ours, commits when `fn` succeeds, and always unlocks,
   * also when `fn` throws or the signal aborts. With workspace mode disabled, just runs `fn`.
   *
   * @example
   * await fmg.workspace.withLock('root', async () => {
   *   await fmg.add('/pm/config/adom/root/obj/firewall/address', { data: { name: 'h1', subnet: '10.0.0.1/32' } });
   * });
   */
  async withLock<T>(target: LockTarget, fn: () => Promise<T> | T, options: WithLockOptions = {}): Promise<T> {
    const { signal } = options;
    if ((await this.mode({ signal })) === 'disabled') return fn();
    const lock = await this.#acquire(target, options);
    try {
      await this.#verify(target, signal);
      const result = await fn();
      if (options.commit ?? true) await lock.commit({ signal });
      return result;
    } finally {
      // No caller signal here: an aborted job must still release its lock.
      await lock.unlock().catch((error: unknown) => {
        this.#log.warn(`Could not unlock ${describe(target)}; it is released when the client closes`, {
          error,
        });
      });
    }
  }

  /** Unlocks every lock this client still holds (used by `close()`); failures are logged. */
  async releaseAll(): Promise<void> {
    for (const lock of [...this.#held]) {
      await lock
        .unlock()
        .catch((error: unknown) => this.#log.warn(`Could not unlock ${describe(lock.target)}`, { error }));
    }
  }

  /** @internal Called by a lock once it is released. */
  forget(lock: WorkspaceLock): void {
    this.#held.delete(lock);
  }

  async #acquire(target: LockTarget, options: WithLockOptions): Promise<WorkspaceLock> {
    const attempts = options.attempts ?? 5;
    if (!Number.isInteger(attempts) || attempts < 1)
      throw new ValidationError('attempts must be a positive integer', 'attempts');
    const backoff = { minDelayMs: options.minDelayMs ?? 1_000, maxDelayMs: options.maxDelayMs ?? 10_000 };
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.lock(target, { signal: options.signal });
      } catch (error) {
        if (!(error instanceof WorkspaceLockError) || !error.busy || attempt >= attempts) throw error;
        const delayMs = backoff.minDelayMs / 2 + backoffDelay(attempt, backoff);
        this.#log.info(`${describe(target)} is locked by someone else; retry ${attempt} in ${delayMs} ms`);
        await this.#clock.sleep(delayMs, options.signal);
      }
    }
  }

  async #verify(target: LockTarget, signal: AbortSignal | undefined): Promise<void> {
    const user = this.#auth.user;
    const info = await this.lockInfo(target, { signal });
    const holders = info.map((entry) => entry.lock_user).filter((u): u is string => typeof u === 'string');
    const ours = user === undefined ? holders.length > 0 : holders.includes(user);
    if (!ours) {
      throw new FortixError(
        `Locked ${describe(target)}, but lockinfo shows it held by ${holders.length ? holders.join(', ') : 'nobody'}; ` +
          'another session may have taken it over; nothing was changed',
        { details: { holders } },
      );
    }
  }
}
