/**
 * `fortix/redis`: rate limits and error budgets shared by every process and machine that uses the
 * same API user, kept in Redis. Needs the optional peer dependency `ioredis`; nothing else in
 * fortix loads it.
 *
 * @example
 * import { createFortiCareLimiter, FortiCare } from 'fortix/forticare';
 * import { createRedisLimiterStore } from 'fortix/redis';
 *
 * await using store = createRedisLimiterStore({ url: 'redis://redis.internal:6379' });
 * const limiter = createFortiCareLimiter({}, { store, apiUser: process.env.FC_API_ID });
 * await using fc = new FortiCare({ username: process.env.FC_API_ID, password: process.env.FC_PASSWORD, limiter });
 */
export type { LimiterStore } from '../core/limiter-store.js';
export { LimiterStoreUnavailableError } from '../core/limiter-store.js';
export { createRedisLimiterStore, RedisLimiterStore, type RedisLimiterStoreOptions } from './store.js';
