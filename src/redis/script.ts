import type { LimitSpec } from '../core/limiter-store.js';

/**
 * One atomic step on the shared history of one limited party, timed by the Redis server's clock
 * (the machines' clocks may disagree; Redis has one).
 *
 * KEYS: starts (zset of call starts), errors (zset of failed calls), meta (hash: run = the Redis
 * run id that last wrote, hold = since when a possibly lost history counts as full, keep = the
 * longest interval any limiter asked for, seq = member counter).
 * ARGV: op ('take' | 'record': only add the times below | 'reset'), the run id this client saw last ('' = none), risky (1/0),
 * the windows (count, then limit and interval of each), the error budget (limit (0 = none),
 * interval, reserve, lockout 1/0), then times to add (0 = now): starts (count, times) and errors
 * (count, times), of calls made while Redis could not be reached and of failed calls.
 * Reply: { verdict ('started' | 'wait' | 'refused' | 'ok'), wait or retry-after ms, ms until the
 * next start, errors remaining (-1 = no budget), run id, server time ms, hold (0 = none) }.
 */
export const LIMITER_SCRIPT = `
local startsKey, errorsKey, metaKey = KEYS[1], KEYS[2], KEYS[3]
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local info = redis.call('INFO', 'server')
local run = string.match(info, 'run_id:(%x+)')
local uptime = tonumber(string.match(info, 'uptime_in_seconds:(%d+)')) * 1000

local i = 1
local function arg() i = i + 1; return ARGV[i - 1] end
local function num() return tonumber(arg()) end
local function fmt(x) return string.format('%.3f', x) end

local op, known, risky = arg(), arg(), num() == 1
local windows, longest = {}, 0
for w = 1, num() do
  windows[w] = { num(), num() }
  longest = math.max(longest, windows[w][2])
end
local bLimit, bInterval, bReserve, bLockout = num(), num(), num(), num() == 1
longest = math.max(longest, bInterval)

if op == 'reset' then
  redis.call('DEL', startsKey, errorsKey)
  redis.call('HSET', metaKey, 'run', run, 'hold', '0')
  return { 'ok', '0', '0', tostring(bLimit > 0 and bLimit or -1), run, fmt(now), '0' }
end

-- A history that may be lost counts as full for one interval of each limit, from 'hold':
-- a restart (with or without persistence: a snapshot may be old), keys lost under a client's
-- eyes, or a young server whose past is unknown.
local hold = tonumber(redis.call('HGET', metaKey, 'hold') or '0')
local seen = redis.call('HGET', metaKey, 'run')
if seen ~= run then
  local since
  if seen or known ~= '' then since = now
  elseif uptime < longest then since = now - uptime end
  if since and since > hold then
    hold = since
    redis.call('HSET', metaKey, 'hold', fmt(hold))
  end
  redis.call('HSET', metaKey, 'run', run)
end

-- Keep what the most patient limiter needs: limiters of the same party may differ.
local keep = tonumber(redis.call('HGET', metaKey, 'keep') or '0')
if longest > keep then
  keep = longest
  redis.call('HSET', metaKey, 'keep', fmt(keep))
end

local function add(key, time)
  local seq = redis.call('HINCRBY', metaKey, 'seq', 1)
  redis.call('ZADD', key, fmt(time), seq)
end
local function addAll(key)
  for _ = 1, num() do
    local time = num()
    add(key, time > 0 and time or now)
  end
end
addAll(startsKey)
addAll(errorsKey)

local function recentErrors()
  if bLimit == 0 then return 0 end
  if now < hold + bInterval then return bLimit end
  return redis.call('ZCOUNT', errorsKey, '(' .. fmt(now - bInterval), '+inf')
end

-- ms until the call may come back, or nil when the budget allows it
local function refusal(recent)
  local floor
  if bLimit == 0 then return nil end
  if risky then floor = bReserve elseif bLockout then floor = 0 else return nil end
  if bLimit - recent > floor then return nil end
  if now < hold + bInterval then return hold + bInterval - now end
  local e = redis.call('ZREVRANGE', errorsKey, bLimit - floor - 1, bLimit - floor - 1, 'WITHSCORES')
  return tonumber(e[2]) + bInterval - now
end

-- ms until every window has room for one more start (<= 0: now)
local function delay()
  local wait = -1
  for _, w in ipairs(windows) do
    local limit, interval = w[1], w[2]
    local free = 0
    if now < hold + interval then
      free = hold + interval
    elseif redis.call('ZCOUNT', startsKey, '(' .. fmt(now - interval), '+inf') >= limit then
      local s = redis.call('ZREVRANGE', startsKey, limit - 1, limit - 1, 'WITHSCORES')
      free = tonumber(s[2]) + interval
    end
    wait = math.max(wait, free - now)
  end
  return wait
end

local verdict, ms = 'ok', 0
if op == 'take' then
  local retry = refusal(recentErrors())
  if retry then
    verdict, ms = 'refused', retry
  else
    ms = delay()
    if ms > 0 then
      verdict = 'wait'
    else
      verdict, ms = 'started', 0
      add(startsKey, now)
    end
  end
end

redis.call('ZREMRANGEBYSCORE', startsKey, '-inf', fmt(now - keep))
redis.call('ZREMRANGEBYSCORE', errorsKey, '-inf', fmt(now - keep))
redis.call('PEXPIRE', startsKey, math.ceil(keep))
redis.call('PEXPIRE', errorsKey, math.ceil(keep))
local remaining = -1
if bLimit > 0 then remaining = bLimit - recentErrors() end
return { verdict, fmt(ms), fmt(math.max(0, delay())), tostring(remaining), run, fmt(now), fmt(hold) }
`;

export type ScriptOp = 'take' | 'record' | 'reset';

/** The script's reply, decoded. */
export interface ScriptReply {
  verdict: 'started' | 'wait' | 'refused' | 'ok';
  /** Wait (verdict 'wait') or retry-after (verdict 'refused') in ms. */
  ms: number;
  /** ms until the next call could start. */
  nextMs: number;
  /** Errors still allowed (Infinity without a budget). */
  errorsRemaining: number;
  runId: string;
  serverNow: number;
  /** Server time since which a possibly lost history counts as full (0 = never). */
  hold: number;
}

/** The script's ARGV for one step. */
export function scriptArgs(
  op: ScriptOp,
  spec: LimitSpec,
  step: { knownRunId: string; risky?: boolean; starts?: readonly number[]; errors?: readonly number[] },
): string[] {
  const budget = spec.errorBudget;
  const starts = step.starts ?? [];
  const errors = step.errors ?? [];
  return [
    op,
    step.knownRunId,
    step.risky ? '1' : '0',
    String(spec.windows.length),
    ...spec.windows.flatMap((w) => [String(w.limit), String(w.intervalMs)]),
    ...(budget
      ? [String(budget.limit), String(budget.intervalMs), String(budget.reserve), budget.lockout ? '1' : '0']
      : ['0', '0', '0', '0']),
    String(starts.length),
    ...starts.map(String),
    String(errors.length),
    ...errors.map(String),
  ];
}

export function parseReply(reply: unknown): ScriptReply {
  if (!Array.isArray(reply) || reply.length !== 7) {
    throw new Error(`unexpected reply from the limiter script: ${JSON.stringify(reply)}`);
  }
  const [verdict, ms, nextMs, remaining, runId, serverNow, hold] = reply.map(String) as [
    ScriptReply['verdict'],
    ...string[],
  ];
  const errorsRemaining = Number(remaining);
  return {
    verdict,
    ms: Number(ms),
    nextMs: Number(nextMs),
    errorsRemaining: errorsRemaining < 0 ? Number.POSITIVE_INFINITY : errorsRemaining,
    runId: runId!,
    serverNow: Number(serverNow),
    hold: Number(hold),
  };
}
