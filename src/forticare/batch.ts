import { FortixError, RateLimitError, TransportError } from '../core/errors.js';
import { FortiCareInvalidRequestError, FortiCareOperationError } from './errors.js';
import type { UnitResult, UnitsReply } from './types.js';

/** Why a unit did not succeed. */
export type UnitFailureKind =
  /** FortiCare processed the unit and refused it (see `message`). */
  | 'rejected'
  /** Never sent (the error budget, an abort or an earlier failure stopped the run): safe to send again. */
  | 'not-sent'
  /** Sent, but no answer came back: check with `products.details` before sending it again. */
  | 'unknown';

export interface UnitFailure<U> {
  unit: U;
  serialNumber: string | undefined;
  kind: UnitFailureKind;
  message: string;
  /** The per-unit status FortiCare gave, when it answered for this unit. */
  status?: number;
  /** The error that stopped the whole batch, when there was one. */
  error?: FortixError;
}

/** Everything a batched call did: every success and every failure, nothing hidden. */
export interface BatchResult<U> {
  succeeded: UnitResult[];
  failed: UnitFailure<U>[];
  /** Requests sent. */
  batches: number;
  /** True when every unit succeeded. */
  ok: boolean;
}

/** Per-unit status of units FortiCare skipped because the batch reached its error limit. */
export const UNIT_NOT_PROCESSED = -1;

export interface BatchPlan<U> {
  units: readonly U[];
  size: number;
  serialOf(unit: U): string | undefined;
  send(chunk: U[]): Promise<UnitsReply>;
}

/**
 * Sends `units` in chunks of `size`. A unit FortiCare skipped (it stops a batch after too many
 * failures) is sent once more in a later batch: it was never processed, so that is no duplicate.
 * A chunk refused as a whole stops the run only when the cause is not specific to that chunk.
 * Throws only when no unit got an answer at all (the request as a whole was refused).
 */
export async function runBatches<U>(plan: BatchPlan<U>): Promise<BatchResult<U>> {
  const queue = [...plan.units];
  const requeued = new Set<U>();
  const succeeded: UnitResult[] = [];
  const failed: UnitFailure<U>[] = [];
  let batches = 0;
  let answered = false;
  let firstError: unknown;
  while (queue.length > 0) {
    const chunk = queue.splice(0, plan.size);
    let reply: UnitsReply;
    try {
      batches++;
      reply = await plan.send(chunk);
    } catch (error) {
      firstError ??= error;
      const fortix = error instanceof FortixError ? error : undefined;
      const message = error instanceof Error ? error.message : String(error);
      const kind = wasSent(error) ? (isChunkRefusal(error) ? 'rejected' : 'unknown') : 'not-sent';
      if (kind === 'not-sent') batches--;
      for (const unit of chunk) failed.push(failure(plan, unit, kind, message, fortix));
      if (isChunkRefusal(error)) continue;
      for (const unit of queue.splice(0)) {
        failed.push(failure(plan, unit, 'not-sent', `Not sent: an earlier batch failed: ${message}`, fortix));
      }
      break;
    }
    const results = indexBySerial(reply.assets);
    const retry: U[] = [];
    for (const unit of chunk) {
      const serial = plan.serialOf(unit);
      const result = serial === undefined ? undefined : results.get(serial);
      if (result === undefined) {
        if (reply.status === 0) succeeded.push({ serialNumber: serial ?? '', status: 0, message: null });
        else
          failed.push(
            failure(
              plan,
              unit,
              'unknown',
              'FortiCare did not report on this unit; check it with products.details',
            ),
          );
        continue;
      }
      answered = true;
      if (result.status === 0) succeeded.push(result);
      else if (result.status === UNIT_NOT_PROCESSED && !requeued.has(unit)) {
        requeued.add(unit);
        retry.push(unit);
      } else {
        failed.push({
          ...failure(plan, unit, 'rejected', result.message ?? 'Failed'),
          status: result.status,
        });
      }
    }
    queue.unshift(...retry);
  }
  if (!answered && succeeded.length === 0 && firstError !== undefined) throw firstError;
  return { succeeded, failed, batches, ok: failed.length === 0 };
}

function failure<U>(
  plan: BatchPlan<U>,
  unit: U,
  kind: UnitFailureKind,
  message: string,
  error?: FortixError,
): UnitFailure<U> {
  const out: UnitFailure<U> = { unit, serialNumber: plan.serialOf(unit), kind, message };
  if (error) out.error = error;
  return out;
}

function indexBySerial(assets: UnitResult[] | null | undefined): Map<string, UnitResult> {
  const map = new Map<string, UnitResult>();
  for (const asset of assets ?? [])
    if (asset && typeof asset.serialNumber === 'string') map.set(asset.serialNumber, asset);
  return map;
}

/** FortiCare refused this chunk for its content (bad value, business rule): other chunks may still work. */
function isChunkRefusal(error: unknown): boolean {
  return error instanceof FortiCareInvalidRequestError || error instanceof FortiCareOperationError;
}

/** False when the request is known not to have reached FortiCare. */
function wasSent(error: unknown): boolean {
  if (error instanceof TransportError) return error.requestSent;
  if (error instanceof RateLimitError) return false;
  return error instanceof FortixError && !(error.code === 'VALIDATION_ERROR');
}
