import { inspect } from 'node:util';
import { FortixError } from '../../../src/core/errors.js';
import type { Logger } from '../../../src/core/logging.js';
import type { Expectation, FaultRow } from './faults.js';
import type { Env, OpRow, ProductRow } from './products.js';

/** A cell that has not settled after this long is a hang. */
const HANG_MS = 5_000;

export interface CellResult {
  readonly id: string;
  readonly expected: Expectation;
  /** 'ok', or the error's class name (and kind). */
  readonly outcome: string;
  readonly error: unknown;
  /** The outcome is the expected one: success, or a typed error of an expected class. */
  readonly typed: boolean;
  readonly hung: boolean;
  readonly faultHit: boolean;
  readonly requests: number;
  /** Non-idempotent writes the server ran more than once. */
  readonly duplicates: number;
  /** Sessions, locks and tokens left after close(), beyond the expected orphans. */
  readonly leaks: number;
  readonly orphans: number;
  /** Secrets found in a log line or an error view. */
  readonly secretHits: readonly string[];
  readonly ms: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A logger that keeps every line (message + metadata). */
function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const record = (level: string) => (msg: string, meta?: Record<string, unknown>) => {
    lines.push(`${level} ${msg}${meta === undefined ? '' : ` ${JSON.stringify(meta)}`}`);
  };
  return {
    lines,
    debug: record('debug'),
    info: record('info'),
    warn: record('warn'),
    error: record('error'),
  };
}

/** `promise`'s outcome, or `hung` when it takes longer than HANG_MS. */
async function settle(promise: Promise<unknown>): Promise<{ error?: unknown; hung: boolean }> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<'hung'>((resolve) => {
    timer = setTimeout(resolve, HANG_MS, 'hung');
  });
  try {
    const result = await Promise.race([promise.then(() => 'ok' as const), hang]);
    return { hung: result === 'hung' };
  } catch (error) {
    return { error, hung: false };
  } finally {
    clearTimeout(timer);
  }
}

/** Every way an error is shown: message, stack, causes, JSON, util.inspect. */
export function errorViews(error: unknown): string[] {
  const views: string[] = [];
  const seen = new Set<unknown>();
  for (let current = error; current && !seen.has(current); current = (current as { cause?: unknown }).cause) {
    seen.add(current);
    if (current instanceof Error) views.push(current.message, current.stack ?? '');
    else views.push(String(current));
    if (current instanceof AggregateError)
      for (const inner of current.errors) views.push(...errorViews(inner));
  }
  if (error !== undefined) views.push(JSON.stringify(error) ?? '', inspect(error, { depth: 10 }));
  return views;
}

function describeOutcome(error: unknown): string {
  if (error === undefined) return 'ok';
  if (!(error instanceof Error)) return typeof error;
  const kind = (error as { kind?: unknown }).kind;
  return typeof kind === 'string' ? `${error.name}(${kind})` : error.name;
}

function matches(expected: Expectation['outcome'], error: unknown): boolean {
  if (expected === 'ok') return error === undefined;
  if (!(error instanceof FortixError)) return false;
  if (!expected.classes.some((c) => error instanceof c)) return false;
  return expected.kind === undefined || (error as { kind?: unknown }).kind === expected.kind;
}

function leftovers(env: Env): { sessions: number; locks: number; tokens: number } {
  const fmg = env.sim.fortimanager.stats();
  return { sessions: fmg.sessions, locks: fmg.locks, tokens: env.sim.forticloud.stats().active };
}

/**
 * Runs one cell: a fresh client (logged in first unless the operation is the login), the fault armed
 * on the operation's request, the operation, close(); then what the server saw, what is left
 * behind, and where secrets went. The simulator is reset for the next cell.
 */
export async function runCell<C extends { close(): Promise<void> }>(
  env: Env,
  product: ProductRow<C>,
  op: OpRow<C>,
  fault: FaultRow,
): Promise<CellResult> {
  const id = `${product.name} / ${op.kind} / ${fault.kind}`;
  const expected = fault.expect(op);
  const logger = recordingLogger();
  const start = env.tap.mark();
  const client = product.client(env, logger);
  const started = Date.now();
  let outcome: { error?: unknown; hung: boolean } = { hung: false };
  let faultHit = false;
  let requests = 0;
  let duplicates = 0;
  let opStarted = Date.now();
  try {
    if (op.warm) await product.warmUp(client);
    const prepared = await op.prepare(env, id, client);
    const target =
      fault.kind === 'stale-session' && prepared.staleTarget ? prepared.staleTarget : prepared.target;
    const armed = env.sim.faults.pending;
    const kind = fault.kind;
    const disarm = kind === 'none' ? () => {} : env.sim.faults.inject({ ...fault.spec, kind, match: target });
    const mark = env.tap.mark();
    opStarted = Date.now();
    outcome = await settle(prepared.run(client));
    faultHit = env.sim.faults.pending === armed;
    disarm();
    requests = env.tap.seenSince(mark, target).length;
    const marker = prepared.marker;
    if (marker !== undefined) {
      const ran = env.tap.handledSince(
        mark,
        (req) => target(req) && req.body.toString('utf8').includes(marker),
      );
      duplicates = Math.max(0, ran.filter((r) => !r.refusedCredential).length - 1);
    }
  } catch (error) {
    outcome = { error, hung: false };
  }
  const closed = await settle(client.close());
  const ms = Date.now() - started;
  // The server may still be working on a request the client gave up on: let it finish first.
  await sleep(opStarted + fault.settleMs - Date.now());
  const left = leftovers(env);
  const remaining = left.sessions + left.locks + left.tokens + ((await product.leftovers?.(env, start)) ?? 0);
  const views = [...logger.lines, ...errorViews(outcome.error), ...errorViews(closed.error)].join('\n');
  const secretHits = [...env.tap.secrets].filter((secret) => views.includes(secret));
  env.sim.fortimanager.expireSessions();
  env.sim.forticloud.revokeAll();
  return {
    id,
    expected,
    outcome: describeOutcome(outcome.error),
    error: outcome.error,
    typed: !outcome.hung && matches(expected.outcome, outcome.error) && closed.error === undefined,
    hung: outcome.hung || closed.hung,
    faultHit,
    requests,
    duplicates,
    leaks: Math.max(0, remaining - expected.orphans),
    orphans: Math.min(remaining, expected.orphans),
    secretHits,
    ms,
  };
}
