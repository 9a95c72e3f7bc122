import type { Clock } from '../core/clock.js';
import { ApiError, FortixError, TransportError, ValidationError } from '../core/errors.js';
import { isRecord } from '../core/guards.js';
import type { SafeLog } from '../core/logging.js';
import { backoffDelay } from '../core/retry.js';
import { checkSignal } from '../core/timeouts.js';
import type { FortiManagerCalls } from './calls.js';
import { booleanOf, callLimits, integerOf, numberOf, optionsObject } from './checks.js';
import { WorkspaceLockError } from './errors.js';
import type { FmgRecord } from './types.js';
import { fillUrl } from './url-template.js';

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
  signal?: AbortSignal | undefined;
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

/** A lock target, checked, with its description and a URL builder per operation. */
interface Target {
  readonly target: LockTarget;
  readonly what: string;
  url(op: Op): string;
}

/** Checks a lock target (every name escaped as FortiManager reads it) before anything is sent. */
function resolveTarget(target: unknown): Target {
  const t =
    typeof target === 'string'
      ? target === 'global'
        ? { global: true as const }
        : { adom: target }
      : target;
  if (!isRecord(t)) {
    throw new ValidationError(
      "A lock target is an ADOM name, 'global', { adom, device } or { adom, package }",
      'target',
    );
  }
  if (t.global === true) {
    return {
      target: target as LockTarget,
      what: 'the global database',
      url: (op) => `/dvmdb/global/workspace/${op}`,
    };
  }
  if (typeof t.adom !== 'string' || t.adom === '') {
    throw new ValidationError('A lock target needs an adom (or global: true)', 'adom');
  }
  if (t.device !== undefined && t.package !== undefined) {
    throw new ValidationError('A lock target is a device or a package, not both', 'package');
  }
  const adom = t.adom;
  const base = adom === 'global' ? '/dvmdb/global/workspace' : '/dvmdb/adom/{adom}/workspace';
  const params: Record<string, string> = adom === 'global' ? {} : { adom };
  let tail = '';
  let what = `ADOM ${adom}`;
  if (t.device !== undefined) {
    if (typeof t.device !== 'string') throw new ValidationError('device must be a device name', 'device');
    tail = '/dev/{device}';
    params.device = t.device;
    what = `device ${t.device} of ADOM ${adom}`;
  } else if (t.package !== undefined) {
    if (typeof t.package !== 'string') throw new ValidationError('package must be a package path', 'package');
    tail = '/pkg/{pkg_path}';
    params.pkg_path = t.package;
    what = `package ${t.package} of ADOM ${adom}`;
  }
  fillUrl(`${base}/lock${tail}`, params); // every name checked now, before any request
  return { target: target as LockTarget, what, url: (op) => fillUrl(`${base}/${op}${tail}`, params) };
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
      return Promise.reject(
        new FortixError(`Cannot commit ${resolveTarget(this.target).what}: already unlocked`),
      );
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
  readonly #calls: FortiManagerCalls;
  readonly #clock: Clock;
  readonly #log: SafeLog;
  readonly #held = new Set<WorkspaceLock>();
  /**
   * Targets whose lock request may have been granted without this client learning it (a timeout,
   * an abort or a broken reply after sending): checked with lockinfo and released on close.
   */
  readonly #uncertain = new Map<string, Target>();

  constructor(calls: FortiManagerCalls, clock: Clock, log: SafeLog) {
    this.#calls = calls;
    this.#clock = clock;
    this.#log = log;
  }

  /** Reads `workspace-mode`: `'disabled'`, `'normal'` (lock per ADOM) or `'workflow'`. */
  mode(options: { signal?: AbortSignal } = {}): Promise<WorkspaceMode> {
    return this.#calls.track(this.#mode(callLimits(options, 'options').signal));
  }

  /** Locks `target` once (no retry): a `WorkspaceLockError` with `busy` when someone else holds it. */
  lock(target: LockTarget, options: { signal?: AbortSignal } = {}): Promise<WorkspaceLock> {
    return this.#calls.track(
      this.#run(() => this.#lock(resolveTarget(target), callLimits(options, 'options').signal)),
    );
  }

  unlock(target: LockTarget, options: { signal?: AbortSignal } = {}): Promise<void> {
    return this.#calls.track(this.#run(() => this.#op(resolveTarget(target), 'unlock', options)));
  }

  commit(target: LockTarget, options: { signal?: AbortSignal } = {}): Promise<void> {
    return this.#calls.track(this.#run(() => this.#op(resolveTarget(target), 'commit', options)));
  }

  /** Who holds locks on `target` (an empty list when nobody does). */
  lockInfo(target: LockTarget, options: { signal?: AbortSignal } = {}): Promise<LockInfo[]> {
    return this.#calls.track(
      this.#run(() => this.#lockInfo(resolveTarget(target), callLimits(options, 'options').signal)),
    );
  }

  /** Uncommitted changes of an ADOM or a device (FortiManager's own reply). */
  dirty(target: LockTarget, options: { signal?: AbortSignal } = {}): Promise<unknown> {
    return this.#calls.track(
      this.#run(() =>
        this.#calls.get(resolveTarget(target).url('dirty'), {
          signal: callLimits(options, 'options').signal,
        }),
      ),
    );
  }

  /**
   * Runs `fn` under a lock of `target`: locks (retrying a lock someone else holds, with jitter),
   * checks with lockinfo that the lock is ours, commits when `fn` succeeds, and always unlocks,
   * also when `fn` throws or the signal aborts. With workspace mode disabled, just runs `fn`.
   * When the lock stays busy, the error names who holds it.
   *
   * @example
   * await fmg.workspace.withLock('root', async () => {
   *   await fmg.add('/pm/config/adom/root/obj/firewall/address', { data: { name: 'h1', subnet: '10.0.0.1/32' } });
   * });
   */
  withLock<T>(target: LockTarget, fn: () => Promise<T> | T, options: WithLockOptions = {}): Promise<T> {
    return this.#calls.track(this.#run(() => this.#withLock(target, fn, options)));
  }

  /**
   * Unlocks every lock this client still holds, and any it may hold without knowing (used by
   * `close()`); failures are logged.
   */
  async releaseAll(): Promise<void> {
    for (const lock of [...this.#held]) {
      await lock
        .unlock()
        .catch((error: unknown) =>
          this.#log.warn(`Could not unlock ${resolveTarget(lock.target).what}`, { error }),
        );
    }
    for (const target of [...this.#uncertain.values()]) await this.#releaseIfOurs(target);
    this.#uncertain.clear();
  }

  /** @internal Called by a lock once it is released. */
  forget(lock: WorkspaceLock): void {
    this.#held.delete(lock);
  }

  /** Runs `work` now, its synchronous throws (bad arguments) as a rejection. */
  async #run<T>(work: () => Promise<T>): Promise<T> {
    return work();
  }

  async #mode(signal: AbortSignal | undefined): Promise<WorkspaceMode> {
    const data = await this.#calls.get('/cli/global/system/global', { fields: ['workspace-mode'], signal });
    const value = isRecord(data) ? data['workspace-mode'] : undefined;
    const mode = MODES[String(value)];
    if (!mode)
      throw new FortixError(`Unknown workspace-mode ${JSON.stringify(value)} in /cli/global/system/global`);
    return mode;
  }

  async #lock(target: Target, signal: AbortSignal | undefined): Promise<WorkspaceLock> {
    const url = target.url('lock');
    try {
      await this.#calls.exec(url, { signal });
    } catch (error) {
      if (mayHaveApplied(error)) this.#uncertain.set(url, target);
      throw error;
    }
    this.#uncertain.delete(url);
    const lock = new WorkspaceLock(this, target.target);
    this.#held.add(lock);
    this.#log.debug(`Locked ${target.what}`);
    return lock;
  }

  async #op(target: Target, op: 'unlock' | 'commit', options: unknown): Promise<void> {
    await this.#calls.exec(target.url(op), { signal: callLimits(options, 'options').signal });
    this.#log.debug(`${op === 'unlock' ? 'Unlocked' : 'Committed'} ${target.what}`);
  }

  async #lockInfo(target: Target, signal: AbortSignal | undefined): Promise<LockInfo[]> {
    const data = await this.#calls.get(target.url('lockinfo'), { signal });
    if (data === undefined || data === null) return [];
    return (Array.isArray(data) ? data : [data]) as LockInfo[];
  }

  async #withLock<T>(target: LockTarget, fn: () => Promise<T> | T, options: WithLockOptions): Promise<T> {
    // Everything is checked before the first request.
    const resolved = resolveTarget(target);
    if (typeof fn !== 'function')
      throw new ValidationError('withLock needs the work to run as a function', 'fn');
    const o = optionsObject(options, 'options') ?? {};
    const signal = checkSignal(o.signal);
    const attempts = integerOf(o.attempts, 'attempts', 1) ?? 5;
    const minDelayMs = numberOf(o.minDelayMs, 'minDelayMs', 0) ?? 1_000;
    const maxDelayMs = numberOf(o.maxDelayMs, 'maxDelayMs', minDelayMs) ?? Math.max(10_000, minDelayMs);
    const commit = booleanOf(o.commit, 'commit') ?? true;
    if ((await this.#mode(signal)) === 'disabled') return fn();
    const lock = await this.#acquire(resolved, { attempts, minDelayMs, maxDelayMs }, signal);
    try {
      await this.#verify(resolved, signal);
      const result = await fn();
      if (commit) await lock.commit({ signal });
      return result;
    } finally {
      // No caller signal here: an aborted job must still release its lock.
      await lock.unlock().catch((error: unknown) => {
        this.#log.warn(`Could not unlock ${resolved.what}; it is released when the client closes`, {
          error,
        });
      });
    }
  }

  async #acquire(
    target: Target,
    backoff: { attempts: number; minDelayMs: number; maxDelayMs: number },
    signal: AbortSignal | undefined,
  ): Promise<WorkspaceLock> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.#lock(target, signal);
      } catch (error) {
        if (this.#uncertain.has(target.url('lock'))) await this.#releaseIfOurs(target);
        if (!(error instanceof WorkspaceLockError) || !error.busy) throw error;
        if (attempt >= backoff.attempts) throw await this.#busy(target, error);
        const delayMs = backoff.minDelayMs / 2 + backoffDelay(attempt, backoff);
        this.#log.info(`${target.what} is locked by someone else; retry ${attempt} in ${delayMs} ms`);
        await this.#clock.sleep(delayMs, signal);
      }
    }
  }

  /** The busy error again, naming who holds the lock (from lockinfo) and since when. */
  async #busy(target: Target, error: WorkspaceLockError): Promise<WorkspaceLockError> {
    const info = await this.#lockInfo(target, undefined).catch(() => [] as LockInfo[]);
    const holders = info.filter((entry) => typeof entry.lock_user === 'string');
    if (holders.length === 0) return error;
    const named = holders
      .map((entry) =>
        typeof entry.lock_time === 'number'
          ? `${entry.lock_user} (since ${new Date(entry.lock_time * 1000).toISOString()})`
          : String(entry.lock_user),
      )
      .join(', ');
    return new WorkspaceLockError(
      {
        code: error.apiCode,
        message: error.apiMessage ?? '',
        method: error.method,
        url: error.url,
        requestId: typeof error.requestId === 'number' ? error.requestId : undefined,
      },
      `${target.what} is held by ${named}; try again later, or ask them to unlock it`,
      { cause: error, details: { holders: holders.map((entry) => entry.lock_user) } },
    );
  }

  async #verify(target: Target, signal: AbortSignal | undefined): Promise<void> {
    const user = this.#calls.user;
    const info = await this.#lockInfo(target, signal);
    const holders = info.map((entry) => entry.lock_user).filter((u): u is string => typeof u === 'string');
    const ours = user === undefined ? holders.length > 0 : holders.includes(user);
    if (!ours) {
      throw new FortixError(
        `Locked ${target.what}, but lockinfo shows it held by ${holders.length ? holders.join(', ') : 'nobody'}; ` +
          'another session may have taken it over; nothing was changed',
        { details: { holders } },
      );
    }
  }

  /** Unlocks `target` when lockinfo shows it held by this client's user (best effort, logged). */
  async #releaseIfOurs(target: Target): Promise<void> {
    try {
      const user = this.#calls.user;
      const holders = (await this.#lockInfo(target, undefined)).map((entry) => entry.lock_user);
      if (holders.length === 0 || (user !== undefined && !holders.includes(user))) return;
      await this.#calls.exec(target.url('unlock'), {});
      this.#uncertain.delete(target.url('lock'));
      this.#log.info(`Released ${target.what}: its lock request had failed, but FortiManager had granted it`);
    } catch (error) {
      this.#log.warn(`Could not check or release ${target.what} after a failed lock request`, { error });
    }
  }
}

/** True when a failed request may still have been applied by FortiManager. */
function mayHaveApplied(error: unknown): boolean {
  if (error instanceof ApiError || error instanceof ValidationError) return false;
  return !(error instanceof TransportError) || error.requestSent;
}
