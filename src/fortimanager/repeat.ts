import type { PreparedCall, RpcMethod } from './types.js';

/**
 * Bulk work is thousands of calls in a row with one method, one URL template and nothing but each
 * call's `data` (10,000 adds to one table). Preparing each of them in full (its options walked, its
 * URL filled, its params entry built, each step a function of its own) is most of what such a loop
 * costs in fortix when it runs once, as a script runs it: V8 compiles each of those functions as it
 * gets hot, mid-run, and until then runs them unoptimized (BENCHMARKS.md, sixth session). A call
 * that repeats the one before it (see {@link onlyData}) is prepared from that one instead: the
 * same filled URL and `{ url, data }` as its params entry, which is what the full path builds for it
 * (the client's default ADOM, which fills `{adom}`, cannot change).
 */
export interface Repeatable {
  readonly method: RpcMethod;
  /** The URL as the caller wrote it (a template, or a literal URL). */
  readonly template: string;
  /** The URL filled. */
  readonly url: string;
  readonly verbose: boolean;
}

/**
 * Whether call options carry nothing but `data`: no other key, and none of the steering options
 * (`params`, `okCodes`, `signal`, `timeoutMs`, `verbose`, `extraParams`) set in a way the walk cannot
 * see (inherited, not enumerable). `item`: the options are a batch item, which also names its
 * `method` and `url`. `data` itself is not read here: a getter is read once, where it is used.
 */
export function onlyData(options: unknown, item: boolean): boolean {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) return false;
  for (const key in options) {
    if (key !== 'data' && !(item && (key === 'method' || key === 'url'))) return false;
  }
  const o = options as Readonly<Record<string, unknown>>;
  return (
    o.params === undefined &&
    o.okCodes === undefined &&
    o.signal === undefined &&
    o.timeoutMs === undefined &&
    o.verbose === undefined &&
    o.extraParams === undefined
  );
}

/** What the calls after `prepared` may reuse, `template` being its URL as given. */
export function repeatable(template: string, prepared: PreparedCall): Repeatable {
  return { method: prepared.method, template, url: prepared.url, verbose: prepared.verbose };
}

/** The call that repeats `before` with its own `data`: what the full preparation gives it. */
export function repeated(before: Repeatable, data: object): PreparedCall {
  const { url } = before;
  return { method: before.method, url, verbose: before.verbose, wire: { url, data }, okCodes: undefined };
}
