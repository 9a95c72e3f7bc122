/**
 * What the FortiAnalyzer workflows need from the client: apiver-3 calls (JSON-RPC 2.0, every
 * parameter beside `url`), the clock, and the default ADOM.
 */
import type { Clock } from '../core/clock.js';
import { ValidationError } from '../core/errors.js';
import { escapeName } from '../fortimanager/url-escape.js';

/** Per-call options. */
export interface CallOptions {
  readonly signal?: AbortSignal | undefined;
  readonly timeoutMs?: number | undefined;
}

export type FazMethod = 'get' | 'add' | 'set' | 'update' | 'delete' | 'exec';

export interface FazCaller {
  /**
   * One apiver-3 call; answers the reply's `result` (undefined when the reply has none) or throws the
   * typed error of an `error` envelope or of a `result.status` that is not 0.
   */
  v3(
    method: FazMethod,
    url: string,
    params: Readonly<Record<string, unknown>>,
    options?: CallOptions,
  ): Promise<unknown>;
  readonly clock: Clock;
  /** The ADOM used when a call names none. */
  adom(given: string | undefined): string;
}

/** `value` as an object (an empty one when it is not). */
export function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** `value.data` as a list (the shape most apiver-3 replies carry their rows in). */
export function dataList<T = Record<string, unknown>>(value: unknown): T[] {
  const data = record(value).data;
  return Array.isArray(data) ? (data as T[]) : [];
}

/** A non-empty string option. */
export function nonEmpty(value: string, path: string): string {
  if (typeof value !== 'string' || value === '')
    throw new ValidationError(`${path} must be a non-empty string`, path);
  return value;
}

/** An ADOM or other name as one URL step (escaped as FortiManager and FortiAnalyzer read URLs). */
export function segment(value: string, path: string): string {
  return escapeName(nonEmpty(value, path), path);
}

/** An integer option within bounds (the appliance refuses or ignores others). */
export function bounded(
  value: number | undefined,
  fallback: number,
  min: number,
  max: number,
  path: string,
): number {
  const chosen = value ?? fallback;
  if (!Number.isInteger(chosen) || chosen < min || chosen > max) {
    throw new ValidationError(`${path} must be an integer from ${min} to ${max}`, path);
  }
  return chosen;
}
