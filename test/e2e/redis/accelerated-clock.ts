import { type Clock, systemClock } from '../../../src/core/clock.js';

/**
 * Real time, `speed` times faster: a simulated minute passes in 60 / speed real seconds. The
 * simulator and the clients each run on one, so that tokens and server windows agree, while the
 * limiter (timed by Redis) uses windows shortened by the same factor.
 */
export function acceleratedClock(speed: number, start = Date.UTC(2026, 0, 1)): Clock {
  const origin = performance.now();
  return {
    now: () => start + (performance.now() - origin) * speed,
    sleep: (ms, signal) => systemClock.sleep(ms / speed, signal),
  };
}
