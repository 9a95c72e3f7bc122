/**
 * Workspace mode: ADOM, device, package and global locks owned by sessions. In `normal` mode a write
 * needs the lock that covers it (-10147 "no write permission" without one, -20055 when another session
 * holds it); the changes are staged in the lock's layer until commit, and dropped by an unlock without
 * commit, a logout or a session expiry.
 */
import type { Clock } from '../../core/clock.js';
import type { Session } from './sessions.js';
import { FmgCode, fail } from './status.js';
import type { Database } from './store/database.js';
import { Layer } from './store/layer.js';
import type { Topology } from './topology.js';
import { joinPath, keySegments } from './url.js';

export type WorkspaceMode = 'disabled' | 'normal';

/** What a lock covers: a whole ADOM (or the global database), or one device or package in an ADOM. */
export interface LockScope {
  /** ADOM name, or undefined for the global database. */
  readonly adom: string | undefined;
  readonly kind: 'adom' | 'dev' | 'pkg';
  readonly name?: string;
}

interface Lock {
  readonly key: string;
  readonly scope: LockScope;
  readonly owner: Session;
  readonly layer: Layer;
  readonly time: number;
}

function lockKey(scope: LockScope): string {
  const base = scope.adom === undefined ? 'global' : `adom:${scope.adom}`;
  return scope.kind === 'adom' ? base : `${base}:${scope.kind}:${scope.name}`;
}

export class Workspace {
  mode: WorkspaceMode;
  readonly #db: Database;
  readonly #topology: Topology;
  readonly #clock: Clock;
  readonly #locks = new Map<string, Lock>();

  constructor(db: Database, topology: Topology, clock: Clock, mode: WorkspaceMode) {
    this.#db = db;
    this.#topology = topology;
    this.#clock = clock;
    this.mode = mode;
  }

  get lockCount(): number {
    return this.#locks.size;
  }

  owner(scope: LockScope): Session | undefined {
    return this.#locks.get(lockKey(scope))?.owner;
  }

  lock(session: Session, scope: LockScope): void {
    this.#requireEnabled();
    this.#requireExists(scope);
    const key = lockKey(scope);
    const held = this.#locks.get(key);
    if (held) {
      if (held.owner !== session) fail(FmgCode.lockedByOther);
      return;
    }
    const adomLock = this.#locks.get(lockKey({ adom: scope.adom, kind: 'adom' }));
    if (scope.kind !== 'adom') {
      if (adomLock && adomLock.owner !== session) fail(FmgCode.lockedByOther);
      if (adomLock) return; // the ADOM lock already covers it
    }
    const layer = new Layer(this.#db.root);
    if (scope.kind === 'adom') {
      const inside = [...this.#locks.values()].filter((lock) => lock.key.startsWith(`${key}:`));
      if (inside.some((lock) => lock.owner !== session)) fail(FmgCode.lockedByOther);
      for (const lock of inside) {
        lock.layer.transferTo(layer);
        this.#locks.delete(lock.key);
      }
    }
    this.#locks.set(key, { key, scope, owner: session, layer, time: this.#clock.now() });
  }

  unlock(session: Session, scope: LockScope): void {
    this.#requireEnabled();
    const lock = this.#locks.get(lockKey(scope));
    if (!lock) return;
    if (lock.owner !== session) fail(FmgCode.lockedByOther);
    this.#locks.delete(lock.key);
  }

  commit(session: Session, scope: LockScope): void {
    this.#requireEnabled();
    const own = this.#locks.get(lockKey(scope));
    const adomLock = this.#locks.get(lockKey({ adom: scope.adom, kind: 'adom' }));
    const lock = own ?? (scope.kind !== 'adom' ? adomLock : undefined);
    if (!lock) fail(FmgCode.noWritePermission);
    if (lock.owner !== session) fail(FmgCode.lockedByOther);
    lock.layer.commit(lock === own ? undefined : (key) => this.#covers(scope, key));
  }

  /** Releases (and discards the staged changes of) every lock a session holds. */
  releaseAll(session: Session): void {
    for (const lock of [...this.#locks.values()]) if (lock.owner === session) this.#locks.delete(lock.key);
  }

  /** Drops every lock and its staged changes (workspace mode switched off). */
  releaseEvery(): void {
    this.#locks.clear();
  }

  dirty(scope: LockScope): boolean {
    return [...this.#locks.values()].some(
      (lock) =>
        (lock.key === lockKey(scope) || lock.key.startsWith(`${lockKey(scope)}:`)) && lock.layer.changes > 0,
    );
  }

  /** Lock entries in the shape of FortiManager's `lockinfo`. */
  lockinfo(scope: LockScope): Array<Record<string, unknown>> {
    const key = lockKey(scope);
    return [...this.#locks.values()]
      .filter((lock) => lock.key === key || (scope.kind === 'adom' && lock.key.startsWith(`${key}:`)))
      .map((lock) => ({
        adom_dirty: this.dirty({ adom: lock.scope.adom, kind: 'adom' }) ? 1 : 0,
        db_mode: 1,
        dev_oid: lock.scope.kind === 'dev' ? (this.#topology.device(lock.scope.name!)?.oid ?? 0) : 0,
        dirty: lock.layer.changes > 0 ? 1 : 0,
        flags: 0,
        lock_sid: lock.owner.sid,
        lock_time: Math.floor(lock.time / 1000),
        lock_user: lock.owner.user,
        obj_cat: 0,
        obj_oid: 0,
        obj_url: lock.scope.kind === 'adom' ? '' : `${lock.scope.kind}/${lock.scope.name}`,
        type: { adom: 1, dev: 2, pkg: 3 }[lock.scope.kind],
        wfsid: 0,
      }));
  }

  /**
   * The layer a session reads and writes a container through. For writes (`forWrite`) in normal mode,
   * checks the session holds a lock covering the container.
   */
  layerFor(
    session: Session | undefined,
    containerKey: string,
    rowKey: string | undefined,
    forWrite: boolean,
  ): Layer {
    if (this.mode === 'disabled' || (!forWrite && this.#locks.size === 0)) return this.#db.root;
    const scopes = this.#protectingScopes(containerKey, rowKey);
    if (scopes.length === 0) return this.#db.root;
    let otherOwner = false;
    for (const scope of scopes) {
      const lock = this.#locks.get(lockKey(scope));
      if (!lock) continue;
      if (lock.owner === session) return lock.layer;
      otherOwner = true;
    }
    if (!forWrite) return this.#db.root;
    return fail(otherOwner ? FmgCode.lockedByOther : FmgCode.noWritePermission);
  }

  /** Lock scopes that protect a container, most specific first (none: not workspace-controlled). */
  #protectingScopes(containerKey: string, rowKey: string | undefined): LockScope[] {
    const [root, second, third, fourth, fifth, sixth] = keySegments(containerKey);
    if (root === 'pm' && second === 'config' && third === 'adom' && fourth) {
      const adom = { adom: fourth, kind: 'adom' } as const;
      return fifth === 'pkg' && sixth ? [{ adom: fourth, kind: 'pkg', name: sixth }, adom] : [adom];
    }
    if (root === 'pm' && second === 'config' && third === 'global')
      return [{ adom: undefined, kind: 'adom' }];
    if (root === 'pm' && second === 'pkg' && third === 'adom' && fourth) {
      const adom = { adom: fourth, kind: 'adom' } as const;
      return rowKey ? [{ adom: fourth, kind: 'pkg', name: rowKey }, adom] : [adom];
    }
    if (root === 'pm' && second === 'pkg' && third === 'global') return [{ adom: undefined, kind: 'adom' }];
    if (root === 'pm' && second === 'config' && third === 'device' && fourth)
      return this.#deviceScopes(fourth);
    if (root === 'dvmdb' && second === 'adom' && third && fourth) {
      const adom = { adom: third, kind: 'adom' } as const;
      return fourth === 'device' && rowKey ? [{ adom: third, kind: 'dev', name: rowKey }, adom] : [adom];
    }
    return [];
  }

  #deviceScopes(device: string): LockScope[] {
    const adom = this.#topology.adomOfDevice(device);
    return adom === undefined
      ? []
      : [
          { adom, kind: 'dev', name: device },
          { adom, kind: 'adom' },
        ];
  }

  /** Whether a container belongs to a device or package scope (commit of one device/package). */
  #covers(scope: LockScope, containerKey: string): boolean {
    if (scope.kind === 'adom') return true;
    const prefix =
      scope.kind === 'dev'
        ? joinPath(['pm', 'config', 'device', scope.name!])
        : joinPath(['pm', 'config', 'adom', scope.adom ?? '', 'pkg', scope.name!]);
    return (
      containerKey.startsWith(`${prefix}/`) || (scope.kind === 'dev' && containerKey.startsWith('/dvmdb/'))
    );
  }

  #requireEnabled(): void {
    if (this.mode === 'disabled') fail(FmgCode.invalidMethod, 'workspace mode is disabled');
  }

  #requireExists(scope: LockScope): void {
    if (scope.adom !== undefined && !this.#topology.adom(scope.adom)) fail(FmgCode.invalidUrl);
    if (scope.kind === 'dev' && this.#topology.adomOfDevice(scope.name!) !== scope.adom)
      fail(FmgCode.invalidUrl);
    if (scope.kind === 'pkg' && !this.#topology.hasPackage(scope.adom!, scope.name!))
      fail(FmgCode.invalidUrl);
  }
}
