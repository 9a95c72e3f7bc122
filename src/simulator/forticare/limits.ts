/** FortiCare's documented limits per API user. */
export interface SimLimits {
  callsPerMinute: number;
  callsPerHour: number;
  errorsPerHour: number;
  unitsPerBatch: number;
  errorsPerBatch: number;
}

export const DOCUMENTED_LIMITS: Readonly<SimLimits> = Object.freeze({
  callsPerMinute: 100,
  callsPerHour: 1000,
  errorsPerHour: 10,
  unitsPerBatch: 10,
  errorsPerBatch: 5,
});

const MINUTE = 60_000;
const HOUR = 3_600_000;

/** Why a call was refused, and for how long. */
export interface Refusal {
  reason: string;
  retryAfterMs: number;
}

/**
 * Sliding windows per API user, exactly as documented: at most `callsPerMinute` calls in any 60 s,
 * `callsPerHour` in any hour; once `errorsPerHour` calls failed within an hour, every call is refused
 * until the oldest failure is an hour old.
 */
export class LimitEnforcer {
  readonly limits: SimLimits;
  readonly #starts = new Map<string, number[]>();
  readonly #errors = new Map<string, number[]>();

  constructor(limits: SimLimits) {
    this.limits = limits;
  }

  /** Admits the call (recording its start) or says why not. */
  admit(user: string, now: number): Refusal | undefined {
    const starts = recent(this.#starts, user, now - HOUR);
    const errors = recent(this.#errors, user, now - HOUR);
    const { callsPerMinute, callsPerHour, errorsPerHour } = this.limits;
    if (errors.length >= errorsPerHour) {
      return {
        reason: `Error limit reached: ${errors.length} failed calls in the last hour (limit ${errorsPerHour}).`,
        retryAfterMs: errors[errors.length - errorsPerHour]! + HOUR - now,
      };
    }
    if (starts.length >= callsPerHour) {
      return {
        reason: `Rate limit reached: ${callsPerHour} calls per hour.`,
        retryAfterMs: starts[starts.length - callsPerHour]! + HOUR - now,
      };
    }
    const lastMinute = countAfter(starts, now - MINUTE);
    if (lastMinute >= callsPerMinute) {
      return {
        reason: `Rate limit reached: ${callsPerMinute} calls per minute.`,
        retryAfterMs: starts[starts.length - callsPerMinute]! + MINUTE - now,
      };
    }
    starts.push(now);
    return undefined;
  }

  recordError(user: string, now: number): void {
    recent(this.#errors, user, now - HOUR).push(now);
  }
}

/** The user's timestamps newer than `since` (older ones dropped), oldest first. */
function recent(map: Map<string, number[]>, user: string, since: number): number[] {
  let times = map.get(user);
  if (!times) {
    times = [];
    map.set(user, times);
  }
  let drop = 0;
  while (drop < times.length && times[drop]! <= since) drop++;
  if (drop > 0) times.splice(0, drop);
  return times;
}

function countAfter(times: readonly number[], since: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid]! > since) hi = mid;
    else lo = mid + 1;
  }
  return times.length - lo;
}
