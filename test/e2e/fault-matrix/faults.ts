import {
  PermissionDeniedError,
  ProtocolError,
  RateLimitError,
  TransportError,
} from '../../../src/core/errors.js';
import type { FaultKind, FaultSpec } from '../../../src/simulator/index.js';

/** Every client in the matrix waits this long for a reply; the slow faults take longer. */
export const CALL_TIMEOUT_MS = 200;
/** Retries with tiny delays, so that the matrix runs in seconds. */
export const FAST_RETRY = { retries: 2, minDelayMs: 5, maxDelayMs: 20 };

/** What an operation does when a fault hits it. */
export interface OpTraits {
  /** A reset, a timeout or a 5xx after sending is retried (reads, idempotent writes). */
  readonly retriesAfterSend: boolean;
  /** A 429 is retried (the server did not run the call). */
  readonly retries429: boolean;
  /** Requests the operation sends to its target when nothing goes wrong. */
  readonly baseRequests: number;
  /** The operation logs in (a fault that the server runs but whose reply is lost leaves a session or token the client never learns of). */
  readonly isLogin: boolean;
  /**
   * A refusal of a session that never worked is taken for a real permission denial, not a stale
   * session (FortiManager: -11 right after login means "no permission"), so it is not renewed.
   */
  readonly freshRefusalIsDenial?: boolean;
  /** The credential cannot go stale (HTTP Basic with an access key): a stale-session fault changes nothing. */
  readonly staticCredential?: boolean;
}

/** What a cell must end in. */
export interface Expectation {
  /** 'ok', or the error classes (any of them) with the TransportError kind where it matters. */
  readonly outcome:
    | 'ok'
    | { readonly classes: readonly (abstract new (...args: never[]) => Error)[]; readonly kind?: string };
  /** Requests the target saw. */
  readonly requests: number;
  /** Sessions or tokens the server created although the client could never learn of them. */
  readonly orphans: number;
}

export interface FaultRow {
  /** A fault kind of the simulator, or `none` for the baseline run of each operation. */
  readonly kind: FaultKind | 'none';
  /** The fault, without its target (the cell adds `match`). */
  readonly spec: Omit<FaultSpec, 'match' | 'kind'>;
  /** How long after the operation started the server may still be working on its request. */
  readonly settleMs: number;
  expect(op: OpTraits): Expectation;
}

const failsOnce = (
  op: OpTraits,
  outcome: Expectation['outcome'],
  retried: boolean,
  lostReply = false,
): Expectation =>
  retried
    ? { outcome: 'ok', requests: op.baseRequests + 1, orphans: 0 }
    : { outcome, requests: 1, orphans: lostReply && op.isLogin ? 1 : 0 };

/** No fault: every operation must succeed with its base requests, or the fault cells prove nothing. */
export const BASELINE: FaultRow = {
  kind: 'none',
  spec: {},
  settleMs: 0,
  expect: (op) => ({ outcome: 'ok', requests: op.baseRequests, orphans: 0 }),
};

/**
 * Every fault kind of the simulator, hitting the operation's request once. Adding a fault kind is
 * one row here.
 */
export const FAULT_ROWS: readonly FaultRow[] = [
  {
    kind: 'latency',
    spec: { delayMs: CALL_TIMEOUT_MS + 100 },
    settleMs: CALL_TIMEOUT_MS + 150,
    expect: (op) => failsOnce(op, { classes: [TransportError], kind: 'timeout' }, op.retriesAfterSend, true),
  },
  {
    kind: 'http-error',
    spec: { status: 503 },
    settleMs: 0,
    expect: (op) => failsOnce(op, { classes: [ProtocolError] }, op.retriesAfterSend),
  },
  {
    kind: 'html',
    spec: { status: 502 },
    settleMs: 0,
    expect: (op) => failsOnce(op, { classes: [ProtocolError] }, op.retriesAfterSend),
  },
  {
    kind: 'reset',
    spec: {},
    settleMs: 0,
    expect: (op) => failsOnce(op, { classes: [TransportError], kind: 'reset' }, op.retriesAfterSend),
  },
  {
    kind: 'truncated',
    spec: {},
    settleMs: 50,
    expect: (op) => failsOnce(op, { classes: [TransportError, ProtocolError] }, op.retriesAfterSend, true),
  },
  {
    kind: 'invalid-json',
    spec: {},
    settleMs: 0,
    // HTTP 200 with a broken body: the server may have run the call, so it is never repeated.
    expect: (op) => failsOnce(op, { classes: [ProtocolError] }, false),
  },
  {
    kind: 'slow-body',
    spec: { delayMs: CALL_TIMEOUT_MS / 3 },
    // The server ran the call before it began to dribble the reply.
    settleMs: 50,
    expect: (op) => failsOnce(op, { classes: [TransportError], kind: 'timeout' }, op.retriesAfterSend, true),
  },
  {
    kind: 'rate-limit',
    spec: { retryAfterSec: 0.05 },
    settleMs: 0,
    expect: (op) => failsOnce(op, { classes: [RateLimitError] }, op.retries429),
  },
  {
    kind: 'stale-session',
    spec: {},
    settleMs: 0,
    // The server refused the credential without running the call: one renewal, one replay.
    expect: (op) =>
      op.staticCredential
        ? { outcome: 'ok', requests: op.baseRequests, orphans: 0 }
        : op.isLogin && op.freshRefusalIsDenial
          ? { outcome: { classes: [PermissionDeniedError] }, requests: 1, orphans: 0 }
          : { outcome: 'ok', requests: op.baseRequests + 1, orphans: 0 },
  },
];
