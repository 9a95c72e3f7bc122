import { createHash } from 'node:crypto';
import { type Cluster, Redis } from 'ioredis';
import type { Clock } from '../core/clock.js';
import { ValidationError } from '../core/errors.js';
import {
  type LimiterState,
  type LimiterStore,
  LimiterStoreUnavailableError,
  type LimitSpec,
} from '../core/limiter-store.js';
import { type Logger, Redactor, SafeLog } from '../core/logging.js';
import { LIMITER_SCRIPT, parseReply, type ScriptOp, type ScriptReply, scriptArgs } from './script.js';
import { RedisLimiterState, type StateKeys } from './state.js';

export interface RedisLimiterStoreOptions {
  /** `redis://` or `rediss://` URL; the store opens its own connection and closes it on `close()`. */
  url?: string;
  /** Or an ioredis client (`Redis` or `Cluster`) that the store uses and leaves open. */
  client?: Redis | Cluster;
  /** Put in front of every key. Default `fortix:limits:`. */
  prefix?: string;
  /** A Redis command that takes longer counts as Redis being unreachable. Default 1000 ms. */
  timeoutMs?: number;
  /**
   * When Redis cannot be reached: `'fail'` (default) rejects every call with a
   * `LimiterStoreUnavailableError`, nothing is sent; `'local'` keeps the limits in this process
   * alone, with a warning, and tells Redis about those calls once it is back. With `'local'` a
   * fleet of N processes may make up to N times the calls during the outage.
   */
  whenUnavailable?: 'fail' | 'local';
  /** Warnings (Redis unreachable, restarted) and their recovery. */
  logger?: Logger;
}

const SCRIPT_SHA = createHash('sha1').update(LIMITER_SCRIPT).digest('hex');
const NO_LIMITS: LimitSpec = { windows: [], errorBudget: undefined };

/**
 * Keeps rate limits and error budgets in Redis, so that every process and machine that limits
 * the same key (say an API user) shares them. Each step is one Lua script: atomic, and timed by
 * the Redis server's clock, so clock skew between machines does not matter. When the history may
 * have been lost (Redis restarted, or keys vanished), the store holds back one full window of
 * each limit rather than let a burst through.
 *
 * @example
 * import { createRedisLimiterStore } from 'fortix/redis';
 * const store = createRedisLimiterStore({ url: process.env.REDIS_URL });
 * const limiter = createFortiCareLimiter({}, { store, apiUser: process.env.FC_API_ID });
 */
export class RedisLimiterStore implements LimiterStore, AsyncDisposable {
  readonly #client: Redis | Cluster;
  readonly #owned: boolean;
  readonly #prefix: string;
  readonly #timeoutMs: number;
  readonly #whenUnavailable: 'fail' | 'local';
  readonly #log: SafeLog;
  readonly #redactor = new Redactor();
  readonly #where: string;
  /** States with errors not written yet. */
  readonly #pending = new Set<RedisLimiterState>();
  #everReady: boolean;
  #closed = false;

  constructor(options: RedisLimiterStoreOptions) {
    if ((options.url === undefined) === (options.client === undefined)) {
      throw new ValidationError('Give the Redis limiter store either a url or a client', 'url');
    }
    const timeoutMs = options.timeoutMs ?? 1000;
    if (!(timeoutMs > 0) || !Number.isFinite(timeoutMs)) {
      throw new ValidationError('timeoutMs must be a positive number of milliseconds', 'timeoutMs');
    }
    const whenUnavailable = options.whenUnavailable ?? 'fail';
    if (whenUnavailable !== 'fail' && whenUnavailable !== 'local') {
      throw new ValidationError("whenUnavailable must be 'fail' or 'local'", 'whenUnavailable');
    }
    this.#log = new SafeLog(options.logger, this.#redactor);
    this.#prefix = options.prefix ?? 'fortix:limits:';
    this.#timeoutMs = timeoutMs;
    this.#whenUnavailable = whenUnavailable;
    if (options.url !== undefined) {
      const url = parseUrl(options.url);
      this.#redactor.addSecret(decodeURIComponent(url.password) || undefined);
      this.#where = url.host;
      this.#client = new Redis(options.url, {
        lazyConnect: true,
        // Fail fast instead of queueing while disconnected: the limiter must not guess.
        enableOfflineQueue: false,
        maxRetriesPerRequest: 0,
        retryStrategy: (attempt) => Math.min(50 * attempt, 1000),
      });
      this.#client.on('error', (error: Error) => this.#log.debug(`Redis ${this.#where}: ${error.message}`));
      this.#owned = true;
    } else {
      this.#client = options.client!;
      this.#where = describeClient(this.#client);
      this.#owned = false;
    }
    this.#everReady = this.#client.status === 'ready';
    this.#client.on('ready', () => {
      this.#everReady = true;
    });
  }

  open(key: string | undefined, spec: LimitSpec, clock: Clock): LimiterState {
    if (this.#closed) throw new ValidationError('This Redis limiter store is closed', 'store');
    return new RedisLimiterState({
      name: key!,
      keys: this.#keys(key),
      spec,
      clock,
      step: (keys, op, args) => this.#run(keys, op, spec, args),
      whenUnavailable: this.#whenUnavailable,
      log: this.#log,
      where: this.#where,
      pending: (state, waiting) => (waiting ? this.#pending.add(state) : this.#pending.delete(state)),
    });
  }

  /**
   * Forgets the history of `key` (for FortiCare `fortiCareLimiterKey(apiUser)`), including a hold
   * after a restart. Only for when you know that no call was made under these limits within the
   * longest window, say on a Redis that was just started for a new fleet.
   */
  async reset(key: string): Promise<void> {
    await this.#run(this.#keys(key), 'reset', NO_LIMITS, { knownRunId: '' });
  }

  /** Writes the errors still pending, then closes the connection the store opened itself. Idempotent. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await Promise.all([...this.#pending].map((state) => state.close()));
    if (!this.#owned) return;
    if (this.#client.status === 'ready') await this.#client.quit().catch(() => undefined);
    else this.#client.disconnect();
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  #keys(key: string | undefined): StateKeys {
    if (!key) throw new ValidationError('A Redis limiter store needs the key of the limited party', 'key');
    // The braces are a hash tag: the three keys stay on one node of a Redis Cluster.
    const base = `${this.#prefix}{${key.replace(/[%{}]/g, (c) => encodeURIComponent(c))}}`;
    return { starts: `${base}:starts`, errors: `${base}:errors`, meta: `${base}:meta` };
  }

  async #run(
    keys: StateKeys,
    op: ScriptOp,
    spec: LimitSpec,
    step: Parameters<typeof scriptArgs>[2],
  ): Promise<ScriptReply> {
    const args = [keys.starts, keys.errors, keys.meta, ...scriptArgs(op, spec, step)];
    try {
      await this.#ready();
      const reply = await this.#timed(
        this.#client.evalsha(SCRIPT_SHA, 3, ...args).catch((error: unknown) => {
          if (!String((error as Error)?.message).startsWith('NOSCRIPT')) throw error;
          return this.#client.eval(LIMITER_SCRIPT, 3, ...args);
        }),
      );
      return parseReply(reply);
    } catch (error) {
      if (error instanceof LimiterStoreUnavailableError) throw error;
      throw this.#unavailable((error as Error)?.message ?? String(error), error);
    }
  }

  async #ready(): Promise<void> {
    const client = this.#client;
    if (client.status === 'ready') return;
    if (this.#closed) throw this.#unavailable('the store is closed');
    // Once connected, a lost connection fails calls at once; only the first connect is waited for.
    if (this.#everReady) throw this.#unavailable(`not connected (${client.status})`);
    if (client.status === 'wait') client.connect().catch(() => undefined);
    let onReady: (() => void) | undefined;
    try {
      await this.#timed(
        new Promise<void>((resolve) => {
          onReady = resolve;
          client.once('ready', onReady);
        }),
      );
    } finally {
      client.off('ready', onReady!);
    }
  }

  #timed<T>(promise: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(this.#unavailable(`no answer within ${this.#timeoutMs} ms`)),
        this.#timeoutMs,
      );
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
  }

  #unavailable(reason: string, cause?: unknown): LimiterStoreUnavailableError {
    const message =
      `The Redis limiter store at ${this.#where} cannot be asked (${reason}); the call was not sent. ` +
      "The limits are shared through Redis, so calls fail until it is back (or set whenUnavailable: 'local').";
    return new LimiterStoreUnavailableError(this.#redactor.redactText(message), {
      cause,
      details: { where: this.#where },
    });
  }
}

/** A store from `url` (its own connection) or `client` (yours, left open). */
export function createRedisLimiterStore(options: RedisLimiterStoreOptions): RedisLimiterStore {
  return new RedisLimiterStore(options);
}

function parseUrl(text: string): URL {
  try {
    const url = new URL(text);
    if (url.protocol === 'redis:' || url.protocol === 'rediss:') return url;
  } catch {
    // reported below
  }
  throw new ValidationError('url must be a redis:// or rediss:// URL', 'url');
}

function describeClient(client: Redis | Cluster): string {
  if (client instanceof Redis) return `${client.options.host ?? 'localhost'}:${client.options.port ?? 6379}`;
  return 'a Redis Cluster';
}
