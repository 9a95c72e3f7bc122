import type { Clock } from '../core/clock.js';
import {
  type LimiterState,
  LimiterStoreUnavailableError,
  type LimitSpec,
  type TakeResult,
} from '../core/limiter-store.js';
import type { SafeLog } from '../core/logging.js';
import { MemoryLimiterState } from '../core/memory-store.js';
import type { ScriptOp, ScriptReply, scriptArgs } from './script.js';

export interface StateKeys {
  starts: string;
  errors: string;
  meta: string;
}

export interface RedisStateDeps {
  /** The limited party, for messages. */
  name: string;
  keys: StateKeys;
  spec: LimitSpec;
  clock: Clock;
  /** Runs the script once; rejects with LimiterStoreUnavailableError. */
  step(keys: StateKeys, op: ScriptOp, args: Parameters<typeof scriptArgs>[2]): Promise<ScriptReply>;
  whenUnavailable: 'fail' | 'local';
  log: SafeLog;
  where: string;
  /** Told whether errors wait to be written, so that the store can write them when it closes. */
  pending(state: RedisLimiterState, waiting: boolean): void;
}

const STARTED: TakeResult = Object.freeze({ kind: 'started' });
/** How soon Redis is asked again after it failed: errors not written, and (with a local stand-in) calls. */
const RETRY_MS = 1000;

/**
 * One limited party's limits, kept in Redis. Every start is decided by the script; failed calls
 * are written at once and, while Redis cannot be reached, kept here (with their estimated server
 * time) and written as soon as it answers again. The synchronous views (errors remaining, delay)
 * are those of the last answer.
 */
export class RedisLimiterState implements LimiterState {
  readonly #d: RedisStateDeps;
  readonly #longestMs: number;
  /** The Redis run id of the last answer: a change means Redis restarted. */
  #knownRunId = '';
  #errorsRemaining: number;
  /** Local clock time at which the next start was possible, at the last answer. */
  #nextAt = 0;
  /** Server time minus local time, from the last answer (unknown before the first). */
  #offset: number | undefined;
  #heldSince = 0;
  /** Server times of starts and errors Redis has not heard of yet. */
  #pendingStarts: number[] = [];
  #pendingErrors: number[] = [];
  /** The stand-in while Redis cannot be reached (whenUnavailable: 'local'). */
  #local: MemoryLimiterState | undefined;
  /** Until then (local clock), calls go to the stand-in without asking Redis, which may hang. */
  #localUntil = 0;
  #flushing: Promise<void> | undefined;
  #retry: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(deps: RedisStateDeps) {
    this.#d = deps;
    const budget = deps.spec.errorBudget;
    this.#errorsRemaining = budget?.limit ?? Number.POSITIVE_INFINITY;
    this.#longestMs = Math.max(budget?.intervalMs ?? 0, ...deps.spec.windows.map((w) => w.intervalMs));
  }

  async take(risky: boolean): Promise<TakeResult> {
    if (this.#local && this.#d.clock.now() < this.#localUntil) return this.#takeLocally(risky);
    let reply: ScriptReply;
    try {
      reply = await this.#step('take', risky);
    } catch (error) {
      if (!(error instanceof LimiterStoreUnavailableError) || this.#d.whenUnavailable !== 'local')
        throw error;
      this.#fallBack(error);
      return this.#takeLocally(risky);
    }
    if (reply.verdict === 'started') return STARTED;
    if (reply.verdict === 'wait') return { kind: 'wait', waitMs: reply.ms };
    const limit = this.#d.spec.errorBudget?.limit ?? 0;
    return { kind: 'refused', errors: limit - reply.errorsRemaining, retryAfterMs: reply.ms };
  }

  recordError(): void {
    if (!this.#d.spec.errorBudget) return;
    this.#errorsRemaining = Math.max(0, this.#errorsRemaining - 1);
    this.#local?.recordError();
    this.#pendingErrors.push(this.#serverNow());
    void this.#flush();
  }

  errorsRemaining(): number {
    return Math.min(this.#errorsRemaining, this.#local?.errorsRemaining() ?? Number.POSITIVE_INFINITY);
  }

  delayUntilNext(): number {
    if (this.#local) return this.#local.delayUntilNext();
    return Math.max(0, this.#nextAt - this.#d.clock.now());
  }

  /** Writes the errors still pending (once, best effort) and stops retrying. */
  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#retry);
    await this.#flush();
  }

  /** One script step that also hands Redis whatever it has not heard of yet. */
  async #step(op: ScriptOp, risky = false): Promise<ScriptReply> {
    const { clock, keys } = this.#d;
    const starts = this.#pendingStarts.splice(0);
    const errors = this.#pendingErrors.splice(0);
    const sentAt = clock.now();
    let reply: ScriptReply;
    try {
      reply = await this.#d.step(keys, op, { knownRunId: this.#knownRunId, risky, starts, errors });
    } catch (error) {
      this.#pendingStarts.unshift(...starts);
      this.#pendingErrors.unshift(...errors);
      throw error;
    }
    const receivedAt = clock.now();
    this.#offset = reply.serverNow - (sentAt + receivedAt) / 2;
    if (this.#pendingErrors.length === 0) this.#d.pending(this, false);
    this.#noticeChanges(reply);
    // Errors recorded while the step was on its way are not in the answer yet.
    this.#errorsRemaining = Math.max(0, reply.errorsRemaining - this.#pendingErrors.length);
    this.#nextAt = receivedAt + reply.nextMs;
    return reply;
  }

  #noticeChanges(reply: ScriptReply): void {
    const { log, where, name } = this.#d;
    if (this.#local) {
      this.#local = undefined;
      log.info(`The Redis limiter store at ${where} answers again: the limits of ${name} are shared again`);
    }
    if (this.#knownRunId && reply.runId !== this.#knownRunId) {
      log.warn(`Redis at ${where} restarted (new run id): its history of calls may be lost`);
    }
    this.#knownRunId = reply.runId;
    const heldUntil = reply.hold + this.#longestMs;
    if (reply.hold > this.#heldSince && heldUntil > reply.serverNow) {
      log.warn(
        `The shared history of ${name} may be incomplete (Redis restarted, lost keys, or is younger ` +
          `than the longest window), so calls are held back until ${new Date(heldUntil).toISOString()} ` +
          'rather than risk exceeding the limits. If no call was made under these limits lately, ' +
          'store.reset(key) ends the hold.',
      );
    }
    this.#heldSince = Math.max(this.#heldSince, reply.hold);
  }

  #fallBack(error: LimiterStoreUnavailableError): void {
    this.#localUntil = this.#d.clock.now() + RETRY_MS;
    if (!this.#local) {
      const local = new MemoryLimiterState(this.#d.spec, this.#d.clock);
      // The errors Redis last knew of still count.
      const budget = this.#d.spec.errorBudget;
      if (budget) for (let i = this.#errorsRemaining; i < budget.limit; i++) local.recordError();
      this.#local = local;
      this.#d.log.warn(
        `${error.message} Keeping the limits of ${this.#d.name} in this process alone until ` +
          'Redis is back: calls of other processes are not counted meanwhile.',
      );
    }
  }

  #takeLocally(risky: boolean): TakeResult {
    const result = this.#local!.take(risky);
    if (result.kind === 'started') {
      const now = this.#serverNow();
      if (now > 0) this.#pendingStarts = this.#pendingStarts.filter((t) => t > now - this.#longestMs);
      this.#pendingStarts.push(now);
    }
    return result;
  }

  #flush(): Promise<void> {
    if (this.#flushing || this.#pendingErrors.length === 0) return this.#flushing ?? Promise.resolve();
    this.#flushing = this.#step('record').then(
      () => {
        this.#flushing = undefined;
        if (this.#pendingErrors.length > 0) void this.#flush();
      },
      () => {
        this.#flushing = undefined;
        this.#retryLater();
      },
    );
    return this.#flushing;
  }

  #retryLater(): void {
    this.#d.pending(this, true);
    if (this.#closed || this.#retry) return;
    this.#retry = setTimeout(() => {
      this.#retry = undefined;
      void this.#flush();
    }, RETRY_MS);
    this.#retry.unref();
  }

  /** The server's time now, as far as known; 0 (the script reads it as "now") before Redis ever answered. */
  #serverNow(): number {
    return this.#offset === undefined ? 0 : this.#d.clock.now() + this.#offset;
  }
}
