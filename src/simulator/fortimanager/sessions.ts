import { randomBytes } from 'node:crypto';
import type { Clock } from '../../core/clock.js';

type SessionKind = 'login' | 'cloud' | 'apikey';

export interface Session {
  /** The opaque session string the client sends back (base64, like FortiManager's). */
  readonly id: string;
  /** A small number identifying the session in lock information (`lock_sid`). */
  readonly sid: number;
  readonly user: string;
  readonly kind: SessionKind;
  lastSeen: number;
  /** Requests served on this session: FortiManager answers the count as the envelope's `cid`. */
  calls: number;
}

/**
 * Login sessions with an idle timeout measured on the simulator's clock, plus one permanent
 * pseudo-session per API key (so that locks taken with an API key have an owner). `onEnd` runs when a
 * session ends (logout, expiry, stale-session fault) so that its workspace locks are released.
 */
export class SessionStore {
  readonly #clock: Clock;
  readonly #sessions = new Map<string, Session>();
  readonly #onEnd: (session: Session) => void;
  #idleMs: number;
  #nextSid = 1;
  #lastSweep = 0;

  constructor(clock: Clock, idleMs: number, onEnd: (session: Session) => void) {
    this.#clock = clock;
    this.#idleMs = idleMs;
    this.#onEnd = onEnd;
  }

  set idleTimeoutMs(ms: number) {
    this.#idleMs = ms;
    this.sweep();
  }

  /** Live login sessions (API-key pseudo-sessions are not counted). */
  get count(): number {
    this.sweep();
    let count = 0;
    for (const session of this.#sessions.values()) if (session.kind !== 'apikey') count++;
    return count;
  }

  create(user: string, kind: SessionKind): Session {
    const id = kind === 'apikey' ? `apikey:${user}` : randomBytes(64).toString('base64');
    const session: Session = { id, sid: this.#nextSid++, user, kind, lastSeen: this.#clock.now(), calls: 0 };
    this.#sessions.set(id, session);
    return session;
  }

  /** The permanent pseudo-session of an API user. */
  apiSession(user: string): Session {
    return this.#sessions.get(`apikey:${user}`) ?? this.create(user, 'apikey');
  }

  /** The live session for `id`, its idle timer restarted; undefined when unknown or expired. */
  touch(id: string): Session | undefined {
    const session = this.#sessions.get(id);
    if (!session) return undefined;
    const now = this.#clock.now();
    if (this.#expired(session, now)) {
      this.end(id);
      return undefined;
    }
    session.lastSeen = now;
    this.#maybeSweep(now);
    return session;
  }

  end(id: string): boolean {
    const session = this.#sessions.get(id);
    if (!session) return false;
    this.#sessions.delete(id);
    this.#onEnd(session);
    return true;
  }

  /** Ends every login session (API-key pseudo-sessions stay). */
  endAll(): void {
    for (const session of [...this.#sessions.values()]) if (session.kind !== 'apikey') this.end(session.id);
  }

  /** Ends the sessions whose idle time is over. */
  sweep(): void {
    const now = this.#clock.now();
    this.#lastSweep = now;
    for (const session of [...this.#sessions.values()]) if (this.#expired(session, now)) this.end(session.id);
  }

  #maybeSweep(now: number): void {
    if (now - this.#lastSweep >= 1000) this.sweep();
  }

  #expired(session: Session, now: number): boolean {
    return session.kind !== 'apikey' && now - session.lastSeen > this.#idleMs;
  }
}
